/**
 * The command-line entry, `node dist/main.js` (rule SV-S7): configuration from environment
 * variables (README.md); SIGTERM and SIGINT stop accepting, finish writing and exit.
 */
import { configFromEnv } from './config.js';
import { startServer } from './server.js';

const log = (line: string): void => console.log(`${new Date().toISOString()} ${line}`);

const server = await startServer({ ...configFromEnv(process.env), log });
// Tells a parent process (the durability test, the benches) where the server listens.
process.send?.({ type: 'listening', url: server.url, port: server.port });

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  log(`${signal}: shutting down`);
  server.close().then(
    () => process.exit(0),
    (e: unknown) => {
      log(`shutdown failed: ${String(e)}`);
      process.exit(1);
    },
  );
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
