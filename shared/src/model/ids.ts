import * as random from 'lib0/random';

/** A new random id: 16 base-36 characters from a 64-bit+ random source, never clashing in practice. */
export function newId(prefix = ''): string {
  const a = random.uint32().toString(36).padStart(7, '0');
  const b = random.uint32().toString(36).padStart(7, '0');
  const c = random.uint32().toString(36).padStart(7, '0');
  return `${prefix}${a}${b}${c}`;
}
