/**
 * Debian's haproxy as the load balancer in front of several server processes, on a free loopback
 * port, configured in a temporary directory and started and stopped by the caller. Round robin
 * per connection (so a room's clients land on every instance), a health check of `/healthz`
 * every 300 ms, and a connection to a dead server dispatched to another.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { freeLoopbackPort, scratchDir } from './redis-process.js';

export interface Haproxy {
  readonly url: string;
  /** Its process id (the bench reads its CPU time). */
  readonly pid: number;
  stop(): Promise<void>;
}

/** The configuration for `listenPort` in front of `backendPorts` (the example of docs/reverse-proxy.md, shortened timings). */
export function haproxyConfig(listenPort: number, backendPorts: readonly number[]): string {
  return [
    'global',
    '  maxconn 4000',
    'defaults',
    '  mode http',
    '  timeout connect 1s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout tunnel 1h',
    // A health check may answer slowly on a loaded machine; a dead server refuses at once.
    '  timeout check 2s',
    '  option redispatch',
    '  retries 3',
    'frontend ketenkaart',
    `  bind 127.0.0.1:${listenPort}`,
    '  default_backend instances',
    'backend instances',
    '  balance roundrobin',
    '  option httpchk GET /healthz',
    '  default-server inter 300ms fall 3 rise 1',
    ...backendPorts.map((p, i) => `  server i${i} 127.0.0.1:${p} check`),
    '',
  ].join('\n');
}

export async function startHaproxy(backendPorts: readonly number[]): Promise<Haproxy> {
  const port = await freeLoopbackPort();
  const tmp = scratchDir('ketenkaart-haproxy-');
  const file = path.join(tmp.dir, 'haproxy.cfg');
  writeFileSync(file, haproxyConfig(port, backendPorts));
  const child = spawn('haproxy', ['-db', '-f', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  // Ready once it answers (a backend may still be starting: any status will do).
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`haproxy exited: ${stderr}`);
    const ok = await fetch(`${url}/healthz`).then(
      () => true,
      () => false,
    );
    if (ok) break;
    if (i > 500) throw new Error(`haproxy did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      tmp.remove();
    },
  };
}
