/**
 * The admin commands (rules SV-O3, SV-O24) over the configured store, SQLite or PostgreSQL:
 * `backup`, `list`, `export`, `delete`, `stats`. Each writes its result to `out` and returns the
 * exit code; a failure throws with one sentence, which `cli.ts` prints.
 */
import { writeFileSync } from 'node:fs';
import * as Y from 'yjs';
import { MAP_ID_PATTERN, exportJson } from '@ketenkaart/shared';
import { titleOf } from '../document/doc-worker.js';
import type { AdminReader, MapSummary } from '../storage/admin-reader.js';
import { SqliteAdmin } from '../storage/admin.js';
import type { BackupResult } from '../storage/backup.js';
import { liveClients, liveDelete, type Live } from './live.js';
import { withStore, type StoreChoice } from './store.js';

/** Where a command writes: lines for people, or JSON. */
export interface Output {
  line(text: string): void;
}

/** What every command gets. */
export interface CommandContext {
  readonly store: StoreChoice;
  readonly live: Live;
  readonly json: boolean;
  readonly out: Output;
}

/** Bytes for people: 512 B, 1.5 KiB, 3.2 MiB. */
export function humanBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

/** What `backup` says on PostgreSQL (SV-O24): the copy is PostgreSQL's own tools' to make. */
export const PG_BACKUP_REFUSAL =
  'backup copies an SQLite data directory, but the maps are in PostgreSQL: back them up with pg_dump ' +
  '(pg_dump --format=custom --file=<file> "$DATABASE_URL"), see docs/operations.md';

/** `backup <file>`: a consistent copy of the SQLite file while the server runs (SV-O2); refused on PostgreSQL. */
export async function backup(ctx: CommandContext, target: string): Promise<number> {
  if ('databaseUrl' in ctx.store) throw new Error(PG_BACKUP_REFUSAL);
  const store = new SqliteAdmin(ctx.store.dataDir);
  let result: BackupResult;
  try {
    result = store.backup(target);
  } finally {
    await store.close();
  }
  if (ctx.json) ctx.out.line(JSON.stringify(result));
  else ctx.out.line(`backed up ${result.maps} maps to ${result.file} (${humanBytes(result.bytes)})`);
  return 0;
}

/** A map's title: the stored one, else read from its document (a map that never compacted yet). */
async function titled(store: AdminReader, map: MapSummary): Promise<MapSummary> {
  if (map.title) return map;
  const updates = (await store.documentOf(map.id)) ?? [];
  const doc = new Y.Doc();
  try {
    for (const u of updates) Y.applyUpdate(doc, u);
    return { ...map, title: titleOf(doc) };
  } finally {
    doc.destroy();
  }
}

/** `list`: every map with its title, size, last change and connected clients ("n/a" without the server). */
export async function list(ctx: CommandContext): Promise<number> {
  const maps = await withStore(ctx.store, async (store) => {
    const titledMaps: MapSummary[] = [];
    for (const m of await store.list()) titledMaps.push(await titled(store, m));
    return titledMaps;
  });
  const clients = await liveClients(ctx.live);
  const clientsOf = (id: string): number | null => (typeof clients === 'string' ? null : (clients.get(id) ?? 0));
  if (ctx.json) {
    ctx.out.line(JSON.stringify(maps.map((m) => ({ ...m, clients: clientsOf(m.id) }))));
    return 0;
  }
  ctx.out.line(
    ['id'.padEnd(22), 'size'.padStart(10), 'last change'.padEnd(20), 'clients'.padStart(7), 'title'].join('  '),
  );
  for (const m of maps) {
    const when = new Date(m.changedAt).toISOString().slice(0, 19).replace('T', ' ');
    const n = clientsOf(m.id);
    ctx.out.line(
      [
        m.id,
        humanBytes(m.bytes).padStart(10),
        when.padEnd(20),
        (n === null ? 'n/a' : String(n)).padStart(7),
        m.title,
      ].join('  '),
    );
  }
  ctx.out.line(`${maps.length} maps${typeof clients === 'string' ? `; clients n/a: ${clients}` : ''}`);
  return 0;
}

/** `export <id>`: the map as JSON v1, to `file` or the output. */
export async function exportMap(ctx: CommandContext, id: string, file: string | undefined): Promise<number> {
  const doc = await withStore(ctx.store, (store) => store.documentOf(id));
  if (!doc) throw new Error(`there is no map ${id}`);
  const ydoc = new Y.Doc({ gc: true });
  let json: string;
  try {
    ydoc.transact(() => {
      for (const part of doc) Y.applyUpdate(ydoc, part);
    });
    json = exportJson(ydoc);
  } finally {
    ydoc.destroy();
  }
  if (file) {
    writeFileSync(file, json, { flag: 'wx' });
    ctx.out.line(`exported map ${id} to ${file}`);
  } else ctx.out.line(json);
  return 0;
}

/**
 * `delete <id>`: through the running server when it has admin endpoints (its open sockets are
 * closed with 4410 at once), else in the store itself, one transaction (SV-O24).
 */
export async function deleteMap(ctx: CommandContext, id: string): Promise<number> {
  if (!MAP_ID_PATTERN.test(id)) throw new Error(`${id} is not a map id (22 characters A-Z, a-z, 0-9, - and _)`);
  const live = await liveDelete(ctx.live, id);
  let how: string;
  if ('done' in live) {
    if (live.done === 'missing') throw new Error(`there is no map ${id}`);
    how = 'through the running server; its open sockets were closed';
  } else {
    const { deleted, where } = await withStore(ctx.store, async (store) => ({
      deleted: await store.delete(id),
      where: store.where,
    }));
    if (!deleted) throw new Error(`there is no map ${id}`);
    how = `in ${where} (${live.unavailable}; a server that has the map open closes its sockets within seconds)`;
  }
  if (ctx.json) ctx.out.line(JSON.stringify({ deleted: id }));
  else ctx.out.line(`deleted map ${id} ${how}`);
  return 0;
}

/** `stats`: totals of the store, and rooms and clients when the server is reachable. */
export async function stats(ctx: CommandContext): Promise<number> {
  const s = await withStore(ctx.store, (store) => store.stats());
  const clients = await liveClients(ctx.live);
  const live =
    typeof clients === 'string'
      ? { rooms: null, clients: null }
      : { rooms: clients.size, clients: [...clients.values()].reduce((a, b) => a + b, 0) };
  if (ctx.json) {
    ctx.out.line(JSON.stringify({ ...s, ...live }));
    return 0;
  }
  ctx.out.line(`maps             ${s.maps}`);
  ctx.out.line(
    `documents        ${humanBytes(s.documentBytes)} (${s.snapshotRows} snapshots, ${s.updateRows} updates), ${s.versionRows} history versions`,
  );
  if (s.storage === 'sqlite') {
    ctx.out.line(
      `database file    ${humanBytes(s.fileBytes)} + WAL ${humanBytes(s.walBytes)}, ${s.freePages} free pages of ${s.pageSize} B`,
    );
  } else {
    const t = s.tableBytes;
    ctx.out.line(`database         PostgreSQL ${s.database}, ${humanBytes(s.databaseBytes)} in all`);
    ctx.out.line(
      `tables           maps ${humanBytes(t.maps)}, updates ${humanBytes(t.updates)}, snapshots ${humanBytes(t.snapshots)}, versions ${humanBytes(t.versions)}`,
    );
  }
  ctx.out.line(`layout           ${s.layout}`);
  ctx.out.line(
    typeof clients === 'string'
      ? `rooms, clients   n/a: ${clients}`
      : `rooms, clients   ${live.rooms} in memory, ${live.clients} connected`,
  );
  return 0;
}
