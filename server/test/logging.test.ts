/**
 * The log (rules SV-O5-O8): JSON lines with levels, request ids, no token in any line, a pretty
 * mode on request, failures logged once per cause rather than per request or frame.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStorage } from '../src/index.js';
import { logOptionsFromEnv } from '../src/config.js';
import { LogOnce, createLogger, scrub } from '../src/logger.js';
import { syncFrame } from './frames.js';
import { createMap, eventually, rawSocket, testServer } from './helpers.js';

let cleanup: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

const parsed = (lines: string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('log', () => {
  it('[SV-O5] [SV-O7] one JSON object per line with level, time and message; each request with its id', async () => {
    const server = await testServer();
    cleanup.push(server.stop);
    const map = await createMap(server);
    const res = await fetch(`${server.url}/api/maps/${map.id}/access`, {
      headers: { authorization: `Bearer ${map.viewToken}`, 'x-request-id': 'proxy-7f3a' },
    });
    expect(res.headers.get('x-request-id')).toBe('proxy-7f3a');
    const odd = await fetch(`${server.url}/api/maps/${map.id}/access`, { headers: { 'x-request-id': 'a b\u00e9' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await eventually(() => expect(server.logs().filter((l) => l.includes('"request"'))).toHaveLength(3));
    const lines = parsed(server.logs());
    for (const line of lines) {
      expect(typeof line['level']).toBe('number');
      expect(typeof line['time']).toBe('number');
      expect(typeof line['msg']).toBe('string');
    }
    const access = lines.find((l) => l['reqId'] === 'proxy-7f3a')!;
    expect(access).toMatchObject({ level: 30, msg: 'request', method: 'GET', status: 200 });
    expect(lines.find((l) => l['reqId'] === odd.headers.get('x-request-id'))).toMatchObject({ status: 401 });
  });

  it('[SV-O6] no token in any line: query, header, websocket URL and free text are redacted', async () => {
    const server = await testServer();
    cleanup.push(server.stop);
    const map = await createMap(server);
    await fetch(`${server.url}/api/maps/${map.id}/export.json?token=${map.editToken}`);
    await fetch(`${server.url}/api/maps/${map.id}/nothing?token=${map.editToken}&x=1`);
    await fetch(`${server.url}/api/maps/${map.id}/links`, { headers: { authorization: `Bearer ${map.viewToken}` } });
    const refused = rawSocket(server, `/sync/${map.id}?token=${map.viewToken}`);
    await refused.opened;
    refused.ws.send(syncFrame(2, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))); // a viewer's write: refused
    await refused.closed;
    await eventually(() =>
      expect(server.logs().filter((l) => l.includes('"request"')).length).toBeGreaterThanOrEqual(3),
    );
    const all = server.logs().join('\n');
    expect(all).toContain('token=[redacted]');
    for (const token of [map.editToken, map.viewToken]) expect(all).not.toContain(token);

    // The same for what code might log by mistake.
    const lines: string[] = [];
    const logger = createLogger({ destination: { write: (l: string) => lines.push(l) } });
    logger.info({ req: { headers: { authorization: `Bearer ${map.editToken}` } }, editToken: map.editToken }, 'x');
    logger.warn(`opened /map/${map.id}#edit=${map.editToken} from /sync/${map.id}?token=${map.viewToken}`);
    logger.error({ err: new Error(`bad Authorization: Bearer ${map.editToken}`) }, 'failed');
    expect(lines.join('\n')).not.toMatch(new RegExp(`${map.editToken}|${map.viewToken}`));
    expect(lines.join('\n')).toContain(`#edit=[redacted]`);
    expect(scrub('a?token=abc&b=1 #view=xyz Bearer qq')).toBe(
      'a?token=[redacted]&b=1 #view=[redacted] Bearer [redacted]',
    );
  });

  it('[SV-O8] a failing store is logged once with its cause, not once per request', async () => {
    class Failing extends MemoryStorage {
      fail = false;
      override getMap(id: string) {
        return this.fail ? Promise.reject(new Error('disk on fire')) : super.getMap(id);
      }
    }
    const storage = new Failing();
    const server = await testServer({ storage });
    cleanup.push(server.stop);
    const map = await createMap(server);
    storage.fail = true;
    for (let i = 0; i < 20; i++) {
      expect((await fetch(`${server.url}/api/maps/${map.id}/access?token=${map.editToken}`)).status).toBe(503);
    }
    const failures = parsed(server.logs()).filter((l) => l['msg'] === 'storage failed');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ level: 50, operation: 'http', cause: 'disk on fire' });

    // Once per interval: the next line says how many were left out.
    let now = 0;
    const once = new LogOnce(60_000, () => now);
    const written: number[] = [];
    for (let i = 0; i < 5; i++) once.log('disk on fire', (n) => written.push(n));
    now = 60_000;
    once.log('disk on fire', (n) => written.push(n));
    once.log('another cause', (n) => written.push(n));
    expect(written).toEqual([0, 4, 0]);
  });

  it('[SV-O8] refused writes: one line per closed socket with its cause, not one per frame', async () => {
    const server = await testServer();
    cleanup.push(server.stop);
    const map = await createMap(server);
    const s = rawSocket(server, `/sync/${map.id}?token=${map.editToken}`);
    await s.opened;
    // Malformed updates: the first closes the socket (4400), the rest are dropped.
    for (let i = 0; i < 10; i++) s.ws.send(syncFrame(2, new Uint8Array([200, 200, 200, 200, 1])));
    expect((await s.closed).code).toBe(4400);
    const refused = parsed(server.logs()).filter((l) => l['msg'] === 'write refused; socket closed');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ level: 40, room: map.id, role: 'editor', code: 4400 });
  });

  it('[SV-O5] KETENKAART_LOG_FORMAT=pretty writes lines for people; LOG_LEVEL picks the level', () => {
    const lines: string[] = [];
    const logger = createLogger({ format: 'pretty', destination: { write: (l: string) => lines.push(l) } });
    logger.info({ room: 'abc' }, 'map deleted');
    expect(lines.join('')).toMatch(/INFO.*map deleted/);
    expect(() => JSON.parse(lines.join('')) as unknown).toThrow();
    expect(logOptionsFromEnv({})).toEqual({ level: 'info', format: 'json' });
    expect(logOptionsFromEnv({ LOG_LEVEL: 'WARN', KETENKAART_LOG_FORMAT: 'pretty' })).toEqual({
      level: 'warn',
      format: 'pretty',
    });
    expect(() => logOptionsFromEnv({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of/);
    expect(() => logOptionsFromEnv({ KETENKAART_LOG_FORMAT: 'xml' })).toThrow(/json or pretty/);
  });
});
