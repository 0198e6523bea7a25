/// <reference lib="webworker" />
/**
 * The PNG worker (see `pngRenderer.ts`): loads resvg's WebAssembly once, then rasterises each SVG
 * it is sent; the browser's encoder writes the PNG (`encodePng.ts`).
 */
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import wasmUrl from '@resvg/resvg-wasm/index_bg.wasm?url';
import { encodePng } from './encodePng';

let ready: Promise<void> | undefined;
let fontBytes: Uint8Array[] | undefined;

const bytesOf = (base64: string): Uint8Array => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

self.onmessage = async (e: MessageEvent<{ id: number; svg: string; fonts: string[] }>) => {
  const { id, svg, fonts } = e.data;
  try {
    ready ??= initWasm(fetch(wasmUrl));
    await ready;
    fontBytes ??= fonts.map(bytesOf);
    const image = new Resvg(svg, {
      font: { fontBuffers: fontBytes, loadSystemFonts: false, defaultFontFamily: 'Inter' },
      shapeRendering: 2,
      textRendering: 1,
    }).render();
    const { width, height } = image;
    const pixels = image.pixels;
    image.free();
    const png = await encodePng(pixels, width, height);
    (self as unknown as DedicatedWorkerGlobalScope).postMessage({ id, png }, [png.buffer]);
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
