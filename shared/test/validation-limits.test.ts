import * as prng from 'lib0/prng';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImportError, LIMITS, parseMapFile } from '../src/index.js';
import { findTooDeep } from '../src/json/depth.js';
import { findHostileKeys } from '../src/json/hostile.js';
import { ProblemList } from '../src/json/problems.js';

const envelope = { format: 'ketenkaart', version: 1, title: 'T', partners: [], steps: [], flows: [] };

/** The ImportError that parsing `text` throws (fails the test if it throws something else or nothing). */
function importError(text: string): ImportError {
  try {
    parseMapFile(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  return expect.unreachable('the file was accepted');
}

/** How deep arrays and objects nest in a parsed value (the outermost container is level 1). */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  let deepest = 0;
  for (const c of children) deepest = Math.max(deepest, depthOf(c));
  return 1 + deepest;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('validation stops at its limits as it goes (SH-J13)', () => {
  it('[SH-J13] an array nested 33 deep holding 50,000 values gives one problem, not one per value', () => {
    const text = `${'['.repeat(33)}${'0,'.repeat(50_000)}0${']'.repeat(33)}`;
    const error = importError(text);
    expect(error.problems).toEqual([
      { path: `$${'[0]'.repeat(32)}`, code: 'tooDeep', message: 'nested deeper than 32 levels', params: { max: 32 } },
    ]);
    expect(error.truncated).toBe(false);
  });

  it('[SH-J13] text nested past the limit is refused before JSON.parse, with the path of the first container too deep', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const text = `{"a":[{"b\\"[":"]]]]","c":${'['.repeat(200_000)}${']'.repeat(200_000)}}]}`;
    const error = importError(text);
    expect(parse).not.toHaveBeenCalledWith(text);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]!.path).toBe(`$.a[0].c${'[0]'.repeat(29)}`);
    expect(error.problems[0]!.message).toBe('nested deeper than 32 levels');
  });

  it('[SH-J5] nesting exactly at the limit passes the scan; brackets inside strings do not count', () => {
    const atLimit = { ...envelope, extra: JSON.parse(`${'['.repeat(31)}1${']'.repeat(31)}`) as unknown };
    expect(depthOf(atLimit)).toBe(LIMITS.depth);
    expect(findTooDeep(JSON.stringify(atLimit))).toBeUndefined();
    expect(() => parseMapFile(JSON.stringify(atLimit))).not.toThrow();
    const brackets = { ...envelope, title: `${'['.repeat(100)}\\"{{{`, description: '\\' };
    expect(() => parseMapFile(JSON.stringify(brackets))).not.toThrow();
  });

  it('[SH-J13] the text scan agrees with the depth of the parsed value on random JSON (seeded)', () => {
    const seed = 7_301_124;
    const gen = prng.create(seed);
    const strings = ['', '[', ']', '{', '}', '"', '\\', '\\"', '[{"', 'a', 'é', '\\\\'];
    const scalar = (): unknown => prng.oneOf(gen, [1, null, true, prng.oneOf(gen, strings) + prng.oneOf(gen, strings)]);
    /** A value exactly `levels` deep: its first child goes on down, the others stay shallow. */
    const value = (levels: number): unknown => {
      if (levels === 0) return scalar();
      const children = [
        value(levels - 1),
        ...Array.from({ length: prng.uint32(gen, 0, 2) }, () => value(prng.uint32(gen, 0, Math.min(2, levels - 1)))),
      ];
      if (prng.bool(gen)) return children;
      return Object.fromEntries(children.map((c, i) => [`${prng.oneOf(gen, strings)}${i}`, c]));
    };
    for (let n = 0; n < 400; n++) {
      const v = value(prng.uint32(gen, 28, 36));
      const text = JSON.stringify(v, null, prng.bool(gen) ? 1 : 0);
      const tooDeep = depthOf(v) > LIMITS.depth;
      expect(findTooDeep(text) !== undefined, `seed ${seed}, case ${n}: ${text.slice(0, 200)}`).toBe(tooDeep);
    }
  });

  it('[SH-J13] 20,000 invalid steps and 50,000 invalid flows give a 1,000-problem list, not a RangeError', () => {
    const steps = Array.from({ length: 20_000 }, () => ({ id: 'bad id!', partner: 'no one', label: 5, kind: 'x' }));
    const flows = Array.from({ length: 50_000 }, () => ({ id: '', from: 'a b', to: 7 }));
    const error = importError(JSON.stringify({ ...envelope, steps, flows }));
    expect(error.problems).toHaveLength(LIMITS.problems);
    expect(error.truncated).toBe(true);
    expect(error.problems[0]).toEqual({
      path: '$.steps[0].id',
      code: 'badId',
      message: 'id may hold only letters, digits and _ - . :',
    });
  });

  it('[SH-J13] the hostile-key walk stops reading once the problem list is full', () => {
    const items = Array.from({ length: 100_000 }, () => JSON.parse('{"__proto__": 1}') as unknown);
    let highest = 0;
    const watched = new Proxy(items, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) highest = Math.max(highest, Number(key));
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const problems = new ProblemList();
    findHostileKeys({ extra: watched }, problems);
    expect(problems.items).toHaveLength(LIMITS.problems);
    expect(problems.items[0]).toEqual({
      path: '$.extra[0].__proto__',
      code: 'forbiddenKey',
      message: 'forbidden key "__proto__"',
      params: { key: '__proto__' },
    });
    expect(highest).toBe(LIMITS.problems - 1);
  });

  it('[SH-J13] messages quote at most 64 characters of the file', () => {
    const long = 'x'.repeat(10_000);
    const file = { ...envelope, partners: [{ id: 'p', name: 'P' }], steps: [{ id: 's', partner: long, label: '' }] };
    const error = importError(JSON.stringify(file));
    const message = error.problems.find((p) => p.path === '$.steps[0].partner' && p.message.startsWith('no partner'));
    expect(message?.message).toBe(`no partner with id "${'x'.repeat(64)}"…`);
  });
});
