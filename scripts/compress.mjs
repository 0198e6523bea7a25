#!/usr/bin/env node
// Precompresses the built client (server rule SV-B3): writes `file.br` (brotli, quality 11) and
// `file.gz` (gzip, level 9) beside every text file of at least 1 KiB, when smaller than the file.
// The server sends them by Accept-Encoding; index.html is left out (the server injects the base
// path into it and compresses that itself), and so are source maps (only devtools ask for them).
// Usage: node scripts/compress.mjs [dir]   (default client/dist)
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.webmanifest', '.txt', '.wasm']);
const MIN_BYTES = 1024;
const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

async function files(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)])),
  );
  return nested.flat();
}

/** Compresses the files of `dir`; resolves with `{ file, bytes, br, gzip }` per file compressed. */
export async function precompress(dir) {
  const out = [];
  for (const file of await files(dir)) {
    const rel = path.relative(dir, file);
    if (rel === 'index.html' || !COMPRESSIBLE.has(path.extname(file).toLowerCase())) continue;
    if ((await stat(file)).size < MIN_BYTES) continue;
    const bytes = await readFile(file);
    const [br, gzipped] = await Promise.all([
      brotli(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      }),
      gz(bytes, { level: 9 }),
    ]);
    if (br.length < bytes.length) await writeFile(`${file}.br`, br);
    if (gzipped.length < bytes.length) await writeFile(`${file}.gz`, gzipped);
    out.push({ file: rel, bytes: bytes.length, br: br.length, gzip: gzipped.length });
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const dir = path.resolve(process.argv[2] ?? path.join(root, 'client/dist'));
  const done = await precompress(dir);
  const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
  for (const f of done) console.log(`compress: ${f.file} ${kb(f.bytes)} → br ${kb(f.br)}, gzip ${kb(f.gzip)}`);
}
