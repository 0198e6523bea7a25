import type { Flow } from '../model/types.js';
import { measureText } from '../text/measure.js';
import { GEOMETRY } from './constants.js';

/** The widest a flow's label is drawn; a longer one is cut off with an ellipsis. */
export const FLOW_LABEL_MAX_WIDTH = 240;

/**
 * Width and height of a flow's label as drawn (text, padding, border, and the marker of a status
 * other than `ok`), or null when the flow shows none. The canvas draws it this big; the layout
 * leaves room for it between columns (rule SH-LY12).
 */
export function flowLabelSize(flow: Pick<Flow, 'label' | 'status'>): { width: number; height: number } | null {
  const marker = flow.status !== 'ok';
  if (!flow.label && !marker) return null;
  const text = flow.label ? measureText(flow.label, GEOMETRY.flowLabelFontSize) : 0;
  return { width: Math.min(FLOW_LABEL_MAX_WIDTH, Math.ceil(text) + 14 + (marker ? 20 : 0)), height: 20 };
}
