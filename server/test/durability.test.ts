import { afterAll, describe, expect, it } from 'vitest';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { SqliteStorage } from '../src/storage/sqlite.js';
import { startChild, type ChildServer } from './child-server.js';
import { type Client, connect, createMap, eventually, freePort, synced, tempDir } from './helpers.js';

// Each stock provider adds a process 'exit' listener.
process.setMaxListeners(50);
const SEED = Number(process.env['DURABILITY_SEED'] ?? 7);
const KILLS = 10;
const CLIENTS = 10;
const tmp = tempDir();
let server: ChildServer | undefined;

afterAll(async () => {
  server?.child.kill('SIGKILL');
  if (server) await server.exited;
  tmp.remove();
});

/** The keys stored on disk for map `id`, read straight from the database. */
async function storedKeys(id: string): Promise<Set<string>> {
  const storage = new SqliteStorage(tmp.dir);
  try {
    const doc = new Y.Doc();
    for (const u of (await storage.loadDocument(id)).updates) Y.applyUpdate(doc, u);
    return new Set(doc.getMap('steps').keys());
  } finally {
    await storage.close();
  }
}

describe('durability', () => {
  it(`[SV-S2] [SV-S7] ${KILLS} SIGKILLs while ${CLIENTS} clients edit: every echoed update survives (seed ${SEED})`, async () => {
    const gen = prng.create(SEED);
    const env = {
      PORT: String(await freePort()),
      DATA_DIR: tmp.dir,
      KETENKAART_MAX_CONNECTIONS_PER_IP_PER_MINUTE: '100000',
    };
    server = await startChild(env);
    const map = await createMap(server);
    const editors: Client[] = Array.from({ length: CLIENTS }, () =>
      connect(server!, map.id, map.editToken, false, 100),
    );
    // The observer only ever receives what the server sends after storing it (rule SV-S2):
    // a key it has seen is a confirmed, stored write.
    const observer = connect(server, map.id, map.viewToken, true, 100);
    await Promise.all([...editors, observer].map((c) => synced(c)));
    let n = 0;
    const editing = setInterval(() => {
      editors.forEach((e, i) => e.doc.getMap('steps').set(`c${i}-${n}`, n));
      n++;
    }, 20);

    try {
      for (let kill = 0; kill < KILLS; kill++) {
        await new Promise((r) => setTimeout(r, prng.uint32(gen, 200, 600)));
        const confirmed = [...observer.doc.getMap('steps').keys()];
        server.child.kill('SIGKILL');
        await server.exited;
        const stored = await storedKeys(map.id);
        const lost = confirmed.filter((k) => !stored.has(k));
        expect(lost, `kill ${kill}: confirmed but not stored`).toEqual([]);
        expect(confirmed.length).toBeGreaterThan(kill * CLIENTS);
        server = await startChild(env);
        await Promise.all([...editors, observer].map((c) => synced(c, 60_000)));
      }
    } finally {
      clearInterval(editing);
    }

    // After the last restart every client converges, with everything any of them wrote.
    await eventually(
      () => {
        const expected = observer.doc.getMap('steps').toJSON();
        expect(Object.keys(expected).length).toBe(n * CLIENTS);
        for (const e of editors) expect(e.doc.getMap('steps').toJSON()).toEqual(expected);
      },
      { timeout: 60_000, interval: 50 },
    );
    for (const c of [...editors, observer]) c.destroy();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    server = undefined;
    expect((await storedKeys(map.id)).size).toBe(n * CLIENTS);
    // Each kill restarts a server process from source (tsx): on a loaded two-core machine each restart,
    // with its first work thread, can take tens of seconds. What this test checks is durability, not speed.
  }, 400_000);
});
