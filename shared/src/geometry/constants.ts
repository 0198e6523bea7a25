/** Drawing constants shared by the editor, the SVG renderer and the placement (rule SH-M4). */
export const GEOMETRY = {
  /** The smallest step box; a box grows with its label (`stepBox`, rule SH-T3). */
  stepWidth: 180,
  stepHeight: 64,
  /** The widest a step box grows to fit its label's longest word or fewer lines. */
  stepMaxWidth: 260,
  /** Step labels: font size and line height (px in map units) and the most lines shown. */
  labelFontSize: 15,
  labelLineHeight: 19,
  labelMaxLines: 3,
  /** Flow labels' font size. */
  flowLabelFontSize: 13,
  /** Space above and below the steps inside a lane. */
  lanePadding: 24,
  laneMinHeight: 140,
  /** Width of the lane header that holds the partner's name. */
  laneHeaderWidth: 160,
  /** Horizontal distance between ranks in the simple placement. */
  columnGap: 80,
  rowGap: 24,
} as const;
