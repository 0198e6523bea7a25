/**
 * The admin commands (rule SV-O3) over a data directory: `backup`, `list`, `export`, `delete`,
 * `stats`. Each writes its result to `out` and returns the exit code; a failure throws with one
 * sentence, which `cli.ts` prints.
 */
import { writeFileSync } from 'node:fs';
import * as Y from 'yjs';
import { MAP_ID_PATTERN, exportJson } from '@ketenkaart/shared';
import { titleOf } from '../document/doc-worker.js';
import { AdminStore, type MapSummary } from '../storage/admin.js';
import { liveClients, liveDelete, type Live } from './live.js';

/** Where a command writes: lines for people, or JSON. */
export interface Output {
  line(text: string): void;
}

/** What every command gets. */
export interface CommandContext {
  readonly dataDir: string;
  readonly live: Live;
  readonly json: boolean;
  readonly out: Output;
}

const open = <T>(dataDir: string, use: (store: AdminStore) => T): T => {
  const store = new AdminStore(dataDir);
  try {
    return use(store);
  } finally {
    store.close();
  }
};

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

/** `backup <file>`: a consistent copy while the server runs (SV-O2). */
export function backup(ctx: CommandContext, target: string): number {
  const result = open(ctx.dataDir, (store) => store.backup(target));
  if (ctx.json) ctx.out.line(JSON.stringify(result));
  else ctx.out.line(`backed up ${result.maps} maps to ${result.file} (${humanBytes(result.bytes)})`);
  return 0;
}

/** A map's title: the stored one, else read from its document (a map that never compacted yet). */
function titled(store: AdminStore, map: MapSummary): MapSummary {
  if (map.title) return map;
  const updates = store.documentOf(map.id) ?? [];
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
  const maps = open(ctx.dataDir, (store) => store.list().map((m) => titled(store, m)));
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
export function exportMap(ctx: CommandContext, id: string, file: string | undefined): number {
  const doc = open(ctx.dataDir, (store) => store.documentOf(id));
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
 * closed with 4410 at once), else in the file.
 */
export async function deleteMap(ctx: CommandContext, id: string): Promise<number> {
  if (!MAP_ID_PATTERN.test(id)) throw new Error(`${id} is not a map id (22 characters A-Z, a-z, 0-9, - and _)`);
  const live = await liveDelete(ctx.live, id);
  let how: string;
  if ('done' in live) {
    if (live.done === 'missing') throw new Error(`there is no map ${id}`);
    how = 'through the running server; its open sockets were closed';
  } else {
    if (!open(ctx.dataDir, (store) => store.delete(id))) throw new Error(`there is no map ${id}`);
    how = `in ${ctx.dataDir} (${live.unavailable}; a server that has the map open closes its sockets within seconds)`;
  }
  if (ctx.json) ctx.out.line(JSON.stringify({ deleted: id }));
  else ctx.out.line(`deleted map ${id} ${how}`);
  return 0;
}

/** `stats`: totals of the store, and rooms and clients when the server is reachable. */
export async function stats(ctx: CommandContext): Promise<number> {
  const s = open(ctx.dataDir, (store) => store.stats());
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
    `documents        ${humanBytes(s.documentBytes)} (${s.snapshotRows} snapshots, ${s.updateRows} updates)`,
  );
  ctx.out.line(
    `database file    ${humanBytes(s.fileBytes)} + WAL ${humanBytes(s.walBytes)}, ${s.freePages} free pages of ${s.pageSize} B`,
  );
  ctx.out.line(`layout           ${s.layout}`);
  ctx.out.line(
    typeof clients === 'string'
      ? `rooms, clients   n/a: ${clients}`
      : `rooms, clients   ${live.rooms} in memory, ${live.clients} connected`,
  );
  return 0;
}
