/** The errors that close a socket or fail a room, and their close codes (rules SV-P4, SV-L10, SV-S5). */
import { CLOSE_CODES, type CloseCode } from '@ketenkaart/shared';

/**
 * 1013, the websocket close code "try again later": the frame could not be taken now, reconnecting
 * can fix it (the stock client reconnects; its handshake resends what the server lacks). Rule SV-L10.
 */
export const TRY_AGAIN_LATER = 1013;

/** The codes the server closes sockets with. */
export type ServerCloseCode = CloseCode | typeof TRY_AGAIN_LATER;

/** Thrown while handling a frame: the frame is refused and only its own socket is closed with `code`. */
export class CloseError extends Error {
  override readonly name = 'CloseError';
  constructor(
    readonly code: ServerCloseCode,
    message: string,
  ) {
    super(message);
  }
}

/** The close code for anything thrown while handling a frame: its own, or 4400 (malformed). */
export function closeCodeOf(error: unknown): ServerCloseCode {
  return error instanceof CloseError ? error.code : CLOSE_CODES.badMessage;
}

/** Thrown by a room whose storage failed; its sockets are closed with 4500 by the room itself. */
export class RoomFailedError extends Error {
  override readonly name = 'RoomFailedError';
}
