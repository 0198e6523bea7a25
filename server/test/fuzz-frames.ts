/** A seeded generator of hostile websocket frames for the fuzz test. */
import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { awarenessFrame, syncFrame } from './frames.js';

/** One frame to send: binary, or text (`string`). */
export interface FuzzFrame {
  kind: string;
  data: Uint8Array | string;
}

/** Real frames an honest client might send, to be cut and flipped. */
export function realFrames(gen: prng.PRNG): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => {
    out.push(syncFrame(2, u));
    out.push(syncFrame(1, u));
  });
  for (let i = 0; i < 12; i++) {
    const op = prng.uint32(gen, 0, 3);
    if (op === 0) doc.getMap('steps').set(`s${i}`, { label: prng.word(gen, 3, 20), x: prng.int31(gen, -500, 500) });
    else if (op === 1) doc.getArray('order').insert(0, [prng.word(gen, 1, 8)]);
    else if (op === 2) doc.getText('notes').insert(0, prng.utf16String(gen, 12));
    else doc.getMap('steps').delete(`s${i - 1}`);
  }
  out.push(syncFrame(0, Y.encodeStateVector(doc)));
  out.push(syncFrame(1, Y.encodeStateAsUpdate(doc)));
  out.push(awarenessFrame([[doc.clientID, 1, { user: { name: prng.word(gen, 2, 10) } }]]));
  out.push(new Uint8Array([3]));
  return out;
}

function hugeVarint(e: encoding.Encoder): void {
  // 7 bytes of continuation: a length far past any buffer.
  for (let i = 0; i < 7; i++) encoding.writeUint8(e, 0xff);
  encoding.writeUint8(e, 0x0f);
}

/** The next hostile frame. `maxFrameBytes` is the server's frame limit. */
export function nextFrame(gen: prng.PRNG, corpus: readonly Uint8Array[], maxFrameBytes: number): FuzzFrame {
  const real = (): Uint8Array => prng.oneOf(gen, corpus as Uint8Array[]);
  switch (prng.uint32(gen, 0, 9)) {
    case 0:
      return { kind: 'random', data: prng.uint8Array(gen, prng.uint32(gen, 0, 200)) };
    case 1:
    case 2: {
      const r = real();
      return { kind: 'truncated', data: r.slice(0, prng.uint32(gen, 0, Math.max(0, r.length - 1))) };
    }
    case 3:
    case 4: {
      const r = real().slice();
      const flips = prng.uint32(gen, 1, 3);
      for (let i = 0; i < flips && r.length > 0; i++) {
        const at = prng.uint32(gen, 0, r.length - 1);
        r[at] = r[at]! ^ (1 << prng.uint32(gen, 0, 7));
      }
      return { kind: 'bitflip', data: r };
    }
    case 5: {
      const e = encoding.createEncoder();
      const shape = prng.uint32(gen, 0, 3);
      if (shape === 0) {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 2);
        hugeVarint(e);
      } else if (shape === 1) {
        encoding.writeVarUint(e, 1);
        hugeVarint(e);
      } else if (shape === 2) {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 0);
        hugeVarint(e);
      } else {
        // A sync update whose struct count is huge.
        const inner = encoding.createEncoder();
        hugeVarint(inner);
        encoding.writeUint8Array(inner, prng.uint8Array(gen, 8));
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
      }
      return { kind: 'huge-varint', data: encoding.toUint8Array(e) };
    }
    case 6: {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, prng.uint32(gen, 4, 1_000_000));
      encoding.writeUint8Array(e, prng.uint8Array(gen, prng.uint32(gen, 0, 32)));
      return { kind: 'unknown-type', data: encoding.toUint8Array(e) };
    }
    case 7:
      return { kind: 'text', data: prng.utf16String(gen, prng.uint32(gen, 0, 64)) };
    case 8:
      return { kind: 'oversized', data: new Uint8Array(maxFrameBytes + prng.uint32(gen, 1, maxFrameBytes * 2)) };
    default:
      return { kind: 'real', data: real() };
  }
}

/** Hex of the first bytes of a frame, for failure reports. */
export function describeFrame(f: FuzzFrame): string {
  if (typeof f.data === 'string') return `${f.kind} text(${f.data.length})`;
  return `${f.kind} [${f.data.length}] ${Buffer.from(f.data.slice(0, 48)).toString('hex')}`;
}
