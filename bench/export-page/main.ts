/// <reference types="vite/client" />
/**
 * The export bench's page (bench/export.ts builds it with Vite): the same shared renderer,
 * writers, jsPDF, resvg WebAssembly and the browser's PNG encoder the export dialog uses, timed on
 * the page. `window.__exportBench(json, what)` imports the map and makes one file, and answers
 * the milliseconds it took (from the snapshot to the finished file) and the file, base64.
 */
import { importJson, readMap } from '@ketenkaart/shared';
import { FONT_TTF_BASE64, pngSize, renderMap, toPdf, toSvg } from '@ketenkaart/shared/render';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import wasmUrl from '@resvg/resvg-wasm/index_bg.wasm?url';
import { jsPDF } from 'jspdf';
import * as Y from 'yjs';
import { encodePng } from '../../client/src/export/encodePng.js';

type What = { format: 'svg' } | { format: 'pdf' } | { format: 'png'; scale: number };

let wasm: Promise<void> | undefined;
const fonts = [FONT_TTF_BASE64.regular, FONT_TTF_BASE64.bold].map((b) =>
  Uint8Array.from(atob(b), (c) => c.charCodeAt(0)),
);

/** Bytes as base64, to hand them to the bench (after the clock stopped). */
function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(out);
}

async function run(
  json: string,
  what: What,
): Promise<{ ms: number; file: string; refused?: string; encodeMs?: number }> {
  wasm ??= initWasm(fetch(wasmUrl));
  await wasm;
  const doc = new Y.Doc();
  importJson(doc, json);
  const map = readMap(doc);
  const t0 = performance.now();
  const drawing = renderMap(map, { date: new Date('2026-11-30T12:00:00Z') });
  if (what.format === 'svg') {
    const svg = toSvg(drawing);
    return { ms: performance.now() - t0, file: base64(new TextEncoder().encode(svg)) };
  }
  if (what.format === 'pdf') {
    const pdf = toPdf(drawing, { size: 'A0', orientation: 'landscape' }, (o) => new jsPDF(o));
    const ms = performance.now() - t0;
    return { ms, file: base64(pdf) };
  }
  const size = pngSize(drawing, { scale: what.scale });
  if (!size.ok) return { ms: performance.now() - t0, file: '', refused: size.message };
  const svg = toSvg(drawing, { scale: what.scale, embedFont: false });
  const image = new Resvg(svg, {
    font: { fontBuffers: fonts, loadSystemFonts: false, defaultFontFamily: 'Inter' },
    shapeRendering: 2,
    textRendering: 1,
  }).render();
  const t1 = performance.now();
  const { width, height } = image;
  const pixels = image.pixels;
  image.free();
  const png = await encodePng(pixels, width, height);
  const ms = performance.now() - t0;
  return { ms, file: base64(png), encodeMs: performance.now() - t1 };
}

(window as unknown as { __exportBench: typeof run }).__exportBench = run;
document.title = 'ready';
