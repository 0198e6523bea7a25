/** The HTTP request handler: routes, health, metrics and error answers (rules SV-H1-H8, SV-L9). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerConfig } from '../config.js';
import type { Metrics } from '../metrics.js';
import { mapRoutes, type MapRouteDeps } from './maps.js';
import { HttpError, sendError, sendJson } from './respond.js';
import { serveStatic } from './static.js';

const MAP_ROUTE = /^\/api\/maps\/([^/]+)(\/.*)$/;

/** The handler: API, health, metrics, then the static client. */
export function createRouter(
  deps: MapRouteDeps & { readonly config: ServerConfig; readonly metrics: Metrics },
): (req: IncomingMessage, res: ServerResponse) => void {
  const maps = mapRoutes(deps);

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (url.pathname === '/metrics' && method === 'GET') {
      const text = await deps.metrics.registry.metrics();
      res.writeHead(200, { 'Content-Type': deps.metrics.registry.contentType, 'Cache-Control': 'no-store' });
      res.end(text);
      return;
    }
    if (url.pathname === '/api/maps') {
      if (method !== 'POST') throw new HttpError(405, 'use POST');
      return maps.create(req, res);
    }
    const match = MAP_ROUTE.exec(url.pathname);
    if (match) {
      const handler = maps.byId[`${method} ${match[2]}`];
      if (!handler) throw new HttpError(404, 'no such route');
      return handler(req, res, url, match[1]!);
    }
    if (url.pathname.startsWith('/api/')) throw new HttpError(404, 'no such route');
    if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'method not allowed');
    return serveStatic(req, res, url, deps.config.staticDir);
  };

  return (req, res) => {
    route(req, res).catch((e: unknown) => {
      const error = e instanceof HttpError ? e : new HttpError(500, 'internal error');
      if (!(e instanceof HttpError)) deps.config.log(`http ${req.method} ${req.url?.split('?')[0]}: ${String(e)}`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error.status === 413) {
        // Do not read the rest of an oversized body: answer, then cut the connection.
        res.setHeader('Connection', 'close');
        res.on('finish', () => req.destroy());
      } else req.resume();
      sendError(res, error);
    });
  };
}
