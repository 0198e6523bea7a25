import { addStep, exportJson, readMap, type MapFile } from '@ketenkaart/shared';
import { createNodeElk } from '@ketenkaart/shared/node-elk';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEditKit } from '../src/commands/editKit';
import * as Y from 'yjs';
import { laidOutFile, replaceContent } from '../src/commands/replace';
import { looksLikeJson, MAX_FILE_BYTES, readMapFile } from '../src/session/import/readMapFile';
import { layoutOfRequest, type Layouter } from '../src/session/layout/layoutRequest';
import { UndoController } from '../src/session/undo/UndoController';
import { loonaangifteketen } from '../src/templates/loonaangifteketen';
import { applyMapFile, layoutSnapshot, LIMITS } from '@ketenkaart/shared';

/** The layout worker's work, with Node's ELK. */
const nodeLayout: Layouter = (request) => layoutOfRequest(request, createNodeElk());
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

/** A small other map: two partners, three steps, two flows; one partner id shared with the template. */
const other: MapFile = {
  format: 'ketenkaart',
  version: 1,
  title: 'Een andere keten',
  description: '',
  partners: [
    { id: loonaangifteketen.partners[0]!.id, name: 'Gemeente', color: '#1f6feb', description: '' },
    { id: 'svb', name: 'SVB', color: '#8250df', description: '' },
  ],
  steps: [
    {
      id: 'a',
      partner: loonaangifteketen.partners[0]!.id,
      label: 'Aanvraag',
      kind: 'start',
      description: '',
      contact: '',
      x: 300,
      y: 24,
    },
    { id: 'b', partner: 'svb', label: 'Beoordelen', kind: 'decision', description: '', contact: '', x: 560, y: 24 },
    { id: 'c', partner: 'svb', label: 'Uitbetalen', kind: 'end', description: '', contact: '', x: 820, y: 24 },
  ],
  flows: [
    { id: 'f1', from: 'a', to: 'b', label: 'Aanvraag', kind: 'document', status: 'ok', note: '' },
    { id: 'f2', from: 'b', to: 'c', label: '', kind: 'sequence', status: 'ok', note: '' },
  ],
};

const file = (name: string, text: string, type = ''): File => new File([text], name, { type });

describe('replacing the content with a JSON file', () => {
  it('[CL-J1] is one transaction for everyone; one undo by the person restores all, the peer cannot undo it', () => {
    const [mine, theirs] = pair();
    applyMapFile(mine, loonaangifteketen);
    const myUndo = new UndoController(mine, 60_000);
    const theirUndo = new UndoController(theirs, 60_000);
    // An edit of mine just before: the replacement must not merge into its undo step.
    addStep(mine, { id: 'extra', partner: loonaangifteketen.partners[0]!.id, label: 'Extra', x: 5000, y: 10 });
    const before = exportJson(mine);
    let updates = 0;
    theirs.on('update', () => updates++);

    replaceContent(mine, myUndo, other);
    expect(updates).toBe(1);
    expect(JSON.parse(exportJson(theirs))).toEqual(other);
    expect(exportJson(mine)).toBe(exportJson(theirs));

    expect(theirUndo.getState().canUndo).toBe(false);
    expect(myUndo.undo()).toBe(true);
    expect(exportJson(mine)).toBe(before);
    expect(exportJson(theirs)).toBe(before);
    expect(readMap(theirs).stepById.has('extra')).toBe(true);
  });

  it('[CL-J5] [SH-LY11] a file without positions is laid out before it is written, still in one update', async () => {
    const unplaced: MapFile = { ...other, steps: other.steps.map(({ x: _x, y: _y, ...s }) => s) };
    const placed = await laidOutFile(unplaced, nodeLayout);
    const scratch = new Y.Doc();
    applyMapFile(scratch, unplaced);
    const { moves } = await layoutSnapshot(readMap(scratch), createNodeElk());
    expect(Object.fromEntries(placed.steps.map((s) => [s.id, [s.x, s.y]]))).toEqual(
      Object.fromEntries(moves.map((m) => [m.id, [m.x, m.y]])),
    );
    // A file with every position is left as it is.
    expect(await laidOutFile(other, nodeLayout)).toBe(other);

    const doc = new Y.Doc();
    let updates = 0;
    doc.on('update', () => updates++);
    replaceContent(doc, new UndoController(doc, 0), placed);
    expect(updates).toBe(1);
  });

  it('[CL-J2] reads .json files (by name or type) and refuses others and oversized ones unread', async () => {
    expect(looksLikeJson(file('kaart.JSON', '{}'))).toBe(true);
    expect(looksLikeJson(file('kaart', '{}', 'application/json'))).toBe(true);
    expect(looksLikeJson(file('kaart.png', '{}', 'image/png'))).toBe(false);
    expect(await readMapFile(file('foto.png', 'x', 'image/png'))).toEqual({ kind: 'notJson' });

    const valid = await readMapFile(file('kaart.json', JSON.stringify(other)));
    expect(valid).toEqual({ kind: 'valid', file: other });

    const broken = { ...other, steps: [{ ...other.steps[0], label: 5 }] };
    const invalid = await readMapFile(file('kaart.json', JSON.stringify(broken)));
    expect(invalid.kind).toBe('invalid');
    expect(invalid.kind === 'invalid' && invalid.problems.map((p) => [p.path, p.code])).toContainEqual([
      '$.steps[0].label',
      'wrongType',
    ]);

    // The size is read from the file, not its text: a file over the limit is never read.
    const huge = {
      name: 'groot.json',
      type: '',
      size: MAX_FILE_BYTES + 1,
      text: () => Promise.reject(new Error('read')),
    };
    expect(await readMapFile(huge as unknown as File)).toEqual({
      kind: 'invalid',
      problems: [expect.objectContaining({ code: 'fileTooLarge', params: { max: LIMITS.fileChars } })],
    });
  });
});
