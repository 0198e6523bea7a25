import { describe, expect, it } from 'vitest';
import { initials } from '../src/presence/initials';

describe('avatar initials', () => {
  it('[CL-P6] are the first letters of the first and the last word, never punctuation', () => {
    expect(initials('Anna (UWV)')).toBe('AU');
    expect(initials('Anna')).toBe('A');
    expect(initials('  jan-willem de Vries ')).toBe('JV');
    expect(initials('"Bram" [CBS]')).toBe('BC');
    expect(initials('Özlem Çelik')).toBe('ÖÇ');
    expect(initials('(UWV)')).toBe('U');
    expect(initials('')).toBe('?');
    expect(initials('— ( ) —')).toBe('?');
  });
});
