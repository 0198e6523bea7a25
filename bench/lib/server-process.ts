/** Starts a bench server child (ours or the stock one) and talks to it over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildStats } from './child-stats.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  name: string;
  url: string;
  child: ChildProcess;
  stats(gc?: boolean): Promise<ChildStats>;
  stop(): Promise<void>;
}

/** `kind` 'ours' runs lib/server-child.ts on a temp SQLite dir; 'stock' runs lib/stock-child.ts. */
export async function startServerProcess(
  kind: 'ours' | 'stock',
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const dataDir = mkdtempSync(path.join(process.env['BENCH_TMP'] ?? tmpdir(), 'ketenkaart-bench-'));
  const script = fileURLToPath(new URL(kind === 'ours' ? './server-child.ts' : './stock-child.ts', import.meta.url));
  const child = fork(script, [], {
    cwd: ROOT,
    // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the server child there.
    execArgv: [
      '--import',
      'tsx',
      '--expose-gc',
      ...(process.env['BENCH_CPU_PROF'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_CPU_PROF']}`] : []),
    ],
    env: { ...process.env, DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    void exited.then(() => reject(new Error(`${kind} server exited before listening`)));
    child.on('message', (m: { type?: string; url?: string }) => {
      if (m.type === 'listening' && m.url) resolve(m.url);
    });
  });
  return {
    name: kind === 'ours' ? 'ketenkaart' : 'y-websocket@2',
    url,
    child,
    stats: (gc = false) =>
      new Promise((resolve) => {
        const onMessage = (m: { type?: string; stats?: ChildStats }): void => {
          if (m.type !== 'stats' || !m.stats) return;
          child.off('message', onMessage);
          resolve(m.stats);
        };
        child.on('message', onMessage);
        child.send({ type: 'stats', gc });
      }),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A room the load can join: ours needs a map and its edit token; the stock server takes any name. */
export async function newRoom(server: ServerProcess, body?: unknown): Promise<{ room: string; token: string }> {
  if (server.name !== 'ketenkaart') return { room: `room-${Math.random().toString(36).slice(2)}`, token: '' };
  const res = await fetch(`${server.url}/api/maps`, {
    method: 'POST',
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const created = (await res.json()) as { id: string; editToken: string };
  return { room: created.id, token: created.editToken };
}
