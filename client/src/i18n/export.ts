import type { Strings } from './strings';

/** The export texts, Dutch first; their own file so that features do not edit one shared list. */
export const exportMapNl = {
  title: 'Exporteren',
} as const;

export const exportMapEn: Strings<typeof exportMapNl> = {
  title: 'Export',
};
