// Validates aftercare's compiled JSON against docs/aftercare.schema.json.
//
//   node tests/schema/validate.mjs SCHEMA.json AFTERCARE_BINARY DIR...
//
// For each DIR (searched recursively):
//   - every NAME.json that sits next to a NAME.care (a golden expected output) is validated;
//   - every .care file that is a protocol (not a vocabulary) is compiled with
//     `AFTERCARE_BINARY compile FILE` and its standard output is validated.
//     A protocol that does not compile is a failure.
// Then a self-check: deliberately broken copies of a valid document (the first
// one with rules)
// must be REJECTED, proving the schema is strict.
//
// ajv and ajv-formats are resolved from NODE_PATH (ctest points it at an
// `npm ci`-installed node_modules; ESM imports ignore NODE_PATH), falling back
// to a node_modules next to this script.
//
// Prints one line per document and ends with `N passed, M failed`. Exits 0
// only if nothing failed and at least one document was validated.

import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function loadPackage(name) {
    const places = (process.env.NODE_PATH || '').split(path.delimiter).filter(Boolean);
    places.push(path.join(here, 'node_modules'));
    const errors = [];
    for (const place of places) {
        // NODE_PATH names node_modules folders: load the package from inside one.
        const folder = path.resolve(place);
        const require = createRequire(path.join(folder, 'noop.js'));
        try {
            return require(path.join(folder, name));
        } catch (error) {
            errors.push(`${place}: ${error.message.split('\n')[0]}`);
        }
    }
    throw new Error(`cannot load '${name}' (set NODE_PATH to a node_modules with it; run npm ci in tests/schema)\n  ` +
                    errors.join('\n  '));
}

function usage(message) {
    process.stderr.write(`validate.mjs: ${message}\n` +
                         'usage: node validate.mjs SCHEMA.json AFTERCARE_BINARY DIR...\n');
    process.exit(2);
}

const [schemaPath, binary, ...dirs] = process.argv.slice(2);
if (!schemaPath || !binary || dirs.length === 0) usage('missing arguments');
for (const dir of dirs) {
    if (!existsSync(dir)) usage(`no such folder: ${dir}`);
}

let Ajv2020, addFormats;
try {
    const ajvModule = loadPackage('ajv/dist/2020');
    Ajv2020 = ajvModule.default ?? ajvModule.Ajv2020 ?? ajvModule;
    const formatsModule = loadPackage('ajv-formats');
    addFormats = formatsModule.default ?? formatsModule;
} catch (error) {
    process.stderr.write(`validate.mjs: ${error.message}\n`);
    process.exit(2);
}

let validate;
try {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
} catch (error) {
    process.stderr.write(`validate.mjs: the schema ${schemaPath} does not compile: ${error.message}\n`);
    process.exit(1);
}

// Every file below `dir`, sorted so the output is stable.
function walk(dir) {
    const out = [];
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) out.push(...walk(full));
        else if (entry.isFile()) out.push(full);
    }
    return out.sort();
}

// A vocabulary file has a line starting with `vocabulary ` (the grammar allows blanks before it).
function isVocabulary(file) {
    return /^[ \t]*vocabulary[ \t]/m.test(readFileSync(file, 'utf8'));
}

function describe(errors) {
    return (errors || []).slice(0, 10).map((e) => {
        const params = e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : '';
        return `    ${e.instancePath || '/'} ${e.message}${params}`;
    }).join('\n');
}

let passed = 0;
let failed = 0;
let firstValid = null;

function pass(label) {
    passed += 1;
    console.log(`ok      ${label}`);
}
function fail(label, why) {
    failed += 1;
    console.log(`FAILED  ${label}\n${why}`);
}

function check(label, text) {
    let document;
    try {
        document = JSON.parse(text);
    } catch (error) {
        fail(label, `    not JSON: ${error.message}`);
        return;
    }
    if (validate(document)) {
        // The self-check prefers a document with rules and a resolved view to break.
        const rich = document.rules?.length > 0 && document.resolved?.length > 0;
        if (firstValid === null || (rich && !firstValid.rich)) firstValid = { label, document, rich };
        pass(label);
    } else {
        fail(label, describe(validate.errors));
    }
}

for (const dir of dirs) {
    const files = walk(dir);
    const names = new Set(files);
    for (const file of files) {
        if (file.endsWith('.json') && names.has(file.slice(0, -'.json'.length) + '.care')) {
            check(`${file} (expected output)`, readFileSync(file, 'utf8'));
        }
    }
    for (const file of files) {
        if (!file.endsWith('.care') || isVocabulary(file)) continue;
        const label = `${file} (compiled)`;
        let stdout;
        try {
            stdout = execFileSync(binary, ['compile', file], {
                encoding: 'utf8',
                stdio: ['ignore', 'pipe', 'pipe'],
                maxBuffer: 256 * 1024 * 1024,
            });
        } catch (error) {
            const status = error.status ?? error.signal ?? error.code;
            const stderr = String(error.stderr || '').trimEnd().split('\n').map((l) => `    ${l}`).join('\n');
            fail(label, `    aftercare compile exited with ${status}\n${stderr}`);
            continue;
        }
        check(label, stdout);
    }
}

// Self-check: the schema must reject documents that break it. Each mutation
// changes one thing in a copy of a valid document.
if (firstValid) {
    const mutations = [
        ['an unknown top-level property', (d) => { d.unexpected = true; }],
        ['another schema version', (d) => { d.schema = 'aftercare/protocol/2'; }],
        ['a missing required property', (d) => { delete d.resolved; }],
        ['an unknown property in source.location', (d) => { d.source.location.offset = 0; }],
        ['line 0', (d) => { d.source.location.line = 0; }],
        ['a malformed retrieved date', (d) => { d.source.retrieved = '1 May 2026'; }],
    ];
    if (firstValid.document.rules?.length) {
        mutations.push(
            ['a rule with modality "maybe"', (d) => { d.rules[0].modality = 'maybe'; }],
            ['a rule whose strength contradicts its modality', (d) => {
                d.rules[0].strength = d.rules[0].strength === 2 ? -2 : 2;
            }],
            ['a rule window with a fractional day', (d) => { d.rules[0].window.from = 1.5; }],
            ['a rule window with an unknown anchor', (d) => { d.rules[0].window.anchor = 'procedure'; }],
            ['a forbid rule with a quantity', (d) => {
                d.rules[0].modality = 'forbid';
                d.rules[0].strength = -2;
                d.rules[0].quantity = { min: 1, max: 2, unit: 'time', per: 'day', written: '1..2 per day' };
            }],
        );
    }
    if (firstValid.document.resolved?.length) {
        mutations.push(['a resolved segment with an extra property', (d) => { d.resolved[0].days[0].note = 'x'; }]);
    }
    for (const [what, mutate] of mutations) {
        const copy = structuredClone(firstValid.document);
        mutate(copy);
        const label = `self-check: ${firstValid.label} with ${what} is rejected`;
        if (validate(copy)) {
            fail(label, '    the schema ACCEPTED a document it should reject: it is not strict enough');
        } else {
            const first = validate.errors[0];
            pass(`${label} (${first.instancePath || '/'} ${first.message})`);
        }
    }
}

if (passed + failed === 0 || firstValid === null) {
    failed += 1;
    console.log(`FAILED  no document was validated in: ${dirs.join(', ')}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
