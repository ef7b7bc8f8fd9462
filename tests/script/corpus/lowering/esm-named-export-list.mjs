// export lists with renames, exporting a function named test, and string export names
const helper = () => 'helper';
function main() { return [helper(), internal]; }
let internal = 'internal';
export { helper, main as test, internal as "string name" };
