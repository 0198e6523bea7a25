/**
 * `index.html` as served (rules SV-B2, SV-B4): the build's relative URLs (`./assets/…`) made
 * absolute under the base path, and the base path in a `<meta name="ketenkaart-base">` the client
 * reads at start, so one build serves any `BASE_PATH`. Kept per file version with its compressed
 * forms and a content ETag.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The name of the meta element that carries the base path to the client. */
export const BASE_META = 'ketenkaart-base';

/** `index.html` with its URLs under `base` and the base path's meta element first in `<head>`. */
export function injectBase(html: string, base: string): string {
  const meta = `<meta name="${BASE_META}" content="${base}" />`;
  const absolute = html.replace(/(\s(?:src|href)=["'])\.\//g, `$1${base}/`);
  if (/<head(\s[^>]*)?>/i.test(absolute))
    return absolute.replace(/<head(\s[^>]*)?>/i, (head) => `${head}\n    ${meta}`);
  return absolute.replace(/^(<!doctype[^>]*>)?/i, (doctype) => `${doctype}${meta}`);
}

/** One served version of `index.html`. */
export interface IndexVersion {
  readonly etag: string;
  readonly identity: Buffer;
  readonly br: Buffer;
  readonly gzip: Buffer;
}

/** The served `index.html` of one file, rebuilt when the file changes (a new deploy is never stale). */
export class IndexPage {
  private cached: { key: string; version: IndexVersion } | undefined;

  constructor(
    private readonly file: string,
    private readonly base: string,
  ) {}

  /** The version for the file as it is now (`key`: its size and modification time). */
  async version(key: string): Promise<IndexVersion> {
    if (this.cached?.key === key) return this.cached.version;
    const identity = Buffer.from(injectBase(await readFile(this.file, 'utf8'), this.base));
    const version: IndexVersion = {
      etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 22)}"`,
      identity,
      br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
      gzip: gzipSync(identity, { level: 9 }),
    };
    this.cached = { key, version };
    return version;
  }
}
