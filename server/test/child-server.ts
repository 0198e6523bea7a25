/** Runs `server/src/main.ts` in a child process (through tsx), as production would run it. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildServer {
  child: ChildProcess;
  url: string;
  /** Resolves with the exit code or signal. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/** Starts the server with `env` and resolves once it listens. */
export function startChild(env: Record<string, string>): Promise<ChildServer> {
  const child = fork(MAIN, [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  );
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    void exited.then((how) => reject(new Error(`server exited before listening: ${String(how)}`)));
    child.on('message', (m: { type?: string; url?: string }) => {
      if (m.type === 'listening' && m.url) resolve({ child, url: m.url, exited });
    });
  });
}
