a / b / c; x = /=/g; x /= 2;
if (x) /re/.test(y); while (f(x)) /a/.exec(s); for (;;) /b/; with (o) /c/;
(a) / 2; a[0] / 2; this / 2; 1 / 2; 'x' / 2; `t` / 2; /r/ / 2;
i++ / 2; ++/x/.lastIndex; !/y/.test(s); typeof /z/; void /w/; return /v/;
{} /block/.test(s); x = {} / 2; x = a ? /b/ : /c/; [/d/, /e/]; f(/g/);
a.return / 2; a.if(x) / 2; yield /h/; await /i/; case /j/: x = y
/k/g.exec(z);
/[/]/; /\//; /[\]/]/; /a/dgimsuvy; x! / 2; a\u0020b
