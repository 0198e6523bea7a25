/**
 * The composition of the server (rules SV-S7, SV-L1, SV-H15, SV-H16, SV-K1): storage, metrics, the
 * rooms, link rotation, the HTTP side and the websocket side (with its heartbeat) on one port, and the
 * order in which `close` stops them.
 */
import { createServer, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { CLOSE_CODES } from '@ketenkaart/shared';
import { resolveConfig, type ServerConfig } from './config.js';
import { DocWorker } from './document/doc-worker.js';
import { BodyBudget } from './http/body-budget.js';
import { Readiness } from './http/health.js';
import { MapCreationLimits } from './http/map-creation.js';
import { createRouter } from './http/router.js';
import { DailySnapshots } from './history/daily.js';
import { Snapshots } from './history/snapshots.js';
import { LinkRotation } from './links/link-rotation.js';
import { createMetrics } from './metrics.js';
import { AppendBatch } from './rooms/append-batch.js';
import { Rooms } from './rooms/rooms.js';
import type { Connection } from './socket/connection.js';
import { Heartbeat, checkHeartbeat } from './socket/heartbeat.js';
import { ConnectionRateLimiter } from './socket/limits.js';
import { handleSocket } from './socket/sync-socket.js';
import { guardStorage } from './storage/guarded.js';
import { SqliteStorage } from './storage/sqlite.js';
import { JsonWork } from './work/json-work.js';

/** How long shutdown waits for clients to complete the close handshake. */
const SHUTDOWN_GRACE_MS = 1_000;

/** A started server. */
export interface RunningServer {
  /** `http://host:port` (127.0.0.1 when bound to all interfaces). */
  readonly url: string;
  readonly port: number;
  /** Rooms in memory (for tests and the eviction bench). */
  readonly roomCount: () => number;
  /** Stops accepting, closes sockets with 1001, finishes writing, closes storage. */
  close(): Promise<void>;
}

/**
 * Starts the server: HTTP API, static client and the websocket endpoint on one port.
 * Options override `DEFAULT_CONFIG`; pass `port: 0` for a free port.
 */
export async function startServer(options: Partial<ServerConfig> = {}): Promise<RunningServer> {
  const config = resolveConfig(options);
  checkHeartbeat(config.heartbeatMs);
  const storage =
    config.storage ??
    new SqliteStorage(config.dataDir, undefined, config.log, { minFreeDiskBytes: config.minFreeDiskBytes });
  // What HTTP requests and link rotation call: a storage failure is a 503 there (SV-S5).
  const guarded = guardStorage(storage);
  const metrics = createMetrics();
  const docWorker = new DocWorker();
  const jsonWork = new JsonWork({
    size: config.workers,
    queueBytes: config.workQueueBytes,
    timeoutMs: config.workTimeoutMs,
    memoryMb: config.workMemoryMb,
  });
  // SV-V1-V3: the maps' history, written through the guarded storage (a failure there is a 503).
  const snapshots = new Snapshots(guarded, jsonWork);
  const daily = new DailySnapshots(snapshots, config.log);
  const rooms = new Rooms({
    storage,
    appends: new AppendBatch(storage, metrics),
    docWorker,
    metrics,
    config,
    beforeChange: (id, before) => daily.beforeChange(id, before),
  });
  const linkRotation = new LinkRotation(guarded, (id) => rooms.peek(id));
  const connections = new Set<Connection>();
  const ipLimiter = new ConnectionRateLimiter(config.maxConnectionsPerIpPerMinute);
  const syncDeps = { config, storage, rooms, metrics, ipLimiter, linkRotation, connections };

  const router = createRouter({
    config,
    storage: guarded,
    rooms,
    metrics,
    linkRotation,
    jsonWork,
    snapshots,
    bodyBudget: new BodyBudget(config.maxBodyBytesInFlight, metrics.httpBodyBytes),
    readiness: new Readiness(() => guarded.check(), { log: config.log }),
    creation: new MapCreationLimits(config, () => guarded.countMaps()),
  });
  // SV-H15: the whole request (headers and body) must arrive within requestTimeoutMs, checked
  // every quarter of it (0 turns both Node timeouts off); SV-H16: request line and headers
  // within maxHeaderBytes.
  const timeout = config.requestTimeoutMs;
  const http: Server = createServer(
    {
      maxHeaderSize: config.maxHeaderBytes,
      requestTimeout: timeout,
      headersTimeout: timeout,
      connectionsCheckingInterval: timeout > 0 ? Math.min(30_000, Math.max(50, Math.floor(timeout / 4))) : 30_000,
    },
    router.onRequest,
  );
  http.on('clientError', router.onClientError);
  // The frame limit is checked per message (4413); the transport cuts off frames above
  // twice the limit from their header, before buffering them (1009).
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxFrameBytes * 2, perMessageDeflate: false });
  wss.on('error', (e) => config.log(`websocket server: ${String(e)}`));
  const heartbeat = new Heartbeat(wss, config.heartbeatMs, metrics);
  let closing = false;
  http.on('upgrade', (req, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (closing) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      heartbeat.watch(ws);
      handleSocket(ws, req, syncDeps);
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(config.port, config.host, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    // Nothing was served: release the worker and the database so the process can end.
    await docWorker.close();
    if (!config.storage) await storage.close();
    throw error;
  }
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  config.log(`ketenkaart server listening on ${url}`);

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      closing = true;
      heartbeat.stop();
      const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
      const sockets = [...wss.clients];
      const socketsClosed = Promise.all(
        sockets.map(
          (ws) =>
            new Promise<void>((resolve) =>
              ws.readyState === ws.CLOSED ? resolve() : ws.once('close', () => resolve()),
            ),
        ),
      );
      for (const c of connections) c.close(CLOSE_CODES.shuttingDown, 'server shutting down');
      for (const ws of sockets) ws.close(CLOSE_CODES.shuttingDown, 'server shutting down');
      await rooms.drain();
      await daily.idle();
      await docWorker.close();
      await jsonWork.close();
      // Give clients a moment to answer the close frame, then cut whatever is left.
      await Promise.race([socketsClosed, new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref())]);
      http.closeAllConnections();
      for (const ws of wss.clients) ws.terminate();
      await stopped;
      wss.close();
      if (!config.storage) await storage.close();
    })());

  return { url, port, roomCount: () => rooms.size, close };
}
