/**
 * Parses and validates a JSON v1 text off the main thread (rule CL-J2): a file of tens of
 * megabytes takes seconds to check, and the page must stay responsive meanwhile.
 */
import { ImportError, parseMapFile } from '@ketenkaart/shared';
import type { ParseAnswer } from './parseAnswer';

self.onmessage = (event: MessageEvent<string>): void => {
  let answer: ParseAnswer;
  try {
    answer = { file: parseMapFile(event.data) };
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    answer = { problems: error.problems };
  }
  self.postMessage(answer);
};
