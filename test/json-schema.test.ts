/**
 * `docs/ketenkaart-v1.schema.json` is the JSON Schema of format v1 generated from the model's zod
 * schemas (shared rule SH-JS1): the committed file is what `scripts/json-schema.mjs` writes now,
 * a JSON Schema validator (ajv, draft 2020-12) accepts the template and refuses broken files, and
 * whatever the schema refuses, the importer (`parseMapFile`) refuses too (seeded mutations).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mapFileJsonSchema, parseMapFile } from '@ketenkaart/shared';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { template } from './support/template.js';

const FILE = fileURLToPath(new URL('../docs/ketenkaart-v1.schema.json', import.meta.url));
const committed = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, unknown>;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(committed);
const SEED = Number(process.env['JSON_SCHEMA_SEED'] ?? 20261130);

/** A small seeded generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = Record<string, unknown>;
/** The entries of a list of the file; a stand-in when an earlier mutation made it no list. */
const entries = (f: Json, key: string): Json[] => (Array.isArray(f[key]) ? (f[key] as Json[]) : [{}]);

/** Ways to break one field of a file; each returns a description of what it did. */
const MUTATIONS: readonly ((file: Json, pick: <T>(list: readonly T[]) => T) => string)[] = [
  (f) => {
    f['format'] = 'kaart';
    return 'format';
  },
  (f) => {
    f['version'] = 2;
    return 'version';
  },
  (f) => {
    delete f['title'];
    return 'no title';
  },
  (f) => {
    f['title'] = 'x'.repeat(201);
    return 'title too long';
  },
  (f, pick) => {
    const p = pick(entries(f, 'partners'));
    p['color'] = 'red';
    return `partner ${String(p['id'])} color`;
  },
  (f, pick) => {
    const s = pick(entries(f, 'steps'));
    s['kind'] = 'meeting';
    return `step ${String(s['id'])} kind`;
  },
  (f, pick) => {
    const s = pick(entries(f, 'steps'));
    delete s['partner'];
    return `step ${String(s['id'])} without partner`;
  },
  (f, pick) => {
    const s = pick(entries(f, 'steps'));
    s['x'] = '12';
    return `step ${String(s['id'])} x as text`;
  },
  (f, pick) => {
    const fl = pick(entries(f, 'flows'));
    fl['id'] = 'has space';
    return `flow id with a space`;
  },
  (f, pick) => {
    const fl = pick(entries(f, 'flows'));
    fl['label'] = 42;
    return `flow ${String(fl['id'])} label a number`;
  },
  (f) => {
    f['partners'] = {};
    return 'partners not a list';
  },
];

describe('docs/ketenkaart-v1.schema.json', () => {
  it('[SH-JS1] is what the zod schemas generate now (else run: node --import tsx scripts/json-schema.mjs)', () => {
    expect(committed).toEqual(mapFileJsonSchema());
    expect(committed['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('[SH-JS1] accepts the template and an export-shaped file with every optional field', () => {
    expect(validate(template()), JSON.stringify(validate.errors)).toBe(true);
    const full = {
      format: 'ketenkaart',
      version: 1,
      title: 'Alles',
      description: 'd',
      partners: [{ id: 'p', name: 'P', color: '#abc', description: '' }],
      steps: [
        { id: 's', partner: 'p', label: 'S', kind: 'decision', description: '', contact: 'a@b.nl', x: 1.5, y: -2 },
        { id: 't', partner: 'p', label: 'T' },
      ],
      flows: [{ id: 'f', from: 's', to: 't', label: 'L', kind: 'document', status: 'attention', note: 'n' }],
      unknownField: 'ignored, as the importer does',
    };
    expect(validate(full), JSON.stringify(validate.errors)).toBe(true);
    expect(() => parseMapFile(JSON.stringify(full))).not.toThrow();
  });

  it(`[SH-JS1] whatever it refuses, the importer refuses too (seeded mutations, seed ${SEED})`, () => {
    const next = random(SEED);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    for (let round = 0; round < 200; round++) {
      const file = template() as unknown as Json;
      const done = [pick(MUTATIONS)(file, pick)];
      if (next() < 0.3) done.push(pick(MUTATIONS)(file, pick));
      const context = `seed ${SEED}, round ${round}: ${done.join(', ')}`;
      expect(validate(file), `the schema accepted a broken file (${context})`).toBe(false);
      expect(
        () => parseMapFile(JSON.stringify(file)),
        `the importer accepted what the schema refused (${context})`,
      ).toThrow();
    }
  });
});
