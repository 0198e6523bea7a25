/**
 * @ketenkaart/shared: the chain-map model. Pure functions over a Y.Doc, the JSON
 * format v1, validation and graph queries. Imports no React, no DOM, no network.
 * Rules are in SPEC.md; start reading at `readMap` and the ops.
 */
export * from './model/types.js';
export * from './origins.js';
export * from './model/limits.js';
export { SCHEMA_VERSION, ROOTS, roots, undoScope, type MapRoots, type EntityMap } from './model/doc.js';
export { newId } from './model/ids.js';
export { readMap, UNASSIGNED_ID } from './read.js';
export * from './geometry/lanes.js';
export * from './graph.js';
export { simplePlacement, type PlacementInput } from './geometry/placement.js';
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
export { DEFAULTS } from './model/defaults.js';
export { ModelError } from './model/errors.js';
export { ImportError, type Problem, jsonPath } from './json/problems.js';
export {
  FORMAT_NAME,
  FORMAT_VERSION,
  mapFileSchema,
  type MapFile,
  type PartnerRecord,
  type StepRecord,
  type FlowRecord,
} from './json/schema.js';
export { parseMapFile, validateMapFile } from './json/parse.js';
export { applyMapFile } from './json/apply.js';
export { exportJson, importJson, toMapFile, UNASSIGNED_EXPORT_NAME } from './json/export.js';
export * from './protocol.js';
