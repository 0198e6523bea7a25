import type { Awareness } from 'y-protocols/awareness';
import {
  MAX_SELECTION,
  readPresence,
  type FlowPoint,
  type Participant,
  type PresenceState,
  type PresenceUser,
  type PresenceViewport,
} from './presenceState';

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
    private readonly awareness: Awareness,
    user: PresenceUser,
    role: 'editor' | 'viewer',
    private readonly schedule: (fn: () => void) => void = (fn) => void requestAnimationFrame(fn),
  ) {
    const initial: PresenceState = { user, role, cursor: null, selection: [], viewport: null };
    awareness.setLocalState(initial);
    awareness.on('change', this.onChange);
    this.recompute();
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

  /** Publishes `patch` at once (`immediate`) or with the next frame's coalesced update. */
  private update(patch: Partial<PresenceState>, immediate: boolean): void {
    this.pending = { ...this.pending, ...patch };
    if (immediate) {
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
