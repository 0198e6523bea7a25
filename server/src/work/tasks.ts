/**
 * The heavy JSON and Y.Doc work of the map API, as plain functions of plain data (rules SV-W1,
 * SV-W3, SV-H19): importing a file, building a content replacement, exporting a document, laying
 * out a map, drawing its SVG, PDF or PNG export. They run in a worker thread (`worker.ts`), so that no request stalls the rooms on
 * the main thread; the benchmark also runs the JSON work inline, as the reference.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as Y from 'yjs';
import {
  ImportError,
  ORIGINS,
  diffMaps,
  applyLayout,
  applyMapFile,
  createInParts,
  exportJson,
  layoutOnImport,
  layoutSnapshot,
  parseMapFile,
  readMap,
  type MapFile,
  type MapSnapshot,
  type Origin,
  type Problem,
} from '@ketenkaart/shared';
import { prepareLoad, stateAfterChange, type PreparedLoad, type PreparedState } from '../document/prepared.js';
import type { RenderInput } from './render.js';

// ELK and the renderer (jsPDF, resvg) load with the first task that needs them: a thread that
// only imports or exports JSON keeps a small heap (SV-W2's budget counts from its start).
const elk = async () => (await import('@ketenkaart/shared/node-elk')).createNodeElk();

/** A piece of work: its kind and its input. Documents travel as update bytes (SV-P9). */
export type Task = JsonTask | LayoutTask | LoadTask | RenderTask;

/**
 * A document, or a snapshot's gzipped JSON v1 (SV-V7) → its SVG, PDF or PNG export (SV-X1), or the
 * refusal of a PNG past the limit.
 */
export type RenderTask = RenderInput & { readonly kind: 'render' } & Version;

/** SV-W4: a room's stored updates (snapshot first) → the document's bytes and state (`prepareLoad`). */
export interface LoadTask {
  readonly kind: 'load';
  readonly updates: readonly Uint8Array[];
}

/**
 * A document and, for a part, the ids of the steps to lay out → the update that moves them
 * (null when nothing moves) and how many moved.
 */
export interface LayoutTask {
  readonly kind: 'layout';
  readonly doc: readonly Uint8Array[];
  readonly steps?: readonly string[];
}

/**
 * A file as text or as the UTF-8 bytes of a request body: bytes are decoded in the thread, so the
 * room thread neither decodes nor clones a large string (SV-W5).
 */
export type FileText = string | Uint8Array;

/** The text of a file; bytes that are not UTF-8 become U+FFFD, as `Buffer#toString` makes them. */
function textOf(file: FileText): string {
  return typeof file === 'string' ? file : new TextDecoder().decode(file);
}

/** The JSON work: synchronous, so that the benchmark can run it inline. */
export type JsonTask =
  /**
   * A JSON v1 text (or its UTF-8 bytes) → the updates that create its map in an empty document,
   * in parts of about `PART_BYTES` each (SV-S12).
   */
  | { readonly kind: 'import'; readonly text: FileText }
  /** A JSON v1 text and a document → the update that turns the document into the file's content. */
  | {
      readonly kind: 'replace';
      readonly text: FileText;
      readonly doc: readonly Uint8Array[];
      /** `restore` when the text is a version from the map's history (SH-V5); else `import`. */
      readonly origin?: 'import' | 'restore';
    }
  /** A document → its JSON v1 export gzipped, with the export's SHA-256 (a snapshot, SV-V1). */
  | { readonly kind: 'snapshot'; readonly doc: readonly Uint8Array[] }
  /** Two versions, each a gzipped JSON v1 snapshot or a document → their diff as JSON, UTF-8 (SV-V4). */
  | { readonly kind: 'diff'; readonly from: Version; readonly to: Version }
  /** A document → its JSON v1 file, as UTF-8 bytes. */
  | { readonly kind: 'export'; readonly doc: readonly Uint8Array[] };

/** A version of a map for the diff: a stored snapshot's content, or a document's update parts. */
export type Version = { readonly gzip: Uint8Array } | { readonly doc: readonly Uint8Array[] };

/** What a task gives back. */
export type TaskResult =
  /**
   * An update to store (import), or to apply; null when the document would not change (replace).
   * For a replacement, the state the document reaches with it (SV-W4).
   */
  | { readonly kind: 'update'; readonly update: Uint8Array | null; readonly state?: PreparedState | null }
  /** A new map's content, as updates to store in this order (SH-J15, SV-S12). */
  | { readonly kind: 'created'; readonly parts: readonly Uint8Array[] }
  /** An exported file, UTF-8. */
  | { readonly kind: 'file'; readonly bytes: Uint8Array }
  /** A snapshot's content: the gzipped export, the export's SHA-256 (hex) and its length in bytes. */
  | { readonly kind: 'snapshot'; readonly gzip: Uint8Array; readonly hash: string; readonly jsonBytes: number }
  /** The input file is invalid (SH-J4); its problems. */
  | { readonly kind: 'invalid'; readonly problems: readonly Problem[] }
  /** A layout's update (null when nothing moved) and the number of steps it moved. */
  | {
      readonly kind: 'layout';
      readonly update: Uint8Array | null;
      readonly moved: number;
      readonly state: PreparedState | null;
    }
  /** A loaded document (null: it has gaps, the room loads it itself). */
  | { readonly kind: 'loaded'; readonly prepared: PreparedLoad | null }
  /** A PNG export past `PNG_LIMITS`, refused before it was drawn, with the largest possible (SH-X6). */
  | { readonly kind: 'tooLarge'; readonly message: string; readonly largest: number; readonly unit: 'scale' | 'dpi' };

/** Runs any task, as the worker thread does. */
export async function performTask(task: Task): Promise<TaskResult> {
  if (task.kind === 'load') return { kind: 'loaded', prepared: prepareLoad(task.updates) };
  if (task.kind === 'render') return (await import('./render.js')).renderExport(mapOf(task), task);
  return task.kind === 'layout' ? runLayout(task) : runTask(task);
}

/**
 * Lays out the document with ELK on this thread (which blocks it: that is why it runs in the
 * pool) and the lane pass of shared, written in one transaction with origin `layout` (SH-LY8).
 * A `steps` list that names a step the map does not have is invalid input, not a smaller layout.
 */
export async function runLayout(task: LayoutTask): Promise<TaskResult> {
  const doc = docOf(task.doc);
  try {
    const map = readMap(doc);
    if (task.steps) {
      const known = new Set(map.steps.map((s) => s.id));
      const problems: Problem[] = [];
      task.steps.forEach((id, i) => {
        if (!known.has(id))
          problems.push({ path: `$.steps[${i}]`, code: 'unknownStep', message: `no step ${id}`, params: { id } });
      });
      if (problems.length > 0) return { kind: 'invalid', problems: problems.slice(0, 100) };
    }
    const result = await layoutSnapshot(map, await elk(), task.steps ? { selection: task.steps } : {});
    const before = Y.encodeStateVector(doc);
    const changes: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => changes.push(u));
    applyLayout(doc, result.moves);
    if (changes.length === 0) return { kind: 'layout', update: null, moved: 0, state: null };
    const was = new Map(map.steps.map((s) => [s.id, s]));
    const moved = readMap(doc).steps.filter((s) => {
      const old = was.get(s.id);
      return old && (old.x !== s.x || old.y !== s.y);
    }).length;
    const update = Y.encodeStateAsUpdate(doc, before);
    return { kind: 'layout', update, moved, state: stateAfterChange(doc, update) };
  } finally {
    doc.destroy();
  }
}

/**
 * About how many bytes of the file each part of a new map's first update holds (SV-S12): the
 * store writes one part per turn of the room thread, and SQLite writes 1 MiB in about 10 ms.
 */
export const PART_BYTES = 1 << 20;

/**
 * Writes a file into `doc` (rule SH-J8; a new map in `parts` transactions, SH-J15) and, when the
 * file leaves some step's place to the importer (shared's `layoutOnImport`, SH-LY11), lays the
 * map out on this thread (rule SV-J1).
 */
async function applyFile(doc: Y.Doc, file: MapFile, origin: Origin, parts = 1): Promise<void> {
  if (parts > 1) createInParts(doc, file, parts, origin);
  else applyMapFile(doc, file, origin);
  if (!layoutOnImport(file)) return;
  const { moves } = await layoutSnapshot(readMap(doc), await elk());
  applyLayout(doc, moves);
}

/** Runs a JSON task. An invalid file is a result, not an error; anything else thrown is a failure. */
export async function runTask(task: JsonTask): Promise<TaskResult> {
  try {
    switch (task.kind) {
      case 'import': {
        const file = parseMapFile(textOf(task.text));
        const doc = new Y.Doc();
        try {
          const parts: Uint8Array[] = [];
          doc.on('update', (u: Uint8Array) => parts.push(u));
          const bytes = typeof task.text === 'string' ? Buffer.byteLength(task.text) : task.text.byteLength;
          await applyFile(doc, file, ORIGINS.import, Math.ceil(bytes / PART_BYTES));
          return { kind: 'created', parts };
        } finally {
          doc.destroy();
        }
      }
      case 'replace': {
        const file = parseMapFile(textOf(task.text));
        const doc = docOf(task.doc);
        try {
          const changes: Uint8Array[] = [];
          doc.on('update', (u: Uint8Array) => changes.push(u));
          await applyFile(doc, file, task.origin === 'restore' ? ORIGINS.restore : ORIGINS.import);
          if (changes.length === 0) return { kind: 'update', update: null };
          const update = Y.mergeUpdates(changes);
          return { kind: 'update', update, state: stateAfterChange(doc, update) };
        } finally {
          doc.destroy();
        }
      }
      case 'export':
        return withDoc(task.doc, (doc) => ({ kind: 'file', bytes: new TextEncoder().encode(exportJson(doc)) }));
      case 'snapshot':
        return withDoc(task.doc, (doc) => {
          const json = Buffer.from(exportJson(doc), 'utf8');
          return {
            kind: 'snapshot',
            gzip: new Uint8Array(gzipSync(json)),
            hash: createHash('sha256').update(json).digest('hex'),
            jsonBytes: json.byteLength,
          };
        });
      case 'diff': {
        const diff = diffMaps(versionFile(task.from), versionFile(task.to));
        return { kind: 'file', bytes: new TextEncoder().encode(JSON.stringify(diff)) };
      }
    }
  } catch (e) {
    if (e instanceof ImportError) return { kind: 'invalid', problems: e.problems };
    throw e;
  }
}

/** A version as a file: a snapshot's JSON as stored (it was valid when written), or the document's export. */
function versionFile(v: Version): MapFile {
  const text = 'gzip' in v ? gunzipSync(v.gzip).toString('utf8') : withDoc(v.doc, (doc) => exportJson(doc));
  return parseMapFile(text);
}

/**
 * The document to draw: the task's, or one built from a snapshot's JSON (stored valid, SV-V1) as
 * an import builds it, so the old version is drawn exactly like a live map with that content.
 */
function mapOf(v: Version): MapSnapshot {
  const doc = 'doc' in v ? docOf(v.doc) : new Y.Doc({ gc: true });
  try {
    if ('gzip' in v) applyMapFile(doc, versionFile(v));
    return readMap(doc);
  } finally {
    doc.destroy();
  }
}

/** The buffers a result can hand over to the other thread instead of copying them. */
export function transferables(result: TaskResult): ArrayBuffer[] {
  if ((result.kind === 'update' || result.kind === 'layout') && result.update)
    return [result.update.buffer as ArrayBuffer];
  if (result.kind === 'file') return [result.bytes.buffer as ArrayBuffer];
  if (result.kind === 'created') return [...new Set(result.parts.map((p) => p.buffer as ArrayBuffer))];
  if (result.kind === 'loaded' && result.prepared) return [result.prepared.merged.buffer as ArrayBuffer];
  if (result.kind === 'snapshot') return [result.gzip.buffer as ArrayBuffer];
  return [];
}

/** Runs `task` on a temporary Y.Doc of the document, destroyed afterwards. */
function withDoc<T>(parts: readonly Uint8Array[], task: (doc: Y.Doc) => T): T {
  const doc = docOf(parts);
  try {
    return task(doc);
  } finally {
    doc.destroy();
  }
}

/** A Y.Doc of the document's update parts. */
function docOf(parts: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  doc.transact(() => {
    for (const u of parts) Y.applyUpdate(doc, u);
  });
  return doc;
}
