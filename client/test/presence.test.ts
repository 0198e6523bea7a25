import { describe, expect, it } from 'vitest';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { Presence } from '../src/session/presence/Presence';
import { readPresence } from '../src/session/presence/presenceState';

const now = (fn: () => void): void => fn();

function link(a: Awareness, b: Awareness): void {
  const relay =
    (from: Awareness, to: Awareness) => (changes: { added: number[]; updated: number[]; removed: number[] }) => {
      const ids = [...changes.added, ...changes.updated, ...changes.removed];
      applyAwarenessUpdate(to, encodeAwarenessUpdate(from, ids), 'relay');
    };
  a.on(
    'update',
    (c: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) =>
      origin !== 'relay' && relay(a, b)(c),
  );
  b.on(
    'update',
    (c: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) =>
      origin !== 'relay' && relay(b, a)(c),
  );
}

describe('Presence', () => {
  it('[CL-P1] publishes name, colour, role, cursor, selection and viewport in one state', () => {
    const awareness = new Awareness(new Y.Doc());
    const p = new Presence(awareness, { name: 'Fatima', color: '#1a7f37' }, 'editor', now);
    p.setCursor({ x: 10, y: 20 });
    p.setSelection(['s1', 'f2']);
    p.setViewport({ x: 100, y: 50, zoom: 0.8 });
    expect(awareness.getLocalState()).toEqual({
      user: { name: 'Fatima', color: '#1a7f37' },
      role: 'editor',
      cursor: { x: 10, y: 20 },
      selection: ['s1', 'f2'],
      viewport: { x: 100, y: 50, zoom: 0.8 },
    });
    expect(readPresence(awareness.getLocalState())).toEqual(awareness.getLocalState());
  });

  it('[CL-P2] lists every participant, this client first, with their cursor and selection', () => {
    const a = new Awareness(new Y.Doc());
    const b = new Awareness(new Y.Doc());
    link(a, b);
    const pa = new Presence(a, { name: 'Anna', color: '#0969da' }, 'editor', now);
    const pb = new Presence(b, { name: 'Bram', color: '#d1242f' }, 'viewer', now);
    pb.setCursor({ x: 5, y: 6 });
    pb.setSelection(['s9']);
    const list = pa.participants();
    expect(list.map((x) => [x.user.name, x.self, x.role])).toEqual([
      ['Anna', true, 'editor'],
      ['Bram', false, 'viewer'],
    ]);
    expect(list[1]).toMatchObject({ cursor: { x: 5, y: 6 }, selection: ['s9'], clientId: b.clientID });
    expect(pa.participant(b.clientID)?.user.name).toBe('Bram');
  });

  it('[CL-P3] cursor and viewport updates are coalesced per frame; user changes go out at once', () => {
    const awareness = new Awareness(new Y.Doc());
    const frames: (() => void)[] = [];
    const p = new Presence(awareness, { name: 'A', color: '#0969da' }, 'editor', (fn) => frames.push(fn));
    let updates = 0;
    awareness.on('change', () => updates++);
    for (let i = 0; i < 10; i++) p.setCursor({ x: i, y: i });
    expect(updates).toBe(0);
    expect(frames).toHaveLength(1);
    frames.shift()?.();
    expect(updates).toBe(1);
    expect(readPresence(awareness.getLocalState())?.cursor).toEqual({ x: 9, y: 9 });
    p.setUser({ name: 'B', color: '#0969da' });
    expect(updates).toBe(2);
  });

  it('[CL-P4] odd states from peers are cleaned or ignored, never trusted', () => {
    expect(readPresence(null)).toBeNull();
    expect(readPresence({ cursor: { x: 1, y: 2 } })).toBeNull();
    const odd = readPresence({
      user: { name: 'x'.repeat(500), color: 'red; background:url(evil)' },
      cursor: { x: Number.NaN, y: 1 },
      selection: ['a', 3, null, 'b'],
      viewport: { x: 1, y: 2, zoom: -1 },
      role: 'admin',
    });
    expect(odd).toEqual({
      user: { name: 'x'.repeat(60), color: '#6e7781' },
      role: 'editor',
      cursor: null,
      selection: ['a', 'b'],
      viewport: null,
    });
  });
});

describe('Presence notifications', () => {
  it('[CL-P5] our own cursor, selection and viewport do not notify; our name and other participants do', () => {
    const a = new Awareness(new Y.Doc());
    const b = new Awareness(new Y.Doc());
    link(a, b);
    const pa = new Presence(a, { name: 'Anna', color: '#0969da' }, 'editor', now);
    let heard = 0;
    pa.subscribe(() => heard++);
    pa.setCursor({ x: 1, y: 1 });
    pa.setSelection(['s1']);
    pa.setViewport({ x: 0, y: 0, zoom: 1 });
    expect(heard).toBe(0);
    pa.setUser({ name: 'Anna B', color: '#0969da' });
    expect(heard).toBe(1);
    const pb = new Presence(b, { name: 'Bram', color: '#d1242f' }, 'editor', now);
    const afterJoin = heard;
    expect(afterJoin).toBeGreaterThan(1);
    pb.setCursor({ x: 3, y: 4 });
    expect(heard).toBeGreaterThan(afterJoin);
    expect(pa.participant(b.clientID)?.cursor).toEqual({ x: 3, y: 4 });
  });
});
