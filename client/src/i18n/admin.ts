import type { Strings } from './strings';

/** The administration texts, Dutch first; their own file so that features do not edit one shared list. */
export const adminNl = {
  title: 'Beheer',
} as const;

export const adminEn: Strings<typeof adminNl> = {
  title: 'Administration',
};
