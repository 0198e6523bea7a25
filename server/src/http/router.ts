/**
 * The HTTP request handler: routes, health, metrics and error answers (rules SV-H1-H8, SV-H10-H13,
 * SV-H17, SV-L9, SV-S5).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ServerConfig } from '../config.js';
import type { Metrics } from '../metrics.js';
import { StorageError } from '../storage/guarded.js';
import { answerClientError } from './client-errors.js';
import type { Readiness } from './health.js';
import type { MapCreationLimits } from './map-creation.js';
import { mapRoutes, type MapRouteDeps } from './maps.js';
import { HttpError, STORAGE_UNAVAILABLE, sendError, sendJson } from './respond.js';
import { serveStatic } from './static.js';

const MAP_ROUTE = /^\/api\/maps\/([^/]+)(\/.*)$/;

/** `application/json`, optionally with a UTF-8 charset: the only body the API reads (SV-H11). */
const JSON_TYPE = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * SV-H11: a POST or PUT body must be declared `application/json`. A cross-site HTML form can only
 * send `text/plain`, `application/x-www-form-urlencoded` or `multipart/form-data` (with or
 * without fields), and a cross-site `fetch` with any other type needs a CORS preflight, which
 * this server never grants. A request with neither a type nor a body passes (a blank map).
 */
function requireJsonBody(req: IncomingMessage): void {
  const type = req.headers['content-type'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (type === undefined ? hasBody : !JSON_TYPE.test(type.trim())) {
    throw new HttpError(415, 'send the body as application/json');
  }
}

/** What the router needs besides the map routes' dependencies. */
export interface RouterDeps extends MapRouteDeps {
  readonly config: ServerConfig;
  readonly metrics: Metrics;
  readonly readiness: Readiness;
  readonly creation: MapCreationLimits;
}

/** The handlers for the HTTP server's `request` and `clientError` events. */
export interface Router {
  readonly onRequest: (req: IncomingMessage, res: ServerResponse) => void;
  readonly onClientError: (error: Error & { code?: string }, socket: Duplex) => void;
}

/** The handler: API, health, metrics, then the static client. */
export function createRouter(deps: RouterDeps): Router {
  const maps = mapRoutes(deps);
  /** The response being written on each socket, so a parser error never cuts into one (SV-H16). */
  const responding = new WeakMap<Duplex, ServerResponse>();

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    // SV-H10: alive is the process answering; ready is the store working.
    if (url.pathname === '/livez') return sendJson(res, 200, { status: 'ok' });
    if (url.pathname === '/healthz') {
      const reason = await deps.readiness.state();
      if (reason === undefined) return sendJson(res, 200, { status: 'ok' });
      return sendJson(res, 503, { status: 'unavailable', error: 'storage unavailable' });
    }
    if (url.pathname === '/metrics' && method === 'GET') {
      const text = await deps.metrics.registry.metrics();
      res.writeHead(200, { 'Content-Type': deps.metrics.registry.contentType, 'Cache-Control': 'no-store' });
      res.end(text);
      return;
    }
    if (url.pathname.startsWith('/api/') && (method === 'POST' || method === 'PUT')) requireJsonBody(req);
    if (url.pathname === '/api/maps') {
      if (method !== 'POST') throw new HttpError(405, 'use POST');
      // SV-H12, SV-H13: admitted before the body is read.
      const done = await deps.creation.admit(req.socket.remoteAddress);
      try {
        return await maps.create(req, res);
      } finally {
        done(res.statusCode === 201);
      }
    }
    const match = MAP_ROUTE.exec(url.pathname);
    if (match) {
      const handler = maps.byId[`${method} ${match[2]}`] ?? maps.match(method, match[2]!);
      if (!handler) throw new HttpError(404, 'no such route');
      return handler(req, res, url, match[1]!);
    }
    if (url.pathname.startsWith('/api/')) throw new HttpError(404, 'no such route');
    if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'method not allowed');
    return serveStatic(req, res, url, deps.config.staticDir);
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    // SV-H17: no response is ever sniffed as another type.
    res.setHeader('X-Content-Type-Options', 'nosniff');
    responding.set(req.socket, res);
    res.on('finish', () => {
      if (responding.get(req.socket) === res) responding.delete(req.socket);
    });
    route(req, res).catch((e: unknown) => {
      let error: HttpError;
      if (e instanceof HttpError) error = e;
      else if (e instanceof StorageError) {
        // SV-S5: the store failed, not the request.
        deps.config.log(`http ${req.method} ${req.url?.split('?')[0]}: ${e.message}`);
        error = new HttpError(503, STORAGE_UNAVAILABLE);
      } else {
        deps.config.log(`http ${req.method} ${req.url?.split('?')[0]}: ${String(e)}`);
        error = new HttpError(500, 'internal error');
      }
      if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
      }
      if (error.status === 413 || error.options.close) {
        // Do not read the rest of a body that was refused: answer, then cut the connection.
        res.setHeader('Connection', 'close');
        res.on('finish', () => req.destroy());
      } else req.resume();
      sendError(res, error);
    });
  };

  const onClientError = (error: Error & { code?: string }, socket: Duplex): void =>
    answerClientError(error, socket, responding.get(socket));

  return { onRequest, onClientError };
}
