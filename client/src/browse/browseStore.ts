import { create } from 'zustand';

/** What is lit up: a step with its chain, a flow's document, or a partner (lane). */
export interface Focus {
  readonly kind: 'step' | 'flow' | 'partner';
  readonly id: string;
}

/** How the chain is shown: the map, or the text view. */
export type Show = 'map' | 'text';

/** The depths on offer; `Infinity` is the whole chain. */
export const DEPTHS = [1, 2, Number.POSITIVE_INFINITY] as const;
export type Depth = (typeof DEPTHS)[number];

export interface BrowseState {
  readonly focus: Focus | null;
  readonly depth: Depth;
  readonly show: Show;
  /**
   * Bumped when a focus should be brought into view (from the search, a deep link, the panel or
   * the text view); a click on the map itself does not move the map.
   */
  readonly reveal: number;
  readonly setFocus: (focus: Focus | null, reveal?: boolean) => void;
  readonly setDepth: (depth: Depth) => void;
  readonly setShow: (show: Show) => void;
  /** The whole state at once (a deep link opened). */
  readonly load: (state: { focus: Focus | null; depth: Depth; show: Show }) => void;
}

const same = (a: Focus | null, b: Focus | null): boolean => a?.kind === b?.kind && a?.id === b?.id;

/** Browse mode's UI state (rule CL-B1): never map data, which lives in the Y.Doc. */
export const useBrowse = create<BrowseState>()((set, get) => ({
  focus: null,
  depth: Number.POSITIVE_INFINITY,
  show: 'map',
  reveal: 0,
  setFocus: (focus, reveal = false) => {
    if (same(focus, get().focus) && !reveal) return;
    set({ focus, ...(reveal ? { reveal: get().reveal + 1 } : {}) });
  },
  setDepth: (depth) => set({ depth }),
  setShow: (show) => set({ show }),
  load: (state) => set({ ...state, reveal: get().reveal + 1 }),
}));
