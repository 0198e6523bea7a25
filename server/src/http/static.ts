/**
 * The built client, served as static files with its security headers (rule SV-H8), compressed,
 * with cache headers and ETags, and `index.html` under the base path (rules SV-B2-B4).
 */
import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { acceptedCodings, type Coding } from './accept-encoding.js';
import { IndexPage } from './static-index.js';

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

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A file to send: its bytes on disk or in memory, with what the headers need. */
interface Body {
  readonly size: number;
  readonly etag: string;
  readonly coding: string | undefined;
  readonly send: (res: ServerResponse) => void;
}

/**
 * The built client (rules SV-H8, SV-B2-B4): files under `root`, `index.html` (with the base path
 * injected) for `/` and every `/map/*` path (the single-page app routes), `favicon.svg` for a
 * missing `/favicon.ico`, 404 otherwise. Never leaves `root`. A file is sent brotli- or
 * gzip-compressed when the build left a `.br` / `.gz` beside it and the request accepts it
 * (`Vary: Accept-Encoding`); every answer has an ETag, and a matching `If-None-Match` gets 304.
 */
export class StaticSite {
  private readonly root: string;
  private readonly index: IndexPage;

  constructor(root: string, basePath: string) {
    this.root = path.resolve(root);
    this.index = new IndexPage(path.join(this.root, 'index.html'), basePath);
  }

  async serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const base = this.root;
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      pathname = '/';
    }
    const spaRoute = pathname === '/' || pathname === '/index.html' || pathname.startsWith('/map/');
    let file = spaRoute ? path.join(base, 'index.html') : path.resolve(base, `.${path.posix.normalize(pathname)}`);
    if (!file.startsWith(base + path.sep)) file = path.join(base, 'index.html');
    let info = await fileStat(file);
    if (info === null && pathname === '/favicon.ico') {
      // Browsers and tools ask for /favicon.ico by themselves; the client ships an SVG icon.
      file = path.join(base, 'favicon.svg');
      info = await fileStat(file);
    }
    if (info === null) {
      const text = spaRoute ? 'The client is not built: run pnpm build.\n' : 'Not found\n';
      res.writeHead(404, { ...securityHeaders(req), 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(text);
      return;
    }
    const isIndex = file === path.join(base, 'index.html');
    const codings = acceptedCodings(req.headers['accept-encoding']);
    const body = isIndex ? await this.indexBody(info, codings) : await fileBody(file, info, codings);
    const ext = path.extname(file).toLowerCase();
    const headers: Record<string, string | number> = {
      ...securityHeaders(req),
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      'Cache-Control': !isIndex && HASHED.test(path.basename(file)) ? IMMUTABLE : 'no-cache',
      ETag: body.etag,
      Vary: 'Accept-Encoding',
    };
    if (matchesEtag(req.headers['if-none-match'], body.etag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    if (body.coding) headers['Content-Encoding'] = body.coding;
    headers['Content-Length'] = body.size;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    body.send(res);
  }

  private async indexBody(info: Stats, codings: readonly Coding[]): Promise<Body> {
    const version = await this.index.version(`${info.size}:${info.mtimeMs}`);
    const coding = codings[0];
    const bytes = coding ? version[coding.name] : version.identity;
    const etag = coding ? `${version.etag.slice(0, -1)}-${coding.name}"` : version.etag;
    return { size: bytes.length, etag, coding: coding?.name, send: (res) => res.end(bytes) };
  }
}

/** A file from disk, or its precompressed sibling when one is accepted and not older than it. */
async function fileBody(file: string, info: Stats, codings: readonly Coding[]): Promise<Body> {
  for (const coding of codings) {
    const variant = await fileStat(file + coding.suffix);
    if (variant && variant.mtimeMs >= info.mtimeMs) return diskBody(file + coding.suffix, variant, coding.name);
  }
  return diskBody(file, info, undefined);
}

function diskBody(file: string, info: Stats, coding: string | undefined): Body {
  const etag = `"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}${coding ? `-${coding}` : ''}"`;
  return {
    size: info.size,
    etag,
    coding,
    send: (res) => {
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
    },
  };
}

/** Whether an `If-None-Match` header names `etag` (weak comparison, as for GET) or is `*`. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim().replace(/^W\//, '');
    return t === '*' || t === etag;
  });
}

/** A regular file's stat, or null when there is none. */
async function fileStat(file: string): Promise<Stats | null> {
  try {
    const info = await stat(file);
    return info.isFile() ? info : null;
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
