/**
 * The drawing the exports are made of (rule SH-X1): a few kinds of primitive in map units
 * (1 unit = 1 CSS pixel of the canvas at 100 %), in painting order. The SVG, PDF and PNG
 * writers only translate these; every decision about what a map looks like is the renderer's.
 */

/** One segment of an outline, absolute coordinates: move, line, cubic curve, close. */
export type PathSegment =
  | { readonly op: 'M' | 'L'; readonly x: number; readonly y: number }
  | {
      readonly op: 'C';
      readonly x1: number;
      readonly y1: number;
      readonly x2: number;
      readonly y2: number;
      readonly x: number;
      readonly y: number;
    }
  | { readonly op: 'Z' };

/** A filled and/or stroked outline. Colours are `#rrggbb`. */
export interface PathPrimitive {
  readonly type: 'path';
  readonly d: readonly PathSegment[];
  readonly fill?: string;
  readonly stroke?: string;
  readonly strokeWidth?: number;
  /** Dash and gap lengths, in map units. */
  readonly dash?: readonly number[];
}

/** One line of text; `y` is its baseline. */
export interface TextPrimitive {
  readonly type: 'text';
  readonly x: number;
  readonly y: number;
  /** What is drawn: every character the font has, the others replaced by `SUBSTITUTE` (SH-X4). */
  readonly text: string;
  /**
   * The text as the map holds it, when it differs from `text` (kept in the SVG as its title):
   * with the characters the font lacks, or whole when the line ends a label cut short.
   */
  readonly original?: string;
  /**
   * When the line ends a label cut short: the whole label, as the font draws it (characters it
   * lacks substituted). The PDF writes it as invisible text over the line (rule SH-X8), so that
   * a search in the poster finds it and copying the line gives the whole label.
   */
  readonly whole?: string;
  readonly size: number;
  readonly weight: 'regular' | 'bold';
  readonly color: string;
  readonly anchor: 'start' | 'middle' | 'end';
}

export type Primitive = PathPrimitive | TextPrimitive;

/** A part of the drawing that belongs to one thing of the map (a lane, a step, a flow, the legend). */
export interface Group {
  /** `lane`, `step`, `flow`, `title`, `legend`, `highlight`, `background`. */
  readonly role: string;
  /** The id of the partner, step or flow it draws. */
  readonly id?: string;
  readonly items: readonly Primitive[];
}

/** A whole map, ready to write. */
export interface Drawing {
  readonly width: number;
  readonly height: number;
  /** Groups in painting order. */
  readonly groups: readonly Group[];
  /** Whether some character was drawn as `SUBSTITUTE` (the legend then says so). */
  readonly substituted: boolean;
}

/** What to draw, besides the map (rule SH-X1, SH-X2). */
export interface RenderOptions {
  /** Only these steps, the flows between them and their lanes (ids that are not steps are ignored). */
  readonly selection?: readonly string[];
  /** One step or one partner's lane marked clearly, with this label (e.g. "U bent hier"). */
  readonly highlight?: { readonly stepId?: string; readonly partnerId?: string; readonly label: string };
  /** The date in the title block (shown as a Dutch date, in UTC); the title block has none without it. */
  readonly date?: Date;
  /** The name of the snapshot this map is, shown in the title block. */
  readonly snapshotName?: string;
  /** Leave out the title block and the legend (the map alone). */
  readonly mapOnly?: boolean;
}
