// export default of a named function declaration, used before its declaration
const viaHoisting = test.name;
export default function test() {
  return ['default function', viaHoisting, typeof test];
}
