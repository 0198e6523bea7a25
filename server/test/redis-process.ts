/**
 * A real redis-server (Debian's `redis-server`) on a free loopback port in a temporary directory,
 * started and stopped by the test, never persisting anything. `stop` and `start` again keep the
 * port (a Redis restart under load).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { freePort, tempDir } from './helpers.js';

export interface RedisProcess {
  readonly url: string;
  readonly port: number;
  /** Starts it (again); resolves once it accepts connections. */
  start(): Promise<void>;
  /** Kills it (SIGKILL: as abrupt as a crash); resolves once it is gone. */
  stop(): Promise<void>;
  /** Stops it and removes its directory. */
  remove(): Promise<void>;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export async function startRedis(): Promise<RedisProcess> {
  const port = await freePort();
  const tmp = tempDir();
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const start = async (): Promise<void> => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', tmp.dir, '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const c = child;
    exited = new Promise((resolve) => c.once('exit', () => resolve()));
    for (let i = 0; i < 500 && !(await accepts(port)); i++) await new Promise((r) => setTimeout(r, 20));
  };
  const stop = async (): Promise<void> => {
    child?.kill('SIGKILL');
    await exited;
    child = undefined;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    stop,
    remove: async () => {
      await stop();
      tmp.remove();
    },
  };
}
