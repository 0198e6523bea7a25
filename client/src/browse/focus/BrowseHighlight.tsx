import { useMemo } from 'react';
import { highlightCss } from './highlightCss';
import { useLitSets } from './useLitSets';

/** The highlight of the focus on the map: a style sheet (see `highlightCss`). */
export function BrowseHighlight() {
  const lit = useLitSets();
  const css = useMemo(() => highlightCss(lit), [lit]);
  return <style data-testid="browse-highlight">{css}</style>;
}
