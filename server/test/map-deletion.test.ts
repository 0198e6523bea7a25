/** Deleting a map for good (rule SV-O1): every row gone, sockets closed with 4410, links dead, room out of memory. */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '@ketenkaart/shared';
import { connect, createMap, eventually, rawSocket, synced, testServer, type Client } from './helpers.js';

let cleanup: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

const FILE = {
  format: 'ketenkaart',
  version: 1,
  title: 'Te verwijderen',
  partners: [{ id: 'p', name: 'Gemeente' }],
  steps: [{ id: 's', partner: 'p', label: 'Aanvraag', contact: 'j.jansen@example.nl' }],
  flows: [],
};

/** Rows per table that belong to map `id`, read from the SQLite file by a connection of its own. */
function rowsOf(dataDir: string, id: string): Record<string, number> {
  const db = new Database(path.join(dataDir, 'ketenkaart.db'), { readonly: true });
  try {
    const count = (sql: string) => (db.prepare(sql).get(id) as { n: number }).n;
    return {
      maps: count('SELECT count(*) AS n FROM maps WHERE id = ?'),
      updates: count('SELECT count(*) AS n FROM updates WHERE map_id = ?'),
      snapshots: count('SELECT count(*) AS n FROM snapshots WHERE map_id = ?'),
    };
  } finally {
    db.close();
  }
}

const del = (url: string, id: string, token?: string) =>
  fetch(`${url}/api/maps/${id}`, {
    method: 'DELETE',
    ...(token ? { headers: { Authorization: `Bearer ${token}` } } : {}),
  });

describe('deleting a map', () => {
  it('[SV-O1] removes every row of the map from the SQLite file and leaves the other maps alone', async () => {
    // Compaction after 3 updates, so the map has a snapshot row as well as update rows.
    const server = await testServer({ compactAfterUpdates: 3 });
    cleanup.push(server.stop);
    const map = await createMap(server, FILE);
    const other = await createMap(server, FILE);
    const client = connect(server, map.id, map.editToken);
    cleanup.push(() => client.destroy());
    await synced(client);
    for (let i = 0; i < 5; i++) client.doc.getMap('meta').set('title', `versie ${i}`);
    await eventually(() => expect(rowsOf(server.dataDir, map.id).snapshots).toBe(1));
    client.doc.getMap('meta').set('title', 'na de compactie');
    await eventually(() => expect(rowsOf(server.dataDir, map.id).updates).toBeGreaterThan(0));

    expect((await del(server.url, map.id, map.editToken)).status).toBe(200);
    expect(rowsOf(server.dataDir, map.id)).toEqual({ maps: 0, updates: 0, snapshots: 0 });
    expect(rowsOf(server.dataDir, other.id)).toMatchObject({ maps: 1 });
    const res = await fetch(`${server.url}/api/maps/${other.id}/export.json?token=${other.viewToken}`);
    expect(res.status).toBe(200);
  });

  it('[SV-O1] closes every open socket of the map with 4410 at once, and the room leaves memory', async () => {
    const server = await testServer();
    cleanup.push(server.stop);
    const map = await createMap(server, FILE);
    const editor = rawSocket(server, `/sync/${map.id}?token=${map.editToken}`);
    const viewer = rawSocket(server, `/sync/${map.id}?token=${map.viewToken}`);
    const clients: Client[] = [connect(server, map.id, map.editToken)];
    cleanup.push(() => clients.forEach((c) => c.destroy()));
    await Promise.all([editor.opened, viewer.opened, synced(clients[0]!)]);
    const stockClose = new Promise<number>((resolve) =>
      clients[0]!.provider.on('connection-close', (event: { code: number } | null) => resolve(event?.code ?? 0)),
    );
    expect(server.roomCount()).toBe(1);

    expect((await del(server.url, map.id, map.editToken)).status).toBe(200);
    expect(await editor.closed).toEqual({ code: CLOSE_CODES.mapDeleted, reason: 'map deleted' });
    expect((await viewer.closed).code).toBe(CLOSE_CODES.mapDeleted);
    expect(await stockClose).toBe(CLOSE_CODES.mapDeleted);
    await eventually(() => expect(server.roomCount()).toBe(0));
  });

  it('[SV-O1] afterwards both links answer 404 over HTTP and 4404 over the websocket', async () => {
    const server = await testServer();
    cleanup.push(server.stop);
    const map = await createMap(server, FILE);
    expect((await del(server.url, map.id, map.editToken)).status).toBe(200);
    for (const token of [map.editToken, map.viewToken]) {
      for (const route of ['access', 'export.json', 'links']) {
        const res = await fetch(`${server.url}/api/maps/${map.id}/${route}?token=${token}`);
        expect(res.status, `${route} with a ${token === map.editToken ? 'edit' : 'view'} token`).toBe(404);
      }
      expect((await rawSocket(server, `/sync/${map.id}?token=${token}`).closed).code).toBe(CLOSE_CODES.notFound);
    }
    const again = await del(server.url, map.id, map.editToken);
    expect(again.status).toBe(404);
    // Nothing came back: the room was not reloaded with an empty document.
    expect(server.roomCount()).toBe(0);
  });

  it('[SV-O1] needs the edit token: a view token is 403, none 401, a wrong one 401; nothing is deleted', async () => {
    const server = await testServer();
    cleanup.push(server.stop);
    const map = await createMap(server, FILE);
    expect((await del(server.url, map.id, map.viewToken)).status).toBe(403);
    expect((await del(server.url, map.id)).status).toBe(401);
    expect((await del(server.url, map.id, 'x'.repeat(43))).status).toBe(401);
    expect((await del(server.url, 'not-an-id', map.editToken)).status).toBe(404);
    expect(rowsOf(server.dataDir, map.id).maps).toBe(1);
  });

  it('[SV-O1] an update a client sends just before the deletion is not written after it', async () => {
    const server = await testServer();
    cleanup.push(server.stop);
    const map = await createMap(server, FILE);
    const client = connect(server, map.id, map.editToken);
    cleanup.push(() => client.destroy());
    await synced(client);
    const text = new Y.Text();
    client.doc.getMap('meta').set('note', text);
    for (let i = 0; i < 50; i++) text.insert(0, 'x');
    expect((await del(server.url, map.id, map.editToken)).status).toBe(200);
    await eventually(() => expect(server.roomCount()).toBe(0));
    expect(rowsOf(server.dataDir, map.id)).toEqual({ maps: 0, updates: 0, snapshots: 0 });
  });

  it('[SV-H13] [SV-O1] a deleted map no longer counts against the map quota', async () => {
    const server = await testServer({ maxMaps: 1 });
    cleanup.push(server.stop);
    const map = await createMap(server);
    expect((await fetch(`${server.url}/api/maps`, { method: 'POST' })).status).toBe(507);
    expect((await del(server.url, map.id, map.editToken)).status).toBe(200);
    expect((await fetch(`${server.url}/api/maps`, { method: 'POST' })).status).toBe(201);
  });
});
