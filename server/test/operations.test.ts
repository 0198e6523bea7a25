/**
 * Running behind a proxy and being watched (rules SV-O9, SV-O10): the client address from
 * `X-Forwarded-For` only for the hops `TRUST_PROXY` names; Prometheus names, build info, HTTP and
 * compaction metrics; `/metrics` on a port of its own or behind a token.
 */
import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { clientAddress } from '../src/client-address.js';
import { configFromEnv } from '../src/config.js';
import { connect, createMap, eventually, freePort, synced, testServer } from './helpers.js';

let cleanup: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

const request = (peer: string, forwarded?: string | string[]) =>
  ({
    socket: { remoteAddress: peer },
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
  }) as unknown as IncomingMessage;

describe('behind a reverse proxy', () => {
  it('[SV-O9] the client address is the peer, or the entry TRUST_PROXY hops from the right', () => {
    expect(clientAddress(request('10.0.0.2', '203.0.113.9'), 0)).toBe('10.0.0.2');
    expect(clientAddress(request('10.0.0.2', '203.0.113.9'), 1)).toBe('203.0.113.9');
    // A client's own forged entry sits left of what the proxy appended: not believed with one hop.
    expect(clientAddress(request('10.0.0.2', '1.2.3.4, 203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientAddress(request('10.0.0.2', ['1.2.3.4, 198.51.100.7', '10.0.0.9']), 2)).toBe('198.51.100.7');
    // Fewer entries than hops: the leftmost; not an address at all: the peer.
    expect(clientAddress(request('10.0.0.2', '203.0.113.9'), 5)).toBe('203.0.113.9');
    expect(clientAddress(request('10.0.0.2', 'evil, <script>'), 1)).toBe('10.0.0.2');
    expect(clientAddress(request('10.0.0.2'), 1)).toBe('10.0.0.2');
    expect(configFromEnv({ TRUST_PROXY: '1' })).toMatchObject({ trustProxy: 1 });
    expect(() => configFromEnv({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
  });

  it('[SV-O9] [SV-H12] with TRUST_PROXY=1 each forwarded client has its own new-map budget', async () => {
    const server = await testServer({ trustProxy: 1, maxMapsPerIpPerHour: 1 });
    cleanup.push(server.stop);
    const create = (client: string) =>
      fetch(`${server.url}/api/maps`, { method: 'POST', headers: { 'x-forwarded-for': client } });
    expect((await create('203.0.113.1')).status).toBe(201);
    expect((await create('203.0.113.1')).status).toBe(429);
    expect((await create('203.0.113.2')).status).toBe(201);
    const direct = await testServer({ maxMapsPerIpPerHour: 1 });
    cleanup.push(direct.stop);
    expect(
      (await fetch(`${direct.url}/api/maps`, { method: 'POST', headers: { 'x-forwarded-for': '1.1.1.1' } })).status,
    ).toBe(201);
    // Without TRUST_PROXY the header is ignored: the same peer.
    expect(
      (await fetch(`${direct.url}/api/maps`, { method: 'POST', headers: { 'x-forwarded-for': '2.2.2.2' } })).status,
    ).toBe(429);
  });
});

describe('metrics', () => {
  it('[SV-O10] Prometheus names: build info, process metrics unprefixed, HTTP requests and compactions', async () => {
    const server = await testServer({ compactAfterUpdates: 5 });
    cleanup.push(server.stop);
    const map = await createMap(server);
    await fetch(`${server.url}/api/maps/${map.id}/access?token=${map.viewToken}`);
    const c = connect(server, map.id, map.editToken);
    cleanup.push(() => c.destroy());
    await synced(c);
    for (let i = 0; i < 10; i++) c.doc.getMap('meta').set('title', `t${i}`);
    let text = '';
    await eventually(async () => {
      text = await (await fetch(`${server.url}/metrics`)).text();
      expect(text).toMatch(/^ketenkaart_compactions_total\{outcome="done"\} [1-9]/m);
    });
    expect(text).toMatch(/^ketenkaart_build_info\{version="\d+\.\d+\.\d+",node="v\d+\.\d+\.\d+"\} 1$/m);
    expect(text).toMatch(/^process_cpu_seconds_total /m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes /m);
    expect(text).not.toMatch(/^ketenkaart_process_/m);
    expect(text).toMatch(
      /^ketenkaart_http_requests_total\{method="GET",route="\/api\/maps\/:id\/access",status="200"\} 1$/m,
    );
    expect(text).toMatch(/^ketenkaart_http_requests_total\{method="POST",route="\/api\/maps",status="201"\} 1$/m);
    expect(text).toMatch(
      /^ketenkaart_http_request_duration_seconds_bucket\{le="0.1",method="GET",route="\/api\/maps\/:id\/access"\}/m,
    );
    expect(text).toMatch(/^ketenkaart_compaction_duration_seconds_count [1-9]/m);
    expect(text).toMatch(/^ketenkaart_compaction_snapshot_bytes_sum [1-9]/m);
    expect(text).toMatch(/^ketenkaart_websocket_received_bytes_total [1-9]/m);
    // No id in any label: the route is a template.
    expect(text).not.toContain(map.id);
    // Every ketenkaart_ counter ends in _total, every unit-bearing name in its base unit.
    const types = [...text.matchAll(/^# TYPE (ketenkaart_\w+) (\w+)$/gm)].map(([, name, type]) => ({
      name: name!,
      type,
    }));
    expect(types.filter((t) => t.type === 'counter' && !t.name.endsWith('_total'))).toEqual([]);
    expect(types.filter((t) => /_(ms|milliseconds|kb|mb)$|_bytes_in_flight$/.test(t.name))).toEqual([]);
  });

  it('[SV-O10] with KETENKAART_METRICS_PORT /metrics is served there only; with a token only for it', async () => {
    const metricsPort = await freePort();
    const token = 'metrics-token-0123456789';
    const server = await testServer({ metricsPort, metricsToken: token });
    cleanup.push(server.stop);
    expect((await fetch(`${server.url}/metrics`)).status).not.toBe(200);
    const other = `http://127.0.0.1:${metricsPort}`;
    const refused = await fetch(`${other}/metrics`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer');
    expect((await fetch(`${other}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const ok = await fetch(`${other}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('ketenkaart_build_info');
    expect((await fetch(`${other}/api/maps`, { method: 'POST' })).status).toBe(404);

    const guarded = await testServer({ metricsToken: token });
    cleanup.push(guarded.stop);
    expect((await fetch(`${guarded.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });
});
