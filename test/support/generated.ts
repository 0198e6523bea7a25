/**
 * A seeded, plausible chain map for browser tests: steps spread over lanes, each linked to one or
 * two steps shortly before it, some with labels long enough to wrap into three lines.
 */
import type { MapFile } from '@ketenkaart/shared';

/** A small linear congruential generator: the same seed gives the same map on every machine. */
function random(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
}

const WORDS = ['aanvraag', 'beoordelen', 'gegevens', 'controleren', 'melding', 'verwerken', 'register', 'bijwerken'];

export function generatedMap(steps: number, partners: number, seed: number): MapFile {
  const next = random(seed);
  const label = (i: number): string => {
    const words = Array.from({ length: 1 + next(i % 5 === 0 ? 9 : 3) }, () => WORDS[next(WORDS.length)]);
    return `Stap ${i} ${words.join(' ')}`;
  };
  const kinds = ['start', 'activity', 'activity', 'decision', 'register', 'end'] as const;
  return {
    format: 'ketenkaart',
    version: 1,
    title: `Gegenereerd ${steps}`,
    description: '',
    partners: Array.from({ length: partners }, (_, i) => ({
      id: `p${i}`,
      name: `Ketenpartner ${i}`,
      color: '#1f6feb',
      description: '',
    })),
    steps: Array.from({ length: steps }, (_, i) => ({
      id: `s${i}`,
      partner: `p${next(partners)}`,
      label: label(i),
      kind: kinds[next(kinds.length)]!,
      description: '',
      contact: '',
      x: 200 + i * 40,
      y: 24 + next(4) * 88,
    })),
    flows: Array.from({ length: steps - 1 }, (_, k) => k + 1).flatMap((i) =>
      Array.from({ length: 1 + next(2) }, (_, l) => ({
        id: `f${i}-${l}`,
        from: `s${Math.max(0, i - 1 - next(12))}`,
        to: `s${i}`,
        label: WORDS[next(WORDS.length)]!,
        kind: 'document' as const,
        status: 'ok' as const,
        note: '',
      })),
    ),
  };
}
