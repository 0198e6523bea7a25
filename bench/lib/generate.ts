import * as prng from 'lib0/prng';
import type { MapFile } from '@ketenkaart/shared';

export interface GenerateOptions {
  readonly steps: number;
  readonly partners: number;
  readonly seed: number;
  /** Leave positions out (the importer then places the steps). */
  readonly withoutPositions?: boolean;
}

/** A plausible chain map: steps spread over lanes, each linked to one or two earlier steps. */
export function generateMapFile(o: GenerateOptions): MapFile {
  const gen = prng.create(o.seed);
  const partners = Array.from({ length: o.partners }, (_, i) => ({
    id: `p${i}`,
    name: `Ketenpartner ${i}`,
    color: '#1f6feb',
    description: '',
  }));
  const steps = Array.from({ length: o.steps }, (_, i) => ({
    id: `s${i}`,
    partner: `p${prng.uint32(gen, 0, o.partners - 1)}`,
    label: `Processtap ${i} ${prng.word(gen, 4, 14)}`,
    kind: prng.oneOf(gen, ['start', 'activity', 'activity', 'decision', 'register', 'end'] as const),
    description: '',
    contact: '',
    ...(o.withoutPositions ? {} : { x: 200 + i * 40, y: 24 + prng.uint32(gen, 0, 3) * 88 }),
  }));
  const flows = [];
  for (let i = 1; i < o.steps; i++) {
    const links = prng.uint32(gen, 1, 2);
    for (let l = 0; l < links; l++) {
      flows.push({
        id: `f${flows.length}`,
        from: `s${prng.uint32(gen, Math.max(0, i - 20), i - 1)}`,
        to: `s${i}`,
        label: prng.word(gen, 3, 12),
        kind: prng.oneOf(gen, ['document', 'information', 'sequence'] as const),
        status: prng.oneOf(gen, ['ok', 'ok', 'ok', 'attention', 'problem'] as const),
        note: '',
      });
    }
  }
  return { format: 'ketenkaart', version: 1, title: `Generated ${o.steps}`, description: '', partners, steps, flows };
}
