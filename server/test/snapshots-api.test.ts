import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveSteps, readMap, updateStep, type MapDiff, type MapFile } from '@ketenkaart/shared';
import { connect, createMap, eventually, exportMap, synced, testServer, type Created } from './helpers.js';

let server: Awaited<ReturnType<typeof testServer>>;
beforeAll(async () => {
  server = await testServer();
});
afterAll(async () => {
  await server.stop();
});

const step = (id: string, partner: string, x: number, label = `Stap ${id}`) => ({
  id,
  partner,
  label,
  kind: 'activity' as const,
  description: '',
  contact: '',
  x,
  y: 20,
});
const file: MapFile = {
  format: 'ketenkaart',
  version: 1,
  title: 'Historie',
  description: '',
  partners: [
    { id: 'wg', name: 'Werkgever', color: '#1f6feb', description: '' },
    { id: 'uwv', name: 'UWV', color: '#8250df', description: '' },
  ],
  steps: [step('s1', 'wg', 200), step('s2', 'uwv', 500), step('s3', 'uwv', 800)],
  flows: [{ id: 'f1', from: 's1', to: 's2', label: 'Aangifte', kind: 'document', status: 'ok', note: '' }],
};

interface Shown {
  id: string;
  name: string;
  kind: 'named' | 'auto';
  reason?: string;
  author: string;
  createdAt: number;
  bytes: number;
}

const api = (path: string, token: string | undefined, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, {
    ...init,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(init.body ? { 'Content-Type': 'application/json' } : {}),
    },
  });
const save = (map: Created, body: unknown, token = map.editToken) =>
  api(`/api/maps/${map.id}/snapshots`, token, { method: 'POST', body: JSON.stringify(body) });
const list = async (map: Created, token = map.viewToken): Promise<Shown[]> => {
  const res = await api(`/api/maps/${map.id}/snapshots`, token);
  expect(res.status).toBe(200);
  return ((await res.json()) as { snapshots: Shown[] }).snapshots;
};
const versionOf = async (map: Created, sid: string, token = map.viewToken): Promise<unknown> => {
  const res = await api(`/api/maps/${map.id}/snapshots/${sid}/export.json`, token);
  expect(res.status).toBe(200);
  return res.json();
};
const replace = (map: Created, body: MapFile) =>
  api(`/api/maps/${map.id}/content`, map.editToken, { method: 'PUT', body: JSON.stringify(body) });

describe('[SV-V1] named snapshots', () => {
  it('saves the map as it is, with name, author and time; lists newest first; exports that version', async () => {
    const map = await createMap(server, file);
    const res = await save(map, { name: '  Workshop 12 maart ', author: 'Anna' });
    expect(res.status).toBe(201);
    const { snapshot } = (await res.json()) as { snapshot: Shown };
    expect(snapshot).toMatchObject({ name: 'Workshop 12 maart', author: 'Anna', kind: 'named' });
    expect(snapshot.bytes).toBeGreaterThan(0);
    const before = await exportMap(server, map.id, map.editToken);
    expect(await replace(map, { ...file, title: 'Daarna' })).toHaveProperty('status', 200);
    await save(map, { name: 'Tweede' });
    // The replacement's automatic snapshot would equal 'Workshop 12 maart': it is not stored twice.
    const all = await list(map);
    expect(all.map((s) => s.name)).toEqual(['Tweede', 'Workshop 12 maart']);
    expect(all[0]!.createdAt).toBeGreaterThan(all[1]!.createdAt);
    expect(await versionOf(map, snapshot.id)).toEqual(before);
    expect(await versionOf(map, all[0]!.id)).toMatchObject({ title: 'Daarna' });
  });

  it('refuses bad requests with a 400 that names the field, and stores nothing', async () => {
    const map = await createMap(server, file);
    const cases: [unknown, string][] = [
      [{}, '$.name'],
      [{ name: '   ' }, '$.name'],
      [{ name: 'x'.repeat(101) }, '$.name'],
      [{ name: 7 }, '$.name'],
      [{ name: 'ok', author: 'y'.repeat(101) }, '$.author'],
      [{ name: 'ok', extra: 1 }, '$.extra'],
      [{ auto: 'daily' }, '$.auto'],
      [{ auto: 'layout', name: 'x' }, '$.name'],
      [[1], '$'],
    ];
    for (const [body, path] of cases) {
      const res = await save(map, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const answer = (await res.json()) as { problems: { path: string }[] };
      expect(answer.problems[0]!.path).toBe(path);
    }
    const notJson = await api(`/api/maps/${map.id}/snapshots`, map.editToken, { method: 'POST', body: '{' });
    expect(notJson.status).toBe(400);
    expect(await list(map)).toEqual([]);
    expect((await save(map, { name: 'x'.repeat(100) })).status).toBe(201);
  });

  it('a map keeps at most 200 named snapshots: the next is a 409 until one is deleted', async () => {
    const map = await createMap(server, file);
    for (let i = 0; i < 200; i++) expect((await save(map, { name: `v${i}` })).status).toBe(201);
    const over = await save(map, { name: 'one more' });
    expect(over.status).toBe(409);
    expect(((await over.json()) as { error: string }).error).toMatch(/at most 200 named snapshots/);
    const oldest = (await list(map)).at(-1)!;
    expect((await api(`/api/maps/${map.id}/snapshots/${oldest.id}`, map.editToken, { method: 'DELETE' })).status).toBe(
      200,
    );
    expect((await save(map, { name: 'one more' })).status).toBe(201);
  }, 120_000);
});

describe('[SV-V6] viewers read the history; only editors write it (server-enforced)', () => {
  it('a view token lists, exports and compares but cannot save, delete or restore', async () => {
    const map = await createMap(server, file);
    const { snapshot } = (await (await save(map, { name: 'Eerste' })).json()) as { snapshot: Shown };
    expect(await list(map, map.viewToken)).toHaveLength(1);
    expect(await versionOf(map, snapshot.id, map.viewToken)).toMatchObject({ title: 'Historie' });
    expect((await api(`/api/maps/${map.id}/diff?from=${snapshot.id}`, map.viewToken)).status).toBe(200);
    expect((await save(map, { name: 'Viewer' }, map.viewToken)).status).toBe(403);
    expect((await save(map, { auto: 'layout' }, map.viewToken)).status).toBe(403);
    const del = api(`/api/maps/${map.id}/snapshots/${snapshot.id}`, map.viewToken, { method: 'DELETE' });
    expect((await del).status).toBe(403);
    const restore = api(`/api/maps/${map.id}/snapshots/${snapshot.id}/restore`, map.viewToken, { method: 'POST' });
    expect((await restore).status).toBe(403);
    expect((await api(`/api/maps/${map.id}/snapshots`, undefined)).status).toBe(401);
    expect((await api(`/api/maps/${map.id}/snapshots`, 'wrong')).status).toBe(401);
    expect(await list(map)).toHaveLength(1);
  });

  it('deletes named snapshots only; an automatic one is a 409, an unknown one a 404', async () => {
    const map = await createMap(server, file);
    const { snapshot } = (await (await save(map, { name: 'Weg' })).json()) as { snapshot: Shown };
    await replace(map, { ...file, title: 'Anders' });
    await replace(map, { ...file, title: 'Nog anders' });
    const auto = (await list(map)).find((s) => s.kind === 'auto')!;
    const del = (sid: string) => api(`/api/maps/${map.id}/snapshots/${sid}`, map.editToken, { method: 'DELETE' });
    expect((await del(auto.id)).status).toBe(409);
    expect((await del(snapshot.id)).status).toBe(200);
    expect((await del(snapshot.id)).status).toBe(404);
    expect((await del('not-a-snapshot-id-at-all')).status).toBe(404);
    expect((await list(map)).map((s) => s.id)).toEqual([auto.id]);
  });
});

describe('[SV-V2] automatic snapshots', () => {
  it('before a replacement and a whole-map layout (not a selection), deduplicated when nothing changed', async () => {
    const map = await createMap(server, file);
    const first = await exportMap(server, map.id, map.editToken);
    await replace(map, { ...file, steps: [step('s1', 'wg', 900), step('s2', 'uwv', 100), step('s3', 'uwv', 100)] });
    const replaced = await exportMap(server, map.id, map.editToken);
    const layout = (body?: unknown) =>
      api(`/api/maps/${map.id}/layout`, map.editToken, {
        method: 'POST',
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    expect((await layout({ steps: ['s1'] })).status).toBe(200);
    expect((await list(map)).map((s) => s.reason)).toEqual(['replace']);
    const afterSelection = await exportMap(server, map.id, map.editToken);
    expect((await layout()).status).toBe(200);
    const all = await list(map);
    expect(all.map((s) => s.reason)).toEqual(['layout', 'replace']);
    expect(await versionOf(map, all[1]!.id)).toEqual(first);
    expect(await versionOf(map, all[0]!.id)).toEqual(afterSelection);
    expect(afterSelection).not.toEqual(replaced);
    // Asked for by a client before its own layout: nothing changed since, so no new snapshot.
    const again = await save(map, { auto: 'layout', author: 'Bram' });
    expect(again.status).toBe(201);
    expect((await list(map)).length).toBe(3); // the layout changed the map, so this one is new
    const twice = (await (await save(map, { auto: 'layout' })).json()) as { snapshot: Shown };
    expect((await list(map)).length).toBe(3);
    expect(twice.snapshot.id).toBe((await list(map))[0]!.id);
  });
});

describe('[SV-V2] the daily snapshot from the room write path', () => {
  it('a live edit to a map without one today keeps the map as it was before the edit', async () => {
    const map = await createMap(server, file);
    const before = await exportMap(server, map.id, map.editToken);
    const editor = connect(server, map.id, map.editToken);
    await synced(editor);
    updateStep(editor.doc, 's1', { label: 'Eerste wijziging van de dag' });
    updateStep(editor.doc, 's2', { label: 'Tweede' });
    const daily = await eventually(async () => {
      const found = (await list(map)).filter((s) => s.reason === 'daily');
      expect(found).toHaveLength(1);
      return found[0]!;
    });
    expect(await versionOf(map, daily.id)).toEqual(before);
    editor.destroy();
  });
});

describe('[SV-V4] diff', () => {
  it('from a snapshot to now and between two snapshots, moves apart from edits', async () => {
    const map = await createMap(server, file);
    const a = ((await (await save(map, { name: 'A' })).json()) as { snapshot: Shown }).snapshot;
    const editor = connect(server, map.id, map.editToken);
    await synced(editor);
    updateStep(editor.doc, 's2', { label: 'Polis bijwerken' });
    moveSteps(editor.doc, [{ id: 's3', x: 1000, y: 20 }]);
    await eventually(async () => {
      expect(await exportMap(server, map.id, map.viewToken)).toMatchObject({ steps: [{}, {}, { x: 1000 }] });
    });
    const res = await api(`/api/maps/${map.id}/diff?from=${a.id}&to=current`, map.viewToken);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { from: Shown; to: { current: boolean }; diff: MapDiff };
    expect(body.from.id).toBe(a.id);
    expect(body.to).toEqual({ current: true });
    expect(body.diff.steps.changed.map((c) => [c.id, c.moved, c.edited])).toEqual([
      ['s2', false, true],
      ['s3', true, false],
    ]);
    const b = ((await (await save(map, { name: 'B' })).json()) as { snapshot: Shown }).snapshot;
    const between = (await (await api(`/api/maps/${map.id}/diff?from=${b.id}&to=${a.id}`, map.viewToken)).json()) as {
      diff: MapDiff;
    };
    expect(between.diff.steps.changed.find((c) => c.id === 's2')!.changes).toEqual([
      { field: 'label', from: 'Polis bijwerken', to: 'Stap s2' },
    ]);
    expect((await api(`/api/maps/${map.id}/diff`, map.viewToken)).status).toBe(400);
    expect((await api(`/api/maps/${map.id}/diff?from=000000000-nope`, map.viewToken)).status).toBe(404);
    editor.destroy();
  });
});

describe('[SV-V5] restore', () => {
  it('gives the snapshot content exactly, live to connected editors, after a snapshot of what was there', async () => {
    const map = await createMap(server, file);
    const a = ((await (await save(map, { name: 'Workshop' })).json()) as { snapshot: Shown }).snapshot;
    const saved = await versionOf(map, a.id);
    const editor = connect(server, map.id, map.editToken);
    const other = connect(server, map.id, map.editToken);
    await Promise.all([synced(editor), synced(other)]);
    updateStep(editor.doc, 's1', { label: 'Later gewijzigd' });
    moveSteps(editor.doc, [{ id: 's2', x: 1400, y: 60 }]);
    await eventually(() => expect(readMap(other.doc).stepById.get('s2')?.x).toBe(1400));
    const current = await exportMap(server, map.id, map.editToken);
    const res = await api(`/api/maps/${map.id}/snapshots/${a.id}/restore`, map.editToken, { method: 'POST' });
    expect(res.status).toBe(200);
    const { before } = (await res.json()) as { before: Shown };
    expect(before).toMatchObject({ kind: 'auto', reason: 'restore' });
    expect(await exportMap(server, map.id, map.editToken)).toEqual(saved);
    await eventually(() => {
      expect(readMap(other.doc).stepById.get('s1')?.label).toBe('Stap s1');
      expect(readMap(other.doc).stepById.get('s2')?.x).toBe(500);
    });
    // Nothing later is deleted: the version before the restore is kept, and restores back exactly.
    const all = await list(map);
    expect(all.map((s) => s.id)).toEqual([before.id, a.id]);
    expect(await versionOf(map, before.id)).toEqual(current);
    await api(`/api/maps/${map.id}/snapshots/${before.id}/restore`, map.editToken, { method: 'POST' });
    expect(await exportMap(server, map.id, map.editToken)).toEqual(current);
    const unknown = api(`/api/maps/${map.id}/snapshots/000000000-nope/restore`, map.editToken, { method: 'POST' });
    expect((await unknown).status).toBe(404);
    editor.destroy();
    other.destroy();
  });
});
