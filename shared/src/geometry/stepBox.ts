import type { StepKind } from '../model/types.js';
import { wrapLabel } from '../text/measure.js';
import { GEOMETRY } from './constants.js';

/** A step's box as its label makes it, and the label's lines (rule SH-T3). */
export interface StepBox {
  readonly width: number;
  readonly height: number;
  /** The label broken into lines, as every renderer draws it. */
  readonly lines: readonly string[];
  /** Whether the label did not fit in `labelMaxLines` lines (its last line ends in an ellipsis). */
  readonly truncated: boolean;
}

/** Room between the box's outline and its label, per kind: rounded ends and caps need more. */
const PADDING: Readonly<Record<StepKind, { readonly x: number; readonly y: number }>> = {
  start: { x: 22, y: 10 },
  activity: { x: 12, y: 10 },
  decision: { x: 4, y: 6 },
  register: { x: 12, y: 16 },
  end: { x: 24, y: 12 },
};
/** Boxes grow in steps of this many pixels, so neighbouring boxes line up. */
const GROW = 20;
/** A diamond is never taller than this (a label that long then touches its corners). */
const MAX_DIAMOND_HEIGHT = 140;
/** Label lines a box holds before it is made wider. */
const COMFORTABLE_LINES = 2;

/** Boxes by kind, then label: every derive of the canvas asks for every step's box. */
const cache = new Map<StepKind, Map<string, StepBox>>();
let cached = 0;
const CACHE_LIMIT = 20_000;

/**
 * The box of a step with this label and kind (rule SH-T3): at least `stepWidth` x `stepHeight`;
 * as wide as its longest word needs, and wider (in steps of 20, up to `stepMaxWidth`) while
 * the label needs more than two lines; as tall as its lines. The label wraps with `wrapLabel`
 * at `labelFontSize`, at most `labelMaxLines` lines. A decision's diamond is made big enough
 * for the label's rectangle to fit inside it.
 */
export function stepBox(step: { readonly label: string; readonly kind: StepKind }): StepBox {
  let byLabel = cache.get(step.kind);
  const known = byLabel?.get(step.label);
  if (known) return known;
  const box = step.kind === 'decision' ? decisionBox(step.label) : roundBox(step.label, step.kind);
  if (cached >= CACHE_LIMIT) {
    cache.clear();
    cached = 0;
    byLabel = undefined;
  }
  if (!byLabel) cache.set(step.kind, (byLabel = new Map<string, StepBox>()));
  byLabel.set(step.label, box);
  cached++;
  return box;
}

const wrap = (label: string, inner: number, lines: number = GEOMETRY.labelMaxLines) =>
  wrapLabel(label, GEOMETRY.labelFontSize, inner, lines);

function roundBox(label: string, kind: StepKind): StepBox {
  const pad = PADDING[kind];
  let width: number = GEOMETRY.stepWidth;
  let wrapped = wrap(label, width - 2 * pad.x);
  while (width < GEOMETRY.stepMaxWidth && (wrapped.lines.length > COMFORTABLE_LINES || brokeAWord(label, wrapped))) {
    width = Math.min(GEOMETRY.stepMaxWidth, width + GROW);
    wrapped = wrap(label, width - 2 * pad.x);
  }
  const textHeight = wrapped.lines.length * GEOMETRY.labelLineHeight;
  const height = Math.max(GEOMETRY.stepHeight, textHeight + 2 * pad.y);
  return { width, height, lines: wrapped.lines, truncated: wrapped.truncated };
}

/**
 * A diamond of width W and height H holds a centred w x h rectangle when w/W + h/H <= 1.
 * Of the widths from `stepWidth` to `stepMaxWidth` and the label wrapped to 50-80 % of
 * each, the one with the smallest diamond that keeps whole words wins.
 */
function decisionBox(label: string): StepBox {
  const pad = PADDING.decision;
  let best: (StepBox & { readonly cost: number }) | undefined;
  for (let width: number = GEOMETRY.stepWidth; width <= GEOMETRY.stepMaxWidth; width += GROW) {
    for (const share of [0.5, 0.6, 0.7, 0.8]) {
      const wrapped = wrap(label, width * share);
      const w = wrapped.width + pad.x;
      const h = wrapped.lines.length * GEOMETRY.labelLineHeight + pad.y;
      const needed = Math.max(GEOMETRY.stepHeight, Math.ceil(h / (1 - w / width)));
      const height = Math.min(MAX_DIAMOND_HEIGHT, needed);
      // A label that does not fit anyway gets the widest text; else the smallest diamond, whole words first.
      const area = width * height;
      const cramped = brokeAWord(label, wrapped) || needed > height;
      const cost = wrapped.truncated ? 1e12 - width * share : cramped ? 4 * area : area;
      if (!best || cost < best.cost) best = { width, height, lines: wrapped.lines, truncated: wrapped.truncated, cost };
    }
  }
  const { width, height, lines, truncated } = best as StepBox;
  return { width, height, lines, truncated };
}

/** Whether wrapping had to cut a word (a line ends where the label has no space). */
function brokeAWord(label: string, wrapped: { readonly lines: readonly string[] }): boolean {
  const words = new Set(label.split(/\s+/));
  return wrapped.lines.some((line) => {
    const last = line.split(' ').pop() ?? '';
    return !words.has(last) && !last.endsWith('\u2026');
  });
}
