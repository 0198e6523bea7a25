import type { Role } from '@ketenkaart/shared';
import type * as Y from 'yjs';
import { MapConnection } from './connection/MapConnection';
import { Presence } from './presence/Presence';
import type { PresenceUser } from './presence/presenceState';
import { SnapshotStore } from './snapshots/SnapshotStore';
import { UndoController } from './undo/UndoController';

/** Everything one open map needs, created together and destroyed together. */
export class EditorSession {
  readonly connection: MapConnection;
  readonly undo: UndoController;
  readonly presence: Presence;
  readonly snapshots: SnapshotStore;

  constructor(
    readonly id: string,
    readonly role: Role,
    readonly token: string,
    user: PresenceUser,
  ) {
    this.connection = new MapConnection({ id, role, token });
    this.undo = new UndoController(this.connection.doc);
    this.snapshots = new SnapshotStore(this.connection.doc);
    this.presence = new Presence(this.connection.provider.awareness, user, role);
  }

  get doc(): Y.Doc {
    return this.connection.doc;
  }

  get editable(): boolean {
    return this.role === 'editor';
  }

  destroy(): void {
    this.snapshots.destroy();
    this.presence.destroy();
    this.undo.destroy();
    this.connection.destroy();
  }
}
