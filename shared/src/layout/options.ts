import { GEOMETRY } from '../geometry/lanes.js';
import { flowLabelSize } from '../geometry/flowContext.js';
import { stepBox } from '../geometry/stepBox.js';
import type { Flow, Step } from '../model/types.js';

/** The box a step takes on the drawing. */
export interface StepSize {
  readonly width: number;
  readonly height: number;
}

/** Measures a step; the canvas passes the same measure it draws with (boxes grow with their label). */
export type SizeOf = (step: Step) => StepSize;

/**
 * Spacing of the laid-out map, in pixels. A lane's padding and least height are not options:
 * they define the lane bands every view draws (GEOMETRY, rule SH-M4).
 */
export interface LayoutSpacing {
  /** Horizontal space between two columns (room for flows and their labels). */
  readonly columnGap: number;
  /** Vertical space between two steps stacked in one lane and column. */
  readonly rowGap: number;
  /** x of the first column when the whole map is laid out (right of the lane headers). */
  readonly left: number;
}

/** Measures a flow's label, null when it shows none. */
export type LabelOf = (flow: Flow) => StepSize | null;

export interface LayoutOptions {
  /** The size of each step's box; default `stepBox`, the size every renderer draws it at. */
  readonly sizeOf?: SizeOf;
  /**
   * The size of each flow's label; default `flowLabelSize`, as the canvas draws it. A gap between
   * two columns is made wide enough for the labels of the flows that cross it (rule SH-LY12).
   */
  readonly labelOf?: LabelOf;
  /** Lay out only these steps; every other step stays where it is (rule SH-LY7). */
  readonly selection?: readonly string[];
  readonly spacing?: Partial<LayoutSpacing>;
}

export const DEFAULT_SPACING: LayoutSpacing = {
  columnGap: GEOMETRY.columnGap,
  rowGap: GEOMETRY.rowGap,
  left: GEOMETRY.laneHeaderWidth + GEOMETRY.columnGap,
};

/**
 * The size a step is drawn at (`stepBox`, rule SH-T3: wider and taller with a long label), used
 * when the caller passes no `sizeOf`, so that no laid-out label overlaps its neighbour's.
 */
export const defaultSizeOf: SizeOf = (step) => {
  const box = stepBox(step);
  return { width: box.width, height: box.height };
};

/** GEOMETRY's fixed step box, for callers that lay out boxes of one size. */
export const fixedSizeOf: SizeOf = () => ({ width: GEOMETRY.stepWidth, height: GEOMETRY.stepHeight });

/** Options with every default filled in and every number made usable; resolve once per layout. */
export interface Resolved {
  readonly size: (step: Step) => StepSize;
  readonly label: LabelOf;
  /** Null for a layout of the whole map. */
  readonly selection: ReadonlySet<string> | null;
  readonly spacing: LayoutSpacing;
}

const usable = (n: unknown, fallback: number, min: number): number =>
  typeof n === 'number' && Number.isFinite(n) ? Math.min(Math.max(n, min), 100_000) : fallback;

export function resolveOptions(options: LayoutOptions): Resolved {
  const sizeOf = options.sizeOf ?? defaultSizeOf;
  // Measuring a wrapped label costs; each step is measured once per layout.
  const measured = new WeakMap<Step, StepSize>();
  const size = (step: Step): StepSize => {
    const known = measured.get(step);
    if (known) return known;
    const s = sizeOf(step);
    // A measure that returns nonsense for one step must not break the layout of the map: the
    // default size stands in. Whole pixels up: rows and columns then add up to whole pixels,
    // and no box outgrows its slot.
    const fallback = (): StepSize => (sizeOf === defaultSizeOf ? fixedSizeOf(step) : defaultSizeOf(step));
    const side = (n: unknown, stand: () => number): number =>
      Math.ceil(typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.min(n, 100_000) : stand());
    const usableSize = {
      width: side(s.width, () => fallback().width),
      height: side(s.height, () => fallback().height),
    };
    measured.set(step, usableSize);
    return usableSize;
  };
  const given = options.spacing ?? {};
  const spacing: LayoutSpacing = {
    columnGap: Math.round(usable(given.columnGap, DEFAULT_SPACING.columnGap, 0)),
    rowGap: Math.round(usable(given.rowGap, DEFAULT_SPACING.rowGap, 0)),
    left: Math.round(usable(given.left, DEFAULT_SPACING.left, -1_000_000)),
  };
  return {
    size,
    label: options.labelOf ?? flowLabelSize,
    selection: options.selection ? new Set(options.selection) : null,
    spacing,
  };
}
