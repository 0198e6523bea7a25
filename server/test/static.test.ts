import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, testServer } from './helpers.js';

let server: Awaited<ReturnType<typeof testServer>>;
const site = tempDir();

beforeAll(async () => {
  mkdirSync(path.join(site.dir, 'assets'));
  writeFileSync(path.join(site.dir, 'index.html'), '<!doctype html><title>Ketenkaart</title>');
  writeFileSync(path.join(site.dir, 'assets', 'index-DiwrgTda.js'), 'console.log(1)');
  writeFileSync(path.join(site.dir, 'favicon.svg'), '<svg/>');
  server = await testServer({ staticDir: site.dir });
});
afterAll(async () => {
  await server.stop();
  site.remove();
});

describe('the static client', () => {
  it('[SV-H8] / and every /map/* path serve index.html with CSP and no-referrer', async () => {
    for (const p of ['/', '/map/abcdefghijklmnopqrstuv', '/map/x/y']) {
      const res = await fetch(server.url + p);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>Ketenkaart</title>');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-eval'/);
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain(`connect-src 'self' ws://${new URL(server.url).host} wss://${new URL(server.url).host}`);
      expect(csp).toContain("worker-src 'self' blob:");
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('[SV-H8] hashed assets are cached for a year; other files are revalidated', async () => {
    const asset = await fetch(`${server.url}/assets/index-DiwrgTda.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const icon = await fetch(`${server.url}/favicon.svg`);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('[SV-H8] /favicon.ico answers with the client’s SVG icon', async () => {
    const icon = await fetch(`${server.url}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(await icon.text()).toBe('<svg/>');
  });

  it('[SV-H8] unknown files are 404 and paths never leave the directory', async () => {
    expect((await fetch(`${server.url}/nope.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/..%2f..%2fetc%2fpasswd`)).status).not.toBe(200);
    expect((await fetch(`${server.url}/api/nothing`)).status).toBe(404);
  });
});
