/**
 * Objects by id, each kept for as long as its key (everything it shows, joined) does not
 * change. One pass asks for every current id with `get`; `sweep` then forgets the ids
 * that were not asked for.
 */
export class KeyedCache<T> {
  private current = new Map<string, { readonly key: string; readonly value: T }>();
  private next = new Map<string, { readonly key: string; readonly value: T }>();

  /** The kept object for `id` if its key is `key`, else a new one from `make`. */
  get(id: string, key: string, make: () => T): T {
    const old = this.current.get(id);
    const value = old?.key === key ? old.value : make();
    this.next.set(id, { key, value });
    return value;
  }

  sweep(): void {
    this.current = this.next;
    this.next = new Map();
  }
}

/** A cache key from the values a node shows. */
export const keyOf = (...parts: readonly unknown[]): string => parts.join('\u0000');
