// What the tests need from Debian that npm cannot install: today Debian's Chromium,
// which the browser tests drive (no test downloads a browser). When a program is
// missing and apt-get can run (root), the packages are installed with one
// `apt-get update` first; otherwise the suite stops with one sentence saying what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Each need: the file that must exist, the Debian package that provides it. */
const NEEDS = [{ what: 'Chromium', path: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pkg: 'chromium' }];

/** Returns null when everything is there (or was installed), else the sentence to print. */
export function ensureSystemDeps() {
  const missing = NEEDS.filter((need) => !existsSync(need.path));
  if (missing.length === 0) return null;
  const pkgs = missing.map((need) => need.pkg);
  const sentence = `The tests need ${missing.map((n) => `${n.what} at ${n.path}`).join(' and ')}: install it with \`apt-get install ${pkgs.join(' ')}\` (or set CHROMIUM_PATH).`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) return sentence;
  console.log(`\n== system packages: apt-get install ${pkgs.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  if (update.status !== 0) return sentence;
  const install = spawnSync('apt-get', ['install', '-y', '-qq', ...pkgs], { stdio: 'inherit', env });
  if (install.status !== 0 || missing.some((need) => !existsSync(need.path))) return sentence;
  return null;
}
