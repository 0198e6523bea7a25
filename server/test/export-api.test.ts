import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMapFile, parseMapFile, readMap, type MapFile } from '@ketenkaart/shared';
import { paperSize, renderMap } from '@ketenkaart/shared/render';
import { drawnTexts, flowsMissingInPng, missing, pdfFacts, pngFacts, svgFacts } from './export-checks.js';
import { MemoryStorage } from '../src/index.js';
import { createMap, testServer, type Created } from './helpers.js';

let server: Awaited<ReturnType<typeof testServer>>;
let created: Created;

const file: MapFile = {
  format: 'ketenkaart',
  version: 1,
  title: 'Export <test> & "co"',
  description: '',
  partners: [
    { id: 'a', name: 'Werkgever', color: '#0969da', description: '' },
    { id: 'b', name: 'Belastingdienst & Douane', color: '#1a7f37', description: '' },
  ],
  steps: [
    {
      id: 's1',
      partner: 'a',
      label: 'Loonaangifte <opstellen>',
      kind: 'start',
      description: '',
      contact: '',
      x: 240,
      y: 38,
    },
    {
      id: 's2',
      partner: 'b',
      label: 'Aangifte "ontvangen" 📨',
      kind: 'activity',
      description: '',
      contact: '',
      x: 520,
      y: 38,
    },
    {
      id: 's3',
      partner: 'b',
      label: `Heffing${'skorting'.repeat(6)}`,
      kind: 'decision',
      description: '',
      contact: '',
      x: 800,
      y: 38,
    },
  ],
  flows: [
    { id: 'f1', from: 's1', to: 's2', label: 'Aangifte € 5', kind: 'document', status: 'problem', note: '' },
    { id: 'f2', from: 's2', to: 's3', label: "Bericht 'intern'", kind: 'sequence', status: 'ok', note: '' },
  ],
};

/** The drawing the server draws for `file` (with today's date, as the server draws it). */
function drawing(selection?: readonly string[]) {
  const doc = new Y.Doc();
  applyMapFile(doc, parseMapFile(JSON.stringify(file)));
  return renderMap(readMap(doc), { date: new Date(), ...(selection ? { selection } : {}) });
}

const get = (path: string, token = created.editToken): Promise<Response> =>
  fetch(`${server.url}/api/maps/${created.id}/${path}`, { headers: { Authorization: `Bearer ${token}` } });

beforeAll(async () => {
  server = await testServer();
  created = await createMap(server, file);
});
afterAll(async () => {
  await server.stop();
});

describe('GET /api/maps/:id/export.svg|pdf|png', () => {
  it('[SV-X1] SVG: parses as XML, holds every label, embeds the font, runs nothing; either token', async () => {
    const res = await get('export.svg', created.viewToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="ketenkaart-${created.id}.svg"`);
    const text = await res.text();
    const facts = svgFacts(text);
    expect(facts.unsafe).toEqual([]);
    expect(missing(facts.texts.join('\n'), drawnTexts(drawing()))).toEqual([]);
    expect(facts.texts.join(' ')).toContain('Loonaangifte <opstellen>');
    expect(text).toContain('src:url(data:font/ttf;base64,');
  });

  it('[SV-X1] PDF: the requested page size in points, every label as text, the font embedded', async () => {
    const res = await get('export.pdf?size=A0&orientation=landscape');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const facts = await pdfFacts(new Uint8Array(await res.arrayBuffer()));
    const a0 = paperSize('A0', 'landscape');
    expect(facts.pages).toHaveLength(1);
    expect(facts.pages[0]!.width).toBeCloseTo(a0.widthPt, 1);
    expect(facts.pages[0]!.height).toBeCloseTo(a0.heightPt, 1);
    expect(missing(facts.text, drawnTexts(drawing()))).toEqual([]);
    expect(facts.fontsEmbedded).toBe(true);
    expect(facts.fontNames.every((n) => n.includes('KetenkaartInter'))).toBe(true);
  });

  it('[SV-X1] PDF tiled over A4 sheets: one page per sheet, each A4, every label on some sheet', async () => {
    const res = await get('export.pdf?size=A2&orientation=portrait&tiles=A4&overlap=15');
    expect(res.status).toBe(200);
    const facts = await pdfFacts(new Uint8Array(await res.arrayBuffer()));
    const a4 = paperSize('A4', 'portrait');
    expect(facts.pages.length).toBeGreaterThan(1);
    for (const p of facts.pages)
      expect([p.width, p.height].map(Math.round)).toEqual([a4.widthPt, a4.heightPt].map(Math.round));
    expect(facts.text).toContain(`Blad 1 van ${facts.pages.length}`);
  });

  it('[SV-X1] PNG: the requested pixel size, the flows in its pixels; transparent when asked', async () => {
    const d = drawing();
    const res = await get('export.png?scale=2');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = pngFacts(new Uint8Array(await res.arrayBuffer()));
    expect([png.width, png.height]).toEqual([Math.ceil(d.width * 2), Math.ceil(d.height * 2)]);
    expect(flowsMissingInPng(d, png, 2)).toEqual([]);
    expect(png.pixel(1, 1)).toEqual([255, 255, 255, 255]);
    const clear = pngFacts(new Uint8Array(await (await get('export.png?background=transparent')).arrayBuffer()));
    expect(clear.pixel(1, 1)[3]).toBe(0);
    expect(flowsMissingInPng(d, clear, 1)).toEqual([]);
  });

  it('[SV-X1] PNG at a DPI for a paper size: the paper in pixels', async () => {
    const res = await get('export.png?dpi=100&size=A4&orientation=landscape');
    expect(res.status).toBe(200);
    const png = pngFacts(new Uint8Array(await res.arrayBuffer()));
    expect([png.width, png.height]).toEqual([Math.ceil((297 / 25.4) * 100), Math.ceil((210 / 25.4) * 100)]);
  });

  it('[SV-X1] selection only: the selected steps and nothing else', async () => {
    const res = await get('export.svg?steps=s1,s2');
    const facts = svgFacts(await res.text());
    expect(missing(facts.texts.join('\n'), drawnTexts(drawing(['s1', 's2'])))).toEqual([]);
    expect(facts.texts.some((t) => t.startsWith('Heffing'))).toBe(false);
  });

  it('[SV-X2, SH-X6] a PNG past the limit is refused up front with the largest possible', async () => {
    const big = await createMap(server, {
      ...file,
      steps: file.steps.map((s, i) => ({ ...s, x: 240 + i * 4000 })),
    });
    const res = await fetch(`${server.url}/api/maps/${big.id}/export.png?scale=4`, {
      headers: { Authorization: `Bearer ${big.viewToken}` },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; problems: { path: string; params: { max: number } }[] };
    expect(body.error).toMatch(/past the limit .* the largest possible is [\d.]+x/);
    const largest = body.problems[0]!.params.max;
    expect(largest).toBeGreaterThanOrEqual(1);
    expect(largest).toBeLessThan(4);
    expect(body.error).toContain(`${largest}x`);
    const ok = await fetch(`${server.url}/api/maps/${big.id}/export.png?scale=${largest}`, {
      headers: { Authorization: `Bearer ${big.viewToken}` },
    });
    expect(ok.status).toBe(200);
    await ok.arrayBuffer();
  });

  it('[SV-X2] a bad query is a 400 that lists its problems; no token a 401; an unknown map a 404', async () => {
    const res = await get('export.pdf?size=A9&orientation=up&tiles=A5&color=red');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { problems: { path: string }[] };
    expect(body.problems.map((p) => p.path).sort()).toEqual(['$.color', '$.orientation', '$.size', '$.tiles']);
    const png = (await (await get('export.png?scale=9&dpi=1')).json()) as { problems: { path: string }[] };
    expect(png.problems.map((p) => p.path).sort()).toEqual(['$.dpi', '$.scale']);
    expect((await get('export.png?scale=2&dpi=150')).status).toBe(400);
    expect((await fetch(`${server.url}/api/maps/${created.id}/export.svg`)).status).toBe(401);
    expect((await get('export.svg', 'wrong')).status).toBe(401);
    const unknown = await fetch(`${server.url}/api/maps/AAAAAAAAAAAAAAAAAAAAAA/export.svg?token=${created.editToken}`);
    expect(unknown.status).toBe(404);
  });

  it('[SV-X1, SV-W2] a drawing that runs past the work time limit is a 503 with the limit', async () => {
    // Two servers on one store: the map is imported where work may take long, drawn where it may not.
    const storage = new MemoryStorage();
    const roomy = await testServer({ storage });
    const slow = await testServer({ storage, workTimeoutMs: 20 });
    try {
      const many: MapFile = {
        ...file,
        steps: Array.from({ length: 200 }, (_, i) => ({
          id: `s${i}`,
          partner: i % 2 ? 'a' : 'b',
          label: `Stap ${i}`,
          kind: 'activity' as const,
          description: '',
          contact: '',
          x: 240 + 260 * i,
          y: 38,
        })),
        flows: [],
      };
      const big = await createMap(roomy, many);
      const res = await fetch(`${slow.url}/api/maps/${big.id}/export.png?scale=1&token=${big.viewToken}`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: 'took longer than the server allows (0.02 s)' });
      const again = await fetch(`${roomy.url}/api/maps/${big.id}/export.svg?token=${big.viewToken}`);
      expect(again.status).toBe(200);
      expect(svgFacts(await again.text()).texts).toContain('Stap 199');
    } finally {
      await slow.stop();
      await roomy.stop();
    }
  });
});
