import { useSyncExternalStore } from 'react';
import { NARROW_QUERY } from '../store/uiStore';

const query = typeof matchMedia === 'function' ? matchMedia(NARROW_QUERY) : null;

function subscribe(listener: () => void): () => void {
  query?.addEventListener('change', listener);
  return () => query?.removeEventListener('change', listener);
}

/** Whether the window is phone-narrow: compact top bar, overflow menus, the details as a bottom sheet. */
export function useNarrow(): boolean {
  return useSyncExternalStore(subscribe, () => query?.matches ?? false);
}
