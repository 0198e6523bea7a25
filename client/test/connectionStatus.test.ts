import { CLOSE_CODES } from '@ketenkaart/shared';
import { describe, expect, it } from 'vitest';
import {
  initialStatus,
  nextStatus,
  type StatusEvent,
  type StatusState,
} from '../src/session/connection/connectionStatus';

/** The state after a series of events, from a fresh connection. */
function run(events: readonly StatusEvent[], from: StatusState = initialStatus(0)): StatusState {
  return events.reduce(nextStatus, from);
}

const dropped = { type: 'closed', code: 1006, online: true } as const;
const failed = { type: 'error', online: true } as const;
const synced = { type: 'synced', synced: true } as const;
const socketDown = { type: 'socket', connected: false, online: true } as const;

describe('connection status', () => {
  it('[CL-C1] connecting until the first sync or failure, online once synced, reconnecting after a drop', () => {
    expect(initialStatus(0).status).toBe('connecting');
    expect(run([socketDown]).status).toBe('connecting');
    expect(run([{ type: 'socket', connected: true, online: true }]).status).toBe('connecting');
    expect(run([failed]).status).toBe('reconnecting');
    expect(run([dropped]).status).toBe('reconnecting');
    expect(run([synced]).status).toBe('online');
    expect(run([{ type: 'synced', synced: false }]).status).toBe('connecting');
    expect(run([synced, socketDown]).status).toBe('reconnecting');
    expect(run([synced, dropped]).status).toBe('reconnecting');
    // A failed attempt while online (a retry in the background) does not hide that we are in sync.
    expect(run([synced, failed]).status).toBe('online');
    expect(run([synced, dropped, synced]).status).toBe('online');
  });

  it('[CL-C1] offline while the browser has no network; back online only when in sync', () => {
    expect(run([{ type: 'socket', connected: false, online: false }]).status).toBe('offline');
    expect(run([{ type: 'error', online: false }]).status).toBe('offline');
    const offline = run([synced, { type: 'network', online: false, inSync: false }]);
    expect(offline.status).toBe('offline');
    expect(nextStatus(offline, { type: 'network', online: true, inSync: false }).status).toBe('reconnecting');
    expect(nextStatus(offline, { type: 'network', online: true, inSync: true }).status).toBe('online');
    expect(run([{ type: 'network', online: true, inSync: false }]).status).toBe('connecting');
  });

  it('[CL-C2] a permanent close or a refused access check denies the link for good, with its code', () => {
    for (const code of [
      CLOSE_CODES.unauthorized,
      CLOSE_CODES.forbidden,
      CLOSE_CODES.mapDeleted,
      CLOSE_CODES.notFound,
      CLOSE_CODES.badMessage,
      CLOSE_CODES.documentTooLarge,
      CLOSE_CODES.frameTooLarge,
      CLOSE_CODES.roomFull,
      CLOSE_CODES.awarenessTooLarge,
    ]) {
      expect(run([synced, { type: 'closed', code, online: true }])).toMatchObject({
        status: 'denied',
        closeCode: code,
      });
    }
    for (const code of [1000, 1006, null])
      expect(run([{ type: 'closed', code, online: true }]).status).toBe('reconnecting');
    const denied = run([{ type: 'denied', code: CLOSE_CODES.notFound }]);
    expect(denied).toMatchObject({ status: 'denied', closeCode: CLOSE_CODES.notFound });
    const after = run(
      [synced, socketDown, dropped, failed, { type: 'network', online: true, inSync: true }, synced],
      denied,
    );
    expect(after).toMatchObject({ status: 'denied', closeCode: CLOSE_CODES.notFound });
  });

  it('[CL-C3] local changes not sent while in sync are counted until the server has them', () => {
    const change = (sent: boolean): StatusEvent => ({ type: 'localChange', sent });
    expect(run([change(true), change(false)]).unsynced).toBe(2);
    expect(run([synced, change(true)]).unsynced).toBe(0);
    expect(run([synced, change(false)]).unsynced).toBe(1);
    expect(run([synced, dropped, change(true)]).unsynced).toBe(1);
    expect(run([change(false), change(false), synced]).unsynced).toBe(0);
    const kept = initialStatus(3);
    expect(kept.unsynced).toBe(3);
    expect(nextStatus(kept, { type: 'network', online: true, inSync: true }).unsynced).toBe(0);
    expect(nextStatus(kept, { type: 'network', online: true, inSync: false }).unsynced).toBe(3);
  });

  it('[CL-C4] an event that changes nothing gives the very same state', () => {
    const online = run([synced]);
    expect(nextStatus(online, synced)).toBe(online);
    expect(nextStatus(online, { type: 'socket', connected: true, online: true })).toBe(online);
    expect(nextStatus(online, { type: 'localChange', sent: true })).toBe(online);
    const denied = run([{ type: 'denied', code: CLOSE_CODES.unauthorized }]);
    expect(nextStatus(denied, socketDown)).toBe(denied);
    const waiting = run([dropped]);
    expect(nextStatus(waiting, dropped)).toBe(waiting);
  });
});
