import { CLOSE_CODES, type CloseCode } from '@ketenkaart/shared';

/** Thrown while handling a frame: the frame is refused and only its own socket is closed with `code`. */
export class CloseError extends Error {
  override readonly name = 'CloseError';
  constructor(
    readonly code: CloseCode,
    message: string,
  ) {
    super(message);
  }
}

/** The close code for anything thrown while handling a frame: its own, or 4400 (malformed). */
export function closeCodeOf(error: unknown): CloseCode {
  return error instanceof CloseError ? error.code : CLOSE_CODES.badMessage;
}

/** Thrown by a room whose storage failed; its sockets are closed with 4500 by the room itself. */
export class RoomFailedError extends Error {
  override readonly name = 'RoomFailedError';
}
