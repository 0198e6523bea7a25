import { create } from 'zustand';

export type Dialog = 'shortcuts' | 'share' | 'name' | 'connect' | 'deleteMap' | 'replace' | 'export' | null;

/** A message on the home page: the map was deleted (CL-O2), or its kept copy wiped (CL-O3). */
export type HomeNotice = 'mapDeleted' | 'copyDropped' | null;

/** What the "U bent hier" poster marks (rule CL-B9): a step or a partner's lane. */
export interface PosterTarget {
  readonly kind: 'step' | 'partner';
  readonly id: string;
}

/** This person's auto-layout: running, or how the last one ended when it did not succeed. */
export type LayoutStatus = 'idle' | 'busy' | 'timeout' | 'failed';

/** UI state only; map data lives in the Y.Doc. */
export interface UiState {
  /** Selected node and edge ids (steps, flows, `~lane:` nodes). */
  readonly selected: ReadonlySet<string>;
  /** The element whose label is being edited in place. */
  readonly editing: string | null;
  readonly dialog: Dialog;
  /** The partner whose removal is being asked about. */
  readonly removingPartner: string | null;
  /** The participant whose viewport we follow. */
  readonly following: number | null;
  readonly snapToGrid: boolean;
  readonly panelOpen: boolean;
  /** The nodes this user is dragging right now (empty when not dragging). */
  readonly dragging: ReadonlySet<string>;
  /** The share dialog shows the links this user just made by rotating them. */
  readonly linksRotated: boolean;
  /** Set by rotating the links: the next `reset()` (the new link's session) opens the share dialog again. */
  readonly shareAfterReset: boolean;
  readonly layout: LayoutStatus;
  /** Shown on the home page until dismissed; kept across `reset()`. */
  readonly homeNotice: HomeNotice;
  readonly setHomeNotice: (notice: HomeNotice) => void;
  /** An editor reads the map in browse mode (viewers always do): no edits, the browse views. */
  readonly browsing: boolean;
  /**
   * The file the replace dialog was opened with (dropped on the editor), or null when the dialog
   * lets the person choose one. The dialog reads it; the map's data stays in the Y.Doc.
   */
  readonly replaceFile: File | null;
  /** The export dialog was opened as a "U bent hier" poster of this step or partner, else null. */
  readonly posterTarget: PosterTarget | null;
  readonly select: (ids: Iterable<string>) => void;
  readonly setEditing: (id: string | null) => void;
  readonly openDialog: (dialog: Dialog) => void;
  readonly askRemovePartner: (id: string | null) => void;
  readonly follow: (clientId: number | null) => void;
  readonly toggleSnap: () => void;
  readonly setPanelOpen: (open: boolean) => void;
  readonly setDragging: (ids: Iterable<string>) => void;
  readonly reopenShareAfterReset: () => void;
  readonly setLayout: (status: LayoutStatus) => void;
  readonly setBrowsing: (browsing: boolean) => void;
  /** Opens the replace dialog, with a dropped file or without one (rule CL-J1). */
  readonly openReplace: (file: File | null) => void;
  /** Opens the export dialog preset as a "U bent hier" poster of `target` (rule CL-B9). */
  readonly openPoster: (target: PosterTarget) => void;
  /** A fresh state for a newly opened map (the share dialog kept open after rotating the links). */
  readonly reset: () => void;
}

const initial = {
  selected: new Set<string>() as ReadonlySet<string>,
  editing: null,
  dialog: null,
  removingPartner: null,
  following: null,
  snapToGrid: true,
  panelOpen: true,
  dragging: new Set<string>() as ReadonlySet<string>,
  linksRotated: false,
  shareAfterReset: false,
  layout: 'idle' as LayoutStatus,
  browsing: false,
  replaceFile: null,
  posterTarget: null,
} as const;

/** Phones (and narrow windows) show the details as a bottom sheet, closed at first. */
export const NARROW_QUERY = '(max-width: 700px)';

function narrowScreen(): boolean {
  return typeof matchMedia === 'function' && matchMedia(NARROW_QUERY).matches;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

export const useUi = create<UiState>()((set, get) => ({
  ...initial,
  homeNotice: null,
  setHomeNotice: (homeNotice) => set({ homeNotice }),
  select: (ids) => {
    const next = new Set(ids);
    if (!sameSet(next, get().selected)) set({ selected: next });
  },
  setEditing: (editing) => set({ editing }),
  openDialog: (dialog) => set({ dialog, linksRotated: false, posterTarget: null }),
  askRemovePartner: (removingPartner) => set({ removingPartner }),
  follow: (following) => set({ following }),
  toggleSnap: () => set({ snapToGrid: !get().snapToGrid }),
  setPanelOpen: (panelOpen) => set({ panelOpen }),
  setDragging: (ids) => set({ dragging: new Set(ids) }),
  reopenShareAfterReset: () => set({ shareAfterReset: true }),
  setLayout: (layout) => set({ layout }),
  setBrowsing: (browsing) => set({ browsing, editing: null }),
  openReplace: (replaceFile) => set({ dialog: 'replace', replaceFile, linksRotated: false }),
  openPoster: (posterTarget) => set({ dialog: 'export', posterTarget, linksRotated: false }),
  reset: () => {
    const reopen = get().shareAfterReset;
    set({
      ...initial,
      selected: new Set(),
      dragging: new Set(),
      panelOpen: !narrowScreen(),
      dialog: reopen ? 'share' : null,
      linksRotated: reopen,
    });
  },
}));
