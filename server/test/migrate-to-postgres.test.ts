import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { MapFile } from '@ketenkaart/shared';
import { cli } from './support/cli.js';
import { connect, createMap, eventually, exportMap, synced, testServer, type Created } from './helpers.js';
import { usePostgres } from './support/postgres.js';

/** SV-G7: a populated SQLite data directory copied into PostgreSQL, verified map by map. */
const postgres = usePostgres();

const file = (title: string, steps: number): MapFile => ({
  format: 'ketenkaart',
  version: 1,
  title,
  description: `Kaart ${title}`,
  partners: [
    { id: 'wg', name: 'Werkgever', color: '#1f6feb', description: '' },
    { id: 'uwv', name: 'UWV', color: '#8250df', description: '' },
  ],
  steps: Array.from({ length: steps }, (_, i) => ({
    id: `s${i}`,
    partner: i % 2 ? 'uwv' : 'wg',
    label: `Stap ${i}`,
    kind: 'activity' as const,
    description: '',
    contact: '',
    x: 200 + 300 * i,
    y: 20,
  })),
  flows: [],
});

const api = (base: string, p: string, token: string, init: RequestInit = {}) =>
  fetch(`${base}${p}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
  });

/** What a person can get out of a map: its export and its history (list and each version's export). */
async function everything(base: string, map: Created): Promise<unknown> {
  const list = (await (await api(base, `/api/maps/${map.id}/snapshots`, map.viewToken)).json()) as {
    snapshots: { id: string }[];
  };
  const versions = [];
  for (const s of list.snapshots) {
    versions.push(await (await api(base, `/api/maps/${map.id}/snapshots/${s.id}/export.json`, map.viewToken)).json());
  }
  return { map: await exportMap({ url: base }, map.id, map.editToken), list, versions };
}

describe('migrate-to-postgres', () => {
  it('[SV-G7] copies every map with its tokens, document and history; every map exports the same from PostgreSQL', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ketenkaart-migrate-'));
    try {
      // A deployment with some of everything: imported maps, an empty one, live edits with
      // compactions, named and automatic snapshots, rotated links.
      const sqlite = await testServer({ dataDir, compactAfterUpdates: 5 });
      const maps: Created[] = [];
      for (let i = 0; i < 4; i++) maps.push(await createMap(sqlite, file(`Keten ${i}`, i + 1)));
      maps.push(await createMap(sqlite));
      const edited = maps[0]!;
      const editor = connect(sqlite, edited.id, edited.editToken);
      await synced(editor);
      for (let i = 0; i < 12; i++) editor.doc.getMap('meta').set('title', `Bewerkt ${i}`);
      await eventually(async () =>
        expect(await exportMap(sqlite, edited.id, edited.viewToken)).toMatchObject({ title: 'Bewerkt 11' }),
      );
      editor.destroy();
      const historied = maps[1]!;
      for (const name of ['Voor de sessie', 'Na de sessie']) {
        const saved = await api(sqlite.url, `/api/maps/${historied.id}/snapshots`, historied.editToken, {
          method: 'POST',
          body: JSON.stringify({ name, author: 'Anna' }),
        });
        expect(saved.status).toBe(201);
      }
      const replaced = await api(sqlite.url, `/api/maps/${historied.id}/content`, historied.editToken, {
        method: 'PUT',
        body: JSON.stringify(file('Vervangen', 3)),
      });
      expect(replaced.status).toBe(200);
      const rotatedOld = maps[2]!;
      const rotation = await api(sqlite.url, `/api/maps/${rotatedOld.id}/links/rotate`, rotatedOld.editToken, {
        method: 'POST',
      });
      expect(rotation.status).toBe(200);
      const links = (await rotation.json()) as { editUrl: string; viewUrl: string };
      const rotated: Created = {
        ...rotatedOld,
        editToken: new URL(links.editUrl).hash.replace('#edit=', ''),
        viewToken: new URL(links.viewUrl).hash.replace('#view=', ''),
      };
      maps[2] = rotated;
      const before = [];
      for (const m of maps) before.push(await everything(sqlite.url, m));
      await sqlite.stop();

      const url = await postgres.createDatabase('migrate');
      const first = await cli(['migrate-to-postgres', '--data-dir', dataDir, '--json'], { DATABASE_URL: url });
      expect(first.err).toBe('');
      expect(first.code).toBe(0);
      const counts = JSON.parse(first.out) as Record<string, unknown>;
      expect(counts).toMatchObject({ maps: 5, copied: 5, present: 0, verified: 5, mismatches: [] });
      expect(counts['versions']).toBeGreaterThanOrEqual(3);
      expect(counts['snapshots']).toBeGreaterThanOrEqual(1);

      // The same maps, links and history from a server on PostgreSQL.
      const onPostgres = await testServer({ databaseUrl: url });
      try {
        const after = [];
        for (const m of maps) after.push(await everything(onPostgres.url, m));
        expect(after).toEqual(before);
        const old = await api(onPostgres.url, `/api/maps/${rotatedOld.id}/export.json`, rotatedOld.editToken);
        expect(old.status).toBe(401);
        // It goes on from the copied seqs: an edit on PostgreSQL is stored after them.
        const c = connect(onPostgres, edited.id, edited.editToken);
        await synced(c);
        c.doc.getMap('meta').set('title', 'Op PostgreSQL');
        await eventually(async () =>
          expect(await exportMap(onPostgres, edited.id, edited.viewToken)).toMatchObject({ title: 'Op PostgreSQL' }),
        );
        c.destroy();
      } finally {
        await onPostgres.stop();
      }

      // Again (an interrupted copy run twice): nothing copied twice, everything verified.
      const again = await cli(['migrate-to-postgres', '--data-dir', dataDir, '--database-url', url]);
      expect(again.code).toBe(1); // the map edited on PostgreSQL now differs, and is named
      expect(again.out).toMatch(/copied 0 maps \(5 were there already\) of 5/);
      expect(again.out).toContain(`DIFFERS ${edited.id}: JSON export`);
      expect(again.out).toMatch(/verified 4 of 5 maps/);

      // A token hash changed in PostgreSQL behind its back is found too.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query('UPDATE maps SET view_token_hash = $1 WHERE id = $2', ['0'.repeat(64), maps[3]!.id]);
      await client.end();
      const third = await cli(['migrate-to-postgres', '--data-dir', dataDir, '--json'], { DATABASE_URL: url });
      expect(JSON.parse(third.out)).toMatchObject({
        verified: 3,
        mismatches: [`${edited.id}: JSON export`, `${maps[3]!.id}: record or token hashes`].sort(),
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('[SV-G7] without a database URL, or with one that is not PostgreSQL, it says so', async () => {
    const none = await cli(['migrate-to-postgres', '--data-dir', '/nonexistent']);
    expect(none).toMatchObject({
      code: 1,
      err: expect.stringMatching(/needs --database-url or DATABASE_URL/) as string,
    });
    const wrong = await cli(['migrate-to-postgres', '--database-url', 'mysql://secret@x/y']);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/DATABASE_URL must be a PostgreSQL URL/);
    expect(wrong.err).not.toContain('secret');
  });
});
