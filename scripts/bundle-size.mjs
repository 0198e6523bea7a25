#!/usr/bin/env node
// Prints the built client's JavaScript and CSS per chunk (raw, gzip and brotli kB), and what the
// home page, a view link and an edit link load before anything lazy (the entry and its static
// imports; for a map also the editor's lazily loaded page chunk, which it always asks for, and for
// an edit link its own parts, CL-Z2). Reads Vite's
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

/** The chunks only an edit link loads (client rule CL-Z2): the edit kit, the toolbar, the side panels. */
const EDIT_LINK_PARTS = ['src/commands/edit/index.ts', 'src/toolbar/Toolbar.tsx', 'src/panels/SidePanel.tsx'];

/**
 * The chunk keys each page loads before anything it asks for later: the home page the entry; a
 * view link also the editor page chunk (`src/app/EditorPage.tsx`); an edit link also its own parts.
 */
export function pageKeys(manifest) {
  const keys = Object.keys(manifest);
  const entry = keys.find((k) => manifest[k].isEntry);
  if (!entry) throw new Error('bundle-size: the manifest has no entry');
  const editor = keys.find((k) => k.endsWith('src/app/EditorPage.tsx'));
  const view = editor ? [entry, editor] : [entry];
  const parts = EDIT_LINK_PARTS.map((p) => keys.find((k) => k.endsWith(p))).filter((k) => k !== undefined);
  return { home: [entry], 'view link': view, 'edit link': [...view, ...parts] };
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
      `${page} initial JS: ${js.length} files, ${kb(total.raw)} raw, ${kb(total.gzip)} gzip, ${kb(total.br)} brotli`,
    );
  }
}
