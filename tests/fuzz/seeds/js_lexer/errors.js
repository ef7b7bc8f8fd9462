'unterminated
"also \xZZ bad
x = /unterminated
/a/gg; 0x; 1__0; 1_; 0_1; 3in; 0b12; 08n; 1.5n; # \u00; a\u0020b; €
`open ${ a } and /* never closed
