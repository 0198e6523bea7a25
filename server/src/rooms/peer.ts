/**
 * What a room needs of a client connection: a way to send it frames and to close it (rules SV-P2,
 * SV-P3, SV-P5, SV-S5). `socket/connection.ts` implements it; the room never sees a websocket.
 */
import type { ServerCloseCode } from '../errors.js';

export interface Peer {
  /** Sends one binary frame; does nothing once the peer is closed. */
  send(message: Uint8Array): void;
  /** Closes the peer's socket with `code`; idempotent. */
  close(code: ServerCloseCode, reason?: string): void;
}
