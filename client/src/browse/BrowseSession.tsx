import './browse.css';
import { useBrowseSync } from './useBrowseSync';

/** Mounted while browsing: keeps focus, selection and address in step (see `useBrowseSync`). */
export function BrowseSession() {
  useBrowseSync();
  return null;
}
