/**
 * What a room needs of a client connection: its role, a way to send it frames and to close it
 * (rules SV-P2, SV-P3, SV-P5, SV-S5, SV-A9). `socket/connection.ts` implements it; the room never
 * sees a websocket.
 */
import type { Role } from '@ketenkaart/shared';
import type { ServerCloseCode } from '../errors.js';

export interface Peer {
  /** What its link grants; presence ids are bound to it (SV-A9). */
  readonly role: Role;
  /** The hash of the token it was admitted with, when it has one (SV-N5). */
  readonly tokenHash?: string;
  /** Sends one binary frame; does nothing once the peer is closed. */
  send(message: Uint8Array): void;
  /** Closes the peer's socket with `code`; idempotent. */
  close(code: ServerCloseCode, reason?: string): void;
}
