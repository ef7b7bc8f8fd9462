// Runner A of the differential harness (runner B is tests/unit/tst_builtinscorpus.cpp):
//   node tests/script/node-runner.mjs <case.js>
// runs one case of tests/script/corpus in this Node process and prints one line per report(value),
// serialised by tests/script/report.js, which the QJSEngine runner evaluates too.
//
//   node tests/script/node-runner.mjs --prelude <case.js>...
// runs each case in a fresh V8 context that has lib/script/js/polyfills.js and web.js instead of
// Node's own built-ins, so that our implementations run on V8 too: their output has to be the same
// as with Node's built-ins. With more than one case, each case's lines follow a line "### <case.js>".
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const sourceRoot = path.resolve(here, '..', '..');

function runScript(file) {
    vm.runInThisContext(fs.readFileSync(file, 'utf8'), { filename: file });
}

// The ECMAScript built-ins the prelude provides and V8 has: removed from a context before the prelude
// runs in it. (A new context has none of Node's host objects: no Buffer, URLSearchParams, ...)
const nativeMembers = `(function () {
    var typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
    var members = [
        [Array.prototype, ['flat', 'flatMap', 'at', 'findLast', 'findLastIndex']],
        [String.prototype, ['at', 'replaceAll', 'matchAll', 'trimStart', 'trimEnd', 'trimLeft', 'trimRight']],
        [typedArrayPrototype, ['at', 'findLast', 'findLastIndex']],
        [Object, ['fromEntries', 'hasOwn']],
        [Promise, ['allSettled', 'any']],
        [Promise.prototype, ['finally']],
        [Symbol.prototype, ['description']],
        [globalThis, ['AggregateError', 'queueMicrotask', 'globalThis']]
    ];
    members.forEach(function (member) {
        member[1].forEach(function (name) {
            if (!delete member[0][name])
                throw new Error('cannot delete ' + name);
        });
    });
    ['at', 'flat', 'flatMap', 'findLast', 'findLastIndex'].forEach(function (name) {
        delete Array.prototype[Symbol.unscopables][name];
    });
})();`;

const preludeFiles = ['polyfills.js', 'lazy.js', 'web.js'].map((name) => path.join(sourceRoot, 'lib', 'script', 'js', name));

// Runs a case and what it queued; `run(file)` evaluates a file where the case lives.
async function runCase(file, run, harness) {
    try {
        run(path.resolve(file));
    } catch (error) {
        harness.uncaught(error);
    }
    // Promise jobs all run before an immediate; a few rounds let unhandled rejections be noticed too.
    for (let round = 0; round < 5; ++round)
        await new Promise((resolve) => setImmediate(resolve));
}

let currentHarness = null;
process.on('unhandledRejection', (reason) => currentHarness.unhandledRejection(reason));

async function runNative(file) {
    runScript(path.join(here, 'report.js'));
    currentHarness = globalThis.__report;
    await runCase(file, runScript, currentHarness);
    process.stdout.write(currentHarness.lines.map((line) => line + '\n').join(''));
}

async function runWithPrelude(files) {
    for (const file of files) {
        const context = vm.createContext({});
        const runInContext = (name) => vm.runInContext(fs.readFileSync(name, 'utf8'), context, { filename: name });
        vm.runInContext(nativeMembers, context);
        preludeFiles.forEach(runInContext);
        runInContext(path.join(here, 'report.js'));
        currentHarness = vm.runInContext('__report', context);
        await runCase(file, runInContext, currentHarness);
        const header = files.length > 1 ? `### ${file}\n` : '';
        process.stdout.write(header + currentHarness.lines.map((line) => line + '\n').join(''));
    }
}

async function main() {
    const args = process.argv.slice(2);
    const withPrelude = args[0] === '--prelude';
    const files = withPrelude ? args.slice(1) : args;
    if (files.length === 0 || (!withPrelude && files.length !== 1)) {
        process.stderr.write('usage: node tests/script/node-runner.mjs <case.js>\n'
            + '       node tests/script/node-runner.mjs --prelude <case.js>...\n');
        process.exit(2);
    }
    if (withPrelude)
        await runWithPrelude(files);
    else
        await runNative(files[0]);
}

main();
