/**
 * The composition of the server (rules SV-S7, SV-L1, SV-H15, SV-H16, SV-K1): storage, metrics, the
 * rooms, link rotation, the HTTP side and the websocket side (with its heartbeat) on one port, and the
 * order in which `close` stops them.
 */
import { createServer, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { CLOSE_CODES } from '@ketenkaart/shared';
import { Cluster } from './cluster/cluster.js';
import { InstanceLock } from './cluster/instance-lock.js';
import { MODE_TEXT, instanceIdOf, runMode } from './cluster/mode.js';
import { resolveConfig, type ServerConfig } from './config.js';
import { DocWorker } from './document/doc-worker.js';
import { matchBase } from './http/base-path.js';
import { BodyBudget } from './http/body-budget.js';
import { Readiness } from './http/health.js';
import { MapCreationLimits } from './http/map-creation.js';
import { sendJson } from './http/respond.js';
import { createRouter, serveMetrics } from './http/router.js';
import { DailySnapshots } from './history/daily.js';
import { Snapshots } from './history/snapshots.js';
import { LinkRotation } from './links/link-rotation.js';
import { createMetrics } from './metrics.js';
import { AppendBatch } from './rooms/append-batch.js';
import { RecordWatch } from './rooms/record-watch.js';
import { Rooms } from './rooms/rooms.js';
import type { Connection } from './socket/connection.js';
import { Heartbeat, checkHeartbeat } from './socket/heartbeat.js';
import { ConnectionRateLimiter } from './socket/limits.js';
import { handleSocket } from './socket/sync-socket.js';
import { guardStorage } from './storage/guarded.js';
import { describeDatabaseUrl, openStorage } from './storage/open.js';
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
  const mode = runMode(config);
  // SV-G5: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR; said once at start.
  const {
    storage,
    mode: storageMode,
    owned: ownsStorage,
  } = await openStorage({
    ...config,
    log: (component, line) => config.logger.warn({ component }, line),
  });
  config.logger.info(
    {
      storage: storageMode,
      ...(storageMode === 'postgres' ? { database: describeDatabaseUrl(config.databaseUrl) } : {}),
      ...(storageMode === 'sqlite' ? { dataDir: config.dataDir } : {}),
    },
    `storage: ${storageMode}`,
  );
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
  const daily = new DailySnapshots(snapshots, (line) => config.logger.warn({ component: 'history' }, line));
  // SV-N1: with REDIS_URL, several instances share the store; rooms and links tell each other.
  const cluster =
    mode === 'cluster' ? new Cluster({ ...config, instanceId: instanceIdOf(config), metrics }) : undefined;
  const rooms = new Rooms({
    storage,
    appends: new AppendBatch(storage, metrics),
    docWorker,
    metrics,
    config,
    prepareLoad: (updates) => jsonWork.load(updates),
    beforeChange: (id, before) => daily.beforeChange(id, before),
    fanout: cluster,
  });
  const linkRotation = new LinkRotation(guarded, (id) => rooms.peek(id), cluster);
  const creation = new MapCreationLimits(config, () => guarded.countMaps());
  // SV-O23: a map deleted in the file while it is open here (the command line without admin endpoints).
  const recordWatch = new RecordWatch(rooms, storage, (id) => {
    linkRotation.deleted(id);
    creation.deleted();
    config.logger.info({ room: id }, 'map deleted elsewhere; its sockets were closed');
  });
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
    storageMode,
    readiness: new Readiness(() => guarded.check(), {
      log: (line) => config.logger.warn({ component: 'readiness' }, line),
    }),
    creation,
    clusterHealth: cluster && (() => cluster.health),
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
  wss.on('error', (err) => config.logger.error({ err }, 'websocket server error'));
  const heartbeat = new Heartbeat(wss, config.heartbeatMs, metrics);
  let closing = false;
  http.on('upgrade', (req, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (closing) {
      socket.destroy();
      return;
    }
    // SV-B1: the socket path is `BASE_PATH/sync/:id`; one outside the base finds no map (4404).
    const placed = matchBase(req.url ?? '/', config.basePath);
    req.url = 'inside' in placed ? placed.inside : '/';
    wss.handleUpgrade(req, socket, head, (ws) => {
      heartbeat.watch(ws);
      handleSocket(ws, req, syncDeps);
    });
  });

  // SV-O10: /metrics alone on a port of its own, when asked for.
  const metricsHttp: Server | undefined =
    config.metricsPort > 0
      ? createServer((req, res) => {
          res.setHeader('X-Content-Type-Options', 'nosniff');
          if ((req.url ?? '/').split('?')[0] === '/metrics' && req.method === 'GET') {
            serveMetrics(req, res, { config, metrics }).catch(() => res.destroy());
          } else sendJson(res, 404, { error: 'no such route' });
        })
      : undefined;
  const listen = (server: Server, port: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  // SV-N7: one instance per database without Redis; with Redis, only instances with Redis.
  let lock: InstanceLock | undefined;
  try {
    if (config.databaseUrl) lock = await InstanceLock.take(config.databaseUrl, mode === 'cluster', config.logger);
    await cluster?.start(rooms, linkRotation);
    await listen(http, config.port);
    if (metricsHttp) await listen(metricsHttp, config.metricsPort);
  } catch (error) {
    // Nothing was served: release the worker and the database so the process can end.
    if (http.listening) await new Promise((resolve) => http.close(resolve));
    await recordWatch.stop();
    await cluster?.close();
    await lock?.close();
    await docWorker.close();
    if (ownsStorage) await storage.close();
    throw error;
  }
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  config.logger.info({ url, mode, ...(cluster ? { instance: cluster.instanceId } : {}) }, 'listening');
  config.logger.info({ mode }, `runs as ${MODE_TEXT[mode]}`);

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      closing = true;
      heartbeat.stop();
      if (metricsHttp) {
        metricsHttp.close();
        metricsHttp.closeAllConnections();
      }
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
      await recordWatch.stop();
      await rooms.drain();
      await cluster?.close();
      await daily.idle();
      await docWorker.close();
      await jsonWork.close();
      // Give clients a moment to answer the close frame, then cut whatever is left.
      await Promise.race([socketsClosed, new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref())]);
      http.closeAllConnections();
      for (const ws of wss.clients) ws.terminate();
      await stopped;
      wss.close();
      if (ownsStorage) await storage.close();
      await lock?.close();
    })());

  return { url, port, roomCount: () => rooms.size, close };
}
