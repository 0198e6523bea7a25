import type { FlowGeometry } from './flowTypes';

/**
 * Where each flow is drawn (its route and what it was routed around), kept apart from the React
 * Flow edges: a step that moves re-routes its flows without giving React Flow new edge objects,
 * which would make it rebuild its lookup of every edge of the map. Each drawn flow subscribes
 * to its own id and re-renders only when its geometry object changes.
 */
export class RouteStore {
  private current: ReadonlyMap<string, FlowGeometry> = new Map();
  private changed = new Set<string>();
  private readonly listeners = new Map<string, Set<() => void>>();

  /** The geometry of every flow after a derive; notes the ids whose object changed. */
  update(next: ReadonlyMap<string, FlowGeometry>): void {
    for (const [id, g] of next) if (this.current.get(id) !== g) this.changed.add(id);
    this.current = next;
  }

  get(id: string): FlowGeometry | undefined {
    return this.current.get(id);
  }

  subscribe(id: string, listener: () => void): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(id);
    };
  }

  /** Tells the drawn flows whose geometry changed since the last call (after the render that derived it). */
  publish(): void {
    const ids = this.changed;
    this.changed = new Set();
    for (const id of ids) for (const l of this.listeners.get(id) ?? []) l();
  }
}
