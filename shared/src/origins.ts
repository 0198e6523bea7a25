/**
 * Every mutation runs in one `doc.transact(fn, origin)` with one of these origins (rule SH-O1).
 * Undo tracks `local` only (rule SH-U1).
 */
export const ORIGINS = {
  /** An edit by the person at this client; the default origin of the operations in `ops/`. */
  local: 'local',
  /** An update that arrived from a peer or the server. */
  remote: 'remote',
  /** A JSON import or content replacement. */
  import: 'import',
  /** An auto-layout run. */
  layout: 'layout',
  /** A version of the map brought back from its history (rule SH-V5). */
  restore: 'restore',
} as const;

export type Origin = (typeof ORIGINS)[keyof typeof ORIGINS];
