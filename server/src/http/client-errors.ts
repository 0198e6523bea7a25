/**
 * Answers to requests Node's HTTP parser refuses before they reach the router (rules SV-H15,
 * SV-H16, SV-H17): a request line or headers over the limit (431), a request not received in
 * time (408), a malformed one (400). Each is a JSON error, then the connection is closed.
 */
import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** The status and error of each parser failure; anything else is a 400. */
const ANSWERS: Readonly<Record<string, readonly [number, string]>> = {
  HPE_HEADER_OVERFLOW: [431, 'request line or headers too large'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'chunk extensions too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request not received in time'],
};

/**
 * Handles the server's `clientError`: answers unless a response is already under way on the
 * socket (`responding` is the one the router is writing, if any), then destroys the socket.
 */
export function answerClientError(
  error: Error & { code?: string },
  socket: Duplex,
  responding: ServerResponse | undefined,
): void {
  if (error.code !== 'ECONNRESET' && socket.writable && !responding?.headersSent) {
    const [status, message] = ANSWERS[error.code ?? ''] ?? [400, 'malformed request'];
    const body = JSON.stringify({ error: message });
    socket.write(
      [
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
        'Content-Type: application/json; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(body)}`,
        'Cache-Control: no-store',
        'X-Content-Type-Options: nosniff',
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  }
  socket.destroy();
}
