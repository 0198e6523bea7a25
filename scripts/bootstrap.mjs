#!/usr/bin/env node
// The README's two commands: `npm start` (install, build if needed, run) and
// `npm test` (install, run every gate and test). Needs only Node >= 20.19 and npm:
// pnpm is fetched from the npm registry with npx when it is not installed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const PNPM = 'pnpm@10.34.9';

function run(cmd, args, extraEnv = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function pnpm() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  const major = Number((probe.stdout ?? '').split('.')[0]);
  return probe.status === 0 && major >= 10 ? ['pnpm', []] : ['npx', ['--yes', PNPM]];
}

const [cmd, pre] = pnpm();
const pn = (...args) => run(cmd, [...pre, ...args]);
const task = process.argv[2];

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Ketenkaart needs Node >= 20.19; this is ${process.versions.node}.`);
  process.exit(1);
}

if (pn('install', '--frozen-lockfile') !== 0) process.exit(1);
if (task === 'test') {
  process.exit(pn('run', 'suite'));
} else if (task === 'start') {
  const built = existsSync(`${root}/server/dist/main.js`) && existsSync(`${root}/client/dist/index.html`);
  if (!built && pn('run', 'build') !== 0) process.exit(1);
  process.exit(run(process.execPath, ['server/dist/main.js']));
} else {
  console.error('usage: node scripts/bootstrap.mjs test|start');
  process.exit(2);
}
