// What the tests need from Debian that npm cannot install: Debian's Chromium, which the
// browser tests drive (no test downloads a browser), and the servers the storage and
// several-instance tests start on loopback in temporary directories: PostgreSQL,
// Redis and HAProxy. When something is missing and apt-get can run (root), every missing
// package is installed with one `apt-get update` and one `apt-get install`; otherwise
// the suite stops with one sentence saying what to install.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

/** Debian installs each PostgreSQL major version under /usr/lib/postgresql/<major>/bin. */
function postgresInstalled() {
  if (process.env.PG_BIN) return existsSync(`${process.env.PG_BIN}/postgres`);
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return false;
  return readdirSync(root).some((major) => existsSync(`${root}/${major}/bin/initdb`));
}

/** Each need: what it is, where it is looked for, whether it is there, the Debian package that provides it. */
const NEEDS = [
  { what: 'Chromium', where: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pkg: 'chromium' },
  { what: 'PostgreSQL', where: '/usr/lib/postgresql/*/bin (or PG_BIN)', found: postgresInstalled, pkg: 'postgresql' },
  { what: 'Redis', where: '/usr/bin/redis-server', pkg: 'redis-server' },
  { what: 'HAProxy', where: '/usr/sbin/haproxy', pkg: 'haproxy' },
];

const present = (need) => (need.found ? need.found() : existsSync(need.where));

/** Returns null when everything is there (or was installed), else the sentence to print. */
export function ensureSystemDeps() {
  const missing = NEEDS.filter((need) => !present(need));
  if (missing.length === 0) return null;
  const pkgs = missing.map((need) => need.pkg);
  const sentence = `The tests need ${missing.map((n) => `${n.what} at ${n.where}`).join(' and ')}: install ${missing.length === 1 ? 'it' : 'them'} with \`apt-get install ${pkgs.join(' ')}\` (or set CHROMIUM_PATH / PG_BIN).`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) return sentence;
  console.log(`\n== system packages: apt-get install ${pkgs.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  if (update.status !== 0) return sentence;
  const install = spawnSync('apt-get', ['install', '-y', '-qq', ...pkgs], { stdio: 'inherit', env });
  if (install.status !== 0 || missing.some((need) => !present(need))) return sentence;
  return null;
}
