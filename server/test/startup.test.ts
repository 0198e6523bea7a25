import { fork } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let busy: Server;
let port: number;
const data = tempDir();

beforeAll(async () => {
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  port = (busy.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((resolve) => busy.close(resolve));
  data.remove();
});

/** Runs the command-line entry with `env` until it exits; its exit code and what it wrote to stderr. */
function run(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = fork(MAIN, [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, HOST: '127.0.0.1', DATA_DIR: data.dir, ...env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

describe('the command line', () => {
  it('[SV-C1] a port in use is one sentence that names PORT, and exit code 1, not a stack trace', async () => {
    const { code, stderr } = await run({ PORT: String(port) });
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`Port ${port} is already in use`);
    expect(lines[0]).toContain('PORT');
    expect(stderr).not.toMatch(/EADDRINUSE|\n\s+at /);
  });

  it('[SV-C1] an address that is not this machine names HOST', async () => {
    const { code, stderr } = await run({ PORT: '0', HOST: '192.0.2.1' });
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^The address 192\.0\.2\.1 is not an address of this machine: .*HOST/);
  });
});
