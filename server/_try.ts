import { writeFileSync, readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { Resvg } from '@resvg/resvg-js';
import { applyMapFile, parseMapFile, readMap } from '../shared/src/index.js';
import { renderMap } from '../shared/src/render/render.js';
import { toSvg } from '../shared/src/render/svg.js';
import { FONT_TTF_BASE64 } from '../shared/src/render/fontData.generated.js';
import { loonaangifteketen } from '../client/src/templates/loonaangifteketen.js';
const doc = new Y.Doc();
applyMapFile(doc, parseMapFile(JSON.stringify(loonaangifteketen)));
const map = readMap(doc);
const t0 = performance.now();
const d = renderMap(map, {
  date: new Date('2026-11-30'),
  snapshotName: 'Na de workshop',
  highlight: { stepId: process.argv[2] ?? 'w1', label: 'U bent hier' },
});
const svg = toSvg(d);
console.log('render+svg ms', performance.now() - t0, d.width, d.height, svg.length);
writeFileSync('/tmp/x/t.svg', svg);
const r = new Resvg(toSvg(d, { embedFont: false }), {
  fitTo: { mode: 'zoom', value: 1 },
  font: {
    fontBuffers: [Buffer.from(FONT_TTF_BASE64.regular, 'base64'), Buffer.from(FONT_TTF_BASE64.bold, 'base64')],
    loadSystemFonts: false,
    defaultFontFamily: 'Inter',
  },
});
writeFileSync('/tmp/x/t.png', r.render().asPng());
import { jsPDF } from 'jspdf';
import { toPdf } from '../shared/src/render/pdf.js';
const t1 = performance.now();
const pdf = toPdf(d, { size: 'A3', orientation: 'landscape' }, (o) => new jsPDF(o) as never);
console.log('pdf ms', performance.now() - t1, pdf.length);
writeFileSync('/tmp/x/t.pdf', pdf);
const tiled = toPdf(d, { size: 'A1', orientation: 'landscape', tiles: { sheet: 'A4' } }, (o) => new jsPDF(o) as never);
writeFileSync('/tmp/x/tiled.pdf', tiled);
