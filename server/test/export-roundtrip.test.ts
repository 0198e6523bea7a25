import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LIMITS, parseMapFile, type MapFile } from '@ketenkaart/shared';
import { connect, createMap, eventually, synced, testServer, type Client } from './helpers.js';

let server: Awaited<ReturnType<typeof testServer>>;
const clients: Client[] = [];

beforeAll(async () => {
  server = await testServer();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});

const start: MapFile = {
  format: 'ketenkaart',
  version: 1,
  title: 'Rondje',
  partners: [{ id: 'p', name: 'Partner' }],
  steps: [
    { id: 'a', partner: 'p', label: 'A', x: 0, y: 24 },
    { id: 'b', partner: 'p', label: 'B', x: 240, y: 24 },
  ],
  flows: [{ id: 'f', from: 'a', to: 'b' }],
};

/** A plain Y.Map with these fields. */
function yMap(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  return map;
}

describe('every map the server holds exports to a file that imports again (SH-J14)', () => {
  it('[SH-J14] [SV-H2] what a stock client writes through plain Yjs past the ops is normalised on export; POST takes the file', async () => {
    const created = await createMap(server, start);
    const editor = connect(server, created.id, created.editToken);
    clients.push(editor);
    await synced(editor);
    const doc = editor.doc;
    doc.transact(() => {
      doc.getMap('steps').set('bad id!', yMap({ partner: 'p', label: 'spatie', x: 480, y: 24 }));
      doc.getMap<Y.Map<unknown>>('steps').get('a')!.set('label', 'L'.repeat(400));
      doc.getMap('meta').set('title', 'T'.repeat(300));
      doc.getMap('flows').set('', yMap({ from: 'a', to: 'b' }));
      for (let i = 0; i < 501; i++)
        doc.getMap('partners').set(`q${String(i).padStart(3, '0')}`, yMap({ name: `Q${i}` }));
    });
    const exportText = async (id: string, token: string): Promise<string> => {
      const res = await fetch(`${server.url}/api/maps/${id}/export.json?token=${token}`);
      expect(res.status).toBe(200);
      return res.text();
    };
    let text = '';
    await eventually(async () => {
      text = await exportText(created.id, created.viewToken);
      expect(JSON.parse(text)).toMatchObject({ title: 'T'.repeat(LIMITS.titleChars) });
    });
    const file = parseMapFile(text);
    expect(file.partners).toHaveLength(LIMITS.partners);
    expect(file.steps.map((s) => s.id)).toEqual(['a', 'b']);
    expect(file.steps[0]?.label).toBe('L'.repeat(LIMITS.labelChars));
    expect(file.flows.map((f) => f.id)).toEqual(['f']);

    const res = await fetch(`${server.url}/api/maps`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: text,
    });
    expect(res.status).toBe(201);
    const copy = (await res.json()) as { id: string; viewToken: string };
    expect(await exportText(copy.id, copy.viewToken)).toBe(text);
    const put = await fetch(`${server.url}/api/maps/${created.id}/content`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${created.editToken}` },
      body: text,
    });
    expect(put.status).toBe(200);
  });
});
