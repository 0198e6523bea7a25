#!/usr/bin/env node
// Prints the built client's JavaScript and CSS per chunk (raw, gzip and brotli kB), and what the
// home page and a map link load before anything lazy (the entry and its static imports; for a map
// also the editor's lazily loaded page chunk, which it always asks for). Reads Vite's
// client/dist/.vite/manifest.json. Usage: node scripts/bundle-size.mjs [dist]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';

/** The manifest's chunks, keyed by source path. */
export function readManifest(dist) {
  return JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8'));
}

/** The files (JS and CSS) a page loads for `keys` and their static imports, without duplicates. */
export function staticClosure(manifest, keys) {
  const seen = new Set();
  const files = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`bundle-size: no chunk ${key} in the manifest`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  keys.forEach(visit);
  return [...files];
}

/** Raw, gzip (9) and brotli (default 11) bytes of a built file. */
export function sizes(dist, file) {
  const bytes = readFileSync(path.join(dist, file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, br: brotliCompressSync(bytes).length };
}

/** The entry chunk's key and the key of the editor page chunk (`src/app/EditorPage.tsx`) if it is separate. */
export function pageKeys(manifest) {
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
  if (!entry) throw new Error('bundle-size: the manifest has no entry');
  const editor = Object.keys(manifest).find((k) => k.endsWith('src/app/EditorPage.tsx'));
  return { home: [entry], map: editor ? [entry, editor] : [entry] };
}

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const dist = path.resolve(process.argv[2] ?? path.join(root, 'client/dist'));
  const manifest = readManifest(dist);
  const files = [...new Set(Object.values(manifest).flatMap((c) => [c.file, ...(c.css ?? [])]))].filter((f) =>
    /\.(js|css)$/.test(f),
  );
  console.log('chunk'.padEnd(48), 'raw'.padStart(10), 'gzip'.padStart(10), 'brotli'.padStart(10));
  for (const file of files.sort()) {
    const s = sizes(dist, file);
    console.log(file.padEnd(48), kb(s.raw).padStart(10), kb(s.gzip).padStart(10), kb(s.br).padStart(10));
  }
  for (const [page, keys] of Object.entries(pageKeys(manifest))) {
    const js = staticClosure(manifest, keys).filter((f) => f.endsWith('.js'));
    const total = js
      .map((f) => sizes(dist, f))
      .reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip, br: a.br + s.br }), { raw: 0, gzip: 0, br: 0 });
    console.log(
      `${page} page initial JS: ${js.length} files, ${kb(total.raw)} raw, ${kb(total.gzip)} gzip, ${kb(total.br)} brotli`,
    );
  }
}
