// Runs invite-check on one case of cases.json and compares its exit status, its output (as JSON,
// line by line) and its error text with what the case expects. Used by CTest (tests/CMakeLists.txt):
//   node run.mjs <invite-check binary> <case name>
// Expected output is compared semantically: same keys and values, except that a finding in the
// expected file may leave out "message" (texts owned by other areas are not pinned here).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const [binary, name] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8'));
const test = cases.find((c) => c.name === name);
if (!test) throw new Error(`no case named ${name}`);

const problems = [];
const args = test.args.map((a) => a.replaceAll('{dir}', dir));
const input = test.stdin ? readFileSync(join(dir, test.stdin)) : '';
const run = spawnSync(binary, args, { input, encoding: 'utf8' });
if (run.error) throw run.error;

// True when `actual` is `expected`; an object in `expected` without "message" accepts any message.
function same(expected, actual, path, out) {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      out.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
      return;
    }
    expected.forEach((e, i) => same(e, actual[i], `${path}[${i}]`, out));
  } else if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      out.push(`${path}: expected an object, got ${JSON.stringify(actual)}`);
      return;
    }
    for (const key of Object.keys(actual)) {
      if (!(key in expected) && key !== 'message') out.push(`${path}.${key}: unexpected key`);
    }
    for (const key of Object.keys(expected)) {
      if (!(key in actual)) out.push(`${path}.${key}: missing`);
      else same(expected[key], actual[key], `${path}.${key}`, out);
    }
  } else if (expected !== actual) {
    out.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

if (run.status !== test.exit) problems.push(`exit status ${run.status}, expected ${test.exit}`);
if (test.stdout_empty && run.stdout !== '') problems.push(`stdout should be empty, got: ${run.stdout}`);
if (test.stdout && !new RegExp(test.stdout).test(run.stdout)) problems.push(`stdout lacks /${test.stdout}/`);
if (test.stderr && !new RegExp(test.stderr).test(run.stderr)) {
  problems.push(`stderr lacks /${test.stderr}/, got: ${run.stderr}`);
}
if (test.expected) {
  const lines = (text) => text.split('\n').filter((l) => l.trim() !== '');
  const expected = lines(readFileSync(join(dir, test.expected), 'utf8')).map((l) => JSON.parse(l));
  const actual = lines(run.stdout).map((l, i) => {
    try {
      return JSON.parse(l);
    } catch (e) {
      problems.push(`output line ${i + 1} is not JSON: ${l}`);
      return null;
    }
  });
  same(expected, actual, 'output', problems);
}

if (problems.length > 0) {
  console.error(`invite-check case ${name}:\n  ${problems.join('\n  ')}`);
  if (run.stderr) console.error(`stderr:\n${run.stderr}`);
  process.exit(1);
}
console.log(`invite-check case ${name}: ok`);
