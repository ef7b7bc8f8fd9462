// Every character up to U+00FF is one byte.
report(btoa('\u00ff\u00fe\u00e9\u0000\u0080'));
var all = '';
for (var i = 0; i < 256; ++i)
    all += String.fromCharCode(i);
report(btoa(all));
