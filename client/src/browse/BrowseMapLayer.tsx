import { BrowseHighlight } from './focus/BrowseHighlight';
import { useRevealFocus } from './focus/useRevealFocus';

/** What browse mode adds to the map: the highlight, and bringing the focus into view. */
export function BrowseMapLayer() {
  useRevealFocus();
  return <BrowseHighlight />;
}
