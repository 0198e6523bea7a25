import type { Awareness } from 'y-protocols/awareness';

/** A point in flow (map) coordinates. */
export interface FlowPoint {
  readonly x: number;
  readonly y: number;
}

export interface PresenceViewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

export interface PresenceUser {
  readonly name: string;
  readonly color: string;
}

/** What every client publishes in its awareness state. */
export interface PresenceState {
  readonly user: PresenceUser;
  readonly role: 'editor' | 'viewer';
  readonly cursor: FlowPoint | null;
  /** Ids of selected steps, flows and lane nodes. */
  readonly selection: readonly string[];
  readonly viewport: PresenceViewport | null;
}

export interface Participant extends PresenceState {
  readonly clientId: number;
  readonly self: boolean;
}

const MAX_NAME = 60;
const MAX_SELECTION = 200;
const COLOR = /^#[0-9a-fA-F]{6}$/;

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/** Reads a peer's awareness state defensively; returns null if it is not a presence state. */
export function readPresence(value: unknown): PresenceState | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const user = v.user as Record<string, unknown> | undefined;
  if (typeof user !== 'object' || user === null || typeof user.name !== 'string') return null;
  const cursor = v.cursor as Record<string, unknown> | null | undefined;
  const viewport = v.viewport as Record<string, unknown> | null | undefined;
  return {
    user: {
      name: user.name.slice(0, MAX_NAME),
      color: typeof user.color === 'string' && COLOR.test(user.color) ? user.color : '#6e7781',
    },
    role: v.role === 'viewer' ? 'viewer' : 'editor',
    cursor: cursor && finite(cursor.x) && finite(cursor.y) ? { x: cursor.x, y: cursor.y } : null,
    selection: Array.isArray(v.selection)
      ? v.selection.filter((s): s is string => typeof s === 'string').slice(0, MAX_SELECTION)
      : [],
    viewport:
      viewport && finite(viewport.x) && finite(viewport.y) && finite(viewport.zoom) && viewport.zoom > 0
        ? { x: viewport.x, y: viewport.y, zoom: viewport.zoom }
        : null,
  };
}

/**
 * Presence over a Yjs awareness: publishes this user's name, colour, cursor,
 * selection and viewport, and lists the participants. Cursor and viewport updates
 * are coalesced to one awareness update per frame.
 */
export class Presence {
  private participantsCache: Participant[] = [];
  private readonly listeners = new Set<() => void>();
  private pending: Partial<PresenceState> = {};
  private scheduled = false;

  constructor(
    readonly awareness: Awareness,
    user: PresenceUser,
    role: 'editor' | 'viewer',
    private readonly schedule: (fn: () => void) => void = (fn) => void requestAnimationFrame(fn),
  ) {
    const initial: PresenceState = { user, role, cursor: null, selection: [], viewport: null };
    awareness.setLocalState(initial);
    awareness.on('change', this.onChange);
    this.recompute();
  }

  get clientId(): number {
    return this.awareness.clientID;
  }

  setUser(user: PresenceUser): void {
    this.update({ user }, true);
  }

  setCursor(cursor: FlowPoint | null): void {
    this.update({ cursor }, cursor === null);
  }

  setSelection(selection: readonly string[]): void {
    this.update({ selection: selection.slice(0, MAX_SELECTION) }, true);
  }

  setViewport(viewport: PresenceViewport): void {
    this.update({ viewport }, false);
  }

  /** Everyone on the map, this client first. */
  participants(): Participant[] {
    return this.participantsCache;
  }

  participant(clientId: number): Participant | undefined {
    return this.participantsCache.find((p) => p.clientId === clientId);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.awareness.off('change', this.onChange);
    this.listeners.clear();
  }

  private update(patch: Partial<PresenceState>, now: boolean): void {
    this.pending = { ...this.pending, ...patch };
    if (now) {
      this.flush();
      return;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    const current = this.awareness.getLocalState() as PresenceState | null;
    if (!current || Object.keys(this.pending).length === 0) return;
    const next = { ...current, ...this.pending };
    this.pending = {};
    this.awareness.setLocalState(next);
  }

  private readonly onChange = (changes: { added: number[]; updated: number[]; removed: number[] }): void => {
    const self = this.awareness.clientID;
    const onlySelf = [...changes.added, ...changes.updated, ...changes.removed].every((id) => id === self);
    const before = this.participantsCache.find((p) => p.self)?.user;
    const after = readPresence(this.awareness.getLocalState())?.user;
    // Our own cursor, selection and viewport are not shown to us: no new list, no re-render.
    if (onlySelf && before?.name === after?.name && before?.color === after?.color) return;
    this.recompute();
    for (const l of this.listeners) l();
  };

  private recompute(): void {
    const out: Participant[] = [];
    for (const [clientId, raw] of this.awareness.getStates()) {
      const state = readPresence(raw);
      if (state) out.push({ ...state, clientId, self: clientId === this.awareness.clientID });
    }
    out.sort((a, b) => Number(b.self) - Number(a.self) || a.user.name.localeCompare(b.user.name));
    this.participantsCache = out;
  }
}
