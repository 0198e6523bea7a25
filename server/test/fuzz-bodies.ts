/** A seeded generator of hostile HTTP request bodies and content types for the HTTP fuzz test. */
import * as prng from 'lib0/prng';

/** One body to send, with the content type it claims (none when undefined). */
export interface FuzzBody {
  kind: string;
  contentType: string | undefined;
  body: Uint8Array;
}

const STEP_KINDS = ['start', 'activity', 'decision', 'register', 'end'];
const FLOW_KINDS = ['document', 'information', 'sequence'];
const FLOW_STATUSES = ['ok', 'attention', 'problem'];
/** Keys a JSON v1 file has, and keys an attacker tries. */
const KEYS = [
  'format',
  'version',
  'title',
  'description',
  'partners',
  'steps',
  'flows',
  'id',
  'name',
  'color',
  'partner',
  'label',
  'kind',
  'contact',
  'x',
  'y',
  'from',
  'to',
  'status',
  'note',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '',
];

/** A valid JSON v1 map of `steps` steps over `partners` lanes, drawn from `gen`. */
export function validMap(gen: prng.PRNG, partners: number, steps: number): Record<string, unknown> {
  const lanes = Array.from({ length: partners }, (_, i) => ({
    id: `p${i}`,
    name: prng.word(gen, 1, 30),
    color: `#${prng.uint32(gen, 0, 0xffffff).toString(16).padStart(6, '0')}`,
    description: prng.utf16String(gen, 20),
  }));
  const stepList = Array.from({ length: steps }, (_, i) => ({
    id: `s${i}`,
    partner: `p${prng.uint32(gen, 0, partners - 1)}`,
    label: prng.utf16String(gen, 40).slice(0, 40),
    kind: prng.oneOf(gen, STEP_KINDS),
    description: prng.word(gen, 0, 60),
    contact: prng.word(gen, 0, 20),
    x: prng.int31(gen, -5_000, 5_000),
    y: prng.uint32(gen, 0, 400),
  }));
  const flows = Array.from({ length: Math.max(0, steps - 1) }, (_, i) => ({
    id: `f${i}`,
    from: `s${i}`,
    to: `s${prng.uint32(gen, 0, steps - 1)}`,
    label: prng.word(gen, 0, 30),
    kind: prng.oneOf(gen, FLOW_KINDS),
    status: prng.oneOf(gen, FLOW_STATUSES),
    note: prng.word(gen, 0, 30),
  }));
  return {
    format: 'ketenkaart',
    version: 1,
    title: prng.word(gen, 1, 60),
    description: prng.utf16String(gen, 30),
    partners: lanes,
    steps: stepList,
    flows,
  };
}

/** A random JSON value, `depth` levels at most, with keys from the format and from attacks. */
function jsonValue(gen: prng.PRNG, depth: number): unknown {
  const pick = prng.uint32(gen, 0, depth > 0 ? 9 : 5);
  switch (pick) {
    case 0:
      return null;
    case 1:
      return prng.bool(gen);
    case 2:
      return prng.oneOf(gen, [0, -1, 1e308, -1e308, 5e-324, 2 ** 53 + 1, prng.int31(gen, -1e6, 1e6), prng.real53(gen)]);
    case 3:
      return prng.utf16String(gen, prng.uint32(gen, 0, 40));
    case 4:
      return prng.oneOf(gen, ['ketenkaart', 'activity', 'document', 'ok', 's0', 'p0', '#fff', '']);
    case 5:
      return 'x'.repeat(prng.uint32(gen, 0, 2_000));
    case 6:
    case 7:
      return Array.from({ length: prng.uint32(gen, 0, 6) }, () => jsonValue(gen, depth - 1));
    default: {
      const out: Record<string, unknown> = {};
      const n = prng.uint32(gen, 0, 6);
      for (let i = 0; i < n; i++) {
        // Defined as own properties, so a "__proto__" key is written out by JSON.stringify.
        Object.defineProperty(out, prng.oneOf(gen, KEYS), {
          value: jsonValue(gen, depth - 1),
          enumerable: true,
          configurable: true,
          writable: true,
        });
      }
      return out;
    }
  }
}

/** Replaces one value somewhere inside `value` (a parsed JSON tree) by a random one. */
function mutateTree(gen: prng.PRNG, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || prng.uint32(gen, 0, 4) === 0) return jsonValue(gen, 3);
  if (Array.isArray(value)) {
    const copy = [...(value as unknown[])];
    if (copy.length === 0 || prng.uint32(gen, 0, 5) === 0) {
      // Repeat an element many times: duplicate ids, long lists.
      copy.push(...Array.from({ length: prng.uint32(gen, 1, 300) }, () => copy[0] ?? jsonValue(gen, 2)));
      return copy;
    }
    const at = prng.uint32(gen, 0, copy.length - 1);
    copy[at] = mutateTree(gen, copy[at]);
    return copy;
  }
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const op = prng.uint32(gen, 0, 3);
  if (op === 0 && keys.length > 0) delete copy[prng.oneOf(gen, keys)];
  else if (op === 1) copy[prng.oneOf(gen, KEYS)] = jsonValue(gen, 3);
  else if (keys.length > 0) {
    const key = prng.oneOf(gen, keys);
    copy[key] = mutateTree(gen, copy[key]);
  }
  return copy;
}

/** Byte-level damage to a valid file: flips, cuts, repeats, inserted tokens. */
function mutateText(gen: prng.PRNG, text: string): string {
  let out = text;
  const edits = prng.uint32(gen, 1, 6);
  for (let i = 0; i < edits; i++) {
    const at = prng.uint32(gen, 0, out.length);
    switch (prng.uint32(gen, 0, 4)) {
      case 0:
        out = out.slice(0, at) + out.slice(at + prng.uint32(gen, 1, 50));
        break;
      case 1:
        out =
          out.slice(0, at) +
          prng.oneOf(gen, ['{', '}', '[', ']', ',', ':', '"', '\\', '\\u', '\\ud800', 'null', '-']) +
          out.slice(at);
        break;
      case 2: {
        const span = out.slice(at, at + prng.uint32(gen, 1, 200));
        out = out.slice(0, at) + span.repeat(prng.uint32(gen, 2, 20)) + out.slice(at);
        break;
      }
      case 3:
        out = out.slice(0, at);
        break;
      default:
        out = out.slice(0, at) + String.fromCharCode(prng.uint32(gen, 0, 0xffff)) + out.slice(at + 1);
    }
  }
  return out;
}

const encoder = new TextEncoder();

/** Content types: the right one four times in five (so bodies reach the parser), else what a form or a mistake sends. */
function contentType(gen: prng.PRNG): string | undefined {
  if (prng.uint32(gen, 0, 4) > 0) {
    return prng.oneOf(gen, ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON']);
  }
  return prng.oneOf(gen, [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=zz',
    'application/json; charset=utf-16',
    'application/octet-stream',
    undefined,
  ]);
}

/** The next body. `maxBodyBytes` is the server's body limit; some bodies go past it. */
export function nextBody(gen: prng.PRNG, maxBodyBytes: number): FuzzBody {
  const type = contentType(gen);
  const text = (kind: string, value: string): FuzzBody => ({ kind, contentType: type, body: encoder.encode(value) });
  switch (prng.uint32(gen, 0, 10)) {
    case 0:
      return { kind: 'random bytes', contentType: type, body: prng.uint8Array(gen, prng.uint32(gen, 0, 4_096)) };
    case 1:
    case 2:
      return text('json-ish', JSON.stringify(jsonValue(gen, 6)));
    case 3:
    case 4:
      return text('mutated map (text)', mutateText(gen, JSON.stringify(validMap(gen, 3, prng.uint32(gen, 1, 30)))));
    case 5:
    case 6:
      return text('mutated map (tree)', JSON.stringify(mutateTree(gen, validMap(gen, 3, prng.uint32(gen, 1, 30)))));
    case 7:
      return text('valid map', JSON.stringify(validMap(gen, prng.uint32(gen, 1, 8), prng.uint32(gen, 0, 60))));
    case 8: {
      // Nesting: deep, but within the body limit.
      const depth = prng.uint32(gen, 1, 5_000);
      const open = prng.bool(gen) ? '[' : '{"a":';
      const close = open === '[' ? ']' : '}';
      return text('nested', open.repeat(depth) + '0' + close.repeat(depth));
    }
    case 9:
      return { kind: 'empty', contentType: type, body: new Uint8Array(0) };
    default:
      return {
        kind: 'oversized',
        contentType: type,
        body: encoder.encode(`{"title":"${'o'.repeat(maxBodyBytes + prng.uint32(gen, 1, 1_000))}"}`),
      };
  }
}

/** A failure report line: kind, type, size and the start of the body (text, or base64 if not UTF-8). */
export function describeBody(b: FuzzBody): string {
  let shown: string;
  try {
    shown = JSON.stringify(new TextDecoder('utf-8', { fatal: true }).decode(b.body.subarray(0, 2_000)));
  } catch {
    shown = `base64:${Buffer.from(b.body.subarray(0, 2_000)).toString('base64')}`;
  }
  return `${b.kind} [${b.contentType ?? 'no content type'}] ${b.body.length} bytes: ${shown}`;
}

/**
 * A map id for a request path that names no map of the server: too short or long, other
 * characters, percent-encoded separators, dots, a real id's near miss (`real` with a changed character).
 */
export function hostileMapId(gen: prng.PRNG, real: string): string {
  switch (prng.uint32(gen, 0, 6)) {
    case 0:
      return prng.word(gen, 0, 30);
    case 1:
      return `${real.slice(0, -1)}${real.endsWith('A') ? 'B' : 'A'}`;
    case 2:
      return `${real}${prng.word(gen, 1, 5)}`;
    case 3:
      return prng.oneOf(gen, ['..', '.', '%2e%2e', '%2F', `${real}%2F..`, '%00', '%ZZ', '%', 'null']);
    case 4:
      return encodeURIComponent(prng.utf16String(gen, prng.uint32(gen, 1, 30)));
    case 5:
      return 'a'.repeat(prng.uint32(gen, 23, 5_000));
    default:
      return `${real}/${prng.oneOf(gen, ['', 'x', 'content', '..', '%2e%2e'])}`;
  }
}
