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
  setOpen: (open) => set(open ? { open } : { open, mode: LIVE, partner: null }),
  show: (mode) => set({ mode, partner: null }),
  setPartner: (partner) => set({ partner }),
  reset: () => set({ open: false, mode: LIVE, partner: null }),
}));

/** True while the canvas shows an old version or a comparison: nothing on it can be edited. */
export const viewingHistory = (): boolean => useHistoryUi.getState().mode.kind !== 'live';
