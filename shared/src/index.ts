/**
 * @ketenkaart/shared: the chain-map model. Pure functions over a Y.Doc, the JSON
 * format v1, validation and graph queries. Imports no React, no DOM, no network.
 * Rules are in SPEC.md; start reading at `readMap` and the ops.
 */
export * from './model/types.js';
export { LIMITS } from './model/limits.js';
export { roots, undoScope, type MapRoots, type EntityMap } from './model/doc.js';
export { newId } from './model/ids.js';
export { DEFAULTS } from './model/defaults.js';
export { ModelError } from './model/errors.js';
export * from './origins.js';
export { noChanges, readMap, trackChanges, UNASSIGNED_ID, type MapChanges, type ReadReuse } from './read.js';
export * from './geometry/lanes.js';
export { freeSpot, type LaneBox } from './geometry/placement.js';
export { stepBox, type StepBox } from './geometry/stepBox.js';
export { END_GAP, flowEnds, type FlowEnds } from './geometry/flowEnds.js';
export {
  routeFlow,
  crossings,
  ROUTE_STUB,
  type Box,
  type Point,
  type Route,
  type RouteInput,
} from './geometry/route.js';
export { measureText, wrapLabel, FONT_FAMILY, type FontWeight, type WrappedLabel } from './text/measure.js';
export * from './graph.js';
export { chainIndex, type ChainIndex } from './chain/chainIndex.js';
export { walk, CHAIN_DEPTHS, type ChainDepth, type Walk } from './chain/walk.js';
export { normaliseLabel } from './chain/label.js';
export { chainOrder } from './chain/order.js';
export {
  stepFocus,
  directNeighbours,
  contactGroups,
  type StepFocus,
  type FlowEnd,
  type ContactEntry,
  type ContactGroup,
} from './chain/stepFocus.js';
export { followDocument, type DocumentTrail } from './chain/document.js';
export { partnerFocus, type PartnerFocus, type PartnerReach } from './chain/partnerFocus.js';
export * from './ops/meta.js';
export * from './ops/partners.js';
export {
  addStep,
  updateStep,
  moveSteps,
  moveStepToPartner,
  removeSteps,
  type StepInput,
  type StepPatch,
  type StepMove,
} from './ops/steps.js';
export * from './ops/flows.js';
export { ImportError, PROBLEM_CODES, type Problem, type ProblemCode } from './json/problems.js';
export type { MapFile } from './json/schema.js';
export { parseMapFile } from './json/parse.js';
export { JSON_SCHEMA_ID, mapFileJsonSchema } from './json/json-schema.js';
export { applyMapFile, createInParts, IMPORT_LAYOUT_MAX_STEPS, layoutOnImport } from './json/apply.js';
export { exportJson, importJson, UNASSIGNED_EXPORT_NAME } from './json/export.js';
export * from './protocol.js';
export { layoutSnapshot } from './layout/run.js';
export { laneLayout, type LayoutResult } from './layout/lane-layout.js';
export {
  buildElkGraph,
  ELK_LAYOUT_OPTIONS,
  type ElkEngine,
  type ElkGraph,
  type ElkGraphEdge,
  type ElkGraphNode,
  type ElkLaidOutGraph,
  type ElkLaidOutNode,
  type ElkLayoutOptions,
} from './layout/elk-graph.js';
export { applyLayout } from './layout/apply.js';
export {
  defaultSizeOf,
  fixedSizeOf,
  DEFAULT_SPACING,
  type LayoutOptions,
  type LayoutSpacing,
  type SizeOf,
  type StepSize,
} from './layout/options.js';
export * from './history/types.js';
export { diffMaps, isEmptyDiff } from './history/diff.js';
export { applyDiff, DiffConflict } from './history/apply.js';
export { changesByPartner, type PartnerChanges } from './history/summary.js';
export { versionSnapshot, comparisonVersion } from './history/view.js';
export {
  StepIndex,
  flowLabelSize,
  flowSurroundings,
  FLOW_LABEL_MAX_WIDTH,
  type FlowSurroundings,
} from './geometry/flowContext.js';
