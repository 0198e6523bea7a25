import { CLOSE_CODES } from '@ketenkaart/shared';

/**
 * What the user sees about the connection:
 * - `connecting`: first attempt, nothing synced yet;
 * - `online`: connected and in sync with the server;
 * - `reconnecting`: was online (or tried), trying again;
 * - `offline`: the browser says it has no network;
 * - `denied`: the server refused the link for good (see `closeCode`).
 */
export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'offline' | 'denied';

/** The connection as the app sees it. */
export interface ConnectionState {
  readonly status: ConnectionStatus;
  /** Local changes made while not in sync with the server. */
  readonly unsynced: number;
  /** The close code of a permanent refusal (4401 unauthorized, 4404 not found...). */
  readonly closeCode: number | null;
  /** True once the IndexedDB cache has been loaded into the doc. */
  readonly cacheLoaded: boolean;
  /** This device dropped the copy of the map it had (deleted, CL-O2; or wiped by choice, CL-O3). */
  readonly droppedCopy: boolean;
  /**
   * The server does not know the map (4404/404) and this device keeps its copy, readable and
   * unsent, until the person saves it as a new map or wipes it (CL-O3).
   */
  readonly keptCopy: boolean;
}

/** The status machine's state: what is shown, and what it remembers to choose the next status. */
export interface StatusState {
  readonly status: ConnectionStatus;
  readonly closeCode: number | null;
  readonly unsynced: number;
  /** The server has synced at least once. */
  readonly everSynced: boolean;
  /** A connection attempt failed or dropped: the connection is no longer just starting. */
  readonly failedOnce: boolean;
}

/**
 * What happens to the connection. `online` is the browser's network flag at that moment;
 * `sent` says whether a local change went straight out on an open socket.
 */
export type StatusEvent =
  | { readonly type: 'socket'; readonly connected: boolean; readonly online: boolean }
  | { readonly type: 'synced'; readonly synced: boolean }
  | { readonly type: 'closed'; readonly code: number | null; readonly online: boolean }
  | { readonly type: 'error'; readonly online: boolean }
  | { readonly type: 'network'; readonly online: boolean; readonly inSync: boolean }
  | { readonly type: 'denied'; readonly code: number }
  | { readonly type: 'localChange'; readonly sent: boolean };

/** Close codes after which reconnecting cannot help: the link is wrong, rotated or the map is gone. */
const PERMANENT: ReadonlySet<number> = new Set<number>([
  CLOSE_CODES.unauthorized,
  CLOSE_CODES.forbidden,
  CLOSE_CODES.notFound,
  CLOSE_CODES.mapDeleted,
  CLOSE_CODES.badMessage,
  CLOSE_CODES.documentTooLarge,
  CLOSE_CODES.frameTooLarge,
  CLOSE_CODES.roomFull,
  CLOSE_CODES.awarenessTooLarge,
]);

export function isPermanentClose(code: number): boolean {
  return PERMANENT.has(code);
}

/** The state of a connection that has just been opened, with the unsynced count kept from before. */
export function initialStatus(unsynced: number): StatusState {
  return { status: 'connecting', closeCode: null, unsynced, everSynced: false, failedOnce: false };
}

/** The state after `event`; the very same object when nothing changes. */
export function nextStatus(state: StatusState, event: StatusEvent): StatusState {
  const denied = state.status === 'denied';
  switch (event.type) {
    case 'socket':
      // A connected socket is not yet in sync: `synced` follows.
      return denied || event.connected ? state : patch(state, { status: waiting(state, event.online) });
    case 'synced':
      return !event.synced || denied ? state : patch(state, { status: 'online', unsynced: 0, everSynced: true });
    case 'closed': {
      if (event.code !== null && isPermanentClose(event.code))
        return patch(state, { status: 'denied', closeCode: event.code });
      const failed = patch(state, { failedOnce: true });
      return denied ? failed : patch(failed, { status: waiting(failed, event.online) });
    }
    case 'error': {
      const failed = patch(state, { failedOnce: true });
      return denied || state.status === 'online' ? failed : patch(failed, { status: waiting(failed, event.online) });
    }
    case 'network':
      if (denied) return state;
      if (!event.online) return patch(state, { status: 'offline' });
      if (event.inSync) return patch(state, { status: 'online', unsynced: 0 });
      return patch(state, { status: waiting(state, true) });
    case 'denied':
      return patch(state, { status: 'denied', closeCode: event.code });
    case 'localChange':
      return state.status === 'online' && event.sent ? state : patch(state, { unsynced: state.unsynced + 1 });
  }
}

/** The status while not in sync: offline without network, else connecting or reconnecting. */
function waiting(state: StatusState, online: boolean): ConnectionStatus {
  if (!online) return 'offline';
  return state.everSynced || state.failedOnce ? 'reconnecting' : 'connecting';
}

function patch(state: StatusState, changes: Partial<StatusState>): StatusState {
  const keys = Object.keys(changes) as (keyof StatusState)[];
  return keys.every((k) => changes[k] === state[k]) ? state : { ...state, ...changes };
}
