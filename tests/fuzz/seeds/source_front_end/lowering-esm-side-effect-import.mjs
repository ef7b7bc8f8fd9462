// a side-effect-only import and a module with several statements before the export
import 'crypto';
const list = [];
list.push('top level ran');
export default function test() { return list; }
