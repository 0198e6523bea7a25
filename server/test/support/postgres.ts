/**
 * A throwaway PostgreSQL server for tests: Debian's binaries (`/usr/lib/postgresql/<major>/bin`,
 * or `PG_BIN`), a data directory and a unix socket directory in a new temporary directory, TCP on
 * a free 127.0.0.1 port, trust authentication. PostgreSQL refuses to run as root, so under root
 * (CI, containers) the directory is handed to the unprivileged `nobody` and the server runs with
 * that uid; otherwise it runs as the current user. Used by the server's storage tests and by the
 * several-instance tests: `startPostgres()` once per test file, `createDatabase()` per test.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

/** The directory of `initdb` and `postgres`: `PG_BIN`, else Debian's newest installed major version. */
export function postgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((m) => existsSync(path.join(root, m, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (majors.length === 0) {
    throw new Error('PostgreSQL is not installed: `apt-get install postgresql` (or set PG_BIN to its bin directory)');
  }
  return path.join(root, majors[0]!, 'bin');
}

/** The uid and gid the server runs as: `nobody` under root, else undefined (the current user). */
function serverUser(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'nobody'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  const gid = id('-g');
  if (!Number.isInteger(uid) || !Number.isInteger(gid))
    throw new Error('running as root, but there is no user `nobody`');
  return { uid, gid };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface PostgresOptions {
  /** `fsync` and `synchronous_commit` (default off: a test database need not survive a power loss). */
  readonly durable?: boolean;
  /** `max_connections` (default 100). */
  readonly maxConnections?: number;
}

/** A running (or stopped, for outage tests) PostgreSQL server. */
export interface TestPostgres {
  readonly port: number;
  /** The URL of a database on it (`postgres` is always there). */
  url(database?: string): string;
  /** A new, empty database with a unique name; returns its URL. */
  createDatabase(prefix?: string): Promise<string>;
  /** Stops the server (fast shutdown: sessions are cut off), keeping its data: `start()` brings it back on the same port. */
  stopServer(): Promise<void>;
  /** Starts the stopped server again. */
  start(): Promise<void>;
  /** Stops the server and removes every file. */
  stop(): Promise<void>;
}

const ENV = { LANG: 'C', LC_ALL: 'C', PATH: process.env.PATH ?? '/usr/bin:/bin', TZ: 'UTC' };

/** Every server this process started, stopped at exit should a test forget (or crash before) `stop()`. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGQUIT');
});

/**
 * Should this process die without running its exit handlers (SIGKILL, a worker torn down), a
 * small shell outlives it by at most a second: it stops the server and removes its directory.
 */
function watchdog(serverPid: number, root: string): ChildProcess {
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; kill -QUIT ${serverPid} 2>/dev/null; sleep 2; rm -rf '${root}'`;
  const dog = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  dog.unref();
  return dog;
}

let counter = 0;

/** initdb in a new temporary directory, then the server on a free loopback port; resolves once it accepts connections. */
export async function startPostgres(options: PostgresOptions = {}): Promise<TestPostgres> {
  const bin = postgresBin();
  const user = serverUser();
  const root = mkdtempSync(path.join(tmpdir(), 'ketenkaart-pg-'));
  const data = path.join(root, 'data');
  if (user) chownSync(root, user.uid, user.gid);
  const run = { env: ENV, cwd: root, ...(user ?? {}) };
  const init = spawnSync(
    path.join(bin, 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'],
    { ...run, encoding: 'utf8' },
  );
  if (init.status !== 0) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`initdb failed (${init.status}): ${init.stderr || init.stdout}`);
  }
  let port = await freePort();
  let child: ChildProcess | undefined;
  let dog: ChildProcess | undefined;
  let log = '';

  const launch = async (): Promise<void> => {
    const durable = options.durable ? 'on' : 'off';
    const args = [
      '-D', data, '-p', String(port), '-k', root, '-c', 'listen_addresses=127.0.0.1',
      '-c', `fsync=${durable}`, '-c', `synchronous_commit=${durable}`, '-c', `full_page_writes=${durable}`,
      '-c', `max_connections=${options.maxConnections ?? 100}`, '-c', 'shared_buffers=16MB',
      '-c', 'logging_collector=off', '-c', 'log_min_messages=fatal',
    ]; // prettier-ignore
    const started = spawn(path.join(bin, 'postgres'), args, { ...run, stdio: ['ignore', 'ignore', 'pipe'] });
    child = started;
    running.add(started);
    dog?.kill();
    dog = watchdog(started.pid!, root);
    log = '';
    started.stderr.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4000);
    });
    const exited = new Promise<void>((resolve) => started.once('exit', () => resolve()));
    void exited.then(() => running.delete(started));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (started.exitCode !== null || started.signalCode !== null) {
        throw new Error(`postgres exited on start: ${log}`);
      }
      const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
      client.on('error', () => {});
      try {
        await client.connect();
        await client.end();
        return;
      } catch {
        await client.end().catch(() => {});
        if (Date.now() > deadline) throw new Error(`postgres did not accept connections within 30 s: ${log}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };

  const halt = async (): Promise<void> => {
    const current = child;
    child = undefined;
    if (!current || current.exitCode !== null || current.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
    current.kill('SIGINT');
    await exited;
  };

  // A port taken between freePort() and the server's bind: another port, at most twice more.
  for (let tries = 0; ; tries++) {
    try {
      await launch();
      break;
    } catch (e) {
      await halt();
      if (tries >= 2 || !/already in use/i.test(String(e))) {
        rmSync(root, { recursive: true, force: true });
        throw e;
      }
      port = await freePort();
    }
  }

  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async createDatabase(prefix = 'test') {
      const name = `${prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_${process.pid}_${++counter}`;
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stopServer: halt,
    start: launch,
    async stop() {
      await halt();
      dog?.kill();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * One PostgreSQL for the test file: started before its tests, stopped after them. The value
 * stands for it once started (use it inside tests and their hooks, not at the top level).
 */
export function usePostgres(options: PostgresOptions = {}): TestPostgres {
  let started: TestPostgres | undefined;
  beforeAll(async () => {
    started = await startPostgres(options);
  }, 60_000);
  afterAll(async () => {
    await started?.stop();
  });
  const it = (): TestPostgres => {
    if (!started) throw new Error('PostgreSQL is not started yet: use it inside a test or a hook');
    return started;
  };
  return {
    get port() {
      return it().port;
    },
    url: (database) => it().url(database),
    createDatabase: (prefix) => it().createDatabase(prefix),
    stopServer: () => it().stopServer(),
    start: () => it().start(),
    stop: () => it().stop(),
  };
}
