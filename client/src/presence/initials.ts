/**
 * The initials on a participant's avatar: the first letter of the first and of the last word,
 * counting only words that hold letters or digits ("Anna (UWV)" → "AU", "jan-willem de Vries" → "JV").
 */
export function initials(name: string): string {
  const words = name.match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu) ?? [];
  const first = words[0];
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const letters = [first, last].map((word) => (word ? [...word][0] : '')).join('');
  return letters ? letters.toLocaleUpperCase() : '?';
}
