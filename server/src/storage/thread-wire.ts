/**
 * What travels between the storage thread and the rooms' thread (rule SV-S13): calls by method
 * name, results with their bytes handed over, and errors with what callers test them by (name,
 * SQLite's `code`, SeqCompactedError's fields).
 */
import { SeqCompactedError, type Storage } from './types.js';

/** The storage methods the thread serves. */
export type Method = Exclude<keyof Storage, 'noteApplied'>;

export interface Call {
  readonly id: number;
  readonly method: Method;
  readonly args: readonly unknown[];
}

export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly code?: string | undefined;
  readonly compacted?: { readonly mapId: string; readonly afterSeq: number; readonly throughSeq: number } | undefined;
}

/** From the thread: the storage opened, or not; a call's result or error; a log line. */
export type Message =
  | { readonly kind: 'ready' }
  | { readonly kind: 'failed'; readonly error: WireError }
  | { readonly kind: 'result'; readonly id: number; readonly value: unknown }
  | { readonly kind: 'error'; readonly id: number; readonly error: WireError }
  | { readonly kind: 'log'; readonly line: string };

export function toWire(e: unknown): WireError {
  if (e instanceof SeqCompactedError) {
    return {
      name: e.name,
      message: e.message,
      compacted: { mapId: e.mapId, afterSeq: e.afterSeq, throughSeq: e.throughSeq },
    };
  }
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return { name: e.name, message: e.message, code: typeof code === 'string' ? code : undefined };
  }
  return { name: 'Error', message: String(e) };
}

export function fromWire(w: WireError): Error {
  if (w.compacted) return new SeqCompactedError(w.compacted.mapId, w.compacted.afterSeq, w.compacted.throughSeq);
  const e = new Error(w.message) as Error & { code?: string };
  e.name = w.name;
  if (w.code !== undefined) e.code = w.code;
  return e;
}

/**
 * Makes every byte array in a result own its buffer, and lists the buffers to hand over: a
 * structured clone of a view would copy all of the buffer under it. Results are plain data a few
 * levels deep (a document's updates, a snapshot's content).
 */
export function ownBytes(value: unknown, transfer: Set<ArrayBuffer>, depth = 0): unknown {
  if (value instanceof Uint8Array) {
    const whole =
      value.byteOffset === 0 && value.byteLength === value.buffer.byteLength && value.buffer instanceof ArrayBuffer;
    // A copy, not `slice`: a Buffer's slice is a view.
    const owned = whole && !transfer.has(value.buffer) ? value : new Uint8Array(value);
    transfer.add(owned.buffer as ArrayBuffer);
    return owned;
  }
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v: unknown) => ownBytes(v, transfer, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, ownBytes(v, transfer, depth + 1)]));
}
