/** Size limits shared by the JSON format, the operations and the renderer (rule SH-J5). */
export const LIMITS = {
  /** Largest JSON file accepted by `importJson`, in UTF-16 code units. */
  fileChars: 32 * 1024 * 1024,
  idChars: 128,
  titleChars: 200,
  nameChars: 200,
  labelChars: 300,
  descriptionChars: 10_000,
  contactChars: 1_000,
  noteChars: 5_000,
  partners: 500,
  steps: 20_000,
  flows: 50_000,
  /** Coordinates must lie within ±coordinate. */
  coordinate: 1_000_000,
  /** Arrays and objects nest at most this deep in a file (the outermost object is level 1). */
  depth: 32,
  /** At most this many problems are listed in an ImportError; validation stops there (SH-J13). */
  problems: 1_000,
} as const;

/** Ids: letters, digits and `_ - . :`; the reserved lane id starts with `~`, so it never collides. */
export const ID_PATTERN = /^[A-Za-z0-9_.:-]+$/;

/** `#rgb` or `#rrggbb`. */
export const COLOR_PATTERN = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
