import { describe, expect, it } from 'vitest';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { EMPTY_UPDATE, MergedUpdates } from '../src/document/merged-updates.js';

describe('MergedUpdates', () => {
  for (const seed of [1, 2, 3]) {
    it(`[SV-P9] holds the same document as the updates it was given, merged in levels (seed ${seed})`, () => {
      const gen = prng.create(seed);
      const docs = [1, 2, 3].map((id) => {
        const d = new Y.Doc();
        d.clientID = id;
        return d;
      });
      const oracle = new Y.Doc();
      const bytes = new MergedUpdates(EMPTY_UPDATE);
      for (const d of docs) d.on('update', (u: Uint8Array) => (Y.applyUpdate(oracle, u), bytes.append(u)));
      for (let step = 0; step < 700; step++) {
        const d = prng.oneOf(gen, docs);
        const map = d.getMap('m');
        if (prng.bool(gen) && map.size > 0) map.delete(prng.oneOf(gen, [...map.keys()]));
        else map.set(`k${prng.uint32(gen, 0, 40)}`, prng.word(gen));
        // Peers catch up now and then, so updates build on each other's.
        if (prng.uint32(gen, 0, 9) === 0) for (const o of docs) Y.applyUpdate(o, Y.encodeStateAsUpdate(d));
        if (step % 97 === 0 || step === 699) {
          const applied = new Y.Doc();
          bytes.applyTo(applied);
          expect(applied.getMap('m').toJSON()).toEqual(oracle.getMap('m').toJSON());
          expect(Y.encodeStateVector(applied)).toEqual(Y.encodeStateVector(oracle));
        }
      }
      const whole = new Y.Doc();
      Y.applyUpdate(whole, bytes.whole);
      expect(whole.getMap('m').toJSON()).toEqual(oracle.getMap('m').toJSON());
      expect(Y.encodeStateVector(whole)).toEqual(Y.encodeStateVector(oracle));
    });
  }
});
