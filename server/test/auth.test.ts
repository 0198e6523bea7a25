import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLOSE_CODES } from '@ketenkaart/shared';
import { connect, type Created, createMap, eventually, rawSocket, synced, testServer } from './helpers.js';

let server: Awaited<ReturnType<typeof testServer>>;
let map: Created;
let other: Created;

beforeAll(async () => {
  server = await testServer();
  map = await createMap(server);
  other = await createMap(server);
});
afterAll(async () => {
  await server.stop();
});

async function closeCode(pathAndQuery: string): Promise<number> {
  const s = rawSocket(server, pathAndQuery);
  return (await s.closed).code;
}

describe('websocket authorization', () => {
  it('[SV-A1] no token: accepted, then closed with 4401; no room created', async () => {
    expect(await closeCode(`/sync/${map.id}`)).toBe(CLOSE_CODES.unauthorized);
    expect(await closeCode(`/sync/${map.id}?token=`)).toBe(CLOSE_CODES.unauthorized);
    expect(server.roomCount()).toBe(0);
  });

  it('[SV-A2] a wrong token, or the token of another map: 4401; no room created', async () => {
    expect(await closeCode(`/sync/${map.id}?token=${'x'.repeat(43)}`)).toBe(CLOSE_CODES.unauthorized);
    expect(await closeCode(`/sync/${map.id}?token=${other.editToken}`)).toBe(CLOSE_CODES.unauthorized);
    expect(await closeCode(`/sync/${map.id}?token=${other.viewToken}`)).toBe(CLOSE_CODES.unauthorized);
    expect(server.roomCount()).toBe(0);
  });

  it('[SV-A3] a malformed or unknown id: 4404; no room created', async () => {
    const ids = ['../x', '..%2Fx', 'x'.repeat(10_240), 'short', `${map.id}/extra`, 'A'.repeat(22)];
    for (const id of ids) {
      expect(await closeCode(`/sync/${id}?token=${map.editToken}`), id.slice(0, 30)).toBe(CLOSE_CODES.notFound);
    }
    expect(await closeCode(`/elsewhere?token=${map.editToken}`)).toBe(CLOSE_CODES.notFound);
    expect(server.roomCount()).toBe(0);
  });

  it('[SV-A4] a rotated token is refused, and sockets opened with it are closed', async () => {
    const fresh = await createMap(server);
    const editor = connect(server, fresh.id, fresh.editToken);
    const viewer = connect(server, fresh.id, fresh.viewToken, true);
    await Promise.all([synced(editor), synced(viewer)]);
    const closes: number[] = [];
    editor.provider.on('connection-close', (e: { code: number } | null) => closes.push(e?.code ?? 0));
    viewer.provider.on('connection-close', (e: { code: number } | null) => closes.push(e?.code ?? 0));
    const res = await fetch(`${server.url}/api/maps/${fresh.id}/links/rotate`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${fresh.editToken}` },
    });
    expect(res.status).toBe(200);
    const rotated = (await res.json()) as { editToken: string; viewToken: string };
    await eventually(() => expect(closes).toEqual([CLOSE_CODES.unauthorized, CLOSE_CODES.unauthorized]));
    expect(await closeCode(`/sync/${fresh.id}?token=${fresh.editToken}`)).toBe(CLOSE_CODES.unauthorized);
    expect(await closeCode(`/sync/${fresh.id}?token=${fresh.viewToken}`)).toBe(CLOSE_CODES.unauthorized);
    const again = connect(server, fresh.id, rotated.editToken);
    await synced(again);
    for (const c of [editor, viewer, again]) c.destroy();
  });

  it('[SV-A2] the stock client stops reconnecting after a 44xx close', async () => {
    const bad = connect(server, map.id, 'wrong');
    const closed = vi.fn();
    bad.provider.on('closed', closed);
    await eventually(() => expect(closed).toHaveBeenCalledOnce());
    expect(closed.mock.calls[0]![0]).toMatchObject({ code: CLOSE_CODES.unauthorized });
    expect(bad.provider.shouldConnect).toBe(false);
    bad.destroy();
  });
});
