/**
 * The lane grid of a layout: each placed step sits in a cell (its lane × its column) and on a
 * track of its lane; a lane's tracks are rows as tall as their tallest step (rules SH-LY2, SH-LY3).
 * Nodes are numbered in the layout's model order; every tie is broken by that number, never by
 * position or by iteration order of a hash map (rule SH-LY6).
 */
export interface GridNodes {
  readonly lane: Int32Array;
  readonly column: Int32Array;
  readonly columns: number;
  /** ELK's y: the order inside a column. */
  readonly elkY: Float64Array;
  readonly width: Float64Array;
  readonly height: Float64Array;
  /** Placed neighbours along flows, both directions, one entry per flow. */
  readonly neighbours: readonly (readonly number[])[];
  /** The current x of each step: the left-to-right order of steps without flows. */
  readonly x: Float64Array;
  readonly lanes: number;
  readonly rowGap: number;
}

export interface Cell {
  readonly lane: number;
  readonly slot: number;
  /** Node numbers, top to bottom. */
  nodes: number[];
}

export class LaneGrid {
  readonly slot: Int32Array;
  readonly slots: number;
  /** Cells sorted by column slot, then lane. */
  readonly cells: readonly Cell[];
  readonly track: Int32Array;
  /** Per lane: number of tracks (its largest cell). */
  readonly tracks: Int32Array;
  /** Per lane: top of each track below the lane's first row, and its height. */
  rowTop: Float64Array[] = [];
  rowHeight: Float64Array[] = [];
  /** Per lane: y of its first row, in whatever frame the caller measures centres in. */
  base: Float64Array;

  constructor(readonly nodes: GridNodes) {
    const n = nodes.lane.length;
    const { slot, slots } = placeLoneSteps(nodes, compactColumns(nodes));
    this.slot = slot;
    this.slots = slots;
    const byCell = new Map<number, Cell>();
    for (let i = 0; i < n; i++) {
      const lane = nodes.lane[i] ?? 0;
      const s = slot[i] ?? 0;
      const key = s * nodes.lanes + lane;
      const cell = byCell.get(key);
      if (cell) cell.nodes.push(i);
      else byCell.set(key, { lane, slot: s, nodes: [i] });
    }
    this.cells = [...byCell.values()].sort((a, b) => a.slot - b.slot || a.lane - b.lane);
    this.track = new Int32Array(n);
    this.tracks = new Int32Array(nodes.lanes);
    for (const cell of this.cells) {
      cell.nodes.sort((a, b) => (nodes.elkY[a] ?? 0) - (nodes.elkY[b] ?? 0) || a - b);
      cell.nodes.forEach((i, t) => (this.track[i] = t));
      this.tracks[cell.lane] = Math.max(this.tracks[cell.lane] ?? 0, cell.nodes.length);
    }
    this.base = new Float64Array(nodes.lanes);
    this.measureRows();
  }

  /** Recomputes each lane's rows from the current tracks. */
  measureRows(): void {
    const { lanes, height, lane, rowGap } = this.nodes;
    this.rowHeight = Array.from({ length: lanes }, (_, l) => new Float64Array(this.tracks[l] ?? 0));
    for (let i = 0; i < lane.length; i++) {
      const rows = this.rowHeight[lane[i] ?? 0];
      const t = this.track[i] ?? 0;
      if (rows) rows[t] = Math.max(rows[t] ?? 0, height[i] ?? 0);
    }
    this.rowTop = this.rowHeight.map((rows) => {
      const tops = new Float64Array(rows.length);
      for (let t = 1; t < rows.length; t++) tops[t] = (tops[t - 1] ?? 0) + (rows[t - 1] ?? 0) + rowGap;
      return tops;
    });
  }

  /** Height of a lane's rows together (0 for a lane without placed steps). */
  innerHeight(lane: number): number {
    const tops = this.rowTop[lane];
    const rows = this.rowHeight[lane];
    if (!tops || !rows || rows.length === 0) return 0;
    return (tops[rows.length - 1] ?? 0) + (rows[rows.length - 1] ?? 0);
  }

  /** Vertical centre of a lane's track. */
  rowCentre(lane: number, track: number): number {
    return (this.base[lane] ?? 0) + (this.rowTop[lane]?.[track] ?? 0) + (this.rowHeight[lane]?.[track] ?? 0) / 2;
  }

  /** Vertical centre of a node: steps are centred on their row, so rows draw straight flows. */
  centre(i: number): number {
    return this.rowCentre(this.nodes.lane[i] ?? 0, this.track[i] ?? 0);
  }

  /** The track of a lane whose centre is nearest to y. */
  nearestTrack(lane: number, y: number): number {
    let lo = 0;
    let hi = (this.tracks[lane] ?? 1) - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.rowCentre(lane, mid + 1) <= y) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && y - this.rowCentre(lane, lo - 1) < this.rowCentre(lane, lo) - y) lo--;
    return lo;
  }
}

/**
 * Column compaction (rule SH-LY2): ELK's layering ignores lanes, so a column often holds steps
 * of a few lanes only. Going left to right, a column joins the previous slot when none of its
 * lanes is already used there and no flow links it to a step in that slot; every flow still
 * runs between different slots, in the same direction as before.
 */
function compactColumns(nodes: GridNodes): { slot: Int32Array; slots: number } {
  const members: number[][] = Array.from({ length: nodes.columns }, () => []);
  nodes.column.forEach((c, i) => (nodes.neighbours[i]?.length ? members[c]?.push(i) : undefined));
  const slot = new Int32Array(nodes.lane.length).fill(-1);
  let current = -1;
  let used = new Set<number>();
  for (const column of members) {
    if (column.length === 0) continue;
    const joins =
      current >= 0 &&
      column.every(
        (i) => !used.has(nodes.lane[i] ?? 0) && (nodes.neighbours[i] ?? []).every((j) => slot[j] !== current),
      );
    if (!joins) {
      current++;
      used = new Set();
    }
    for (const i of column) {
      slot[i] = current;
      used.add(nodes.lane[i] ?? 0);
    }
  }
  return { slot, slots: current + 1 };
}

/**
 * Steps without flows to other laid-out steps (rule SH-LY3): ELK puts them all in its first
 * layer, which would stack them into one tall column. Instead each goes into the leftmost
 * column where its lane is still empty, in their current left-to-right order; columns are
 * added on the right when a lane has too few empty ones. Re-laying out finds the same order,
 * so the result is stable.
 */
function placeLoneSteps(
  nodes: GridNodes,
  compacted: { slot: Int32Array; slots: number },
): {
  slot: Int32Array;
  slots: number;
} {
  const { slot } = compacted;
  const lone: number[][] = Array.from({ length: nodes.lanes }, () => []);
  const taken: Set<number>[] = Array.from({ length: nodes.lanes }, () => new Set());
  slot.forEach((s, i) => (s < 0 ? lone[nodes.lane[i] ?? 0]?.push(i) : taken[nodes.lane[i] ?? 0]?.add(s)));
  let slots = compacted.slots;
  lone.forEach((steps, l) => {
    steps.sort((a, b) => (nodes.x[a] ?? 0) - (nodes.x[b] ?? 0) || a - b);
    let s = 0;
    for (const i of steps) {
      while (taken[l]?.has(s)) s++;
      slot[i] = s++;
    }
    slots = Math.max(slots, s);
  });
  return { slot, slots };
}
