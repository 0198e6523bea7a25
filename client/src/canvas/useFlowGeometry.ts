import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { FlowGeometry } from './derive/flowTypes';
import { RouteStore } from './derive/routeStore';

/** The routes of the map on the canvas (the deriver's `RouteStore`). */
export const RoutesContext = createContext<RouteStore>(new RouteStore());

/** Where a flow is drawn; re-renders the caller only when that flow's geometry changes. */
export function useFlowGeometry(id: string): FlowGeometry | undefined {
  const routes = useContext(RoutesContext);
  const subscribe = useCallback((listener: () => void) => routes.subscribe(id, listener), [routes, id]);
  return useSyncExternalStore(subscribe, () => routes.get(id));
}
