/** A map opened before on this device. */
export interface RecentMap {
  readonly id: string;
  readonly title: string;
  readonly editUrl?: string;
  readonly viewUrl?: string;
  readonly openedAt: number;
}

const KEY = 'ketenkaart:recent';
const MAX = 50;

export function loadRecent(): RecentMap[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw.filter(
      (r): r is RecentMap =>
        typeof r === 'object' &&
        r !== null &&
        typeof (r as RecentMap).id === 'string' &&
        typeof (r as RecentMap).openedAt === 'number',
    );
  } catch {
    return [];
  }
}

/** Adds or updates a map in the list (newest first); unknown fields keep their old value. */
export function rememberMap(entry: Partial<RecentMap> & { id: string }): void {
  const list = loadRecent();
  const old = list.find((r) => r.id === entry.id);
  const defined = Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined));
  const merged: RecentMap = { title: '', ...old, openedAt: Date.now(), ...defined, id: entry.id };
  const next = [merged, ...list.filter((r) => r.id !== entry.id)].slice(0, MAX);
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // storage full or blocked: the list is a convenience
  }
}

export function forgetMap(id: string): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(loadRecent().filter((r) => r.id !== id)));
  } catch {
    // ignore
  }
}

export function findRecent(id: string): RecentMap | undefined {
  return loadRecent().find((r) => r.id === id);
}
