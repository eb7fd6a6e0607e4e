// Loads the TextMate grammar in a real TextMate engine (vscode-textmate, with
// the Oniguruma regex library compiled to WebAssembly by vscode-oniguruma, as
// VS Code does) and tokenizes .care files with it.
//
//   node tests/textmate/tokenize.mjs GRAMMAR.json DIR_OR_FILE...
//
// Folders are searched recursively for .care files. Checks:
//   - the grammar loads, names source.aftercare and the .care file type, every
//     regular expression compiles and every #include resolves;
//   - every line of every file tokenizes without throwing or stopping early,
//     and ends back at the top level (nothing carries over to the next line);
//   - coverage: every non-blank character has a scope besides source.aftercare
//     and the meta.* scopes that only group a statement or clause;
//   - no invalid.illegal scope, except where an expectation asks for one;
//   - expectations written in the files themselves (tests/textmate/fixture.care):
//     a comment line of carets under a line names scopes the marked columns
//     must have, or after `-` must not have; `# <-` marks column 0:
//
//         day 4..6: allow rinse
//         #   ^^^^ constant.numeric.day.aftercare
//         # <- keyword.other.window.day.aftercare
//
//     A scope in an expectation matches that scope or any scope below it
//     (`constant.numeric` matches `constant.numeric.day.aftercare`).
// Prints one line per check and `N passed, M failed`; exits 0 only if
// something was checked and nothing failed.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

// ESM ignores NODE_PATH, so packages are looked up there by hand (ctest sets it
// to the node_modules that `npm ci` filled in the build tree).
function packagePlaces() {
    const places = (process.env.NODE_PATH || '').split(path.delimiter).filter(Boolean);
    places.push(path.join(here, 'node_modules'));
    return places.map((place) => path.resolve(place));
}

function loadPackage(name) {
    for (const folder of packagePlaces()) {
        try {
            return createRequire(path.join(folder, 'noop.js'))(path.join(folder, name));
        } catch {
            // try the next place
        }
    }
    throw new Error(`cannot load ${name}; run npm ci in tests/textmate`);
}

function resolveFile(name) {
    for (const folder of packagePlaces()) {
        try {
            return createRequire(path.join(folder, 'noop.js')).resolve(path.join(folder, name));
        } catch {
            // try the next place
        }
    }
    throw new Error(`cannot find ${name}; run npm ci in tests/textmate`);
}

const [grammarArg, ...inputs] = process.argv.slice(2);
if (!grammarArg || inputs.length === 0) {
    console.error('usage: node tokenize.mjs GRAMMAR.json DIR_OR_FILE...');
    process.exit(2);
}

let passed = 0;
let failed = 0;
function report(ok, what, detail) {
    if (ok) passed++; else failed++;
    console.log(`${ok ? 'ok     ' : 'FAILED '} ${what}${!ok && detail ? '\n    ' + detail : ''}`);
}
function finish() {
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

const vsctm = loadPackage('vscode-textmate');
const oniguruma = loadPackage('vscode-oniguruma');

// ---------------------------------------------------------------- the grammar

const grammarPath = path.resolve(grammarArg);
const grammarText = readFileSync(grammarPath, 'utf8');
let rawGrammar;
try {
    rawGrammar = JSON.parse(grammarText);
    report(true, `${path.basename(grammarPath)} is JSON`);
} catch (error) {
    report(false, `${path.basename(grammarPath)} is JSON`, error.message);
    finish();
}
const scopeName = 'source.aftercare';
report(rawGrammar.scopeName === scopeName, `scopeName is ${scopeName}`, `scopeName is ${rawGrammar.scopeName}`);
report(Array.isArray(rawGrammar.fileTypes) && rawGrammar.fileTypes.includes('care'),
       'fileTypes lists care', `fileTypes is ${JSON.stringify(rawGrammar.fileTypes)}`);

const wasm = readFileSync(resolveFile('vscode-oniguruma/release/onig.wasm'));
await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));

// The engine compiles a rule's expressions only when a line reaches it, so
// every one is compiled here, reached or not.
{
    const bad = [];
    let count = 0;
    const includes = [];
    (function walk(node, where) {
        if (Array.isArray(node)) {
            node.forEach((item, i) => walk(item, `${where}[${i}]`));
        } else if (node && typeof node === 'object') {
            for (const [key, value] of Object.entries(node)) {
                if (['match', 'begin', 'end', 'while'].includes(key) && typeof value === 'string') {
                    count++;
                    try {
                        new oniguruma.OnigScanner([value]).dispose();
                    } catch (error) {
                        bad.push(`${where}.${key}: ${error.message}`);
                    }
                } else if (key === 'include' && typeof value === 'string') {
                    includes.push([where, value]);
                } else {
                    walk(value, `${where}.${key}`);
                }
            }
        }
    })(rawGrammar, '$');
    report(count > 0 && bad.length === 0, `${count} regular expressions compile in Oniguruma`, bad.join('\n    '));
    const repository = rawGrammar.repository || {};
    const unresolved = includes.filter(([, name]) => !(name === '$self' || name === '$base'
        || (name.startsWith('#') && Object.hasOwn(repository, name.slice(1)))));
    report(includes.length > 0 && unresolved.length === 0, `${includes.length} includes resolve`,
           unresolved.map(([where, name]) => `${where}: ${name}`).join('\n    '));
}

const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
        createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (name) => (name === scopeName ? vsctm.parseRawGrammar(grammarText, grammarPath) : null),
});
let grammar = null;
try {
    grammar = await registry.loadGrammar(scopeName);
} catch (error) {
    report(false, 'vscode-textmate loads the grammar', error.message);
    finish();
}
report(grammar !== null, 'vscode-textmate loads the grammar');
if (grammar === null) finish();
const topLevel = grammar.tokenizeLine('', vsctm.INITIAL).ruleStack;

// ---------------------------------------------------------------- the files

function careFiles(input) {
    const stat = statSync(input);
    if (!stat.isDirectory()) return [input];
    return readdirSync(input, { withFileTypes: true })
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .flatMap((entry) => {
            const full = path.join(input, entry.name);
            if (entry.isDirectory()) return careFiles(full);
            return entry.name.endsWith('.care') ? [full] : [];
        });
}

const files = [];
for (const input of inputs) {
    try {
        const found = careFiles(input);
        report(found.length > 0, `${input}: ${found.length} .care file${found.length === 1 ? '' : 's'}`, 'no .care file found');
        files.push(...found);
    } catch (error) {
        report(false, `${input} can be read`, error.message);
    }
}

// `# <- SCOPE...` or `#   ^^^ SCOPE... - SCOPE...`: an expectation on the
// nearest line above that is not an expectation itself.
const expectationLine = /^#([ \t]*)(<-|\^+)[ \t]+((?:-|[a-z][\w.-]*)(?:[ \t]+(?:-|[a-z][\w.-]*))*)[ \t]*$/;

function has(scopes, wanted) {
    return scopes.some((scope) => scope === wanted || scope.startsWith(wanted + '.'));
}
function isOwnScope(scope) {
    return scope !== scopeName && !scope.startsWith('meta.');
}
function show(text) {
    return JSON.stringify(text);
}

let expectationCount = 0;
for (const file of files) {
    const name = path.relative(process.cwd(), file) || file;
    const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();

    // Scopes of every character, line by line, tokenized as an editor does:
    // each line starts from the state the line above left.
    const charScopes = [];
    const problems = [];
    let state = vsctm.INITIAL;
    lines.forEach((line, i) => {
        const scopes = new Array(line.length).fill(null);
        try {
            const result = grammar.tokenizeLine(line, state);
            if (result.stoppedEarly) problems.push(`line ${i + 1}: tokenizing stopped early`);
            for (const token of result.tokens) {
                for (let c = token.startIndex; c < Math.min(token.endIndex, line.length); c++) scopes[c] = token.scopes;
            }
            state = result.ruleStack;
            if (!state.equals(topLevel)) {
                problems.push(`line ${i + 1}: ends inside a rule, which would carry over to the next line`);
                state = topLevel;
            }
        } catch (error) {
            problems.push(`line ${i + 1}: ${error.stack || error}`);
            state = vsctm.INITIAL;
        }
        charScopes.push(scopes);
    });
    report(problems.length === 0, `${name}: ${lines.length} lines tokenize`, problems.slice(0, 10).join('\n    '));

    // Expectations.
    const expectedInvalid = new Set();
    let target = -1;
    lines.forEach((line, i) => {
        const m = expectationLine.exec(line);
        if (!m) {
            target = i;
            return;
        }
        expectationCount++;
        const columns = m[2] === '<-' ? [0] : [...m[2]].map((_, k) => 1 + m[1].length + k);
        const present = [];
        const absent = [];
        let negative = false;
        for (const word of m[3].split(/[ \t]+/)) {
            if (word === '-') negative = true;
            else (negative ? absent : present).push(word);
        }
        const where = `${name}:${i + 1}`;
        if (target < 0) {
            report(false, `${where}: expectation`, 'no line above it to check');
            return;
        }
        const text = lines[target].slice(columns[0], columns[columns.length - 1] + 1);
        const what = `${name}:${target + 1}:${columns[0] + 1} ${show(text)}: ${[...present, ...absent.map((s) => '-' + s)].join(' ')}`;
        const wrong = [];
        for (const column of columns) {
            const scopes = charScopes[target][column];
            if (!scopes) {
                wrong.push(column < lines[target].length ? `column ${column + 1} was not tokenized`
                                                         : `column ${column + 1} is past the end of the line`);
                continue;
            }
            const missing = present.filter((scope) => !has(scopes, scope));
            const unwanted = absent.filter((scope) => has(scopes, scope));
            if (missing.length || unwanted.length) {
                wrong.push(`column ${column + 1} ${show(lines[target][column])} has ${scopes.join(' ')}`);
            }
            if (present.some((scope) => scope === 'invalid' || scope.startsWith('invalid.'))) {
                expectedInvalid.add(`${target}:${column}`);
            }
        }
        report(wrong.length === 0, what, wrong.slice(0, 3).join('\n    '));
    });

    // Coverage and invalid scopes.
    const unscoped = [];
    const invalid = [];
    lines.forEach((line, i) => {
        for (let c = 0; c < line.length; c++) {
            if (line[c] === ' ' || line[c] === '\t') continue;
            const scopes = charScopes[i][c] || [];
            if (!scopes.some(isOwnScope)) {
                unscoped.push(`${name}:${i + 1}:${c + 1} ${show(line[c])} has only ${scopes.join(' ') || 'no scope'}: ${line.trim()}`);
            }
            if (has(scopes, 'invalid') && !expectedInvalid.has(`${i}:${c}`)) {
                invalid.push(`${name}:${i + 1}:${c + 1} ${show(line[c])} has ${scopes.join(' ')}`);
            }
        }
    });
    report(unscoped.length === 0, `${name}: every non-blank character has a scope of its own`,
           `${unscoped.length} characters without one, e.g.\n    ${unscoped.slice(0, 10).join('\n    ')}`);
    report(invalid.length === 0, `${name}: no invalid.illegal scope where none is expected`,
           `${invalid.length} characters, e.g.\n    ${invalid.slice(0, 10).join('\n    ')}`);
}

report(files.length > 0, `${files.length} .care files tokenized`, 'nothing to tokenize');
report(expectationCount > 0, `${expectationCount} expectations checked`,
       'no expectation found; give tests/textmate/fixture.care');
finish();
