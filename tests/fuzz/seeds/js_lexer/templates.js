`plain`; `a${b}c`; `a${b}c${d}e`; `a${`b${c}`}d`; `${ {a: 1}.a }`; `${ { } }`;
`multi
line ${x} \` \${not} $ { }`; tag`\unicode and \u{} and \x`; `${`${`${deep}`}`}`;
`${ (() => { return { a: `x${y}` }; })() }`; `${a / b}`; `${/re/.test(a)}`; `a` / 2;
