/** The built client, served as static files with its security headers (rule SV-H8). */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

/**
 * Content-Security-Policy of the app (rule SV-H8): scripts only from this origin, no inline
 * scripts, WebAssembly (no eval); inline styles (React Flow sets style attributes); websockets to this host only;
 * blob: workers; no framing. `host` is the request's Host header (already checked).
 */
function contentSecurityPolicy(host: string | undefined): string {
  const sockets = host ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    // WebAssembly may be compiled (the export dialog's PNG renderer), never eval'd JavaScript.
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${sockets}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const HOST = /^[A-Za-z0-9.:[\]-]{1,255}$/;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** Vite's hashed file names (`index-DiwrgTda.js`): safe to cache for a year. */
const HASHED = /[.-][A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/**
 * Serves the built client (rule SV-H8): files under `root`, `index.html` for `/` and every
 * `/map/*` path (the single-page app routes), `favicon.svg` for a missing `/favicon.ico`, 404
 * otherwise. Never leaves `root`.
 */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, url: URL, root: string): Promise<void> {
  const base = path.resolve(root);
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    pathname = '/';
  }
  const spaRoute = pathname === '/' || pathname === '/index.html' || pathname.startsWith('/map/');
  let file = spaRoute ? path.join(base, 'index.html') : path.resolve(base, `.${path.posix.normalize(pathname)}`);
  if (!file.startsWith(base + path.sep)) file = path.join(base, 'index.html');
  let size = await fileSize(file);
  if (size === null && pathname === '/favicon.ico') {
    // Browsers and tools ask for /favicon.ico by themselves; the client ships an SVG icon.
    file = path.join(base, 'favicon.svg');
    size = await fileSize(file);
  }
  if (size === null) {
    const text = spaRoute ? 'The client is not built: run pnpm build.\n' : 'Not found\n';
    res.writeHead(404, { ...securityHeaders(req), 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(text);
    return;
  }
  const ext = path.extname(file).toLowerCase();
  const immutable = !spaRoute && HASHED.test(path.basename(file));
  res.writeHead(200, {
    ...securityHeaders(req),
    'Content-Type': TYPES[ext] ?? 'application/octet-stream',
    'Content-Length': size,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/** The size of a regular file, or null when there is none. */
async function fileSize(file: string): Promise<number | null> {
  try {
    const info = await stat(file);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

function securityHeaders(req: IncomingMessage): Record<string, string> {
  const host = req.headers.host;
  return {
    'Content-Security-Policy': contentSecurityPolicy(host && HOST.test(host) ? host : undefined),
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
  };
}
