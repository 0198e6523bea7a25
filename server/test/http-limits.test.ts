import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStorage } from '../src/index.js';
import type { ServerConfig } from '../src/config.js';
import { createMap, eventually, mapRecord, testServer } from './helpers.js';
import { rawConnection, requestHead } from './http-raw.js';

let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  stops = [];
});

async function server(options: Partial<ServerConfig> = {}) {
  const s = await testServer(options);
  stops.push(s.stop);
  return s;
}

const file = {
  format: 'ketenkaart',
  version: 1,
  title: 'Grenzen',
  partners: [{ id: 'p', name: 'P' }],
  steps: [],
  flows: [],
};

const post = (url: string, headers: Record<string, string> = {}, body?: string) =>
  fetch(`${url}/api/maps`, { method: 'POST', headers, ...(body === undefined ? {} : { body }) });

/** The value of a gauge or counter without labels in `/metrics`. */
async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`no metric ${name}`);
  return Number(line.split(' ')[1]);
}

describe('request content type', () => {
  it('[SV-H11] a body that is not declared application/json is refused with 415 and creates nothing', async () => {
    const storage = new MemoryStorage();
    const s = await server({ storage });
    const json = JSON.stringify(file);
    // What a cross-site form can send: its three encodings, with fields or without.
    for (const [type, body] of [
      ['text/plain', json],
      ['text/plain;charset=UTF-8', ''],
      ['application/x-www-form-urlencoded', `a=${encodeURIComponent(json)}`],
      ['application/x-www-form-urlencoded', ''],
      [
        'multipart/form-data; boundary=x',
        `--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n${json}\r\n--x--\r\n`,
      ],
      ['application/jsonx', json],
      ['application/json; charset=iso-8859-1', json],
    ] as const) {
      const res = await post(s.url, { 'Content-Type': type }, body);
      expect(res.status, type).toBe(415);
      expect(await res.json()).toEqual({ error: 'send the body as application/json' });
    }
    // A body without any content type is refused too.
    const untyped = await fetch(`${s.url}/api/maps`, { method: 'POST', body: new Blob([json]) });
    expect(untyped.status).toBe(415);
    expect(await storage.countMaps()).toBe(0);
  });

  it('[SV-H11] application/json (any case, optional UTF-8 charset) is accepted; no body and no type creates a blank map', async () => {
    const s = await server();
    for (const type of [
      'application/json',
      'Application/JSON',
      'application/json; charset=utf-8',
      'application/json;charset="UTF-8"',
    ]) {
      expect((await post(s.url, { 'Content-Type': type }, JSON.stringify(file))).status, type).toBe(201);
    }
    expect((await post(s.url)).status).toBe(201);
  });

  it('[SV-H11] PUT content with text/plain is refused with 415 and changes nothing', async () => {
    const s = await server();
    const map = await createMap(s, file);
    const res = await fetch(`${s.url}/api/maps/${map.id}/content`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${map.editToken}`, 'Content-Type': 'text/plain' },
      body: JSON.stringify({ ...file, title: 'Overschreven' }),
    });
    expect(res.status).toBe(415);
    const exported = await fetch(`${s.url}/api/maps/${map.id}/export.json?token=${map.viewToken}`);
    expect(((await exported.json()) as { title: string }).title).toBe('Grenzen');
  });
});

describe('map creation limits', () => {
  it('[SV-H12] more than KETENKAART_MAX_MAPS_PER_IP_PER_HOUR creations from one address: 429 with Retry-After', async () => {
    const s = await server({ maxMapsPerIpPerHour: 3 });
    for (let i = 0; i < 3; i++) expect((await post(s.url)).status).toBe(201);
    const refused = await post(s.url, { 'Content-Type': 'application/json' }, JSON.stringify(file));
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ error: 'too many new maps from this address; try again later' });
    // One map comes back every hour / 3 = 1,200 s.
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(1_100);
    expect(retryAfter).toBeLessThanOrEqual(1_200);
    // Other routes are not limited by it.
    expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
  });

  it('[SV-H13] the total quota KETENKAART_MAX_MAPS counts the maps already stored: 507 once reached', async () => {
    const storage = new MemoryStorage();
    await storage.createMap(mapRecord('A'.repeat(22)));
    const s = await server({ storage, maxMaps: 3 });
    // A refused body uses up no quota.
    expect((await post(s.url, { 'Content-Type': 'application/json' }, '{"format":')).status).toBe(400);
    expect((await post(s.url)).status).toBe(201);
    expect((await post(s.url)).status).toBe(201);
    const full = await post(s.url);
    expect(full.status).toBe(507);
    expect(await full.json()).toEqual({ error: 'this server holds its maximum number of maps' });
    expect(await storage.countMaps()).toBe(3);
  });

  it('[SV-H13] a request refused for its Host header stores nothing, so no map escapes the count', async () => {
    const storage = new MemoryStorage();
    const s = await server({ storage });
    const c = rawConnection(s.url);
    c.write('POST /api/maps HTTP/1.1\r\nHost: bad host!\r\nContent-Length: 0\r\n\r\n');
    const res = await c.response;
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ error: 'missing or malformed Host header' });
    expect(await storage.countMaps()).toBe(0);
    c.socket.destroy();
  });

  it('[SV-H13] concurrent creations cannot overshoot the quota', async () => {
    const storage = new MemoryStorage();
    const s = await server({ storage, maxMaps: 5 });
    const statuses = await Promise.all(Array.from({ length: 20 }, () => post(s.url).then((r) => r.status)));
    expect(statuses.filter((x) => x === 201)).toHaveLength(5);
    expect(statuses.filter((x) => x === 507)).toHaveLength(15);
    expect(await storage.countMaps()).toBe(5);
  });
});

describe('request bodies and timeouts', () => {
  it('[SV-H14] request bodies in flight past KETENKAART_MAX_BODY_BYTES_IN_FLIGHT: 503 with Retry-After; freed when done', async () => {
    const s = await server({ maxBodyBytes: 200 * 1024, maxBodyBytesInFlight: 256 * 1024 });
    const body = JSON.stringify(file).padEnd(180 * 1024, ' ');
    const head = requestHead('POST', '/api/maps', {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
    });
    // A holds 150 KiB open.
    const a = rawConnection(s.url);
    a.write(head + body.slice(0, 150 * 1024));
    await eventually(async () =>
      expect(await metric(s.url, 'ketenkaart_http_request_body_in_flight_bytes')).toBeGreaterThanOrEqual(150 * 1024),
    );
    // B would take the total past 256 KiB.
    const b = rawConnection(s.url);
    b.write(head + body.slice(0, 150 * 1024));
    const refused = await b.response;
    expect(refused.status).toBe(503);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(refused.body)).toEqual({ error: 'too many request bodies in flight; try again later' });
    await b.closed;
    // A finishes and is served; its bytes are released.
    a.write(body.slice(150 * 1024));
    expect((await a.response).status).toBe(201);
    await eventually(async () => expect(await metric(s.url, 'ketenkaart_http_request_body_in_flight_bytes')).toBe(0));
    expect((await post(s.url, { 'Content-Type': 'application/json' }, body)).status).toBe(201);
    a.socket.destroy();
  });

  it('[SV-H15] a body trickled slower than KETENKAART_REQUEST_TIMEOUT_MS allows: 408, connection closed', async () => {
    const s = await server({ requestTimeoutMs: 500 });
    const c = rawConnection(s.url);
    c.write(requestHead('POST', '/api/maps', { 'Content-Type': 'application/json', 'Content-Length': 100_000 }));
    // One byte every 50 ms would take more than an hour and a half.
    const trickle = setInterval(() => c.write(' '), 50);
    try {
      const res = await c.response;
      expect(res.status).toBe(408);
      expect(JSON.parse(res.body)).toEqual({ error: 'request not received in time' });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      await c.closed;
    } finally {
      clearInterval(trickle);
    }
    expect((await post(s.url)).status).toBe(201);
    await eventually(async () => expect(await metric(s.url, 'ketenkaart_http_request_body_in_flight_bytes')).toBe(0));
  });

  it('[SV-H15] headers trickled slower than the timeout (slowloris): 408, connection closed', async () => {
    const s = await server({ requestTimeoutMs: 500 });
    const c = rawConnection(s.url);
    c.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const trickle = setInterval(() => c.write('X-Slow: 1\r\n'), 50);
    try {
      expect((await c.response).status).toBe(408);
      await c.closed;
    } finally {
      clearInterval(trickle);
    }
    expect((await fetch(`${s.url}/livez`)).status).toBe(200);
  });

  it('[SV-H15] a request that arrives in time is served even when it comes in pieces', async () => {
    const s = await server({ requestTimeoutMs: 5_000 });
    const body = JSON.stringify(file);
    const c = rawConnection(s.url);
    c.write(requestHead('POST', '/api/maps', { 'Content-Type': 'application/json', 'Content-Length': body.length }));
    for (const piece of [body.slice(0, 10), body.slice(10, 40), body.slice(40)]) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      c.write(piece);
    }
    expect((await c.response).status).toBe(201);
    c.socket.destroy();
  });
});

describe('request size', () => {
  it('[SV-H16] a 100 KB URL is answered 431 with a JSON error; the server keeps serving', async () => {
    const s = await server();
    const c = rawConnection(s.url);
    c.write(requestHead('GET', `/api/maps/${'a'.repeat(100_000)}`, {}));
    const res = await c.response;
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body)).toEqual({ error: 'request line or headers too large' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    await c.closed;
    expect((await fetch(`${s.url}/livez`)).status).toBe(200);
  });

  it('[SV-H16] headers over KETENKAART_MAX_HEADER_BYTES: 431; just under it: served', async () => {
    const s = await server({ maxHeaderBytes: 4096 });
    const big = rawConnection(s.url);
    big.write(requestHead('GET', '/livez', { 'X-Big': 'b'.repeat(5_000) }));
    expect((await big.response).status).toBe(431);
    const fits = rawConnection(s.url);
    fits.write(requestHead('GET', '/livez', { 'X-Big': 'b'.repeat(3_000) }));
    expect((await fits.response).status).toBe(200);
    fits.socket.destroy();
  });

  it('[SV-H16] a malformed request line is answered 400, not dropped', async () => {
    const s = await server();
    const c = rawConnection(s.url);
    c.write('NOT HTTP AT ALL\r\n\r\n');
    const res = await c.response;
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ error: 'malformed request' });
  });
});
