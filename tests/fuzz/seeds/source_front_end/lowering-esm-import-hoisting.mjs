// imports are hoisted: code above the import statement, and functions declared before it, use the binding
const early = hash('early');
function hash(v) { return createHash('sha256').update(v).digest('hex').slice(0, 8); }
import { createHash } from 'crypto';
export default function test() { return [early, hash('late')]; }
