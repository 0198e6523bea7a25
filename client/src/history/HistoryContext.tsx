import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useSession } from '../session/sessionContext';
import { useHistoryUi } from '../store/historyUi';
import { useHistoryState, type HistoryState, type HistoryView } from './useHistoryState';

const HistoryContext = createContext<HistoryState>({ status: 'live' });

/** Computes the history view once for the canvas, the panel and the banner. */
export function HistoryProvider({ children }: { readonly children: ReactNode }) {
  const session = useSession();
  const reset = useHistoryUi((s) => s.reset);
  // Another map, or another link to it: the live map again.
  useEffect(() => reset, [session, reset]);
  const state = useHistoryState();
  return <HistoryContext.Provider value={state}>{children}</HistoryContext.Provider>;
}

/** The loading state of the history view. */
export function useHistoryStatus(): HistoryState {
  return useContext(HistoryContext);
}

/** What the canvas draws instead of the live map; undefined when it draws the live map. */
export function useHistoryView(): HistoryView | undefined {
  const state = useContext(HistoryContext);
  return state.status === 'ready' ? state.view : undefined;
}
