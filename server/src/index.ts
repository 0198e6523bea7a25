/**
 * The package's entry: `startServer`, its configuration and the storage backends (rules SV-S8, SV-G3).
 * Start reading at `startServer` (server.ts), then socket/sync-socket.ts → socket/protocol.ts →
 * rooms/room.ts → document/doc-state.ts. Rules are in SPEC.md.
 */
export { startServer, type RunningServer } from './server.js';
export { configFromEnv, type ServerConfig } from './config.js';
export type { Append, Storage, MapRecord, SeqUpdate, StoredDocument } from './storage/types.js';
export { SeqCompactedError } from './storage/types.js';
export { MemoryStorage } from './storage/memory.js';
export { SqliteStorage } from './storage/sqlite.js';
export { PostgresStorage } from './storage/postgres.js';
export type { PostgresOptions } from './storage/postgres-pool.js';
