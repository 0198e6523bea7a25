/**
 * The heavy JSON and Y.Doc work of the map API, as plain functions of plain data (rules SV-W1,
 * SV-W3): importing a file, building a content replacement, exporting a document. They run in a
 * worker thread (`worker.ts`), so that no request stalls the rooms on the main thread; the
 * benchmark also runs them inline, as the reference.
 */
import * as Y from 'yjs';
import { ImportError, applyMapFile, exportJson, parseMapFile, type Problem } from '@ketenkaart/shared';

/** A piece of work: its kind and its input. Documents travel as update bytes (SV-P9). */
export type Task =
  /** A JSON v1 text → the update that creates its map in an empty document. */
  | { readonly kind: 'import'; readonly text: string }
  /** A JSON v1 text and a document → the update that turns the document into the file's content. */
  | { readonly kind: 'replace'; readonly text: string; readonly doc: readonly Uint8Array[] }
  /** A document → its JSON v1 file, as UTF-8 bytes. */
  | { readonly kind: 'export'; readonly doc: readonly Uint8Array[] };

/** What a task gives back. */
export type TaskResult =
  /** An update to store (import), or to apply; null when the document would not change (replace). */
  | { readonly kind: 'update'; readonly update: Uint8Array | null }
  /** An exported file, UTF-8. */
  | { readonly kind: 'file'; readonly bytes: Uint8Array }
  /** The input file is invalid (SH-J4); its problems. */
  | { readonly kind: 'invalid'; readonly problems: readonly Problem[] };

/** Runs a task. An invalid file is a result, not an error; anything else thrown is a failure. */
export function runTask(task: Task): TaskResult {
  try {
    switch (task.kind) {
      case 'import': {
        const file = parseMapFile(task.text);
        const doc = new Y.Doc();
        try {
          applyMapFile(doc, file);
          return { kind: 'update', update: Y.encodeStateAsUpdate(doc) };
        } finally {
          doc.destroy();
        }
      }
      case 'replace': {
        const file = parseMapFile(task.text);
        return withDoc(task.doc, (doc) => {
          const changes: Uint8Array[] = [];
          doc.on('update', (u: Uint8Array) => changes.push(u));
          applyMapFile(doc, file);
          return { kind: 'update', update: changes.length > 0 ? Y.mergeUpdates(changes) : null };
        });
      }
      case 'export':
        return withDoc(task.doc, (doc) => ({ kind: 'file', bytes: new TextEncoder().encode(exportJson(doc)) }));
    }
  } catch (e) {
    if (e instanceof ImportError) return { kind: 'invalid', problems: e.problems };
    throw e;
  }
}

/** The buffers a result can hand over to the other thread instead of copying them. */
export function transferables(result: TaskResult): ArrayBuffer[] {
  if (result.kind === 'update' && result.update) return [result.update.buffer as ArrayBuffer];
  if (result.kind === 'file') return [result.bytes.buffer as ArrayBuffer];
  return [];
}

/** Runs `task` on a temporary Y.Doc of the document, destroyed afterwards. */
function withDoc<T>(parts: readonly Uint8Array[], task: (doc: Y.Doc) => T): T {
  const doc = new Y.Doc({ gc: true });
  try {
    doc.transact(() => {
      for (const u of parts) Y.applyUpdate(doc, u);
    });
    return task(doc);
  } finally {
    doc.destroy();
  }
}
