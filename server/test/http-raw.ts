/** Raw HTTP/1.1 over a TCP socket, for tests that need what fetch cannot send: trickled bodies, huge URLs. */
import { connect, type Socket } from 'node:net';

/** A parsed HTTP response. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** An open connection: write to it, then read the one response the server sends. */
export interface RawConnection {
  socket: Socket;
  /** Writes bytes unless the server has closed the connection; false once it has. */
  write(data: string | Buffer): boolean;
  /** The first response on the connection (resolves once its headers and declared body have arrived). */
  response: Promise<RawResponse>;
  /** Resolves when the server has closed the connection (or it was reset). */
  closed: Promise<void>;
}

/** Opens a TCP connection to the server at `url` (`http://host:port`). */
export function rawConnection(url: string): RawConnection {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  socket.on('error', () => {});
  let received = Buffer.alloc(0);
  let ended = false;
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  const response = new Promise<RawResponse>((resolve, reject) => {
    const tryParse = (): void => {
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [statusLine, ...lines] = received.subarray(0, end).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const body = received.subarray(end + 4);
      const length = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
      if (length !== undefined ? body.length < length : !ended) return;
      resolve({
        status: Number(statusLine?.split(' ')[1]),
        headers,
        body: body.subarray(0, length ?? body.length).toString('utf8'),
      });
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      tryParse();
    });
    socket.on('close', () => {
      ended = true;
      tryParse();
      reject(new Error(`connection closed without a complete response: ${JSON.stringify(received.toString())}`));
    });
  });
  response.catch(() => {});
  return {
    socket,
    write: (data) => {
      if (socket.destroyed || !socket.writable) return false;
      socket.write(data);
      return true;
    },
    response,
    closed,
  };
}

/** The head of a request: request line and headers, ready to write. */
export function requestHead(method: string, path: string, headers: Record<string, string | number>): string {
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}
