/**
 * Runs every benchmark in sequence, from the repository root; each prints its own figures.
 * Run: pnpm bench   (after pnpm build; the editor and browse benches need the built client)
 * BENCH_FILTER=<substring> runs only the scripts whose name contains it.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const scripts = [
  'import.ts',
  'layout.ts',
  'layout-browser.ts',
  'server-join.ts',
  'server-json.ts',
  'history.ts',
  'server-memory.ts',
  'server-fanout.ts',
  'cluster.ts',
  'server-keepalive.ts',
  'server-backup.ts',
  'server-storage-pg.ts',
  'export.ts',
  'deriver.ts',
  'editor.ts',
  'browse.ts',
];
const filter = process.env['BENCH_FILTER'] ?? '';
let failed = 0;
for (const script of scripts.filter((s) => s.includes(filter))) {
  console.log(`\n=== bench/${script}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${script}`], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
