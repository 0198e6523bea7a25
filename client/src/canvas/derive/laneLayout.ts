import { GEOMETRY, stepBox, type Box, type LaneBand, type MapSnapshot, type Step } from '@ketenkaart/shared';

/** What one derive needs of the lanes and steps' places. */
export interface LaneLayout {
  /** The lanes, as `laneBands` makes them; the same array as before while no lane changed. */
  readonly bands: LaneBand[];
  readonly bandOf: ReadonlyMap<string, LaneBand>;
  /** Every step's box on the canvas; a box is the same object as before while its step and lane top are. */
  readonly boxes: ReadonlyMap<string, Box>;
  /** The ids whose box is new or gone since the previous layout. */
  readonly moved: readonly string[];
  readonly left: number;
  readonly right: number;
}

interface KeptStep {
  readonly step: Step;
  /** The box's size, as its label makes it (`stepBox`). */
  readonly width: number;
  readonly height: number;
}

/**
 * Lane bands and step boxes kept from one snapshot to the next (rule CL-R20). The snapshot keeps
 * the object of every step that did not change (SH-M10), so a step is looked at again only when
 * its object is new: a remote move of one step measures one label, makes one box, and keeps the
 * bands array (and what draws from it) when no lane grew or shrank. Equal to `laneBands(map)`
 * and the boxes made from it.
 */
export class LaneLayoutCache {
  private steps = new Map<string, KeptStep>();
  private boxes: ReadonlyMap<string, Box> = new Map();
  private bands: LaneBand[] = [];

  update(map: MapSnapshot): LaneLayout {
    const steps = new Map<string, KeptStep>();
    const bottom = new Map<string, number>();
    let left = Number.POSITIVE_INFINITY;
    let right = 0;
    for (const s of map.steps) {
      const old = this.steps.get(s.id);
      let kept: KeptStep;
      if (old && old.step === s) kept = old;
      else {
        const { width, height } = stepBox(s);
        kept = { step: s, width, height };
      }
      steps.set(s.id, kept);
      bottom.set(s.partner, Math.max(bottom.get(s.partner) ?? 0, s.y + kept.height));
      left = Math.min(left, s.x);
      right = Math.max(right, s.x + kept.width);
    }
    const bands = this.keepBands(map, bottom);
    const bandOf = new Map(bands.map((b) => [b.partner, b]));
    const boxes = new Map<string, Box>();
    const moved: string[] = [];
    for (const [id, kept] of steps) {
      const { step, width, height } = kept;
      const y = (bandOf.get(step.partner)?.top ?? 0) + step.y;
      const before = this.boxes.get(id);
      if (before && before.x === step.x && before.y === y && before.width === width && before.height === height) {
        boxes.set(id, before);
      } else {
        boxes.set(id, { x: step.x, y, width, height });
        moved.push(id);
      }
    }
    for (const id of this.boxes.keys()) if (!boxes.has(id)) moved.push(id);
    this.steps = steps;
    this.boxes = boxes;
    return { bands, bandOf, boxes, moved, left, right };
  }

  /** `laneBands` from the lanes' lowest step bottoms; the previous array if no band changed. */
  private keepBands(map: MapSnapshot, bottom: ReadonlyMap<string, number>): LaneBand[] {
    const bands: LaneBand[] = [];
    let top = 0;
    let same = map.partners.length === this.bands.length;
    map.partners.forEach((p, i) => {
      const height = Math.max(GEOMETRY.laneMinHeight, (bottom.get(p.id) ?? 0) + GEOMETRY.lanePadding);
      const old = this.bands[i];
      const band =
        old && old.partner === p.id && old.top === top && old.height === height ? old : { partner: p.id, top, height };
      same &&= band === old;
      bands.push(band);
      top += height;
    });
    if (!same) this.bands = bands;
    return this.bands;
  }
}
