import type { PresenceUser } from './presenceState';

/** Participant colours: distinct, and dark enough for white text. */
export const PRESENCE_COLORS = [
  '#d1242f',
  '#0969da',
  '#1a7f37',
  '#8250df',
  '#bf3989',
  '#9a6700',
  '#0e7490',
  '#c2410c',
] as const;

const KEY = 'ketenkaart:user';

/** The name and colour remembered on this device, or null if the user was never asked. */
export function loadIdentity(): PresenceUser | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<PresenceUser>;
    if (typeof v.name !== 'string' || typeof v.color !== 'string') return null;
    return { name: v.name, color: v.color };
  } catch {
    return null;
  }
}

export function saveIdentity(user: PresenceUser): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(user));
  } catch {
    // private mode: the name is asked again next time
  }
}

export function randomColor(): string {
  return PRESENCE_COLORS[Math.floor(Math.random() * PRESENCE_COLORS.length)] ?? PRESENCE_COLORS[0];
}
