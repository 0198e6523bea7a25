#!/usr/bin/env node
// The whole test suite: type check, lint, format check, build, then every vitest
// project (unit, integration and browser tests). Ends with one line
// `tests: N passed, M failed`, counted from vitest's own JSON report; a failed
// gate counts as one failed test so it can never hide.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureSystemDeps } from './system-deps.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => `${root}node_modules/.bin/${name}`;
// Projects that tsc -b does not build (tests, benchmarks): type-checked without emitting.
const testConfigs = [
  'shared/tsconfig.test.json',
  'server/tsconfig.test.json',
  'client/tsconfig.test.json',
  'test/tsconfig.json',
  'bench/tsconfig.json',
].filter((file) => existsSync(`${root}${file}`));

const gates = [
  ['type check', bin('tsc'), ['-b']],
  ...testConfigs.map((config) => [`type check ${config}`, bin('tsc'), ['-p', config, '--noEmit']]),
  ['lint', bin('eslint'), ['--max-warnings', '0', '.']],
  ['format', bin('prettier'), ['--check', '.']],
  ['build', 'node', [`${root}scripts/build.mjs`]],
];

const failedGates = [];
for (const [name, cmd, args] of gates) {
  console.log(`\n== ${name}: ${[cmd.replace(root, ''), ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failedGates.push(name);
}

const missingSystem = ensureSystemDeps();
if (missingSystem !== null) {
  console.error(`\n${missingSystem}`);
  console.log('\ntests: 0 passed, 1 failed');
  process.exit(1);
}

const report = `${root}.vitest-report/report.json`;
rmSync(report, { force: true });
console.log('\n== tests: vitest run');
const tests = spawnSync(
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
  { cwd: root, stdio: 'inherit' },
);

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  failed = json.numFailedTests + (json.numRuntimeErrorTestSuites ?? 0);
  if (!json.success && failed === 0) failed = 1;
} else {
  failed = 1;
}
if (tests.status !== 0 && failed === 0) failed = 1;
if (failedGates.length > 0) console.log(`\nfailed gates: ${failedGates.join(', ')}`);
failed += failedGates.length;
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
