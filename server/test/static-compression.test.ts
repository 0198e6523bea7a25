import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, brotliCompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedCodings } from '../src/http/accept-encoding.js';
import { tempDir, testServer } from './helpers.js';

const COMPRESS = fileURLToPath(new URL('../../scripts/compress.mjs', import.meta.url));
const ASSET = 'assets/index-DiwrgTda.js';
/** A script worth compressing (well over the 1 KiB threshold), with a seeded mix so it is not trivial. */
const SCRIPT = Array.from({ length: 400 }, (_, i) => `export const v${i} = ${(i * 7919) % 1000};`).join('\n');

/** A raw GET (Node's fetch would decode the body): status, headers and the bytes as sent. */
function get(
  url: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

let server: Awaited<ReturnType<typeof testServer>>;
const site = tempDir();
const index = (title: string) =>
  `<!doctype html><html><head><title>${title}</title><script type="module" src="./${ASSET}"></script></head></html>`;

beforeAll(async () => {
  mkdirSync(path.join(site.dir, 'assets'));
  writeFileSync(path.join(site.dir, 'index.html'), index('Ketenkaart'));
  writeFileSync(path.join(site.dir, ASSET), SCRIPT);
  writeFileSync(path.join(site.dir, 'small.js'), 'x');
  writeFileSync(path.join(site.dir, 'favicon.svg'), `<svg>${' '.repeat(2000)}</svg>`);
  execFileSync(process.execPath, [COMPRESS, site.dir]);
  server = await testServer({ staticDir: site.dir });
});
afterAll(async () => {
  await server.stop();
  site.remove();
});

describe('precompressed static files', () => {
  it('[SV-B3] the build script writes .br and .gz beside text files of 1 KiB or more, not beside index.html', () => {
    const file = path.join(site.dir, ASSET);
    expect(brotliDecompressSync(readFileSync(`${file}.br`)).toString()).toBe(SCRIPT);
    expect(gunzipSync(readFileSync(`${file}.gz`)).toString()).toBe(SCRIPT);
    expect(existsSync(path.join(site.dir, 'small.js.br'))).toBe(false);
    expect(existsSync(path.join(site.dir, 'index.html.br'))).toBe(false);
  });

  it('[SV-B3] sends brotli, gzip or the file itself by Accept-Encoding, always with Vary', async () => {
    const url = `${server.url}/${ASSET}`;
    const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    const gz = await get(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);
    const refused = await get(url, { 'accept-encoding': 'br;q=0, gzip;q=0.5' });
    expect(refused.headers['content-encoding']).toBe('gzip');
    const plain = await get(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
    for (const r of [br, gz, plain]) {
      expect(r.headers.vary).toBe('Accept-Encoding');
      expect(r.headers['content-type']).toContain('javascript');
    }
  });

  it('[SV-B3] reads Accept-Encoding like RFC 9110: q=0 refuses, * accepts the rest', () => {
    const names = (h: string | undefined) => acceptedCodings(h).map((c) => c.name);
    expect(names(undefined)).toEqual([]);
    expect(names('identity')).toEqual([]);
    expect(names('gzip, br')).toEqual(['br', 'gzip']);
    expect(names('BR;q=1.0')).toEqual(['br']);
    expect(names('*')).toEqual(['br', 'gzip']);
    expect(names('*, br;q=0')).toEqual(['gzip']);
    expect(names('x-gzip')).toEqual(['gzip']);
    expect(names('gzip;q=0')).toEqual([]);
  });

  it('[SV-B3] a compressed copy older than its file is not sent', async () => {
    const file = path.join(site.dir, 'stale.js');
    writeFileSync(`${file}.br`, brotliCompressSync('old'));
    writeFileSync(`${file}.gz`, gzipSync('old'));
    writeFileSync(file, 'new');
    const past = new Date(Date.now() - 60_000);
    utimesSync(`${file}.br`, past, past);
    utimesSync(`${file}.gz`, past, past);
    const res = await get(`${server.url}/stale.js`, { 'accept-encoding': 'br, gzip' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString()).toBe('new');
  });

  it('[SV-B4] hashed assets are immutable for a year; a matching If-None-Match gets 304, per encoding', async () => {
    const url = `${server.url}/${ASSET}`;
    const first = await get(url, { 'accept-encoding': 'br' });
    expect(first.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await get(url, { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    const plain = await get(url);
    expect(plain.headers.etag).not.toBe(etag);
    expect((await get(url, { 'if-none-match': etag })).status).toBe(200);
    expect((await get(url, { 'if-none-match': `"other", W/${String(plain.headers.etag)}` })).status).toBe(304);
  });

  it('[SV-B2] [SV-B4] index.html: no-cache, compressed on the fly, and never stale after a new build', async () => {
    const url = `${server.url}/map/abcdefghijklmnopqrstuv`;
    const br = await get(url, { 'accept-encoding': 'br' });
    expect(br.headers['cache-control']).toBe('no-cache');
    expect(br.headers['content-encoding']).toBe('br');
    const html = brotliDecompressSync(br.body).toString();
    expect(html).toContain(`src="/${ASSET}"`);
    expect(html).toContain('<meta name="ketenkaart-base" content="" />');
    const etag = String(br.headers.etag);
    expect((await get(url, { 'accept-encoding': 'br', 'if-none-match': etag })).status).toBe(304);

    // A new deploy writes a new index.html: the next request gets it, with a new ETag.
    writeFileSync(path.join(site.dir, 'index.html'), index('Ketenkaart 2'));
    const future = new Date(Date.now() + 5_000);
    utimesSync(path.join(site.dir, 'index.html'), future, future);
    const fresh = await get(url, { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(fresh.status).toBe(200);
    expect(brotliDecompressSync(fresh.body).toString()).toContain('<title>Ketenkaart 2</title>');
    expect(fresh.headers.etag).not.toBe(etag);
  });

  it('[SV-B4] HEAD answers the headers of GET without a body', async () => {
    const head = await get(`${server.url}/${ASSET}`, { 'accept-encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('gzip');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
    expect(head.body.length).toBe(0);
  });
});
