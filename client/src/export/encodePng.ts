/**
 * PNG encoding of resvg's pixels by the browser's own encoder (`OffscreenCanvas.convertToBlob`):
 * resvg's WebAssembly encoder takes more than half of a big PNG's time. PNG is lossless, so the
 * file's pixels are resvg's either way; only the compression differs.
 */

/** resvg's pixels are premultiplied by alpha; a canvas's image data is not. */
function unpremultiply(px: Uint8ClampedArray): void {
  for (let i = 3; i < px.length; i += 4) {
    const a = px[i] as number;
    if (a === 255 || a === 0) continue;
    px[i - 3] = ((px[i - 3] as number) * 255) / a;
    px[i - 2] = ((px[i - 2] as number) * 255) / a;
    px[i - 1] = ((px[i - 1] as number) * 255) / a;
  }
}

/** RGBA pixels (premultiplied, `width` x `height`) as a PNG file. */
export async function encodePng(pixels: Uint8Array, width: number, height: number): Promise<Uint8Array> {
  const data = new Uint8ClampedArray(pixels.buffer as ArrayBuffer, pixels.byteOffset, pixels.byteLength);
  unpremultiply(data);
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d canvas for the PNG');
  context.putImageData(new ImageData(data, width, height), 0, 0);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new Uint8Array(await blob.arrayBuffer());
}
