/**
 * Bench: import of a generated 5,000-step map (parse, validate, build the Y.Doc),
 * beside plain JSON.parse of the same file, and the size of one step-move update.
 * Targets: import <= 500 ms; one step move <= 64 bytes.
 * Run: pnpm bench:import   (or: node --import tsx bench/import.ts)
 */
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { importJson, moveSteps, parseMapFile, readMap } from '@ketenkaart/shared';
import { generateMapFile } from './lib/generate.js';
import { median, printTable } from './lib/report.js';

const STEPS = 5_000;
const RUNS = 7;

const text = JSON.stringify(generateMapFile({ steps: STEPS, partners: 12, seed: 42 }));

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

// Warm up the JIT once, then measure.
importJson(new Y.Doc(), text);
const parse = [];
const validate = [];
const full = [];
for (let i = 0; i < RUNS; i++) {
  parse.push(time(() => void JSON.parse(text)));
  validate.push(time(() => parseMapFile(text)));
  full.push(time(() => importJson(new Y.Doc(), text)));
}

const doc = new Y.Doc();
importJson(doc, text);
const step = readMap(doc).steps[STEPS / 2]!;
let moveBytes = 0;
doc.on('update', (u: Uint8Array) => (moveBytes = u.byteLength));
moveSteps(doc, [{ id: step.id, x: step.x + 137, y: step.y + 41 }]);

const importMs = median(full);
const parseMs = median(parse);
console.log(`import bench: ${STEPS} steps, ${(text.length / 1e6).toFixed(2)} MB of JSON, median of ${RUNS} runs`);
printTable([
  ['JSON.parse (reference)', `${parseMs.toFixed(1)} ms`, ''],
  ['parse + validate', `${median(validate).toFixed(1)} ms`, ''],
  [
    'import (parse, validate, build Y.Doc)',
    `${importMs.toFixed(1)} ms`,
    `target <= 500 ms ${importMs <= 500 ? 'OK' : 'MISSED'}`,
  ],
  ['ratio import / JSON.parse', `${(importMs / parseMs).toFixed(1)}x`, ''],
  ['encoded doc size', `${Y.encodeStateAsUpdate(doc).byteLength} B`, ''],
  ['one step-move update', `${moveBytes} B`, `target <= 64 B ${moveBytes <= 64 ? 'OK' : 'MISSED'}`],
]);
