import { LIMITS } from '../model/limits.js';
import { jsonPath, type Problem } from './problems.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const COMMA = 0x2c;
const COLON = 0x3a;

/**
 * Finds arrays and objects nested deeper than `LIMITS.depth` in JSON text, before it is parsed
 * (rules SH-J5, SH-J13): one pass over the characters, skipping strings, that keeps only the
 * open containers up to the limit (each one's index or the place of its current key), so it is
 * linear in time and constant in memory however deep the text goes. `JSON.parse` of text nested
 * millions deep takes seconds; this refuses it in milliseconds. Text that is not JSON passes
 * (JSON.parse reports it); the first container past the limit is reported with its path.
 */
export function findTooDeep(text: string): Problem | undefined {
  const max = LIMITS.depth;
  // Level d (1-based) is the container opened at depth d: an array's current index, or the
  // start and end of an object's current key in the text (-1 before the first key).
  const isArray = new Uint8Array(max + 1);
  const index = new Float64Array(max + 1);
  const keyStart = new Float64Array(max + 1);
  const keyEnd = new Float64Array(max + 1);
  let depth = 0;
  let stringStart = -1;
  let stringEnd = -1;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      let end = text.indexOf('"', i + 1);
      while (end !== -1 && escaped(text, end)) end = text.indexOf('"', end + 1);
      if (end === -1) return undefined;
      stringStart = i;
      stringEnd = end + 1;
      i = end;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (depth === max)
        return {
          path: pathOf(text, depth, isArray, index, keyStart, keyEnd),
          code: 'tooDeep',
          message: `nested deeper than ${max} levels`,
          params: { max },
        };
      depth++;
      isArray[depth] = c === OPEN_ARRAY ? 1 : 0;
      index[depth] = 0;
      keyStart[depth] = -1;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      if (depth > 0) depth--;
    } else if (c === COMMA) {
      if (depth > 0 && isArray[depth]) index[depth]!++;
    } else if (c === COLON) {
      if (depth > 0 && !isArray[depth]) {
        keyStart[depth] = stringStart;
        keyEnd[depth] = stringEnd;
      }
    }
  }
  return undefined;
}

/** Whether the quote at `at` is escaped: preceded by an odd number of backslashes. */
function escaped(text: string, at: number): boolean {
  let n = 0;
  for (let i = at - 1; i >= 0 && text.charCodeAt(i) === BACKSLASH; i--) n++;
  return n % 2 === 1;
}

/** The JSON path of the container about to open inside the `depth` open ones. */
function pathOf(
  text: string,
  depth: number,
  isArray: Uint8Array,
  index: Float64Array,
  keyStart: Float64Array,
  keyEnd: Float64Array,
): string {
  const segments: PropertyKey[] = [];
  for (let d = 1; d <= depth; d++) {
    if (isArray[d]) segments.push(index[d]!);
    else if (keyStart[d]! >= 0) segments.push(keyOf(text.slice(keyStart[d], keyEnd[d])));
    else segments.push('?');
  }
  return jsonPath(segments);
}

function keyOf(literal: string): string {
  try {
    return String(JSON.parse(literal));
  } catch {
    return literal;
  }
}
