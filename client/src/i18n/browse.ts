import type { Strings } from './strings';

/** The browse texts, Dutch first; their own file so that features do not edit one shared list. */
export const browseNl = {
  title: 'Bladeren',
} as const;

export const browseEn: Strings<typeof browseNl> = {
  title: 'Browse',
};
