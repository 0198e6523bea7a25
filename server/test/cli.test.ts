/**
 * The admin command line (rules SV-O3, SV-O4, SV-O24) against a real data directory and a running
 * server: list, export, delete, stats, backup, help and usage errors, a directory without a
 * database; the admin endpoints it uses. On PostgreSQL: `cli-postgres.test.ts`.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '@ketenkaart/shared';
import { cli, CLI_MAP_FILE } from './support/cli.js';
import { connect, createMap, eventually, rawSocket, synced, testServer } from './helpers.js';
import { SCHEMA_VERSION } from '../src/storage/sqlite-schema.js';

const TOKEN = 'admin-token-for-the-tests-0123456789';
let cleanup: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function serverWithMaps(options: { adminToken?: string } = {}) {
  const server = await testServer(options);
  cleanup.push(server.stop);
  const a = await createMap(server, CLI_MAP_FILE);
  const b = await createMap(server, { ...CLI_MAP_FILE, title: 'Zorgketen' });
  return { server, a, b, env: { DATA_DIR: server.dataDir, KETENKAART_ADMIN_TOKEN: options.adminToken ?? '' } };
}

describe('admin command line', () => {
  it('[SV-O3] list: every map with its title, size and last change; clients n/a without the admin token', async () => {
    const { server, a, b, env } = await serverWithMaps();
    const { code, out } = await cli(['list'], env);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^id\s+size\s+last change\s+clients\s+title$/);
    for (const [map, title] of [
      [a, 'Jeugdzorgketen'],
      [b, 'Zorgketen'],
    ] as const) {
      const line = lines.find((l) => l.startsWith(map.id));
      expect(line).toMatch(
        new RegExp(`^${map.id}\\s+[\\d.]+ (B|KiB)\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\s+n/a\\s+${title}$`),
      );
    }
    expect(lines.at(-1)).toBe('2 maps; clients n/a: KETENKAART_ADMIN_TOKEN is not set');

    // The title written by a compaction (the last client leaving) wins over the imported one.
    const editor = connect(server, a.id, a.editToken);
    await synced(editor);
    editor.doc.getMap('meta').set('title', 'Nieuwe titel');
    await eventually(async () => {
      const rows = JSON.parse((await cli(['list', '--json'], env)).out) as { id: string; title: string }[];
      expect(rows.find((r) => r.id === a.id)?.title).toBe('Nieuwe titel');
    });
    editor.destroy();
    await eventually(() => {
      const db = new Database(path.join(server.dataDir, 'ketenkaart.db'), { readonly: true });
      const row = db.prepare('SELECT title, changed_at FROM maps WHERE id = ?').get(a.id) as {
        title: string;
        changed_at: number;
      };
      db.close();
      expect(row.title).toBe('Nieuwe titel');
      expect(row.changed_at).toBeGreaterThan(Date.now() - 60_000);
    });
  });

  it('[SV-O3] [SV-O4] list and stats show connected clients when the running server has an admin token', async () => {
    const { server, a, env } = await serverWithMaps({ adminToken: TOKEN });
    const c = connect(server, a.id, a.viewToken, true);
    cleanup.push(() => c.destroy());
    await synced(c);
    const url = server.url;
    const rows = JSON.parse((await cli(['list', '--json', '--url', url], env)).out) as {
      id: string;
      clients: number | null;
    }[];
    expect(rows.find((r) => r.id === a.id)?.clients).toBe(1);
    expect(rows.filter((r) => r.id !== a.id).map((r) => r.clients)).toEqual([0]);
    const stats = JSON.parse((await cli(['stats', '--json', '--url', url], env)).out) as Record<string, unknown>;
    expect(stats).toMatchObject({
      storage: 'sqlite',
      maps: 2,
      versionRows: 0,
      rooms: 1,
      clients: 1,
      layout: SCHEMA_VERSION,
    });
    expect(stats['documentBytes']).toBeGreaterThan(0);
    // A wrong token: n/a with the reason, never an error.
    const wrong = await cli(['list', '--url', url], { ...env, KETENKAART_ADMIN_TOKEN: 'x'.repeat(20) });
    expect(wrong.code).toBe(0);
    expect(wrong.out).toContain('clients n/a: the server answered 401');
  });

  it('[SV-O3] export: the map as JSON v1, to stdout or a new file; an unknown id is one sentence and exit 1', async () => {
    const { a, env, server } = await serverWithMaps();
    const { code, out } = await cli(['export', a.id], env);
    expect(code).toBe(0);
    const file = JSON.parse(out) as { format: string; version: number; title: string; steps: { label: string }[] };
    expect(file).toMatchObject({ format: 'ketenkaart', version: 1, title: 'Jeugdzorgketen' });
    expect(file.steps.map((s) => s.label)).toEqual(['Melding']);
    const target = path.join(server.dataDir, 'export.json');
    expect((await cli(['export', a.id, '--out', target], env)).code).toBe(0);
    expect((await cli(['export', a.id, '--out', target], env)).code).toBe(1); // never overwrites
    const missing = await cli(['export', 'x'.repeat(22)], env);
    expect(missing).toEqual({ code: 1, out: '', err: `there is no map ${'x'.repeat(22)}` });
  });

  it('[SV-O3] [SV-O4] delete goes through the running server when it can: sockets closed with 4410', async () => {
    const { server, a, b, env } = await serverWithMaps({ adminToken: TOKEN });
    const socket = rawSocket(server, `/sync/${a.id}?token=${a.editToken}`);
    await socket.opened;
    const { code, out } = await cli(['delete', a.id, '--url', server.url], env);
    expect(code).toBe(0);
    expect(out).toContain('through the running server');
    expect((await socket.closed).code).toBe(CLOSE_CODES.mapDeleted);
    expect((await fetch(`${server.url}/api/maps/${a.id}/access?token=${a.editToken}`)).status).toBe(404);
    expect((await cli(['delete', a.id, '--url', server.url], env)).code).toBe(1);
    // Without the token, in the file.
    const offline = await cli(['delete', b.id], { DATA_DIR: env.DATA_DIR });
    expect(offline.code).toBe(0);
    expect(offline.out).toContain(`in ${server.dataDir}`);
    const db = new Database(path.join(server.dataDir, 'ketenkaart.db'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM maps').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM updates').get()).toEqual({ n: 0 });
    db.close();
    expect((await cli(['delete', 'not an id'], env)).code).toBe(1);
    // An id may begin with a dash; it is not taken for an option.
    const dashed = `-${'a'.repeat(21)}`;
    expect(await cli(['delete', dashed], { DATA_DIR: env.DATA_DIR })).toMatchObject({
      code: 1,
      err: `there is no map ${dashed}`,
    });
    expect((await cli(['export', dashed, '--json'], { DATA_DIR: env.DATA_DIR })).code).toBe(1);
  });

  it('[SV-O3] stats offline; backup refuses an existing file; help and usage errors', async () => {
    const { env, server } = await serverWithMaps();
    const stats = await cli(['stats'], env);
    expect(stats.code).toBe(0);
    expect(stats.out).toMatch(/^maps {13}2$/m);
    expect(stats.out).toContain('rooms, clients   n/a');
    const target = path.join(server.dataDir, 'b.db');
    const first = await cli(['backup', target], env);
    expect(first.out).toMatch(/^backed up 2 maps to .*b\.db \([\d.]+ KiB\)$/);
    expect(await cli(['backup', target], env)).toMatchObject({
      code: 1,
      err: `${target} exists already; choose a new file name`,
    });

    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['serve', 'backup <file>', 'list', 'export <id>', 'delete <id>', 'stats']) {
      expect(help.out).toContain(`  ${command}`);
    }
    expect(await cli(['frob'])).toMatchObject({ code: 2, err: 'unknown command frob; see ketenkaart --help' });
    expect((await cli(['export'])).code).toBe(2);
    expect((await cli(['list', '--nope'])).code).toBe(2);
    expect(await cli(['list'], { DATA_DIR: path.join(server.dataDir, 'nothing') })).toMatchObject({ code: 1 });
  });

  it('[SV-O24] a data directory without a database: every command says so and creates nothing', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'ketenkaart-cli-'));
    cleanup.push(() => rmSync(root, { recursive: true, force: true }));
    const id = 'x'.repeat(22);
    for (const dir of [root, path.join(root, 'missing')]) {
      for (const args of [['list'], ['stats'], ['export', id], ['delete', id], ['backup', path.join(root, 'b.db')]]) {
        expect(await cli(args, { DATA_DIR: dir })).toEqual({
          code: 1,
          out: '',
          err: `no database at ${path.join(dir, 'ketenkaart.db')}; is DATA_DIR right?`,
        });
      }
    }
    expect(readdirSync(root)).toEqual([]);
  });

  it('[SV-O4] the admin endpoints do not exist without a token and refuse a wrong one', async () => {
    const plain = await testServer();
    cleanup.push(plain.stop);
    expect((await fetch(`${plain.url}/admin/rooms`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(
      404,
    );
    const guarded = await testServer({ adminToken: TOKEN });
    cleanup.push(guarded.stop);
    expect((await fetch(`${guarded.url}/admin/rooms`)).status).toBe(401);
    expect((await fetch(`${guarded.url}/admin/rooms`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(
      401,
    );
    const ok = await fetch(`${guarded.url}/admin/rooms`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await ok.json()).toEqual({ rooms: [] });
  });

  it('[SV-O3] node dist/main.js runs a command and exits with its code', async () => {
    const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', MAIN, '--help']);
    expect(stdout).toContain('Usage: ketenkaart');
    await expect(run(process.execPath, ['--import', 'tsx', MAIN, 'frob'])).rejects.toMatchObject({ code: 2 });
  });
});
