import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { exportJson, readMap } from '@ketenkaart/shared';
import { JsonWork } from '../src/work/json-work.js';

const work = new JsonWork({ size: 1, queueBytes: 64 << 20, timeoutMs: 30_000, memoryMb: 256 });
afterAll(() => work.close());

/** A small valid file, as UTF-8 bytes in an ArrayBuffer of their own. */
function fileBytes(title: string): Uint8Array {
  const text = JSON.stringify({
    format: 'ketenkaart',
    version: 1,
    title,
    partners: [{ id: 'p1', name: 'UWV' }],
    steps: [{ id: 's1', partner: 'p1', label: 'Aangifte' }],
    flows: [],
  });
  const encoded = new TextEncoder().encode(text);
  const owned = new Uint8Array(encoded.byteLength);
  owned.set(encoded);
  return owned;
}

function docOf(parts: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const part of parts) Y.applyUpdate(doc, part);
  return doc;
}

describe('a file handed to a work thread as bytes (SV-W5)', () => {
  it('[SV-W5] bytes that fill their own buffer are moved to the thread, not copied, and decoded there', async () => {
    const bytes = fileBytes('Loonaangifteketen ✓');
    const update = await work.importFile(bytes);
    // Handed over: the room thread no longer holds them.
    expect(bytes.byteLength).toBe(0);
    expect(readMap(docOf(update)).meta.title).toBe('Loonaangifteketen ✓');
  });

  it('[SV-W5] a view into a shared buffer is copied, and the buffer stays whole for its other users', async () => {
    const file = fileBytes('Gedeeld');
    const shared = new Uint8Array(4096 + file.byteLength + 64);
    shared.set(file, 4096);
    const view = shared.subarray(4096, 4096 + file.byteLength);
    const update = await work.importFile(view);
    expect(shared.byteLength).toBe(4096 + file.byteLength + 64);
    expect(view.byteLength).toBe(file.byteLength);
    expect(readMap(docOf(update)).meta.title).toBe('Gedeeld');
  });

  it('[SV-W5] bytes that are not UTF-8 become U+FFFD in the thread, as a decoded body did', async () => {
    const text = new TextEncoder().encode(
      JSON.stringify({ format: 'ketenkaart', version: 1, title: 'AB', partners: [], steps: [], flows: [] }),
    );
    const at = text.indexOf(0x42); // the 'B' of the title
    const bytes = new Uint8Array(text.byteLength);
    bytes.set(text);
    bytes[at] = 0xff;
    const update = await work.importFile(bytes);
    expect(readMap(docOf(update)).meta.title).toBe('A\uFFFD');
    expect((JSON.parse(exportJson(docOf(update))) as { title: string }).title).toBe('A\uFFFD');
  });

  it('[SV-W5] a replacement from bytes turns the document into the file', async () => {
    const base = await work.importFile(fileBytes('Oud'));
    const change = await work.replacement(fileBytes('Nieuw'), base);
    expect(change).not.toBeNull();
    const doc = docOf(base);
    Y.applyUpdate(doc, change!.update);
    expect(readMap(doc).meta.title).toBe('Nieuw');
  });
});
