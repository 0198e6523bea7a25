/**
 * What instances tell each other over Redis (rules SV-N1, SV-N4, SV-N5): one binary message per
 * publish, varUint kind, varString sender instance id, then the kind's fields (lib0 encoding, as
 * the y-websocket frames). A map's channel carries its updates and awareness; the instances'
 * channel carries rotations, deletions and heartbeats.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** The channel of map `id`'s updates and awareness. */
export const mapChannel = (id: string): string => `ketenkaart:map:${id}`;
/** The channel every instance hears: rotations, deletions, heartbeats. */
export const INSTANCES_CHANNEL = 'ketenkaart:instances';
/** The map id in a map channel's name, or undefined for another channel. */
export function mapOfChannel(channel: string): string | undefined {
  return channel.startsWith('ketenkaart:map:') ? channel.slice('ketenkaart:map:'.length) : undefined;
}

const KIND = { update: 0, awareness: 1, awarenessQuery: 2, rotated: 3, deleted: 4, alive: 5, leaving: 6 } as const;

export type BusMessage =
  | { kind: 'update'; from: string; seq: number; update: Uint8Array }
  | { kind: 'awareness'; from: string; update: Uint8Array }
  | { kind: 'awarenessQuery'; from: string }
  | { kind: 'rotated' | 'deleted'; from: string; mapId: string }
  | { kind: 'alive' | 'leaving'; from: string };

export function encodeMessage(m: BusMessage): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, KIND[m.kind]);
  encoding.writeVarString(e, m.from);
  switch (m.kind) {
    case 'update':
      encoding.writeVarUint(e, m.seq);
      encoding.writeVarUint8Array(e, m.update);
      break;
    case 'awareness':
      encoding.writeVarUint8Array(e, m.update);
      break;
    case 'rotated':
    case 'deleted':
      encoding.writeVarString(e, m.mapId);
      break;
    default:
      break;
  }
  return encoding.toUint8Array(e);
}

/** The message, or undefined for bytes that are not one (another program on the same Redis). */
export function decodeMessage(bytes: Uint8Array): BusMessage | undefined {
  try {
    const d = decoding.createDecoder(bytes);
    const kind = decoding.readVarUint(d);
    const from = decoding.readVarString(d);
    switch (kind) {
      case KIND.update: {
        const seq = decoding.readVarUint(d);
        return { kind: 'update', from, seq, update: decoding.readVarUint8Array(d) };
      }
      case KIND.awareness:
        return { kind: 'awareness', from, update: decoding.readVarUint8Array(d) };
      case KIND.awarenessQuery:
        return { kind: 'awarenessQuery', from };
      case KIND.rotated:
        return { kind: 'rotated', from, mapId: decoding.readVarString(d) };
      case KIND.deleted:
        return { kind: 'deleted', from, mapId: decoding.readVarString(d) };
      case KIND.alive:
        return { kind: 'alive', from };
      case KIND.leaving:
        return { kind: 'leaving', from };
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}
