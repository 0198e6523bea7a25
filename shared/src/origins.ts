/**
 * Every mutation runs in one `doc.transact(fn, origin)` with one of these origins.
 * Undo tracks `local` (and whatever else a caller chooses); persistence and logging
 * filter on them.
 */
export const ORIGINS = {
  /** An edit by the person at this client. */
  local: 'local',
  /** An update that arrived from a peer or the server. */
  remote: 'remote',
  /** A JSON import or content replacement. */
  import: 'import',
  /** An auto-layout run. */
  layout: 'layout',
} as const;

export type Origin = (typeof ORIGINS)[keyof typeof ORIGINS];
