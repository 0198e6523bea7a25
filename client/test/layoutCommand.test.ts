import { addStep, applyMapFile, readMap, type ElkEngine, type MapSnapshot } from '@ketenkaart/shared';
import { createNodeElk } from '@ketenkaart/shared/node-elk';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEditKit } from '../src/commands/editKit';
import * as Y from 'yjs';
import { layoutMap } from '../src/commands/layout';
import { layoutOfRequest, type Layouter, type LayoutRequest } from '../src/session/layout/layoutRequest';
import { UndoController } from '../src/session/undo/UndoController';
import { loonaangifteketen } from '../src/templates/loonaangifteketen';

// The commands forward to the edit kit, which an edit link loads first (CL-Z2).
beforeAll(() => loadEditKit());

/** Two docs kept in sync as the provider does it: a peer's update arrives with the provider as origin. */
function pair(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'from-b' && Y.applyUpdate(b, u, 'from-a'));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'from-a' && Y.applyUpdate(a, u, 'from-b'));
  return [a, b];
}

const positions = (map: MapSnapshot): Record<string, [number, number, string]> =>
  Object.fromEntries(map.steps.map((s) => [s.id, [s.x, s.y, s.partner]]));

/** The template, with its steps shuffled about so that a layout has work to do. */
function messyTemplate(doc: Y.Doc): void {
  const file = {
    ...loonaangifteketen,
    steps: loonaangifteketen.steps.map((s, i) => ({ ...s, x: 200 + ((i * 7919) % 13) * 37, y: 10 + (i % 3) * 5 })),
  };
  applyMapFile(doc, file);
}

/**
 * The layout worker's work (`layoutOfRequest`) with Node's ELK standing in for the browser's
 * worker-backed one, counting the calls of ELK.
 */
function countingLayout(): Layouter & { calls: number } {
  const elk = createNodeElk();
  const counting: ElkEngine = {
    layout: (graph) => {
      layouter.calls++;
      return elk.layout(graph);
    },
  };
  const layouter = Object.assign((request: LayoutRequest) => layoutOfRequest(request, counting), { calls: 0 });
  return layouter;
}

describe('the layout command', () => {
  it('[CL-AL3] [CL-U1] [CL-U5] lays out for everyone; one undo by the asker restores all, the peer cannot undo it', async () => {
    const [mine, theirs] = pair();
    messyTemplate(mine);
    const myUndo = new UndoController(mine, 60_000);
    const theirUndo = new UndoController(theirs, 60_000);
    // An edit of mine just before: the layout must not merge into its undo step.
    addStep(mine, { id: 'extra', partner: loonaangifteketen.partners[0]!.id, label: 'Extra', x: 5000, y: 10 });
    const before = positions(readMap(mine));

    const elk = countingLayout();
    const placed = await layoutMap(mine, myUndo, readMap(mine), elk);
    expect(placed).toBe(loonaangifteketen.steps.length + 1);
    expect(elk.calls).toBe(1);
    const after = positions(readMap(theirs));
    expect(after).toEqual(positions(readMap(mine)));
    expect(after).not.toEqual(before);
    for (const [id, [, , partner]] of Object.entries(after)) expect(partner, id).toBe(before[id]![2]);

    expect(theirUndo.getState().canUndo).toBe(false);
    expect(myUndo.undo()).toBe(true);
    expect(positions(readMap(mine))).toEqual(before);
    expect(positions(readMap(theirs))).toEqual(before);
    expect(readMap(theirs).stepById.has('extra')).toBe(true);
  });

  it('[CL-AL3] a second layout of a laid-out map writes nothing', async () => {
    const doc = new Y.Doc();
    messyTemplate(doc);
    const undo = new UndoController(doc, 0);
    await layoutMap(doc, undo, readMap(doc), countingLayout());
    let updates = 0;
    doc.on('update', () => updates++);
    const laidOut = positions(readMap(doc));
    await layoutMap(doc, undo, readMap(doc), countingLayout());
    expect(updates).toBe(0);
    expect(positions(readMap(doc))).toEqual(laidOut);
  });

  it('[CL-AL3] layout of the selection moves only the selected steps; one without steps does not call ELK', async () => {
    const doc = new Y.Doc();
    messyTemplate(doc);
    const undo = new UndoController(doc, 0);
    const before = positions(readMap(doc));
    const chosen = loonaangifteketen.steps.slice(0, 3).map((s) => s.id);
    await layoutMap(doc, undo, readMap(doc), countingLayout(), [...chosen, '~lane:nothing']);
    const after = positions(readMap(doc));
    const moved = Object.keys(after).filter((id) => after[id]!.join() !== before[id]!.join());
    expect(moved.length).toBeGreaterThan(0);
    for (const id of moved) expect(chosen).toContain(id);

    const elk = countingLayout();
    expect(await layoutMap(doc, undo, readMap(doc), elk, ['~lane:nothing'])).toBe(0);
    expect(elk.calls).toBe(0);
  });
});
