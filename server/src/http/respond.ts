/** HTTP helpers: JSON and error answers, body reading with its limits, the request's token (rules SV-H7, SV-L9, SV-H14, SV-S5). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Problem } from '@ketenkaart/shared';
import type { BodyBudget } from './body-budget.js';

/** How an error answer is sent besides its status and body. */
export interface HttpErrorOptions {
  /** Extra response headers (`Retry-After`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Answer, then close the connection instead of reading the rest of the body. */
  readonly close?: boolean;
}

/** An HTTP error with a status; the router answers `{ error, problems? }`. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly problems?: readonly Problem[],
    readonly options: HttpErrorOptions = {},
  ) {
    super(message);
  }
}

/** The error of a 503 for a storage failure (rule SV-S5). */
export const STORAGE_UNAVAILABLE = 'storage unavailable; try again later';

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
    { ...error.options.headers },
  );
}

/**
 * Reads the request body as UTF-8 text; more than `limit` bytes is a 413 (rule SV-L9), and a
 * body that would take `budget`'s bytes in flight past its cap is a 503 (rule SV-H14). Its
 * bytes count against the budget until the body has been read or refused.
 */
export async function readBody(req: IncomingMessage, limit: number, budget: BodyBudget): Promise<string> {
  return Buffer.from((await readBodyBytes(req, limit, budget)).buffer).toString('utf8');
}

/**
 * The body as bytes in an ArrayBuffer of their own (not Node's shared Buffer pool), so that a
 * large file can be handed to a work thread without a copy (SV-W5).
 */
export function readBodyBytes(req: IncomingMessage, limit: number, budget: BodyBudget): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    const tooLarge = () => new HttpError(413, `body larger than ${limit} bytes`, undefined, { close: true });
    if (declared > limit) {
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (error?: HttpError): void => {
      if (settled) return;
      settled = true;
      budget.release(size);
      if (error) reject(error);
      else {
        const bytes = new Uint8Array(size);
        let at = 0;
        for (const chunk of chunks) {
          bytes.set(chunk, at);
          at += chunk.byteLength;
        }
        resolve(bytes);
      }
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      if (size + chunk.byteLength > limit) return settle(tooLarge());
      if (!budget.reserve(chunk.byteLength)) return settle(budget.exceeded());
      size += chunk.byteLength;
      chunks.push(chunk);
    });
    req.on('end', () => settle());
    // A client that goes away: nobody hears the answer, but the bytes are released.
    req.on('error', () => settle(new HttpError(400, 'request aborted')));
    req.on('close', () => settle(new HttpError(400, 'request aborted')));
  });
}

/** Whether a body holds nothing but JSON whitespace (an absent file). */
export function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  return true;
}

/** The token of a request: `Authorization: Bearer <token>`, else `?token=`. */
export function requestToken(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? url.searchParams.get('token') ?? undefined;
}
