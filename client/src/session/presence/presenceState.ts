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
export const MAX_SELECTION = 200;
const COLOR = /^#[0-9a-fA-F]{6}$/;
/** The colour of a peer whose own colour is missing or not `#rrggbb`. */
const FALLBACK_COLOR = '#6e7781';

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
      color: typeof user.color === 'string' && COLOR.test(user.color) ? user.color : FALLBACK_COLOR,
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
