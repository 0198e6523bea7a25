import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { syncFrame, parseFrame } from './frames.js';
import { describeFrame, nextFrame, realFrames, type FuzzFrame } from './fuzz-frames.js';
import {
  type Client,
  connect,
  type Created,
  createMap,
  eventually,
  rawSocket,
  type RawSocket,
  synced,
  testServer,
} from './helpers.js';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261125);
const STRICT_FRAMES = 3_000;
const STORM_FRAMES = 7_000;
const MAX_FRAME = 16 * 1024;

let server: Awaited<ReturnType<typeof testServer>>;

beforeAll(async () => {
  // The observer probes after every frame, far above the default message rate.
  server = await testServer({
    maxFrameBytes: MAX_FRAME,
    maxConnectionsPerIpPerMinute: 1_000_000,
    maxMessagesPerSecond: 100_000,
  });
});
afterAll(async () => {
  await server.stop();
});

/** The server's whole document, as it would send it to a new client. */
async function fullState(observer: RawSocket): Promise<Uint8Array> {
  observer.messages.length = 0;
  observer.ws.send(syncFrame(0, new Uint8Array([0])));
  await eventually(() => expect(observer.messages.some((m) => parseFrame(m).sub === 1)).toBe(true), {
    interval: 1,
  });
  return parseFrame(observer.messages.find((m) => parseFrame(m).sub === 1)!).payload!;
}

async function openSocket(map: Created, token: string): Promise<RawSocket> {
  const s = rawSocket(server, `/sync/${map.id}?token=${token}`);
  await s.opened;
  // Wait for the greeting, so the room is loaded and later replies are ours.
  await eventually(() => expect(s.messages.length).toBeGreaterThan(0), { interval: 1 });
  return s;
}

function send(s: RawSocket, f: FuzzFrame): void {
  s.ws.send(f.data, { binary: typeof f.data !== 'string' });
}

describe('fuzzed frames', () => {
  it(`[SV-L8] [SV-P4] 10,000 hostile frames while 5 honest editors edit (seed ${SEED})`, async () => {
    const gen = prng.create(SEED);
    const corpus = realFrames(gen);
    const log: string[] = [];
    try {
      const honestMap = await createMap(server);
      const strictMap = await createMap(server);
      const editors: Client[] = [0, 1, 2, 3, 4].map(() => connect(server, honestMap.id, honestMap.editToken));
      await Promise.all(editors.map((e) => synced(e)));
      const drops: string[] = [];
      editors.forEach((e, i) =>
        e.provider.on('connection-close', (ev: { code: number } | null) => drops.push(`editor ${i}: ${ev?.code}`)),
      );
      let tick = 0;
      const editing = setInterval(() => {
        tick++;
        editors.forEach((e, i) => e.doc.getMap('steps').set(`e${i}-${tick % 50}`, tick));
      }, 30);

      // Storm: frames to the honest editors' room over many sockets at once.
      let stormSent = 0;
      const worker = async (): Promise<void> => {
        while (stormSent < STORM_FRAMES) {
          const token = prng.bool(gen) ? honestMap.editToken : honestMap.viewToken;
          const s = await openSocket(honestMap, token);
          for (let i = 0; i < 25 && stormSent < STORM_FRAMES && s.ws.readyState === s.ws.OPEN; i++) {
            const f = nextFrame(gen, corpus, MAX_FRAME);
            log.push(`storm ${stormSent}: ${describeFrame(f)}`);
            if (log.length > 50) log.shift();
            send(s, f);
            stormSent++;
          }
          await Promise.race([s.closed, new Promise((r) => setTimeout(r, 20))]);
          s.ws.terminate();
        }
      };
      const storm = Promise.all(Array.from({ length: 8 }, () => worker()));

      // Strict: one frame at a time to a second room; a refused frame must leave it byte-identical.
      const observer = await openSocket(strictMap, strictMap.viewToken);
      let socket = await openSocket(strictMap, strictMap.editToken);
      let refused = 0;
      for (let n = 0; n < STRICT_FRAMES; n++) {
        if (socket.ws.readyState !== socket.ws.OPEN) {
          socket = await openSocket(
            strictMap,
            prng.uint32(gen, 0, 3) === 0 ? strictMap.viewToken : strictMap.editToken,
          );
        }
        const before = await fullState(observer);
        const f = nextFrame(gen, corpus, MAX_FRAME);
        log.push(`strict ${n}: ${describeFrame(f)}`);
        if (log.length > 50) log.shift();
        socket.messages.length = 0;
        send(socket, f);
        socket.ws.send(syncFrame(0, new Uint8Array([0])));
        const s = socket;
        await eventually(
          () => expect(s.ws.readyState !== s.ws.OPEN || s.messages.some((m) => parseFrame(m).sub === 1)).toBe(true),
          { interval: 1, timeout: 5_000 },
        );
        const denied = s.messages.some((m) => parseFrame(m).type === 2);
        if (s.ws.readyState !== s.ws.OPEN || denied) {
          refused++;
          expect(Buffer.from(await fullState(observer)).equals(Buffer.from(before)), `frame ${n} changed the doc`).toBe(
            true,
          );
        }
      }
      await storm;
      clearInterval(editing);
      expect(refused).toBeGreaterThan(STRICT_FRAMES / 3);

      // The honest editors were never disconnected and converge with the server.
      const honestObserver = await openSocket(honestMap, honestMap.viewToken);
      await eventually(
        async () => {
          const server = await fullState(honestObserver);
          const serverDoc = new Y.Doc();
          Y.applyUpdate(serverDoc, server);
          for (const e of editors) expect(e.doc.getMap('steps').toJSON()).toEqual(serverDoc.getMap('steps').toJSON());
        },
        { timeout: 10_000, interval: 50 },
      );
      expect(drops).toEqual([]);
      for (const e of editors) expect(e.provider.wsconnected).toBe(true);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      for (const e of editors) e.destroy();
      observer.ws.close();
      honestObserver.ws.close();
    } catch (e) {
      console.error(`fuzz failed with FUZZ_SEED=${SEED}; last frames:\n${log.join('\n')}`);
      throw e;
    }
  });
});
