/**
 * Objects by id, each kept for as long as its key (everything it shows) does not change.
 * One pass asks for every current id with `get`; `sweep` then forgets the ids that were not
 * asked for. Keys are compared part by part (`===`), not joined into strings: a derive asks
 * for every node and edge of the map, and building a string for each was most of its time.
 */
export class KeyedCache<T> {
  private current = new Map<string, { readonly key: Key; readonly value: T }>();
  private next = new Map<string, { readonly key: Key; readonly value: T }>();

  /** The kept object for `id` if its key is `key`, else a new one from `make`. */
  get(id: string, key: Key, make: () => T): T {
    const old = this.current.get(id);
    if (old && sameKey(old.key, key)) {
      this.next.set(id, old);
      return old.value;
    }
    const value = make();
    this.next.set(id, { key, value });
    return value;
  }

  /** Keeps the object for `id` as it is, without comparing its key: its inputs are known unchanged. */
  keep(id: string): void {
    const old = this.current.get(id);
    if (old) this.next.set(id, old);
  }

  sweep(): void {
    this.current = this.next;
    this.next = new Map();
  }
}

/** What a node shows, part by part. */
export type Key = readonly unknown[];

/** A cache key from the values a node shows. */
export const keyOf = (...parts: readonly unknown[]): Key => parts;

function sameKey(a: Key, b: Key): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
