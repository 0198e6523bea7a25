/**
 * The map most tests start from: the client's loonaangifteketen template (the example
 * chain), created through the HTTP API so a test starts on a known map.
 */
import type { MapFile } from '@ketenkaart/shared';
import { loonaangifteketen } from '../../client/src/templates/loonaangifteketen.js';

/** A fresh deep copy of the template, safe to change in a test. */
export function template(): MapFile {
  return structuredClone(loonaangifteketen);
}
