import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MapFile } from '@ketenkaart/shared';
import { paperSize } from '@ketenkaart/shared/render';
import { pdfFacts, svgFacts } from './export-checks.js';
import { createMap, testServer, type Created } from './helpers.js';

let server: Awaited<ReturnType<typeof testServer>>;
beforeAll(async () => {
  server = await testServer();
});
afterAll(async () => {
  await server.stop();
});

const step = (id: string, partner: string, x: number, label: string) => ({
  id,
  partner,
  label,
  kind: 'activity' as const,
  description: '',
  contact: '',
  x,
  y: 20,
});
const old: MapFile = {
  format: 'ketenkaart',
  version: 1,
  title: 'Ziekmelding',
  description: '',
  partners: [
    { id: 'wg', name: 'Werkgever', color: '#1f6feb', description: '' },
    { id: 'uwv', name: 'UWV', color: '#8250df', description: '' },
  ],
  steps: [step('s1', 'wg', 200, 'Ziekmelding doen'), step('s2', 'uwv', 500, 'Melding beoordelen')],
  flows: [{ id: 'f1', from: 's1', to: 's2', label: 'Formulier oud', kind: 'document', status: 'ok', note: '' }],
};
/** The map after the workshop: every label the old version had is gone. */
const current: MapFile = {
  ...old,
  partners: [...old.partners, { id: 'ad', name: 'Arbodienst', color: '#1a7f37', description: '' }],
  steps: [step('s1', 'wg', 200, 'Verzuim registreren'), step('s3', 'ad', 800, 'Spreekuur plannen')],
  flows: [{ id: 'f2', from: 's1', to: 's3', label: 'Verzuimbericht', kind: 'information', status: 'ok', note: '' }],
};
const oldTexts = ['Ziekmelding doen', 'Melding beoordelen', 'Formulier oud', 'Werkgever', 'UWV'];
const newTexts = ['Verzuim registreren', 'Spreekuur plannen', 'Verzuimbericht', 'Arbodienst'];

const get = (map: Created, path: string, token: string) =>
  fetch(`${server.url}/api/maps/${map.id}/${path}`, { headers: { Authorization: `Bearer ${token}` } });

/** A map saved as "Workshop 12 maart" with `old`'s content, then replaced by `current`. */
async function mapWithHistory(): Promise<{ map: Created; sid: string }> {
  const map = await createMap(server, old);
  const saved = await fetch(`${server.url}/api/maps/${map.id}/snapshots`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${map.editToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'Workshop 12 maart' }),
  });
  expect(saved.status).toBe(201);
  const { snapshot } = (await saved.json()) as { snapshot: { id: string } };
  const replaced = await fetch(`${server.url}/api/maps/${map.id}/content`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${map.editToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(current),
  });
  expect(replaced.status).toBe(200);
  return { map, sid: snapshot.id };
}

describe('[SV-V7] GET /api/maps/:id/snapshots/:sid/export.svg|pdf', () => {
  it('SVG: parses, draws the old version (not the current map) with the snapshot name; view token', async () => {
    const { map, sid } = await mapWithHistory();
    const res = await get(map, `snapshots/${sid}/export.svg`, map.viewToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="ketenkaart-${map.id}-${sid}.svg"`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const facts = svgFacts(await res.text());
    expect(facts.unsafe).toEqual([]);
    const all = facts.texts.join('\n');
    for (const text of oldTexts) expect(all).toContain(text);
    for (const text of newTexts) expect(all).not.toContain(text);
    expect(all).toContain('Momentopname: Workshop 12 maart');
    // The map's own export draws the current content, and no snapshot name.
    const now = svgFacts(await (await get(map, 'export.svg', map.viewToken)).text()).texts.join('\n');
    for (const text of newTexts) expect(now).toContain(text);
    expect(now).not.toContain('Momentopname');
  });

  it('PDF: the requested page size, the old labels as text; an automatic snapshot named by its reason', async () => {
    const { map, sid } = await mapWithHistory();
    const res = await get(map, `snapshots/${sid}/export.pdf?size=A4&orientation=portrait`, map.editToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const facts = await pdfFacts(new Uint8Array(await res.arrayBuffer()));
    const a4 = paperSize('A4', 'portrait');
    expect(facts.pages).toHaveLength(1);
    expect(facts.pages[0]!.width).toBeCloseTo(a4.widthPt, 1);
    expect(facts.pages[0]!.height).toBeCloseTo(a4.heightPt, 1);
    const text = facts.text.replace(/\s+/g, ' ');
    for (const label of oldTexts) expect(text).toContain(label);
    for (const label of newTexts) expect(text).not.toContain(label);
    expect(facts.fontsEmbedded).toBe(true);
    // A second replacement keeps `current` automatically: drawn with why it was kept (default A3).
    const again = await fetch(`${server.url}/api/maps/${map.id}/content`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${map.editToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...current, title: 'Later' }),
    });
    expect(again.status).toBe(200);
    const list = (await (await get(map, 'snapshots', map.viewToken)).json()) as {
      snapshots: { id: string; kind: string }[];
    };
    const auto = list.snapshots.find((s) => s.kind === 'auto');
    expect(auto).toBeDefined();
    const autoPdf = await get(map, `snapshots/${auto!.id}/export.pdf`, map.viewToken);
    expect(autoPdf.status).toBe(200);
    const autoFacts = await pdfFacts(new Uint8Array(await autoPdf.arrayBuffer()));
    const a3 = paperSize('A3', 'landscape');
    expect(autoFacts.pages[0]!.width).toBeCloseTo(a3.widthPt, 1);
    const autoText = autoFacts.text.replace(/\s+/g, ' ');
    expect(autoText).toContain('vóór vervangen van de inhoud');
    expect(autoText).toContain('Verzuim registreren');
  });

  it('tiled PDF over A4 sheets like the map export (SV-X2)', async () => {
    const { map, sid } = await mapWithHistory();
    const res = await get(map, `snapshots/${sid}/export.pdf?size=A2&tiles=A4&overlap=5`, map.viewToken);
    expect(res.status).toBe(200);
    const facts = await pdfFacts(new Uint8Array(await res.arrayBuffer()));
    expect(facts.pages.length).toBeGreaterThan(1);
    expect(facts.text).toContain(`Blad 1 van ${facts.pages.length}`);
  });

  it('unknown snapshot 404; bad query 400 with its problems; no token 401; wrong token 401', async () => {
    const { map, sid } = await mapWithHistory();
    for (const unknown of ['000000000-nope', 'not a snapshot'])
      expect((await get(map, `snapshots/${encodeURIComponent(unknown)}/export.svg`, map.viewToken)).status).toBe(404);
    expect((await get(map, `snapshots/000000000-nope/export.pdf`, map.viewToken)).status).toBe(404);
    const bad = await get(map, `snapshots/${sid}/export.pdf?size=B5&scale=2`, map.viewToken);
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { problems: { path: string }[] };
    expect(body.problems.map((p) => p.path).sort()).toEqual(['$.scale', '$.size']);
    expect((await get(map, `snapshots/${sid}/export.svg?size=A4`, map.viewToken)).status).toBe(400);
    expect((await fetch(`${server.url}/api/maps/${map.id}/snapshots/${sid}/export.svg`)).status).toBe(401);
    expect((await get(map, `snapshots/${sid}/export.svg`, 'wrong')).status).toBe(401);
  });
});
