// The Node.js side of the method corpus (tests/unit/tst_methodcorpus.cpp):
//   node tests/script/method-runner.mjs <case.{js,cjs,mjs,ts,mts,cts}> '<arguments JSON>'
// loads a case the way Node would (TypeScript compiled with the pinned `typescript` package), finds
// the method the way Authdesk does (module.exports = fn, a default export, or an export named
// `test`), calls it with the argument object, awaits it, and prints one JSON line:
//   {"result": <JSON.stringify of the value>}  or  {"error": {"name": ..., "message": ...}}
// plus the console lines the method wrote, as {"console": [[level, text], ...]}. An error also
// gives "errorLine": the line of the first stack frame in the case's file (0 when none), which
// tst_methodcorpus checks against a case's `// error-line:` and leaves out of the comparison.
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, 'package.json'));

const [casePath, argumentsJson] = process.argv.slice(2);
const file = path.resolve(casePath);

const consoleLines = [];
for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    console[level] = (...values) => {
        consoleLines.push([level, values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' ')]);
    };
}

async function load() {
    if (/\.[cm]?ts$/.test(file)) {
        // .ts and .mts as ES modules; .cts as CommonJS (where `import x = require()` belongs).
        const commonJs = file.endsWith('.cts');
        const ts = require('typescript');
        const output = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
            compilerOptions: { module: commonJs ? ts.ModuleKind.CommonJS : ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
            fileName: file,
        });
        // Next to the cases, so that bare imports ('axios') resolve from tests/script/node_modules.
        const compiled = path.join(here, '.transpiled', path.basename(file).replace(/\.[cm]?ts$/, commonJs ? '.cjs' : '.mjs'));
        fs.mkdirSync(path.dirname(compiled), { recursive: true });
        fs.writeFileSync(compiled, output.outputText);
        return commonJs ? { default: require(compiled) } : import(pathToFileURL(compiled).href);
    }
    if (file.endsWith('.mjs'))
        return import(pathToFileURL(file).href);
    return { default: require(file) };
}

function methodOf(module) {
    const exported = module.default !== undefined ? module.default : module;
    if (typeof exported === 'function')
        return exported;
    if (exported && typeof exported.default === 'function')
        return exported.default;
    if (exported && typeof exported.test === 'function')
        return exported.test;
    if (typeof module.test === 'function')
        return module.test;
    throw new Error('the case exports no method');
}

try {
    const method = methodOf(await load());
    const value = await method(JSON.parse(argumentsJson || '{}'));
    const text = JSON.stringify(value);
    process.stdout.write(JSON.stringify({ result: text === undefined ? null : JSON.parse(text), undefined: text === undefined, console: consoleLines }) + '\n');
} catch (error) {
    let errorLine = 0;
    const stack = error && typeof error.stack === 'string' ? error.stack : '';
    for (const frame of stack.split('\n').slice(1)) {
        const at = frame.match(/(?:file:\/\/)?([^\s()]+):(\d+):\d+\)?$/);
        if (at && (path.resolve(at[1]) === file || path.resolve(at[1]) === fs.realpathSync(file))) {
            errorLine = Number(at[2]);
            break;
        }
    }
    process.stdout.write(JSON.stringify({ error: { name: error && error.name, message: error && error.message }, console: consoleLines, errorLine }) + '\n');
}
