// authdesk-load-error: error-syntax-after-lowering.js:5:28: SyntaxError: unexpected token `)`
// a syntax error after code that the front end would lower is reported at its original position
const o = { ...{ a: 1 } };
async function f() { await null; }
module.exports = (a => a + );
