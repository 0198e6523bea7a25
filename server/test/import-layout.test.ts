/**
 * Rule SV-J1 (shared SH-LY11): a file without positions, imported or put as a map's content,
 * comes out laid out by the lane layout, in the worker thread that builds its document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyMapFile, layoutSnapshot, readMap, type MapFile } from '@ketenkaart/shared';
import { createNodeElk } from '@ketenkaart/shared/node-elk';
import { connect, createMap, eventually, exportMap, synced, testServer } from './helpers.js';

let server: Awaited<ReturnType<typeof testServer>>;

beforeAll(async () => {
  server = await testServer();
});
afterAll(async () => {
  await server.stop();
});

const partner = (id: string, name: string) => ({ id, name, color: '#1f6feb', description: '' });
const flow = (id: string, from: string, to: string) => ({
  id,
  from,
  to,
  label: `Bericht ${id}`,
  kind: 'document' as const,
  status: 'ok' as const,
  note: '',
});

/** A chain over three lanes whose steps have no x or y: long labels that wrap, a decision. */
const unplaced: MapFile = {
  format: 'ketenkaart',
  version: 1,
  title: 'Zonder posities',
  description: '',
  partners: [partner('wg', 'Werkgever'), partner('bd', 'Belastingdienst'), partner('uwv', 'UWV')],
  steps: [
    ['s1', 'wg', 'Salarisadministratie bijwerken met alle mutaties van de afgelopen maand'],
    ['s2', 'wg', 'Loonaangifte opstellen'],
    ['s3', 'bd', 'Loonaangifte ontvangen'],
    ['s4', 'bd', 'Aangifte controleren'],
    ['s5', 'uwv', 'Polisadministratie bijwerken'],
    ['s6', 'wg', 'Herstelverzoek verwerken en een gecorrigeerde aangifte insturen'],
  ].map(([id, p, label]) => ({
    id: id!,
    partner: p!,
    label: label!,
    kind: id === 's4' ? ('decision' as const) : ('activity' as const),
    description: '',
    contact: '',
  })),
  flows: [
    flow('f1', 's1', 's2'),
    flow('f2', 's2', 's3'),
    flow('f3', 's3', 's4'),
    flow('f4', 's4', 's5'),
    flow('f5', 's4', 's6'),
  ],
};

/** Where the lane layout puts each step of a file, computed here with Node's ELK. */
async function laidOut(file: MapFile): Promise<Record<string, [number, number]>> {
  const doc = new Y.Doc();
  applyMapFile(doc, file);
  const { moves } = await layoutSnapshot(readMap(doc), createNodeElk());
  return Object.fromEntries(moves.map((m) => [m.id, [m.x, m.y]]));
}

const positions = (file: MapFile): Record<string, [number | undefined, number | undefined]> =>
  Object.fromEntries(file.steps.map((s) => [s.id, [s.x, s.y]]));

const layoutAgain = async (id: string, token: string): Promise<unknown> =>
  (
    await fetch(`${server.url}/api/maps/${id}/layout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    })
  ).json();

describe('import of a file without positions', () => {
  it('[SV-J1] [SH-LY11] POST /api/maps creates the map already laid out by the lane layout', async () => {
    const created = await createMap(server, unplaced);
    const stored = (await exportMap(server, created.id, created.viewToken)) as MapFile;
    expect(positions(stored)).toEqual(await laidOut(unplaced));
    // Left to right along the chain; a laid-out map does not move when laid out again.
    const x = (id: string): number => stored.steps.find((s) => s.id === id)!.x!;
    expect(x('s1')).toBeLessThan(x('s2'));
    expect(x('s2')).toBeLessThan(x('s3'));
    expect(x('s4')).toBeLessThan(x('s5'));
    expect(await layoutAgain(created.id, created.editToken)).toEqual({ moved: 0 });
  });

  it('[SV-J1] PUT content without positions is laid out; every connected client sees it in one update', async () => {
    const created = await createMap(server, { ...unplaced, steps: unplaced.steps.map((s) => ({ ...s, x: 0, y: 24 })) });
    const viewer = connect(server, created.id, created.viewToken, true);
    await synced(viewer);
    let updates = 0;
    viewer.doc.on('update', () => updates++);
    const res = await fetch(`${server.url}/api/maps/${created.id}/content`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${created.editToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(unplaced),
    });
    expect(res.status).toBe(200);
    const want = await laidOut(unplaced);
    await eventually(() =>
      expect(Object.fromEntries(readMap(viewer.doc).steps.map((s) => [s.id, [s.x, s.y]]))).toEqual(want),
    );
    expect(updates).toBe(1);
    viewer.destroy();
  });

  it('[SV-J1] a file with every position keeps them', async () => {
    const placed = { ...unplaced, steps: unplaced.steps.map((s, i) => ({ ...s, x: 300 + 10 * i, y: 24 + i })) };
    const created = await createMap(server, placed);
    const stored = (await exportMap(server, created.id, created.viewToken)) as MapFile;
    expect(positions(stored)).toEqual(positions(placed));
  });
});
