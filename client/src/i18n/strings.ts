/** The shape of a translation: the same keys as the Dutch original, each a string. */
export type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
