/**
 * @ketenkaart/server: the sync server. Start reading at `startServer` (server.ts),
 * then sync-socket.ts → protocol.ts → room.ts. Rules are in SPEC.md.
 */
export { startServer, type RunningServer } from './server.js';
export { configFromEnv, type ServerConfig } from './config.js';
export type { Append, Storage, MapRecord, StoredDocument } from './storage/types.js';
export { MemoryStorage } from './storage/memory.js';
export { SqliteStorage } from './storage/sqlite.js';
