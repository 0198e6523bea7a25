/** The five kinds of process step. */
export const STEP_KINDS = ['start', 'activity', 'decision', 'register', 'end'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** What travels along a flow: a document, information, or just "next step". */
export const FLOW_KINDS = ['document', 'information', 'sequence'] as const;
export type FlowKind = (typeof FLOW_KINDS)[number];

/** How a flow is doing; `attention` and `problem` mark a knelpunt. */
export const FLOW_STATUSES = ['ok', 'attention', 'problem'] as const;
export type FlowStatus = (typeof FLOW_STATUSES)[number];

/** A ketenpartner: one horizontal lane. */
export interface Partner {
  readonly id: string;
  readonly name: string;
  /** CSS hex colour, `#rgb` or `#rrggbb`. */
  readonly color: string;
  /** Lanes are stacked by this number, ties broken by id. */
  readonly order: number;
  readonly description: string;
  /** True only for the virtual lane that holds steps whose partner is gone. */
  readonly unassigned: boolean;
}

/** A processtap inside a partner's lane. */
export interface Step {
  readonly id: string;
  /** The lane the step is drawn in (the virtual unassigned lane if its partner is gone). */
  readonly partner: string;
  readonly label: string;
  readonly kind: StepKind;
  readonly description: string;
  /** Who to ask about this step. */
  readonly contact: string;
  /** Horizontal position in map coordinates. */
  readonly x: number;
  /** Vertical position relative to the top of the step's lane (rule SH-M4). */
  readonly y: number;
}

/** A documentstroom, informatiestroom or volgorde between two steps. */
export interface Flow {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly kind: FlowKind;
  readonly status: FlowStatus;
  readonly note: string;
}

export interface MapMeta {
  readonly title: string;
  readonly description: string;
  readonly schemaVersion: number;
}

/** A plain, frozen snapshot of a map, safe to render (see `readMap`). */
export interface MapSnapshot {
  readonly meta: MapMeta;
  /** Lanes in display order; the unassigned lane, if any, comes last. */
  readonly partners: readonly Partner[];
  /** Steps sorted by lane order, then x, then id. */
  readonly steps: readonly Step[];
  /** Only flows whose two ends exist; sorted by id. */
  readonly flows: readonly Flow[];
  readonly partnerById: ReadonlyMap<string, Partner>;
  readonly stepById: ReadonlyMap<string, Step>;
  readonly flowById: ReadonlyMap<string, Flow>;
}
