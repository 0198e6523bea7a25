#!/usr/bin/env node
// `pnpm build`: compiles shared and server with tsc -b, then the client with Vite.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const steps = [[`${root}node_modules/.bin/tsc`, ['-b']]];
if (existsSync(`${root}client/vite.config.ts`)) steps.push(['pnpm', ['--filter', '@ketenkaart/client', 'build']]);
for (const [cmd, args] of steps) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
