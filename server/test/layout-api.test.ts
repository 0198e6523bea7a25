import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMap, type MapFile } from '@ketenkaart/shared';
import { connect, createMap, eventually, exportMap, synced, testServer, type Created } from './helpers.js';

let server: Awaited<ReturnType<typeof testServer>>;

beforeAll(async () => {
  server = await testServer({ maxBodyBytes: 64 * 1024 });
});
afterAll(async () => {
  await server.stop();
});

const step = (id: string, partner: string, x: number, y: number) => ({
  id,
  partner,
  label: `Stap ${id}`,
  kind: 'activity' as const,
  description: '',
  contact: '',
  x,
  y,
});

/** Three steps in a chain over two lanes, drawn out of order and on top of each other. */
const file: MapFile = {
  format: 'ketenkaart',
  version: 1,
  title: 'Layout',
  description: '',
  partners: [
    { id: 'a', name: 'Werkgever', color: '#1f6feb', description: '' },
    { id: 'b', name: 'Belastingdienst', color: '#8250df', description: '' },
  ],
  steps: [step('s1', 'a', 900, 10), step('s2', 'b', 40, 10), step('s3', 'a', 40, 10)],
  flows: [
    { id: 'f1', from: 's1', to: 's2', label: 'Aangifte', kind: 'document', status: 'ok', note: '' },
    { id: 'f2', from: 's2', to: 's3', label: 'Bericht', kind: 'document', status: 'ok', note: '' },
  ],
};

const layout = (created: Created, body?: string, token = created.editToken): Promise<Response> =>
  fetch(`${server.url}/api/maps/${created.id}/layout`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body }),
  });

const positions = (
  steps: readonly { id: string; x?: number | undefined; y?: number | undefined }[],
): Record<string, [number | undefined, number | undefined]> => Object.fromEntries(steps.map((s) => [s.id, [s.x, s.y]]));

describe('POST /api/maps/:id/layout', () => {
  it('[SV-H19] lays the map out live: a connected client sees the steps move; a second layout moves nothing', async () => {
    const created = await createMap(server, file);
    const viewer = connect(server, created.id, created.viewToken, true);
    await synced(viewer);
    const before = positions(readMap(viewer.doc).steps);

    const res = await layout(created);
    expect(res.status).toBe(200);
    const { moved } = (await res.json()) as { moved: number };
    expect(moved).toBeGreaterThan(0);
    await eventually(() => expect(positions(readMap(viewer.doc).steps)).not.toEqual(before));
    const after = readMap(viewer.doc).steps;
    const byId = new Map(after.map((s) => [s.id, s]));
    // Left to right along the flows, each step still in its own partner's lane.
    expect(byId.get('s1')!.x).toBeLessThan(byId.get('s2')!.x);
    expect(byId.get('s2')!.x).toBeLessThan(byId.get('s3')!.x);
    expect(after.map((s) => s.partner).sort()).toEqual(['a', 'a', 'b']);
    expect(Object.keys(positions(after)).length).toBe(3);

    const again = await layout(created, '{}');
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ moved: 0 });
    const stored = (await exportMap(server, created.id, created.viewToken)) as MapFile;
    expect(positions(stored.steps)).toEqual(positions(readMap(viewer.doc).steps));
    viewer.destroy();
  });

  it('[SV-H19] with { steps } only those steps move', async () => {
    const created = await createMap(server, file);
    const viewer = connect(server, created.id, created.viewToken, true);
    await synced(viewer);
    const before = positions(readMap(viewer.doc).steps);
    const res = await layout(created, JSON.stringify({ steps: ['s3'] }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ moved: 1 });
    await eventually(() => expect(positions(readMap(viewer.doc).steps).s3).not.toEqual(before.s3));
    const after = positions(readMap(viewer.doc).steps);
    expect(after.s1).toEqual(before.s1);
    expect(after.s2).toEqual(before.s2);
    viewer.destroy();
  });

  it('[SV-H19] an invalid body is a 400 with its problems and moves nothing', async () => {
    const created = await createMap(server, file);
    const cases: [string, string][] = [
      ['[', '$'],
      ['[]', '$'],
      ['{"steps":"s1"}', '$.steps'],
      ['{"steps":[1]}', '$.steps[0]'],
      ['{"steps":[""]}', '$.steps[0]'],
      ['{"step":["s1"]}', '$.step'],
      ['{"steps":["s1","nope"]}', '$.steps[1]'],
    ];
    for (const [body, path] of cases) {
      const res = await layout(created, body);
      expect(res.status, body).toBe(400);
      const answer = (await res.json()) as { error: string; problems: { path: string }[] };
      expect(
        answer.problems.map((p) => p.path),
        body,
      ).toContain(path);
    }
    expect(positions(((await exportMap(server, created.id, created.viewToken)) as MapFile).steps)).toEqual(
      positions(file.steps),
    );
  });

  it('[SV-H19] [SV-H7] [SV-H11] needs the edit token and a JSON content type', async () => {
    const created = await createMap(server, file);
    expect((await layout(created, undefined, created.viewToken)).status).toBe(403);
    expect((await layout(created, undefined, 'x'.repeat(43))).status).toBe(401);
    const text = await fetch(`${server.url}/api/maps/${created.id}/layout`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${created.editToken}`, 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(text.status).toBe(415);
    expect(positions(((await exportMap(server, created.id, created.viewToken)) as MapFile).steps)).toEqual(
      positions(file.steps),
    );
  });
});
