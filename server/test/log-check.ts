/**
 * The log check of the server tests (rule SV-O6), a setup file of the `server` project: after each
 * test file, no line that its servers logged holds a token, neither one a test created nor
 * anything shaped like one (43 characters of base64url, what `newToken` and `viewTokenFor` make).
 */
import { afterAll, expect } from 'vitest';
import { seenTokens, serverLogLines } from './helpers.js';

const TOKEN_SHAPE = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/;

afterAll(() => {
  const leaks = serverLogLines.filter(
    (line) => TOKEN_SHAPE.test(line) || [...seenTokens].some((token) => line.includes(token)),
  );
  expect(leaks.slice(0, 5), `${leaks.length} log lines hold a token`).toEqual([]);
});
