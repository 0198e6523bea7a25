import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateMeta } from '@ketenkaart/shared';
import { normalizeBasePath, publicOrigin } from '../src/config.js';
import { matchBase } from '../src/http/base-path.js';
import { injectBase } from '../src/http/static-index.js';
import { connect, createMap, eventually, exportMap, rawSocket, synced, tempDir, testServer } from './helpers.js';

const BASE = '/ketenkaart';
const INDEX =
  '<!doctype html><html><head><meta charset="UTF-8" /><link rel="icon" href="./favicon.svg" />' +
  '<script type="module" crossorigin src="./assets/index-DiwrgTda.js"></script></head><body></body></html>';

describe('BASE_PATH, the setting', () => {
  it('[SV-B1] is normalised to a leading slash and no trailing one; the root is empty', () => {
    expect(normalizeBasePath('/ketenkaart/')).toBe('/ketenkaart');
    expect(normalizeBasePath('ketenkaart')).toBe('/ketenkaart');
    expect(normalizeBasePath('/tools/ketenkaart')).toBe('/tools/ketenkaart');
    expect(normalizeBasePath('/')).toBe('');
  });

  it('[SV-B1] refuses a path that would need escaping or folds (.., spaces, query) with a sentence naming it', () => {
    for (const bad of ['/../x', '/a b', '/x?y', '/%2e', '/./a', '/a#b']) {
      expect(() => normalizeBasePath(bad)).toThrow(/BASE_PATH must be a path like \/ketenkaart/);
    }
  });

  it('[SV-B1] PUBLIC_URL stays an origin: a path in it points at BASE_PATH', () => {
    expect(publicOrigin('https://kaart.example.nl/')).toBe('https://kaart.example.nl');
    expect(() => publicOrigin('https://intranet.example.nl/ketenkaart')).toThrow(/BASE_PATH/);
    expect(() => publicOrigin('kaart.example.nl')).toThrow(/PUBLIC_URL must be an origin/);
  });

  it('[SV-B1] places request URLs inside, at or outside the base', () => {
    expect(matchBase('/ketenkaart/api/maps?x=1', BASE)).toEqual({ inside: '/api/maps?x=1' });
    expect(matchBase('/ketenkaart/', BASE)).toEqual({ inside: '/' });
    expect(matchBase('/ketenkaart', BASE)).toEqual({ redirect: '/ketenkaart/' });
    expect(matchBase('/ketenkaart?a', BASE)).toEqual({ redirect: '/ketenkaart/?a' });
    expect(matchBase('/ketenkaartx/api', BASE)).toEqual({ outside: true });
    expect(matchBase('/api/maps', BASE)).toEqual({ outside: true });
    expect(matchBase('/api/maps', '')).toEqual({ inside: '/api/maps' });
  });

  it('[SV-B2] index.html gets absolute URLs under the base and the base in a meta element', () => {
    const html = injectBase(INDEX, BASE);
    expect(html).toContain('<meta name="ketenkaart-base" content="/ketenkaart" />');
    expect(html).toContain('src="/ketenkaart/assets/index-DiwrgTda.js"');
    expect(html).toContain('href="/ketenkaart/favicon.svg"');
    expect(html).not.toContain('"./');
    const root = injectBase(INDEX, '');
    expect(root).toContain('<meta name="ketenkaart-base" content="" />');
    expect(root).toContain('src="/assets/index-DiwrgTda.js"');
  });
});

describe('a server under BASE_PATH', () => {
  let server: Awaited<ReturnType<typeof testServer>>;
  const site = tempDir();
  const under = {
    get url() {
      return server.url + BASE;
    },
  };

  beforeAll(async () => {
    mkdirSync(path.join(site.dir, 'assets'));
    writeFileSync(path.join(site.dir, 'index.html'), INDEX);
    writeFileSync(path.join(site.dir, 'assets', 'index-DiwrgTda.js'), 'console.log(1)');
    server = await testServer({ staticDir: site.dir, basePath: BASE });
  });
  afterAll(async () => {
    await server.stop();
    site.remove();
  });

  it('[SV-B1] answers the API, health and the client under the base, and 404 outside it', async () => {
    const created = await createMap(under);
    expect(created.editUrl).toBe(`${server.url}${BASE}/map/${created.id}#edit=${created.editToken}`);
    expect(created.viewUrl).toMatch(new RegExp(`^${server.url}${BASE}/map/${created.id}#view=`));
    expect((await fetch(`${under.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${under.url}/livez`)).status).toBe(200);
    const page = await fetch(`${under.url}/map/${created.id}`);
    expect(await page.text()).toContain('src="/ketenkaart/assets/index-DiwrgTda.js"');
    expect((await fetch(`${under.url}/assets/index-DiwrgTda.js`)).status).toBe(200);
    for (const outside of ['/', '/api/maps', '/healthz', '/assets/index-DiwrgTda.js', '/ketenkaartx/']) {
      expect((await fetch(server.url + outside)).status, outside).toBe(404);
    }
    const bare = await fetch(server.url + BASE, { redirect: 'manual' });
    expect(bare.status).toBe(308);
    expect(bare.headers.get('location')).toBe(`${BASE}/`);
  });

  it('[SV-B1] syncs over BASE_PATH/sync/:id; /sync/:id outside the base finds no map (4404)', async () => {
    const created = await createMap(under);
    const client = connect(under, created.id, created.editToken);
    await synced(client);
    updateMeta(client.doc, { title: 'Onder een subpad' });
    await eventually(async () => {
      const file = (await exportMap(under, created.id, created.editToken)) as { title: string };
      expect(file.title).toBe('Onder een subpad');
    });
    client.destroy();
    const outside = rawSocket(server, `/sync/${created.id}?token=${created.editToken}`);
    expect((await outside.closed).code).toBe(4404);
  });
});
