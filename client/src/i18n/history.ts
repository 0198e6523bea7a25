import type { Strings } from './strings';

/** The versions texts, Dutch first; their own file so that features do not edit one shared list. */
export const historyNl = {
  title: 'Versies',
} as const;

export const historyEn: Strings<typeof historyNl> = {
  title: 'Versions',
};
