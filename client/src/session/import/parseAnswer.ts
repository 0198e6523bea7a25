import type { MapFile, Problem } from '@ketenkaart/shared';

/** What the parse worker answers: the valid file, or the problems of an invalid one. */
export type ParseAnswer = { readonly file: MapFile } | { readonly problems: readonly Problem[] };
