/** Which content codings a request accepts (rule SV-B3), read from its `Accept-Encoding` header. */

/** The precompressed codings the server can send, best first. */
export const CODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

export type Coding = (typeof CODINGS)[number];

/**
 * The codings of `CODINGS` the header accepts, in the server's order (brotli first: smaller at
 * equal decoding cost). A coding is accepted when it is listed with a `q` above 0, or when `*` is
 * and the coding is not listed with `q=0`. No header: identity only.
 */
export function acceptedCodings(header: string | undefined): Coding[] {
  if (!header) return [];
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [rawName, ...params] = part.split(';');
    const name = rawName?.trim().toLowerCase();
    if (!name) continue;
    let weight = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p);
      if (m) weight = Number(m[1]);
    }
    q.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const star = q.get('*');
  return CODINGS.filter((c) => {
    const weight = q.get(c.name) ?? (c.name === 'gzip' ? q.get('x-gzip') : undefined) ?? star;
    return weight !== undefined && weight > 0;
  });
}
