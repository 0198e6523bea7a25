/**
 * The HTTP request handler: routes under the base path, health, metrics and error answers (rules
 * SV-B1, SV-H1-H8, SV-H10-H13, SV-H17, SV-L9, SV-S5).
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { clientAddress } from '../client-address.js';
import type { ServerConfig } from '../config.js';
import { logStorageFailure } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { StorageError } from '../storage/guarded.js';
import { matchBase } from './base-path.js';
import { answerClientError } from './client-errors.js';
import { adminRoute } from './admin.js';
import type { Readiness } from './health.js';
import type { MapCreationLimits } from './map-creation.js';
import { mapRoutes, type MapRouteDeps } from './maps.js';
import { HttpError, STORAGE_UNAVAILABLE, sendError, sendJson } from './respond.js';
import { StaticSite } from './static.js';

/** `/api/maps/:id` and what follows it (`/` when nothing does). */
/** The methods counted by name in the metrics; any other is `other` (labels stay few). */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']);
const knownMethod = (method: string | undefined): string => (method && METHODS.has(method) ? method : 'other');

/** The route template of a path for the metrics: never an id, so the label has a few values only (SV-O10). */
function routeOf(path: string, byId: Record<string, unknown>): string {
  if (['/healthz', '/readyz', '/livez', '/metrics', '/api/maps'].includes(path)) return path;
  if (path.startsWith('/admin/')) return '/admin';
  const match = MAP_ROUTE.exec(path);
  if (match) {
    const suffix = match[2] ?? '/';
    return Object.keys(byId).some((k) => k.endsWith(` ${suffix}`))
      ? `/api/maps/:id${suffix === '/' ? '' : suffix}`
      : '/api/other';
  }
  return path.startsWith('/api/') ? '/api/other' : 'static';
}

/**
 * SV-O10: the Prometheus text; with `KETENKAART_METRICS_TOKEN` set, only for that bearer token.
 * Also what the metrics port serves.
 */
export async function serveMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  deps: { readonly config: ServerConfig; readonly metrics: Metrics },
): Promise<void> {
  const token = deps.config.metricsToken;
  if (token) {
    const given = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
    if (!timingSafeEqual(digest(given), digest(token))) {
      return sendJson(res, 401, { error: 'the metrics token is required' }, { 'WWW-Authenticate': 'Bearer' });
    }
  }
  const text = await deps.metrics.registry.metrics();
  res.writeHead(200, { 'Content-Type': deps.metrics.registry.contentType, 'Cache-Control': 'no-store' });
  res.end(text);
}

/** A request id a proxy may send (`X-Request-Id`), kept when it looks like one. */
const REQUEST_ID = /^[\w.:-]{1,64}$/;

function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

const MAP_ROUTE = /^\/api\/maps\/([^/]+)(\/.*)?$/;

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
  /** Which store the server runs on (SV-G5), for `/healthz` and `/readyz`. */
  readonly storageMode: string;
  readonly creation: MapCreationLimits;
  /** SV-N6: the state of the connections to other instances, added to `/healthz` and `/readyz` (several instances). */
  readonly clusterHealth?: (() => Readonly<Record<string, string>>) | undefined;
}

/** The handlers for the HTTP server's `request` and `clientError` events. */
export interface Router {
  readonly onRequest: (req: IncomingMessage, res: ServerResponse) => void;
  readonly onClientError: (error: Error & { code?: string }, socket: Duplex) => void;
}

/** The handler: API, health, metrics, then the static client. */
export function createRouter(deps: RouterDeps): Router {
  const maps = mapRoutes(deps);
  const site = new StaticSite(deps.config.staticDir, deps.config.basePath);
  /** The response being written on each socket, so a parser error never cuts into one (SV-H16). */
  const responding = new WeakMap<Duplex, ServerResponse>();

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // SV-B1: every route lives under BASE_PATH; below here the URL is the one without it.
    const placed = matchBase(req.url ?? '/', deps.config.basePath);
    if ('outside' in placed) throw new HttpError(404, 'no such route');
    if ('redirect' in placed) {
      res.writeHead(308, { Location: placed.redirect, 'Content-Length': 0 });
      res.end();
      return;
    }
    req.url = placed.inside;
    const url = new URL(req.url, 'http://localhost');
    const method = req.method ?? 'GET';
    // SV-H10: alive is the process answering (`/livez` is the older name); ready is the store working.
    // SV-G6: liveness also tells the store's last known state, without waiting on the store.
    // SV-N6: Redis away only delays other instances' updates; it is reported, not a failure.
    const cluster = deps.clusterHealth?.() ?? {};
    if (url.pathname === '/healthz' || url.pathname === '/livez') {
      return sendJson(res, 200, {
        status: 'ok',
        storage: deps.storageMode,
        database: deps.readiness.peek(),
        ...cluster,
      });
    }
    if (url.pathname === '/readyz') {
      const reason = await deps.readiness.state();
      if (reason === undefined) {
        return sendJson(res, 200, { status: 'ok', storage: deps.storageMode, database: 'ok', ...cluster });
      }
      return sendJson(res, 503, {
        status: 'unavailable',
        error: 'storage unavailable',
        storage: deps.storageMode,
        database: 'unavailable',
        ...cluster,
      });
    }
    // SV-O10: here unless it has a port of its own.
    if (url.pathname === '/metrics' && method === 'GET' && deps.config.metricsPort === 0) {
      return serveMetrics(req, res, deps);
    }
    if (url.pathname.startsWith('/admin/')) return adminRoute(req, res, url, deps);
    if (url.pathname.startsWith('/api/') && (method === 'POST' || method === 'PUT')) requireJsonBody(req);
    if (url.pathname === '/api/maps') {
      if (method !== 'POST') throw new HttpError(405, 'use POST');
      // SV-H12, SV-H13: admitted before the body is read.
      const done = await deps.creation.admit(clientAddress(req, deps.config.trustProxy));
      try {
        return await maps.create(req, res);
      } finally {
        done(res.statusCode === 201);
      }
    }
    const match = MAP_ROUTE.exec(url.pathname);
    if (match) {
      const handler = maps.byId[`${method} ${match[2] ?? '/'}`] ?? maps.match(method, match[2] ?? '/');
      if (!handler) throw new HttpError(404, 'no such route');
      return handler(req, res, url, match[1]!);
    }
    if (url.pathname.startsWith('/api/')) throw new HttpError(404, 'no such route');
    if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'method not allowed');
    return site.serve(req, res, url);
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    // SV-H17: no response is ever sniffed as another type.
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // SV-O7: every request has an id, the proxy's when it sent a sane one, in its log lines and answer.
    const reqId = requestId(req);
    res.setHeader('X-Request-Id', reqId);
    const log = deps.config.logger.child({ reqId });
    const started = performance.now();
    const timer = deps.metrics.httpSeconds.startTimer();
    res.on('close', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const method = knownMethod(req.method);
      const route = routeOf(path, maps.byId);
      timer({ method, route });
      deps.metrics.httpRequests.inc({ method, route, status: String(res.statusCode) });
      const api = path.startsWith('/api/') || path.startsWith('/admin/');
      const line = {
        method: req.method,
        url: req.url,
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      // The API at info; static files, health and metrics (polled all day) only at debug.
      if (api) log.info(line, 'request');
      else log.debug(line, 'request');
    });
    responding.set(req.socket, res);
    res.on('finish', () => {
      if (responding.get(req.socket) === res) responding.delete(req.socket);
    });
    route(req, res).catch((e: unknown) => {
      let error: HttpError;
      if (e instanceof HttpError) error = e;
      else if (e instanceof StorageError) {
        // SV-S5: the store failed, not the request; SV-O8: logged once per cause.
        logStorageFailure(deps.config.logger, 'http', e, { reqId, method: req.method });
        error = new HttpError(503, STORAGE_UNAVAILABLE);
      } else {
        log.error({ err: e, method: req.method, url: req.url }, 'request failed');
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
