/**
 * PNG in the browser: resvg's WebAssembly build in a Web Worker (`pngWorker.ts`), started on the
 * first PNG and kept. The same rasteriser and font as the server's PNG, so the file does not
 * depend on the browser; sizes were checked against `PNG_LIMITS` before (SH-X6).
 */
let worker: Worker | undefined;
let next = 0;
const waiting = new Map<number, { resolve: (png: Uint8Array) => void; reject: (e: Error) => void }>();

function start(): Worker {
  const w = new Worker(new URL('./pngWorker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (e: MessageEvent<{ id: number; png?: Uint8Array; error?: string }>) => {
    const job = waiting.get(e.data.id);
    waiting.delete(e.data.id);
    if (e.data.png) job?.resolve(e.data.png);
    else job?.reject(new Error(e.data.error ?? 'PNG failed'));
  };
  w.onerror = (e) => {
    for (const job of waiting.values()) job.reject(new Error(e.message || 'PNG worker failed'));
    waiting.clear();
    worker = undefined;
  };
  return w;
}

/** The PNG of an SVG drawn with the given fonts (TrueType, base64). */
export function renderPng(svg: string, fonts: readonly string[]): Promise<Uint8Array> {
  worker ??= start();
  const id = ++next;
  const w = worker;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    w.postMessage({ id, svg, fonts });
  });
}
