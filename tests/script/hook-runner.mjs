// Runs one exported hook of a CommonJS connector file in Node.js, for tests that compare Authdesk
// with Node (tests/unit/tst_seedhooks.cpp):
//   node tests/script/hook-runner.mjs <file.js> <methodName> '<arguments JSON>'
// prints one JSON line: {"result": <JSON.stringify of the awaited value>} or {"error": {name, message}}.
import process from 'node:process';
import path from 'node:path';
import { createRequire } from 'node:module';

const [file, methodName, argumentsJson] = process.argv.slice(2);
const require = createRequire(import.meta.url);

try {
    const exported = require(path.resolve(file));
    const method = exported[methodName];
    if (typeof method !== 'function')
        throw new Error(`${file} exports no ${methodName}`);
    const value = await method(JSON.parse(argumentsJson || '{}'));
    const text = JSON.stringify(value);
    process.stdout.write(JSON.stringify({ result: text === undefined ? null : JSON.parse(text) }) + '\n');
} catch (error) {
    process.stdout.write(JSON.stringify({ error: { name: error && error.name, message: error && error.message } }) + '\n');
}
