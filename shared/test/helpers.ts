import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { importJson } from '../src/index.js';

/** The golden v1 fixture: the loonaangifteketen without positions. */
export const fixtureText = (name = 'loonaangifteketen.v1.json'): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** A fresh doc holding the fixture. */
export function fixtureDoc(): Y.Doc {
  const doc = new Y.Doc();
  importJson(doc, fixtureText());
  return doc;
}

/** Counts the updates a doc emits while `fn` runs. */
export function countUpdates(doc: Y.Doc, fn: () => void): number {
  let n = 0;
  const on = (): void => {
    n++;
  };
  doc.on('update', on);
  try {
    fn();
  } finally {
    doc.off('update', on);
  }
  return n;
}
