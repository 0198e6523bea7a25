/**
 * The admin command line on PostgreSQL (rule SV-O24): `list`, `export`, `stats` and `delete` read
 * and write the database a real server stores its maps in, `backup` refuses, and a database
 * without Ketenkaart tables is refused and left as it was. The SQLite data directory is never
 * touched meanwhile.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '@ketenkaart/shared';
import { cli, CLI_MAP_FILE } from './support/cli.js';
import { PG_BACKUP_REFUSAL } from '../src/cli/commands.js';
import { PG_SCHEMA_VERSION, migrate } from '../src/storage/postgres-schema.js';
import { connect, createMap, eventually, rawSocket, synced, testServer } from './helpers.js';
import { usePostgres } from './support/postgres.js';

const TOKEN = 'admin-token-for-the-tests-0123456789';
const postgres = usePostgres();

let cleanup: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** An empty directory as `DATA_DIR`, which must stay empty: the commands use PostgreSQL. */
function emptyDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ketenkaart-cli-pg-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs `sql` on the database at `url` with a connection of its own. */
async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** `host:port/database` of a test URL, as the command line names it (no user). */
const whereOf = (url: string): string => url.replace(/^postgres:\/\/postgres@/, '');

async function serverOnPostgres(options: { adminToken?: string } = {}) {
  const url = await postgres.createDatabase('cli');
  const server = await testServer({ databaseUrl: url, ...options });
  cleanup.push(server.stop);
  const a = await createMap(server, CLI_MAP_FILE);
  const b = await createMap(server, { ...CLI_MAP_FILE, title: 'Zorgketen' });
  return { server, url, a, b, env: { DATABASE_URL: url, DATA_DIR: emptyDataDir() } };
}

describe('admin command line on PostgreSQL', () => {
  it('[SV-O24] list, export and stats read the database the server stores in; DATA_DIR stays untouched', async () => {
    const { server, url, a, b, env } = await serverOnPostgres({ adminToken: TOKEN });
    // A compaction (the last client leaving) writes the title into maps.title.
    const editor = connect(server, a.id, a.editToken);
    await synced(editor);
    editor.doc.getMap('meta').set('title', 'Nieuwe titel');
    // Stored (read from the document, the map not compacted yet) before the editor leaves.
    await eventually(async () => {
      const rows = JSON.parse((await cli(['list', '--json'], env)).out) as { id: string; title: string }[];
      expect(rows.find((r) => r.id === a.id)?.title).toBe('Nieuwe titel');
    });
    expect(await query(url, 'SELECT title FROM maps WHERE id = $1', [a.id])).toEqual([{ title: '' }]);
    editor.destroy();
    await eventually(async () =>
      expect(await query(url, 'SELECT title FROM maps WHERE id = $1', [a.id])).toEqual([{ title: 'Nieuwe titel' }]),
    );

    const listed = await cli(['list'], env);
    expect(listed.err).toBe('');
    expect(listed.code).toBe(0);
    const lines = listed.out.split('\n');
    expect(lines[0]).toMatch(/^id\s+size\s+last change\s+clients\s+title$/);
    for (const [map, title] of [
      [a, 'Nieuwe titel'],
      [b, 'Zorgketen'],
    ] as const) {
      expect(lines.find((l) => l.startsWith(map.id))).toMatch(
        new RegExp(`^${map.id}\\s+[\\d.]+ (B|KiB)\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\s+n/a\\s+${title}$`),
      );
    }
    expect(lines.at(-1)).toBe('2 maps; clients n/a: KETENKAART_ADMIN_TOKEN is not set');
    // Newest change first: a was compacted after both were created.
    expect(lines[1]).toMatch(new RegExp(`^${a.id}`));

    // The sizes are the stored rows' bytes.
    const viewer = connect(server, b.id, b.viewToken, true);
    cleanup.push(() => viewer.destroy());
    await synced(viewer);
    const json = await cli(['list', '--json', '--url', server.url], { ...env, KETENKAART_ADMIN_TOKEN: TOKEN });
    const rows = JSON.parse(json.out) as { id: string; bytes: number; clients: number | null; title: string }[];
    expect(rows.map((r) => [r.id, r.clients])).toEqual([
      [a.id, 0],
      [b.id, 1],
    ]);
    const stored = await query<{ id: string; bytes: number }>(
      url,
      `SELECT m.id, ((SELECT coalesce(sum(octet_length(data)), 0) FROM updates WHERE map_id = m.id) +
         (SELECT coalesce(sum(octet_length(data)), 0) FROM snapshots WHERE map_id = m.id))::int AS bytes
       FROM maps m`,
    );
    for (const s of stored) expect(rows.find((r) => r.id === s.id)?.bytes).toBe(s.bytes);

    const exported = await cli(['export', a.id], env);
    expect(exported.code).toBe(0);
    const file = JSON.parse(exported.out) as { format: string; title: string; steps: { label: string }[] };
    expect(file).toMatchObject({ format: 'ketenkaart', title: 'Nieuwe titel' });
    expect(file.steps.map((s) => s.label)).toEqual(['Melding']);
    const target = path.join(env.DATA_DIR, '..', `${path.basename(env.DATA_DIR)}-export.json`);
    cleanup.push(() => rmSync(target, { force: true }));
    expect((await cli(['export', b.id, '--out', target], env)).code).toBe(0);
    expect(JSON.parse(readFileSync(target, 'utf8'))).toMatchObject({ title: 'Zorgketen' });
    expect(await cli(['export', 'x'.repeat(22)], env)).toEqual({
      code: 1,
      out: '',
      err: `there is no map ${'x'.repeat(22)}`,
    });

    const stats = JSON.parse((await cli(['stats', '--json'], env)).out) as Record<string, unknown>;
    const [totals] = await query<{ updates: number; snapshots: number; versions: number; bytes: number }>(
      url,
      `SELECT (SELECT count(*) FROM updates)::int AS updates, (SELECT count(*) FROM snapshots)::int AS snapshots,
         (SELECT count(*) FROM versions)::int AS versions,
         ((SELECT coalesce(sum(octet_length(data)), 0) FROM updates) +
          (SELECT coalesce(sum(octet_length(data)), 0) FROM snapshots))::int AS bytes`,
    );
    expect(stats).toMatchObject({
      storage: 'postgres',
      database: whereOf(url),
      maps: 2,
      updateRows: totals!.updates,
      snapshotRows: totals!.snapshots,
      versionRows: totals!.versions,
      documentBytes: totals!.bytes,
      layout: PG_SCHEMA_VERSION,
      rooms: null,
      clients: null,
    });
    expect(totals!.snapshots).toBeGreaterThanOrEqual(1);
    const tables = stats['tableBytes'] as Record<string, number>;
    expect(Object.keys(tables).sort()).toEqual(['maps', 'snapshots', 'updates', 'versions']);
    for (const bytes of Object.values(tables)) expect(bytes).toBeGreaterThan(0);
    const sum = Object.values(tables).reduce((x, y) => x + y, 0);
    expect(stats['databaseBytes']).toBeGreaterThan(sum);

    const human = await cli(['stats'], env);
    expect(human.code).toBe(0);
    expect(human.out).toMatch(/^maps {13}2$/m);
    expect(human.out).toMatch(/^documents {8}[\d.]+ (B|KiB) \(\d+ snapshots, \d+ updates\), \d+ history versions$/m);
    expect(human.out).toContain(`database         PostgreSQL ${whereOf(url)}, `);
    expect(human.out).toMatch(/^tables {11}maps [\d.]+ KiB, updates [\d.]+ KiB, snapshots [\d.]+ KiB, versions /m);
    expect(human.out).toContain('rooms, clients   n/a');

    // Nothing was created in DATA_DIR.
    expect(readdirSync(env.DATA_DIR)).toEqual([]);
  });

  it('[SV-O24] [SV-O23] delete: through the running server when it answers, else in the database in one transaction, which the server notices', async () => {
    const { server, url, a, b, env } = await serverOnPostgres({ adminToken: TOKEN });
    const saved = await fetch(`${server.url}/api/maps/${b.id}/snapshots`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${b.editToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Voor de sessie', author: 'Anna' }),
    });
    expect(saved.status).toBe(201);

    const first = rawSocket(server, `/sync/${a.id}?token=${a.editToken}`);
    await first.opened;
    const live = await cli(['delete', a.id, '--url', server.url], { ...env, KETENKAART_ADMIN_TOKEN: TOKEN });
    expect(live.code).toBe(0);
    expect(live.out).toBe(`deleted map ${a.id} through the running server; its open sockets were closed`);
    expect((await first.closed).code).toBe(CLOSE_CODES.mapDeleted);

    // Without the token: in PostgreSQL itself; the server's record watch closes the socket.
    const second = rawSocket(server, `/sync/${b.id}?token=${b.editToken}`);
    await second.opened;
    const direct = await cli(['delete', b.id, '--json'], env);
    expect(direct).toEqual({ code: 0, out: JSON.stringify({ deleted: b.id }), err: '' });
    expect((await second.closed).code).toBe(CLOSE_CODES.mapDeleted);
    for (const table of ['maps', 'updates', 'snapshots', 'versions']) {
      const column = table === 'maps' ? 'id' : 'map_id';
      expect(
        await query(url, `SELECT count(*)::int AS n FROM ${table} WHERE ${column} = ANY($1)`, [[a.id, b.id]]),
      ).toEqual([{ n: 0 }]);
    }
    expect((await fetch(`${server.url}/api/maps/${b.id}/access?token=${b.editToken}`)).status).toBe(404);

    const again = await cli(['delete', b.id], env);
    expect(again).toEqual({ code: 1, out: '', err: `there is no map ${b.id}` });
    const c = await createMap(server, CLI_MAP_FILE);
    const said = await cli(['delete', c.id], env);
    expect(said.out).toBe(
      `deleted map ${c.id} in ${whereOf(url)} (KETENKAART_ADMIN_TOKEN is not set; ` +
        'a server that has the map open closes its sockets within seconds)',
    );
    expect(readdirSync(env.DATA_DIR)).toEqual([]);
  });

  it('[SV-O24] backup refuses on PostgreSQL with one sentence and writes nothing; one store per command', async () => {
    const url = await postgres.createDatabase('backup');
    const dataDir = emptyDataDir();
    const target = path.join(dataDir, 'copy.db');
    for (const [args, env] of [
      [['backup', target], { DATABASE_URL: url, DATA_DIR: dataDir }],
      [['backup', target, '--database-url', url], { DATA_DIR: dataDir }],
    ] as const) {
      expect(await cli([...args], env)).toEqual({ code: 1, out: '', err: PG_BACKUP_REFUSAL });
    }
    expect(PG_BACKUP_REFUSAL).toContain('pg_dump');
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dataDir)).toEqual([]);

    // Both options: which store is meant is unclear.
    expect(await cli(['list', '--data-dir', dataDir, '--database-url', url])).toEqual({
      code: 2,
      out: '',
      err: 'list takes --data-dir or --database-url, not both; see ketenkaart --help',
    });
    // --data-dir names the SQLite directory even with DATABASE_URL set: that one, which has no file.
    expect(await cli(['stats', '--data-dir', dataDir], { DATABASE_URL: url })).toEqual({
      code: 1,
      out: '',
      err: `no database at ${path.join(dataDir, 'ketenkaart.db')}; is DATA_DIR right?`,
    });
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('[SV-O24] a database without this layout is refused and left as it was; an unreachable one is one sentence', async () => {
    const empty = await postgres.createDatabase('empty');
    for (const args of [['list'], ['stats'], ['export', 'x'.repeat(22)], ['delete', 'x'.repeat(22)]]) {
      expect(await cli(args, { DATABASE_URL: empty })).toEqual({
        code: 1,
        out: '',
        err: `PostgreSQL at ${whereOf(empty)} has no Ketenkaart tables; is DATABASE_URL right?`,
      });
    }
    expect(
      await query(empty, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"),
    ).toEqual([]);

    // The version table without layout 1: an older layout, which only the server migrates.
    const old = await postgres.createDatabase('old');
    const client = new pg.Client({ connectionString: old });
    await client.connect();
    await migrate(client, 0);
    await client.end();
    expect(await cli(['list', '--database-url', old])).toEqual({
      code: 1,
      out: '',
      err: `PostgreSQL at ${whereOf(old)} has layout 0, this version expects ${PG_SCHEMA_VERSION}; start the server once to migrate it`,
    });
    expect(await query(old, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).toEqual([
      { table_name: 'ketenkaart_schema' },
    ]);

    // Port 1 on the loopback: nothing listens. The password is not repeated.
    const down = await cli(['stats'], { DATABASE_URL: 'postgres://ketenkaart:geheim@127.0.0.1:1/ketenkaart' });
    expect(down.code).toBe(1);
    expect(down.err).toMatch(/^cannot reach PostgreSQL at 127\.0\.0\.1:1\/ketenkaart: \S/);
    expect(down.err).not.toContain('geheim');
    expect(await cli(['list'], { DATABASE_URL: 'mysql://x@127.0.0.1/db' })).toEqual({
      code: 1,
      out: '',
      err: 'DATABASE_URL must be a PostgreSQL URL like postgres://user:password@host:5432/ketenkaart',
    });
  });
});
