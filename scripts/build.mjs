#!/usr/bin/env node
// `pnpm build`: compiles shared and server with tsc -b, then the client with Vite, then
// precompresses the client's files (brotli and gzip, scripts/compress.mjs).
// The tools are run from node_modules, so the build works without pnpm on the PATH.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const steps = [{ cmd: `${root}node_modules/.bin/tsc`, args: ['-b'], cwd: root }];
if (existsSync(`${root}client/vite.config.ts`)) {
  steps.push({ cmd: `${root}client/node_modules/.bin/vite`, args: ['build'], cwd: `${root}client` });
  steps.push({ cmd: process.execPath, args: [`${root}scripts/compress.mjs`], cwd: root });
}
for (const { cmd, args, cwd } of steps) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.error) console.error(`build: could not run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}
