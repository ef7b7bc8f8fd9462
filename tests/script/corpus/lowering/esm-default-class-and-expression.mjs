// export default of an expression; classes exported by name
export class Greeter { greet(n) { return 'hi ' + n; } }
const prefix = '>';
export default (args) => [prefix, new Greeter().greet('ada'), typeof args.base];
