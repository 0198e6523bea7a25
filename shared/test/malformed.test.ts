import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { exportJson, importJson, ImportError, LIMITS } from '../src/index.js';
import { fixtureDoc } from './helpers.js';

type Json = Record<string, unknown>;
interface Case {
  readonly kind: string;
  readonly text: string;
  /** A path that must be among the reported problems. */
  readonly path: string;
}

const base = (): Json => JSON.parse(exportJson(fixtureDoc())) as Json;
const list = (file: Json, key: string): Json[] => file[key] as Json[];

const WRONG_VALUES: unknown[] = [null, true, 42, -1, 'text', [], {}, [1, 2], { a: 1 }];
const REQUIRED: Record<string, string[]> = {
  partners: ['id', 'name'],
  steps: ['id', 'partner', 'label'],
  flows: ['id', 'from', 'to'],
};
const FIELDS: Record<string, Record<string, 'string' | 'number' | 'enum'>> = {
  partners: { id: 'string', name: 'string', color: 'string', description: 'string' },
  steps: {
    id: 'string',
    partner: 'string',
    label: 'string',
    kind: 'enum',
    description: 'string',
    contact: 'string',
    x: 'number',
    y: 'number',
  },
  flows: { id: 'string', from: 'string', to: 'string', label: 'string', kind: 'enum', status: 'enum', note: 'string' },
};
const ENTITY_KINDS = ['partners', 'steps', 'flows'] as const;

/** One malformed file of the given kind, built from the valid fixture with the seeded generator. */
function generate(gen: prng.PRNG, kind: string): Case {
  const file = base();
  const entityKind = prng.oneOf(gen, [...ENTITY_KINDS]);
  const items = list(file, entityKind);
  const i = prng.uint32(gen, 0, items.length - 1);
  const item = items[i]!;
  const at = (field: string) => `$.${entityKind}[${i}].${field}`;
  const text = (): string => JSON.stringify(file);
  switch (kind) {
    case 'not-json': {
      const valid = text();
      const variants = [
        valid.slice(0, prng.uint32(gen, 0, valid.length - 2)),
        valid.replace('"x":', '"x":NaN,"_":'),
        `${valid}}`,
        prng.utf16String(gen, 40),
        "{'format': 'ketenkaart'}",
        '',
      ];
      return { kind, text: prng.oneOf(gen, variants), path: '$' };
    }
    case 'not-an-object':
      return { kind, text: JSON.stringify(prng.oneOf(gen, [null, 1, 'ketenkaart', [file], true])), path: '$' };
    case 'format':
      file['format'] = prng.oneOf(gen, ['drawio', 'Ketenkaart', '', 1, null]);
      return { kind, text: text(), path: '$.format' };
    case 'version':
      file['version'] = prng.oneOf(gen, [0, 2, '1', 1.5, null, -1]);
      return { kind, text: text(), path: '$.version' };
    case 'missing-top': {
      const key = prng.oneOf(gen, ['format', 'version', 'title', 'partners', 'steps', 'flows']);
      delete file[key];
      return { kind, text: text(), path: `$.${key}` };
    }
    case 'missing-field': {
      const field = prng.oneOf(gen, REQUIRED[entityKind]!);
      delete item[field];
      return { kind, text: text(), path: at(field) };
    }
    case 'wrong-type': {
      const field = prng.oneOf(gen, Object.keys(FIELDS[entityKind]!));
      const type = FIELDS[entityKind]![field]!;
      const wrong = WRONG_VALUES.filter((v) => (type === 'number' ? typeof v !== 'number' : typeof v !== 'string'));
      item[field] = prng.oneOf(gen, wrong);
      return { kind, text: text(), path: at(field) };
    }
    case 'duplicate-id': {
      if (items.length < 2) return generate(gen, kind);
      const j = (i + 1) % items.length;
      items[j]!['id'] = item['id'];
      return { kind, text: text(), path: `$.${entityKind}[${Math.max(i, j)}].id` };
    }
    case 'dangling-flow': {
      const flows = list(file, 'flows');
      const k = prng.uint32(gen, 0, flows.length - 1);
      const end = prng.oneOf(gen, ['from', 'to']);
      flows[k]![end] = `missing-${prng.uint32(gen, 0, 1e6)}`;
      return { kind, text: text(), path: `$.flows[${k}].${end}` };
    }
    case 'missing-partner': {
      const steps = list(file, 'steps');
      const k = prng.uint32(gen, 0, steps.length - 1);
      steps[k]!['partner'] = 'nobody';
      return { kind, text: text(), path: `$.steps[${k}].partner` };
    }
    case 'absurd-number': {
      const steps = list(file, 'steps');
      const k = prng.uint32(gen, 0, steps.length - 1);
      const field = prng.oneOf(gen, ['x', 'y']);
      const value = prng.oneOf(gen, ['1e400', '-1e400', '1e7', '-2000000', '1.7976931348623157e308']);
      const t = JSON.stringify(file).replace(
        JSON.stringify(steps[k]),
        JSON.stringify({ ...steps[k], [field]: 0 }).replace(`"${field}":0`, `"${field}":${value}`),
      );
      return { kind, text: t, path: `$.steps[${k}].${field}` };
    }
    case 'long-string': {
      const fields: Record<string, [string, number]> = {
        partners: ['name', LIMITS.nameChars],
        steps: ['label', LIMITS.labelChars],
        flows: ['note', LIMITS.noteChars],
      };
      const [field, max] = prng.oneOf(gen, [fields[entityKind]!, ['id', LIMITS.idChars] as [string, number]]);
      item[field] = 'x'.repeat(max + 1 + prng.uint32(gen, 0, 1000));
      return { kind, text: text(), path: at(field) };
    }
    case 'bad-id': {
      item['id'] = prng.oneOf(gen, ['', 'met spatie', 'a/b', '<script>', 'é']);
      return { kind, text: text(), path: at('id') };
    }
    case 'bad-enum': {
      const field =
        entityKind === 'partners' ? 'color' : entityKind === 'steps' ? 'kind' : prng.oneOf(gen, ['kind', 'status']);
      item[field] = prng.oneOf(gen, ['red', 'blue', 'PROBLEM', 'Activity', '#12345', 'rgb(0,0,0)']);
      return { kind, text: text(), path: at(field) };
    }
    case 'too-many': {
      const over = { partners: LIMITS.partners } as Record<string, number>;
      file['partners'] = Array.from({ length: (over['partners'] ?? 0) + 1 }, (_, n) => ({
        id: `p${n}`,
        name: `P${n}`,
      }));
      file['steps'] = [];
      file['flows'] = [];
      return { kind, text: text(), path: '$.partners' };
    }
    case 'proto': {
      const key = prng.oneOf(gen, ['__proto__', 'constructor', 'prototype']);
      const where = prng.oneOf(gen, ['root', 'item']);
      const inject = `"${key}":{"polluted":true},`;
      const json = JSON.stringify(file);
      if (where === 'root') return { kind, text: `{${inject}${json.slice(1)}`, path: `$.${key}` };
      const itemJson = JSON.stringify(item);
      return { kind, text: json.replace(itemJson, `{${inject}${itemJson.slice(1)}`), path: at(key) };
    }
    default:
      throw new Error(`unknown kind ${kind}`);
  }
}

const KINDS = [
  'not-json',
  'not-an-object',
  'format',
  'version',
  'missing-top',
  'missing-field',
  'wrong-type',
  'duplicate-id',
  'dangling-flow',
  'missing-partner',
  'absurd-number',
  'long-string',
  'bad-id',
  'bad-enum',
  'too-many',
  'proto',
];

describe('malformed import battery', () => {
  const seed = 20261125;
  const gen = prng.create(seed);
  const cases: Case[] = [];
  for (let n = 0; n < 320; n++) cases.push(generate(gen, KINDS[n % KINDS.length]!));

  it('[SH-J4][SH-J5][SH-J6] generates at least 200 malformed files of every kind', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(KINDS));
  });

  it.each(cases.map((c, n) => [n, c.kind, c] as const))(
    '[SH-J4] case %i (%s) is rejected whole with its path; the document is untouched',
    (_n, _kind, c) => {
      const doc = fixtureDoc();
      const before = Y.encodeStateAsUpdate(doc);
      let updates = 0;
      doc.on('update', () => updates++);
      let error: unknown;
      try {
        importJson(doc, c.text);
      } catch (e) {
        error = e;
      }
      expect(error, `seed ${seed}: ${c.kind} was accepted`).toBeInstanceOf(ImportError);
      const paths = (error as ImportError).problems.map((p) => p.path);
      expect(paths, `seed ${seed}: ${c.kind}`).toContain(c.path);
      expect(updates).toBe(0);
      expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    },
  );
});
