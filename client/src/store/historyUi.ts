import { create } from 'zustand';

/** Which version: what the UI needs to name it (the server's snapshot record has these fields). */
export interface VersionRef {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  readonly kind: 'named' | 'auto';
  readonly reason?: 'replace' | 'restore' | 'layout' | 'daily';
}

/**
 * What the canvas shows (rule CL-V2): the live map, one old version (read-only), or a comparison
 * of two versions (`to` is a snapshot or the map as it is now). UI state only: which versions, not
 * their content.
 */
export type HistoryMode =
  | { readonly kind: 'live' }
  | { readonly kind: 'version'; readonly snapshot: VersionRef }
  | { readonly kind: 'compare'; readonly from: VersionRef; readonly to: VersionRef | 'current' };

export interface HistoryUi {
  /** The versions panel is open. */
  readonly open: boolean;
  readonly mode: HistoryMode;
  /** The partner whose changes are shown in a comparison. */
  readonly partner: string | null;
  /** On a phone: the panel's sheet is open (it closes when a version is shown, so the map is seen). */
  readonly sheetOpen: boolean;
  readonly setSheetOpen: (open: boolean) => void;
  readonly setOpen: (open: boolean) => void;
  readonly show: (mode: HistoryMode) => void;
  readonly setPartner: (partner: string | null) => void;
  readonly reset: () => void;
}

const LIVE: HistoryMode = { kind: 'live' };

export const useHistoryUi = create<HistoryUi>()((set) => ({
  open: false,
  mode: LIVE,
  partner: null,
  sheetOpen: true,
  setOpen: (open) => set(open ? { open, sheetOpen: true } : { open, mode: LIVE, partner: null }),
  show: (mode) => set({ mode, partner: null, sheetOpen: mode.kind === 'live' }),
  setSheetOpen: (sheetOpen) => set({ sheetOpen }),
  setPartner: (partner) => set({ partner }),
  reset: () => set({ open: false, mode: LIVE, partner: null, sheetOpen: true }),
}));

/** True while the canvas shows an old version or a comparison: nothing on it can be edited. */
export const viewingHistory = (): boolean => useHistoryUi.getState().mode.kind !== 'live';
