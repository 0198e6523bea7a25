/** Bench child: the Ketenkaart server (SQLite in DATA_DIR), reporting stats over IPC. */
// The built server (`pnpm build`), as production runs it; tsx's transform of the sources costs extra.
// BENCH_SERVER_DIST=<dir> runs another build's `server/dist` instead (an earlier commit, to compare).
import { pathToFileURL } from 'node:url';
import type * as ServerModule from '../../server/dist/index.js';

const other = process.env['BENCH_SERVER_DIST'];
const { MemoryStorage, configFromEnv, startServer } = (await import(
  other ? pathToFileURL(`${other}/index.js`).href : '../../server/dist/index.js'
)) as typeof ServerModule;
import { serveStats } from './child-stats.js';

const server = await startServer({
  ...configFromEnv(process.env),
  port: 0,
  host: '127.0.0.1',
  dataDir: process.env['DATA_DIR'] ?? './data',
  // The load comes from one address and fills rooms well past a workshop's size.
  maxConnectionsPerIpPerMinute: 1_000_000,
  maxMapsPerIpPerHour: 1_000_000,
  maxConnectionsPerRoom: 10_000,
  // BENCH_STORAGE=memory isolates the cost of SQLite.
  storage: process.env['BENCH_STORAGE'] === 'memory' ? new MemoryStorage() : undefined,
});
serveStats(() => server.roomCount());
process.send?.({ type: 'listening', url: server.url });
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
