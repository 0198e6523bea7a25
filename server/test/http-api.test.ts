import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapPath, type MapFile } from '@ketenkaart/shared';
import { connect, createMap, eventually, exportMap, synced, testServer } from './helpers.js';

let server: Awaited<ReturnType<typeof testServer>>;

beforeAll(async () => {
  server = await testServer({ maxBodyBytes: 64 * 1024 });
});
afterAll(async () => {
  await server.stop();
});

const file: MapFile = {
  format: 'ketenkaart',
  version: 1,
  title: 'Loonaangifteketen',
  description: 'Van salarisadministratie tot polisgegevens',
  partners: [
    { id: 'werkgever', name: 'Werkgever', color: '#1f6feb', description: '' },
    { id: 'bd', name: 'Belastingdienst', color: '#8250df', description: '' },
  ],
  steps: [
    {
      id: 's1',
      partner: 'werkgever',
      label: 'Loonaangifte opstellen',
      kind: 'activity',
      description: '',
      contact: '',
      x: 200,
      y: 24,
    },
    {
      id: 's2',
      partner: 'bd',
      label: 'Loonaangifte ontvangen',
      kind: 'activity',
      description: '',
      contact: '',
      x: 440,
      y: 24,
    },
  ],
  flows: [{ id: 'f1', from: 's1', to: 's2', label: 'Loonaangifte', kind: 'document', status: 'ok', note: '' }],
};

describe('the HTTP API', () => {
  it('[SV-H1] POST /api/maps answers 201 with id, tokens and browser links built from Host', async () => {
    const created = await createMap(server);
    expect(created.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(created.editToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.editToken).not.toBe(created.viewToken);
    expect(created.editUrl).toBe(server.url + mapPath(created.id, 'editor', created.editToken));
    expect(created.viewUrl).toBe(server.url + mapPath(created.id, 'viewer', created.viewToken));
  });

  it('[SV-H1] [SV-H2] create from JSON: the export equals what went in', async () => {
    const created = await createMap(server, file);
    expect(await exportMap(server, created.id, created.viewToken)).toEqual(file);
    const byQuery = await fetch(`${server.url}/api/maps/${created.id}/export.json?token=${created.editToken}`);
    expect(await byQuery.json()).toEqual(file);
  });

  it('[SV-H3] PUT content replaces the map live for every connected client', async () => {
    const created = await createMap(server, file);
    const viewer = connect(server, created.id, created.viewToken, true);
    await synced(viewer);
    const next = { ...file, title: 'Loonaangifteketen 2027', steps: [file.steps[0]!], flows: [] };
    const res = await fetch(`${server.url}/api/maps/${created.id}/content`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${created.editToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(next),
    });
    expect(res.status).toBe(200);
    await eventually(() => expect(viewer.doc.getMap('meta').get('title')).toBe('Loonaangifteketen 2027'));
    expect(await exportMap(server, created.id, created.viewToken)).toEqual(next);
    viewer.destroy();
  });

  it('[SV-H3] an invalid body is refused with 400 and JSON paths and problem codes; nothing changes', async () => {
    const created = await createMap(server, file);
    const bad = { ...file, steps: [{ ...file.steps[0]!, partner: 'nobody', x: 'left' }] };
    const res = await fetch(`${server.url}/api/maps/${created.id}/content`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${created.editToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(bad),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; problems: { path: string; code: string; message: string }[] };
    expect(body.problems.map((p) => p.path)).toContain('$.steps[0].x');
    expect(body.problems).toContainEqual(
      expect.objectContaining({ path: '$.steps[0].partner', code: 'unknownPartner', params: { id: 'nobody' } }),
    );
    expect(await exportMap(server, created.id, created.viewToken)).toEqual(file);
    const notJson = await fetch(`${server.url}/api/maps`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"format":',
    });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { problems: { code: string }[] }).problems.map((p) => p.code)).toEqual([
      'notJson',
    ]);
  });

  it('[SV-H7] tokens: 401 without or with a wrong token, 403 for a viewer writing, 404 for an unknown map', async () => {
    const created = await createMap(server, file);
    const put = (token?: string) =>
      fetch(`${server.url}/api/maps/${created.id}/content`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(file),
      });
    expect((await put()).status).toBe(401);
    expect((await put('nope')).status).toBe(401);
    expect((await put(created.viewToken)).status).toBe(403);
    const unknown = await fetch(`${server.url}/api/maps/${'A'.repeat(22)}/access?token=x`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'no such map' });
  });

  it('[SV-H5] GET access tells the role of a link', async () => {
    const created = await createMap(server);
    const role = async (token: string) => {
      const res = await fetch(`${server.url}/api/maps/${created.id}/access`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      return res.status === 200 ? ((await res.json()) as { role: string }).role : res.status;
    };
    expect(await role(created.editToken)).toBe('editor');
    expect(await role(created.viewToken)).toBe('viewer');
    expect(await role('wrong')).toBe(401);
  });

  it('[SV-H4] rotate gives new tokens; the old ones stop working over HTTP', async () => {
    const created = await createMap(server, file);
    const res = await fetch(`${server.url}/api/maps/${created.id}/links/rotate?token=${created.editToken}`, {
      method: 'POST',
    });
    const next = (await res.json()) as { editToken: string; viewToken: string; editUrl: string; viewUrl: string };
    expect(next.editUrl).toBe(server.url + mapPath(created.id, 'editor', next.editToken));
    const old = await fetch(`${server.url}/api/maps/${created.id}/export.json?token=${created.viewToken}`);
    expect(old.status).toBe(401);
    expect(await exportMap(server, created.id, next.viewToken)).toEqual(file);
  });

  it('[SV-H9] GET links gives both links to an edit token; a view token gets 403, a rotated one 401', async () => {
    const created = await createMap(server, file);
    const get = (token: string) =>
      fetch(`${server.url}/api/maps/${created.id}/links`, { headers: { Authorization: `Bearer ${token}` } });
    const res = await get(created.editToken);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { editUrl: string; viewUrl: string };
    expect(body).toEqual({ editUrl: created.editUrl, viewUrl: created.viewUrl });
    const viewToken = new URL(body.viewUrl).hash.replace(/^#view=/, '');
    expect(viewToken).toBe(created.viewToken);
    const access = await fetch(`${server.url}/api/maps/${created.id}/access?token=${viewToken}`);
    expect(await access.json()).toEqual({ role: 'viewer' });
    expect((await get(created.viewToken)).status).toBe(403);
    const byQuery = await fetch(`${server.url}/api/maps/${created.id}/links?token=${created.editToken}`);
    expect(byQuery.status).toBe(200);
    const rotated = await fetch(`${server.url}/api/maps/${created.id}/links/rotate?token=${created.editToken}`, {
      method: 'POST',
    });
    const next = (await rotated.json()) as { editToken: string; viewUrl: string };
    expect((await get(created.editToken)).status).toBe(401);
    const after = (await (await get(next.editToken)).json()) as { viewUrl: string };
    expect(after.viewUrl).toBe(next.viewUrl);
    expect(after.viewUrl).not.toBe(created.viewUrl);
  });

  it('[SV-L9] a body over the limit is refused with 413', async () => {
    const res = await fetch(`${server.url}/api/maps`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: 'x'.repeat(100 * 1024),
    });
    expect(res.status).toBe(413);
  });

  it('[SV-H17] every response says X-Content-Type-Options: nosniff', async () => {
    const created = await createMap(server, file);
    const auth = { Authorization: `Bearer ${created.editToken}` };
    const json = { ...auth, 'Content-Type': 'application/json' };
    const requests: [string, string, RequestInit][] = [
      ['healthz', '/healthz', {}],
      ['readyz', '/readyz', {}],
      ['livez', '/livez', {}],
      ['metrics', '/metrics', {}],
      ['export.json', `/api/maps/${created.id}/export.json`, { headers: auth }],
      ['access', `/api/maps/${created.id}/access`, { headers: auth }],
      ['links', `/api/maps/${created.id}/links`, { headers: auth }],
      ['create', '/api/maps', { method: 'POST' }],
      ['replace', `/api/maps/${created.id}/content`, { method: 'PUT', headers: json, body: JSON.stringify(file) }],
      ['400', `/api/maps/${created.id}/content`, { method: 'PUT', headers: json, body: '[' }],
      ['401', `/api/maps/${created.id}/access`, {}],
      ['404', '/api/nothing', {}],
      ['405', '/api/maps', { method: 'GET' }],
      ['413', '/api/maps', { method: 'POST', headers: json, body: 'x'.repeat(100 * 1024) }],
      ['415', '/api/maps', { method: 'POST', body: 'x' }],
      ['static', '/', {}],
      ['static 404', '/missing.js', {}],
      ['HEAD', '/', { method: 'HEAD' }],
    ];
    const missing: string[] = [];
    for (const [name, path, init] of requests) {
      const res = await fetch(`${server.url}${path}`, init);
      await res.arrayBuffer();
      if (res.headers.get('x-content-type-options') !== 'nosniff') missing.push(`${name} (${res.status})`);
    }
    expect(missing).toEqual([]);
  });

  it('[SV-H6] healthz and metrics', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toMatchObject({ status: 'ok' });
    const text = await (await fetch(`${server.url}/metrics`)).text();
    for (const name of [
      'ketenkaart_rooms',
      'ketenkaart_connections',
      'ketenkaart_updates_applied_total',
      'ketenkaart_storage_seconds',
    ]) {
      expect(text).toContain(name);
    }
  });
});
