/**
 * Several instances behind one load balancer (rules SV-N1-N6): what this instance's rooms store
 * is published on the map's Redis channel with this instance's id and the update's seq; what the
 * others publish is applied to the room here, if it is in memory, and broadcast to its peers. A
 * gap in the seqs, a return of Redis, or a room that just opened makes the room read what it
 * lacks from storage (`Room.catchUp`), so a lost message delays an update and never loses it.
 */
import type { LinkAnnouncer, LinkRotation } from '../links/link-rotation.js';
import { logStorageFailure, type Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Fanout } from '../rooms/fanout.js';
import type { Room } from '../rooms/room.js';
import type { Rooms } from '../rooms/rooms.js';
import {
  INSTANCES_CHANNEL,
  decodeMessage,
  encodeMessage,
  mapChannel,
  mapOfChannel,
  type BusMessage,
} from './messages.js';
import { createClusterMetrics, type ClusterMetrics } from './cluster-metrics.js';
import { RedisBus, type BusState } from './redis-bus.js';

/** How the cluster's timers run (tests shorten nothing; the figures are the rules'). */
export const CLUSTER_TIMING = {
  /** SV-N2: a gap is read from storage this long after it shows (the missing update may still be on its way). */
  gapWaitMs: 100,
  /** SV-N6: while Redis is away every room reads storage this often. */
  pollWhileDownMs: 1_000,
  /** SV-N2: and while it is up, this often (a lost last message shows no gap). */
  pollWhileUpMs: 10_000,
  /** SV-N4: each instance says it is alive this often ... */
  aliveEveryMs: 2_000,
  /** ... and one silent for this long is taken for gone: its clients' presence is removed. */
  goneAfterMs: 7_000,
} as const;

export interface ClusterOptions {
  readonly redisUrl: string;
  readonly instanceId: string;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/** The state `/healthz` and `/readyz` report (SV-N6). */
export type ClusterHealth = { redis: BusState };

export class Cluster implements Fanout, LinkAnnouncer {
  readonly instanceId: string;
  readonly #bus: RedisBus;
  readonly #logger: Logger;
  readonly #metrics: ClusterMetrics;
  #rooms: Rooms | undefined;
  #links: LinkRotation | undefined;
  /** Rooms with a catch-up scheduled. */
  readonly #catchUps = new Map<Room, NodeJS.Timeout>();
  /** Of those, the ones whose catch-up runs whether or not they still lack an update. */
  readonly #always = new Set<Room>();
  /** Rooms with a catch-up running (a second one waits for it). */
  readonly #running = new Set<Room>();
  /** When each other instance was last heard from. */
  readonly #seen = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;
  #lastPoll = 0;
  #lastAlive = 0;

  constructor(options: ClusterOptions) {
    this.instanceId = options.instanceId;
    this.#logger = options.logger.child({ component: 'cluster', instance: options.instanceId });
    this.#metrics = createClusterMetrics(options.metrics);
    this.#bus = new RedisBus(options.redisUrl, {
      message: (channel, bytes) => this.#onMessage(channel, bytes),
      up: () => this.#onUp(),
      down: (reason) => {
        this.#metrics.redisUp.set(0);
        this.#logger.warn({ reason }, 'Redis lost: updates from other instances arrive late');
      },
    });
  }

  get health(): ClusterHealth {
    return { redis: this.#bus.state };
  }

  /** Connects to Redis (waiting at most `waitMs`; without it the instance starts degraded) and starts the timers. */
  async start(rooms: Rooms, links: LinkRotation, waitMs = 3_000): Promise<void> {
    this.#rooms = rooms;
    this.#links = links;
    await this.#bus.subscribe(INSTANCES_CHANNEL);
    await this.#bus.start(waitMs);
    if (this.#bus.state !== 'up')
      this.#logger.warn('Redis not reachable yet: updates from other instances arrive late');
    this.#timer = setInterval(() => this.#tick(), 250);
    this.#timer.unref();
  }

  /** Says goodbye (the others drop this instance's presence at once) and disconnects. */
  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    for (const t of this.#catchUps.values()) clearTimeout(t);
    this.#catchUps.clear();
    this.#always.clear();
    this.#publish(INSTANCES_CHANNEL, { kind: 'leaving', from: this.instanceId });
    await this.#bus.close();
  }

  // --- Fanout: what the rooms here tell the others.

  opened(room: Room): void {
    void this.#bus.subscribe(mapChannel(room.id)).then((subscribed) => {
      if (!subscribed || this.#rooms?.peek(room.id) !== room) return;
      // What was published between the room's load and the subscription is read from storage;
      // the others' presence is asked for.
      this.#scheduleCatchUp(room, 0);
      this.#publish(mapChannel(room.id), { kind: 'awarenessQuery', from: this.instanceId });
    });
  }

  stored(room: Room, seq: number, update: Uint8Array): void {
    this.#publish(mapChannel(room.id), { kind: 'update', from: this.instanceId, seq, update });
    // Its seq can show that another instance's update never reached this one.
    if (room.hasGap) this.#scheduleCatchUp(room, CLUSTER_TIMING.gapWaitMs, true);
  }

  awareness(room: Room, update: Uint8Array): void {
    this.#publish(mapChannel(room.id), { kind: 'awareness', from: this.instanceId, update });
  }

  closed(room: Room): void {
    if (!this.#rooms?.peek(room.id)) this.#bus.unsubscribe(mapChannel(room.id));
    const t = this.#catchUps.get(room);
    if (t) clearTimeout(t);
    this.#catchUps.delete(room);
    this.#always.delete(room);
  }

  // --- LinkAnnouncer: rotations and deletions here, told to the others (SV-N5).

  rotated(id: string): void {
    this.#publish(INSTANCES_CHANNEL, { kind: 'rotated', from: this.instanceId, mapId: id });
  }

  deleted(id: string): void {
    this.#publish(INSTANCES_CHANNEL, { kind: 'deleted', from: this.instanceId, mapId: id });
  }

  #publish(channel: string, message: BusMessage): void {
    if (this.#bus.publish(channel, encodeMessage(message))) {
      this.#metrics.messages.inc({ direction: 'published', kind: message.kind });
    }
  }

  #onMessage(channel: string, bytes: Uint8Array): void {
    const m = decodeMessage(bytes);
    if (!m || m.from === this.instanceId) return;
    this.#metrics.messages.inc({ direction: 'received', kind: m.kind });
    this.#seen.set(m.from, Date.now());
    const mapId = mapOfChannel(channel);
    if (mapId === undefined) return this.#onInstancesMessage(m);
    const room = this.#rooms?.peek(mapId);
    if (!room) return;
    switch (m.kind) {
      case 'update':
        room
          .run(() => room.applyStored(m.update, m.seq))
          .then(
            () => {
              if (room.hasGap) this.#scheduleCatchUp(room, CLUSTER_TIMING.gapWaitMs, true);
            },
            () => {},
          );
        return;
      case 'awareness':
        return this.#whenReady(room, () => room.awareness.receiveRemote(m.from, m.update));
      case 'awarenessQuery':
        return this.#whenReady(room, () => {
          const states = room.awareness.localStates();
          if (states) this.awareness(room, states);
        });
      default:
        return;
    }
  }

  /** Runs `task` now if the room is loaded, else once it is (the subscription starts as the room starts loading). */
  #whenReady(room: Room, task: () => void): void {
    if (room.ready) return task();
    room.run(task).catch(() => {});
  }

  #onInstancesMessage(m: BusMessage): void {
    switch (m.kind) {
      case 'rotated':
        this.#links?.rotatedElsewhere(m.mapId);
        return;
      case 'deleted':
        this.#links?.deletedElsewhere(m.mapId);
        // The rows are gone already: the room here closes its sockets (4410) and leaves memory.
        void this.#rooms?.delete(m.mapId, () => Promise.resolve(true)).catch(() => {});
        return;
      case 'leaving':
        return this.#gone(m.from);
      default:
        return;
    }
  }

  /** SV-N4: an instance that left or went silent: its clients' presence is removed everywhere here. */
  #gone(instance: string): void {
    this.#seen.delete(instance);
    for (const room of this.#rooms?.all() ?? []) if (room.ready) room.awareness.dropInstance(instance);
  }

  #onUp(): void {
    this.#metrics.redisUp.set(1);
    this.#logger.info('Redis connected: updates from other instances arrive live');
    // Whatever was published while this instance did not hear is in storage.
    for (const room of this.#rooms?.all() ?? []) this.#scheduleCatchUp(room, 0);
    this.#publish(INSTANCES_CHANNEL, { kind: 'alive', from: this.instanceId });
    for (const room of this.#rooms?.all() ?? []) {
      this.#publish(mapChannel(room.id), { kind: 'awarenessQuery', from: this.instanceId });
    }
  }

  #tick(): void {
    const now = Date.now();
    const up = this.#bus.state === 'up';
    if (up && now - this.#lastAlive >= CLUSTER_TIMING.aliveEveryMs) {
      this.#lastAlive = now;
      this.#publish(INSTANCES_CHANNEL, { kind: 'alive', from: this.instanceId });
    }
    for (const [instance, at] of this.#seen) if (now - at > CLUSTER_TIMING.goneAfterMs) this.#gone(instance);
    const every = up ? CLUSTER_TIMING.pollWhileUpMs : CLUSTER_TIMING.pollWhileDownMs;
    if (now - this.#lastPoll >= every) {
      this.#lastPoll = now;
      for (const room of this.#rooms?.all() ?? []) this.#scheduleCatchUp(room, 0);
    }
  }

  /**
   * SV-N2: reads what `room` lacks from storage after `delayMs`, once (a later request joins the
   * scheduled one). `ifGap`: only if the room still lacks an update then (usually the missing
   * message has arrived meanwhile: two instances' seqs interleave).
   */
  #scheduleCatchUp(room: Room, delayMs: number, ifGap = false): void {
    if (!ifGap) this.#always.add(room);
    if (this.#catchUps.has(room)) return;
    const timer = setTimeout(() => {
      this.#catchUps.delete(room);
      const always = this.#always.delete(room);
      if (this.#running.has(room) || this.#rooms?.peek(room.id) !== room) return;
      if (!always && !room.hasGap) return;
      this.#running.add(room);
      room
        .catchUp()
        .then((lacked) => this.#metrics.caughtUp.inc(lacked))
        .catch((e: unknown) => {
          if (room.ready) logStorageFailure(this.#logger, 'catch-up', e, { room: room.id });
        })
        .finally(() => this.#running.delete(room));
    }, delayMs);
    timer.unref();
    this.#catchUps.set(room, timer);
  }
}
