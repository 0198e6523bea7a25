/**
 * The code a map page needs, fetched as soon as the entry runs (rule CL-Z4): the editor page chunk
 * for any map link and, for an edit link, the editor's own parts (CL-Z2). The page is rendered once
 * they are here, by an ordinary state update: a lazy component under a Suspense fallback would
 * have React hold the finished page back for its fallback throttle (300 ms after the fallback
 * showed), and the map's socket opens only when the page is rendered.
 */
import { createElement, type ReactElement } from 'react';
import type { Route } from '../routing/route';
import type * as EditorPageExports from './EditorPage';
import { editorParts, loadEditorParts } from './editorParts';

type EditorPageModule = typeof EditorPageExports;
type MapRoute = Extract<Route, { page: 'map' }>;

let page: EditorPageModule | undefined;
let loading: Promise<EditorPageModule> | undefined;

/** Starts loading the editor page chunk (once; a failed load is tried again on the next call). */
function loadEditorPage(): Promise<EditorPageModule> {
  loading ??= import('./EditorPage').then(
    (m) => (page = m),
    (e: unknown) => {
      loading = undefined;
      throw e;
    },
  );
  return loading;
}

/** Starts fetching what `route`'s page needs; settles when all of it is loaded. */
export function loadPage(route: Route): Promise<void> {
  if (route.page !== 'map') return Promise.resolve();
  // The page chunk first: it is the largest.
  const chunk = loadEditorPage();
  const parts = route.role === 'editor' ? loadEditorParts() : undefined;
  return Promise.all([chunk, parts]).then(() => undefined);
}

/**
 * The editor page of `route` (one page per map, role and token), once it and (for an edit link)
 * the editor's parts are loaded; else undefined.
 */
export function editorPageOf(route: MapRoute): ReactElement | undefined {
  if (!page || (route.role === 'editor' && !editorParts())) return undefined;
  return createElement(page.EditorPage, { key: `${route.id}:${route.role}:${route.token}`, route });
}
