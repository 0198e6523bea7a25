/**
 * The shape of a map version and of the differences between two versions (rules SH-V1-SH-V5).
 * A version is a JSON v1 file (`MapFile` satisfies `MapVersion`); the types are structural so
 * that this folder does not depend on the file format's code (SH-Y1).
 */

/** A partner as a version lists it. */
export interface VersionPartner {
  readonly id: string;
  readonly name: string;
  readonly color?: string | undefined;
  readonly description?: string | undefined;
}

/** A step as a version lists it. */
export interface VersionStep {
  readonly id: string;
  readonly partner: string;
  readonly label: string;
  readonly kind?: string | undefined;
  readonly description?: string | undefined;
  readonly contact?: string | undefined;
  readonly x?: number | undefined;
  readonly y?: number | undefined;
}

/** A flow as a version lists it. */
export interface VersionFlow {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly label?: string | undefined;
  readonly kind?: string | undefined;
  readonly status?: string | undefined;
  readonly note?: string | undefined;
}

/** One version of a map: a JSON v1 file, partners in lane order. */
export interface MapVersion {
  readonly format?: string;
  readonly version?: number;
  readonly title: string;
  readonly description?: string | undefined;
  readonly partners: readonly VersionPartner[];
  readonly steps: readonly VersionStep[];
  readonly flows: readonly VersionFlow[];
}

/** One field that differs: its value before and after (`undefined`: the field is absent). */
export interface FieldChange {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

/**
 * An entity in both versions that differs (SH-V2). `moved`: a position field changed (a step's
 * `x`, `y` or `partner`, a partner's place among the lanes); `edited`: any other field changed.
 * Both can be true.
 */
export interface EntityChange<T> {
  readonly id: string;
  readonly before: T;
  readonly after: T;
  readonly changes: readonly FieldChange[];
  readonly moved: boolean;
  readonly edited: boolean;
}

/** What happened to one kind of entity: in order of the version they are in (`changed` in the new one's). */
export interface EntityDiff<T> {
  readonly added: readonly T[];
  readonly removed: readonly T[];
  readonly changed: readonly EntityChange<T>[];
}

/** Every difference from one version to another (SH-V1). */
export interface MapDiff {
  /** `title` and `description`. */
  readonly meta: readonly FieldChange[];
  readonly partners: EntityDiff<VersionPartner>;
  readonly steps: EntityDiff<VersionStep>;
  readonly flows: EntityDiff<VersionFlow>;
  /** The partners' ids in the new version's lane order (to rebuild it exactly, SH-V3). */
  readonly partnerOrder: readonly string[];
}

/** The fields of each kind that place it rather than say what it is (SH-V2). */
export const POSITION_FIELDS = {
  partners: ['order'],
  steps: ['partner', 'x', 'y'],
  flows: [],
} as const;

/** The content fields compared, per kind (ids are never compared: an id is the entity). */
export const CONTENT_FIELDS = {
  meta: ['title', 'description'],
  partners: ['name', 'color', 'description'],
  steps: ['label', 'kind', 'description', 'contact'],
  flows: ['from', 'to', 'label', 'kind', 'status', 'note'],
} as const;
