/** Colours and line styles of the exports, the canvas's own (client/src/styles.css), as plain hex. */
import type { FlowKind, FlowStatus, StepKind } from '../model/types.js';

export const COLORS = {
  text: '#1f2328',
  muted: '#59636e',
  border: '#d1d9e0',
  background: '#ffffff',
  koppelvlak: '#bc4c00',
  koppelvlakText: '#953800',
  flow: '#57606a',
  sequence: '#8c959f',
  attention: '#bf8700',
  problem: '#cf222e',
  /** The highlight's outline and tag, with a yellow halo: unlike every partner colour. */
  highlight: '#24292f',
  halo: '#ffd33d',
  unassigned: '#8c959f',
} as const;

/** The inside of a step, by kind. */
export const STEP_FILL: Readonly<Record<StepKind, string>> = {
  start: '#dafbe1',
  activity: '#ffffff',
  decision: '#fff8c5',
  register: '#ddf4ff',
  end: '#eaeef2',
};

/** A flow's line by its kind, and thicker and orange for a koppelvlak. */
export function flowStroke(kind: FlowKind, koppelvlak: boolean): { color: string; width: number; dash?: number[] } {
  const dash = kind === 'information' ? { dash: [6, 4] } : {};
  if (koppelvlak) return { color: COLORS.koppelvlak, width: 3, ...dash };
  if (kind === 'sequence') return { color: COLORS.sequence, width: 1.2 };
  return { color: COLORS.flow, width: 1.5, ...dash };
}

export const STATUS_COLOR: Readonly<Record<Exclude<FlowStatus, 'ok'>, string>> = {
  attention: COLORS.attention,
  problem: COLORS.problem,
};

/** `color` mixed with white: `share` of the colour (CSS `color-mix(in srgb, color share, #fff)`). */
export function tint(color: string, share: number): string {
  const rgb = parseHex(color);
  const mix = rgb.map((c) => Math.round(c * share + 255 * (1 - share)));
  return `#${mix.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** `#rgb` or `#rrggbb` as [r, g, b]; anything else as the default partner grey. */
export function parseHex(color: string): [number, number, number] {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color);
  if (!m) return [0x6e, 0x77, 0x81];
  const hex = m[1] as string;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

/** `#rrggbb` lower case, for writers that need one form. */
export const normalHex = (color: string): string => tint(color, 1);
