// Validates `aftercare check --format sarif` against the official SARIF 2.1.0
// schema (OASIS sarif-2.1.0-rtm.5, as shipped in @microsoft/jest-sarif),
// with a draft-04 JSON Schema validator (ajv-draft-04), and `--format json`
// against docs/diagnostics.schema.json (draft 2020-12).
//
//   node tests/schema/validate-sarif.mjs AFTERCARE_BINARY WORKDIR CASE...
//
// Each CASE is a space-separated list of paths given to one `check` run,
// from WORKDIR; the SARIF of every run must validate, including runs over
// files that do not parse. Beyond the schema it checks what code review
// needs: every result names a rule the driver lists, and a finding across
// files carries relatedLocations. Prints `N passed, M failed`; exits 0 only
// if nothing failed.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function loadPackage(name) {
    const places = (process.env.NODE_PATH || '').split(path.delimiter).filter(Boolean);
    places.push(path.join(here, 'node_modules'));
    for (const place of places) {
        const folder = path.resolve(place);
        try {
            return createRequire(path.join(folder, 'noop.js'))(path.join(folder, name));
        } catch {
            // try the next place
        }
    }
    throw new Error(`cannot load ${name}; run npm ci in tests/schema`);
}

const [binaryArg, workdir, ...cases] = process.argv.slice(2);
const binary = path.resolve(binaryArg);
const Ajv = loadPackage('ajv-draft-04');
const addFormats = loadPackage('ajv-formats');
function resolveFile(name) {
    const places = (process.env.NODE_PATH || '').split(path.delimiter).filter(Boolean);
    places.push(path.join(here, 'node_modules'));
    for (const place of places) {
        try {
            return createRequire(path.join(path.resolve(place), 'noop.js')).resolve(path.join(path.resolve(place), name));
        } catch {
            // try the next place
        }
    }
    throw new Error(`cannot find ${name}; run npm ci in tests/schema`);
}
const schemaFile = resolveFile('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

// The official schema's language pattern has a lone ']', valid only without the u flag.
const ajv = new (Ajv.default || Ajv)({ allErrors: true, strict: false, unicodeRegExp: false });
(addFormats.default || addFormats)(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));

const Ajv2020 = loadPackage('ajv/dist/2020');
const ajv2020 = new (Ajv2020.default || Ajv2020)({ allErrors: true, strict: true });
(addFormats.default || addFormats)(ajv2020);
const validateJson = ajv2020.compile(JSON.parse(readFileSync(path.join(here, '../../docs/diagnostics.schema.json'), 'utf8')));

let passed = 0;
let failed = 0;
function report(ok, what, detail) {
    if (ok) passed++; else failed++;
    console.log(`${ok ? 'ok     ' : 'FAILED '} ${what}${detail ? '\n    ' + detail : ''}`);
}

for (const files of cases) {
    const run = spawnSync(binary, ['check', ...files.split(' '), '--format', 'sarif'], { cwd: workdir, encoding: 'utf8' });
    if (run.status !== 0 && run.status !== 1) {
        report(false, `check ${files}`, `exit ${run.status}: ${run.error || run.stderr}`);
        continue;
    }
    let sarif;
    try {
        sarif = JSON.parse(run.stdout);
    } catch (error) {
        report(false, `check ${files}`, `not JSON: ${error.message}`);
        continue;
    }
    const valid = validate(sarif);
    report(valid, `check ${files}: SARIF 2.1.0 schema`, valid ? '' : ajv.errorsText(validate.errors, { separator: '\n    ' }));
    const results = sarif.runs[0].results;
    const rules = sarif.runs[0].tool.driver.rules.map((r) => r.id);
    const unknown = results.filter((r) => !rules.includes(r.ruleId) || rules[r.ruleIndex] !== r.ruleId);
    report(results.length > 0 && unknown.length === 0, `check ${files}: ${results.length} results, each naming a listed rule`,
        unknown.map((r) => r.ruleId).join(', '));
    const across = results.filter((r) => /^clinics /.test(r.message.text));
    report(across.every((r) => (r.relatedLocations || []).length >= 2), `check ${files}: findings across files carry relatedLocations`);
}

// The same runs as the diagnostic JSON, against its own schema.
for (const files of cases) {
    const run = spawnSync(binary, ['check', ...files.split(' '), '--format', 'json'], { cwd: workdir, encoding: 'utf8' });
    let doc;
    try {
        doc = JSON.parse(run.stdout);
    } catch (error) {
        report(false, `check ${files} --format json`, `not JSON: ${error.message}`);
        continue;
    }
    const valid = validateJson(doc);
    report(valid && doc.diagnostics.length > 0, `check ${files} --format json: diagnostics schema`,
        valid ? '' : ajv2020.errorsText(validateJson.errors, { separator: '\n    ' }));
}
report(!validateJson({ schema: 'aftercare/diagnostics/1', files: [], diagnostics: [{ rule: 'x' }], summary: { errors: 0, warnings: 0, infos: 0 } }),
    'self-check: a diagnostic without its fields is rejected');

// The validator must be able to say no: a broken copy is rejected.
const broken = { version: '2.1.0', runs: [{ tool: { driver: { name: 'aftercare' } }, results: [{ level: 'fatal', message: {} }] }] };
report(!validate(broken), 'self-check: a document with an invalid level and an empty message is rejected');

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
