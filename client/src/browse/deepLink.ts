import type { Depth, Focus, Show } from './browseStore';

/** What a browse address says besides the token (rule CL-B5). */
export interface BrowseLink {
  readonly focus: Focus | null;
  readonly depth: Depth;
  /** Absent: the screen decides (the text view on a phone). */
  readonly show: Show | null;
  /** An editor's address says it is browsing (a viewer always is). */
  readonly browse: boolean;
}

const KINDS = ['step', 'flow', 'partner'] as const;
/** Keys this module writes; every other key of the fragment (the token first) is kept as it is. */
const OWN = new Set<string>([...KINDS, 'depth', 'show', 'browse']);

/** Reads focus, depth and view from a fragment such as `#view=T&step=s1&depth=2&show=text`. */
export function parseBrowseLink(hash: string): BrowseLink {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  let focus: Focus | null = null;
  for (const kind of KINDS) {
    const id = params.get(kind);
    if (id) {
      focus = { kind, id };
      break;
    }
  }
  const d = params.get('depth');
  const depth: Depth = d === '1' ? 1 : d === '2' ? 2 : Number.POSITIVE_INFINITY;
  const s = params.get('show');
  const show = s === 'text' || s === 'map' ? s : null;
  return { focus, depth, show, browse: params.has('browse') };
}

/**
 * The fragment for a browse state: the existing keys (the token) first and unchanged, then the
 * focus, the depth (left out for the whole chain), the view when chosen, and `browse` for an editor.
 */
export function formatBrowseLink(hash: string, link: BrowseLink): string {
  const kept = new URLSearchParams(hash.replace(/^#/, ''));
  for (const key of [...kept.keys()]) if (OWN.has(key)) kept.delete(key);
  const out = new URLSearchParams(kept);
  if (link.browse) out.set('browse', '1');
  if (link.focus) out.set(link.focus.kind, link.focus.id);
  if (link.focus && Number.isFinite(link.depth)) out.set('depth', String(link.depth));
  if (link.show) out.set('show', link.show);
  return `#${out.toString()}`;
}
