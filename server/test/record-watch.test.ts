/**
 * SV-O23: a map deleted behind the running server's back (the command line in the file, without
 * admin endpoints) closes its open sockets with 4410 within seconds, without anyone writing first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '@ketenkaart/shared';
import { runCli } from '../src/cli/cli.js';
import { RECORD_CHECK_MS } from '../src/rooms/record-watch.js';
import { MemoryStorage } from '../src/storage/memory.js';
import type { MapRecord } from '../src/storage/types.js';
import { createMap, eventually, rawSocket, testServer } from './helpers.js';

/** Long enough for two sweeps and the close to arrive, on a busy machine. */
const NOTICED_WITHIN_MS = 4 * RECORD_CHECK_MS + 5_000;

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

describe('a map deleted behind the server', () => {
  it('[SV-O23] the command line deletes in the file: the open sockets close with 4410 without a write; others stay', async () => {
    const server = await testServer();
    cleanup.push(server.stop);
    const gone = await createMap(server);
    const kept = await createMap(server);
    const editor = rawSocket(server, `/sync/${gone.id}?token=${gone.editToken}`);
    const viewer = rawSocket(server, `/sync/${gone.id}?token=${gone.viewToken}`);
    const other = rawSocket(server, `/sync/${kept.id}?token=${kept.editToken}`);
    await Promise.all([editor.opened, viewer.opened, other.opened]);
    const closes: number[] = [];
    void editor.closed.then((c) => closes.push(c.code));
    void viewer.closed.then((c) => closes.push(c.code));
    let otherClosed = false;
    void other.closed.then(() => (otherClosed = true));

    const out: string[] = [];
    const code = await runCli(
      ['delete', gone.id],
      { DATA_DIR: server.dataDir },
      { line: (t) => out.push(t) },
      {
        line: () => {},
      },
    );
    expect(code).toBe(0);
    expect(out.join('\n')).toContain('closes its sockets within seconds');
    await eventually(() => expect(closes).toEqual([CLOSE_CODES.mapDeleted, CLOSE_CODES.mapDeleted]), {
      timeout: NOTICED_WITHIN_MS,
    });
    expect(server.logs().some((l) => l.includes('map deleted elsewhere'))).toBe(true);
    expect((await fetch(`${server.url}/api/maps/${gone.id}/access?token=${gone.editToken}`)).status).toBe(404);
    const again = rawSocket(server, `/sync/${gone.id}?token=${gone.editToken}`);
    expect((await again.closed).code).toBe(CLOSE_CODES.notFound);
    // The other map's socket was checked too, and kept.
    await new Promise((resolve) => setTimeout(resolve, RECORD_CHECK_MS * 2));
    expect(otherClosed).toBe(false);
    other.ws.close();
  });

  it('[SV-O23] a check that fails changes nothing; the deletion is noticed once the store answers again', async () => {
    let failing = false;
    const storage = new (class extends MemoryStorage {
      override getMap(id: string): Promise<MapRecord | undefined> {
        return failing ? Promise.reject(new Error('store unreachable')) : super.getMap(id);
      }
    })();
    const server = await testServer({ storage });
    cleanup.push(async () => {
      await server.stop();
      await storage.close();
    });
    const map = await createMap(server);
    const socket = rawSocket(server, `/sync/${map.id}?token=${map.editToken}`);
    await socket.opened;
    let closed: number | undefined;
    void socket.closed.then((c) => (closed = c.code));
    failing = true;
    await new Promise((resolve) => setTimeout(resolve, RECORD_CHECK_MS * 2));
    expect(closed).toBeUndefined();
    // Deleted in the store directly, as another process would.
    expect(await storage.deleteMap(map.id)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, RECORD_CHECK_MS * 2));
    expect(closed, 'not while the store cannot say').toBeUndefined();
    failing = false;
    await eventually(() => expect(closed).toBe(CLOSE_CODES.mapDeleted), { timeout: NOTICED_WITHIN_MS });
  });
});
