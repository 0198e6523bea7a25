/** HTTP helpers: JSON and error answers, body reading with its limit, the request's token (rules SV-H7, SV-L9). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Problem } from '@ketenkaart/shared';

/** An HTTP error with a status; the router answers `{ error, problems? }`. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly problems?: readonly Problem[],
  ) {
    super(message);
  }
}

/** Headers on every API response: never cached, never a referrer. */
const API_HEADERS = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
} as const;

/** Sends a JSON body. */
export function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...API_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...extra,
  });
  res.end(text);
}

/** Sends `{ error, problems? }`. */
export function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(
    res,
    error.status,
    error.problems ? { error: error.message, problems: error.problems } : { error: error.message },
  );
}

/** Reads the request body as UTF-8 text; more than `limit` bytes is a 413 (rule SV-L9). */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new HttpError(413, `body larger than ${limit} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.byteLength;
      if (size > limit) {
        failed = true;
        reject(new HttpError(413, `body larger than ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (e) => {
      if (!failed) reject(e);
      failed = true;
    });
  });
}

/** The token of a request: `Authorization: Bearer <token>`, else `?token=`. */
export function requestToken(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? url.searchParams.get('token') ?? undefined;
}
