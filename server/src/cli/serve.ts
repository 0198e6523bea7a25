/**
 * `serve`, what `node dist/main.js` does without a command (rules SV-S7, SV-C1): configuration from
 * environment variables (README.md); SIGTERM and SIGINT stop accepting, finish writing and exit. A
 * port that cannot be used is one sentence on stderr and exit code 1.
 */
import { StartupRefused } from '../cluster/mode.js';
import { configFromEnv, logOptionsFromEnv, resolveConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { startServer, type RunningServer } from '../server.js';
import { listenFailure } from '../startup-error.js';

/** Starts the server from the environment and stops it on SIGTERM or SIGINT. */
export async function serve(env: NodeJS.ProcessEnv): Promise<void> {
  const logger = createLogger(logOptionsFromEnv(env));
  const options = { ...configFromEnv(env), logger };
  let server: RunningServer;
  try {
    server = await startServer(options);
  } catch (error) {
    // SV-N7: a configuration the cluster cannot run with, said in one sentence.
    const sentence = error instanceof StartupRefused ? error.message : listenFailure(error, resolveConfig(options));
    if (sentence === null) throw error;
    console.error(sentence);
    process.exit(1);
  }
  // Tells a parent process (the durability test, the benches) where the server listens.
  process.send?.({ type: 'listening', url: server.url, port: server.port });

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
