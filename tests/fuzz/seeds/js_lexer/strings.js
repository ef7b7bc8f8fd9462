'a'; "b"; ''; "it's"; 'say "hi"'; '\n\t\\\'\"'; "\x41\u0041\u{41}\u{10FFFF}";
'line \
continued'; '\0'; '\08'; '\7'; '\8'; 'a b';
