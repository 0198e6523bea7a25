import type { Strings } from './strings';

/** The replace content texts, Dutch first; their own file so that features do not edit one shared list. */
export const replaceNl = {
  title: 'Inhoud vervangen',
} as const;

export const replaceEn: Strings<typeof replaceNl> = {
  title: 'Replace content',
};
