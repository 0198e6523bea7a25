/**
 * The edit kit: every command that changes the map, with shared's edit ops and their
 * validation (zod). Loaded only for an edit link (rule CL-Z2), through `../editKit.ts`; the
 * command modules beside it forward to it, so their callers do not change.
 */
export * as flows from './flows';
export * as history from './history';
export * as layout from './layout';
export * as mapMeta from './mapMeta';
export * as partners from './partners';
export * as replace from './replace';
export * as selection from './selection';
export * as steps from './steps';
