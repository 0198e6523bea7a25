/**
 * `migrate-to-postgres` (rule SV-G7): copies every map of an SQLite data directory into the
 * PostgreSQL database of `DATABASE_URL` (its record and token hashes, title, snapshot, updates
 * with their seqs, history), then verifies each map: the same record, the same JSON export from
 * both stores, the same history with the same contents. A map already in PostgreSQL is not copied
 * again, only verified, so an interrupted copy can be run again. Prints the counts.
 */
import * as Y from 'yjs';
import { exportJson } from '@ketenkaart/shared';
import { databaseUrl as checkedDatabaseUrl } from '../config.js';
import { PostgresStorage } from '../storage/postgres.js';
import { SqliteReader } from '../storage/sqlite-reader.js';
import type { CommandContext } from './commands.js';

/** `statement_timeout` of the copy's statements. */
const IMPORT_STATEMENT_TIMEOUT_MS = 300_000;

/** The JSON v1 export of a stored document (snapshot and updates). */
function exportOf(updates: readonly Uint8Array[]): string {
  const doc = new Y.Doc({ gc: true });
  try {
    doc.transact(() => {
      for (const u of updates) Y.applyUpdate(doc, u);
    });
    return exportJson(doc);
  } finally {
    doc.destroy();
  }
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.byteLength === b.byteLength && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);

export interface MigrationCounts {
  maps: number;
  copied: number;
  /** Maps that were in PostgreSQL already (a repeated run): verified, not copied. */
  present: number;
  updates: number;
  snapshots: number;
  versions: number;
  bytes: number;
  verified: number;
  /** Ids of maps whose copy differs, with what differs. */
  mismatches: string[];
}

export async function migrateToPostgres(
  ctx: Pick<CommandContext, 'json' | 'out'>,
  dataDir: string,
  databaseUrl: string | undefined,
): Promise<number> {
  if (!databaseUrl) throw new Error('migrate-to-postgres needs --database-url or DATABASE_URL (postgres://...)');
  const url = checkedDatabaseUrl(databaseUrl);
  const reader = new SqliteReader(dataDir);
  const counts: MigrationCounts = {
    maps: 0,
    copied: 0,
    present: 0,
    updates: 0,
    snapshots: 0,
    versions: 0,
    bytes: 0,
    verified: 0,
    mismatches: [],
  };
  try {
    // A map's snapshot or history may be tens of MB: more time per statement than a server allows.
    const target = await PostgresStorage.open({ url, statementTimeoutMs: IMPORT_STATEMENT_TIMEOUT_MS });
    try {
      for (const id of reader.mapIds()) {
        const map = reader.read(id)!;
        counts.maps++;
        if (await target.getMap(id)) counts.present++;
        else {
          await target.importMap(map);
          counts.copied++;
        }
        counts.updates += map.updates.length;
        counts.snapshots += map.snapshot ? 1 : 0;
        counts.versions += map.versions.length;
        counts.bytes +=
          (map.snapshot?.data.byteLength ?? 0) +
          map.updates.reduce((n, u) => n + u.data.byteLength, 0) +
          map.versions.reduce((n, v) => n + v.content.byteLength, 0);
        const differs = await difference(target, map);
        if (differs) counts.mismatches.push(`${id}: ${differs}`);
        else counts.verified++;
        if (!ctx.json && counts.maps % 100 === 0) ctx.out.line(`... ${counts.maps} maps`);
      }
    } finally {
      await target.close();
    }
  } finally {
    reader.close();
  }
  if (ctx.json) ctx.out.line(JSON.stringify(counts));
  else {
    ctx.out.line(
      `copied ${counts.copied} maps (${counts.present} were there already) of ${counts.maps}: ` +
        `${counts.updates} updates, ${counts.snapshots} compacted snapshots, ${counts.versions} history versions, ` +
        `${counts.bytes} bytes`,
    );
    ctx.out.line(`verified ${counts.verified} of ${counts.maps} maps: the same record, JSON export and history`);
    for (const m of counts.mismatches) ctx.out.line(`DIFFERS ${m}`);
  }
  return counts.mismatches.length === 0 ? 0 : 1;
}

/** What differs between the map as read from SQLite and as stored in PostgreSQL, or undefined. */
async function difference(
  target: PostgresStorage,
  map: NonNullable<ReturnType<SqliteReader['read']>>,
): Promise<string | undefined> {
  const id = map.record.id;
  const record = await target.getMap(id);
  if (JSON.stringify(record) !== JSON.stringify(map.record)) return 'record or token hashes';
  const source = exportOf([...(map.snapshot ? [map.snapshot.data] : []), ...map.updates.map((u) => u.data)]);
  const copied = exportOf((await target.loadDocument(id)).updates);
  if (source !== copied) return 'JSON export';
  const listed = await target.listSnapshots(id);
  if (listed.length !== map.versions.length)
    return `history (${listed.length} versions, expected ${map.versions.length})`;
  for (const v of map.versions) {
    const got = await target.getSnapshot(id, v.record.id);
    if (!got || JSON.stringify(got.record) !== JSON.stringify(v.record) || !sameBytes(got.content, v.content)) {
      return `history version ${v.record.id}`;
    }
  }
  return undefined;
}
