/**
 * Starts a worker thread running one of the server's modules: the compiled file next to the
 * caller, or, when the server runs from its TypeScript source (tsx, vitest), the source file
 * through tsx, with `@ketenkaart/shared` resolved to its source as the tests resolve it. (A worker
 * does not inherit the loader of the thread that starts it.) The module reads what it is given
 * as `workerData.input`.
 */
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** Registers tsx's loader in the thread, then imports the entry. */
const SOURCE_BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx)
  .then(({ register }) => { register({ tsconfig: workerData.tsconfig }); return import(workerData.entry); })
  .catch((e) => { setImmediate(() => { throw e; }); });
`;

/**
 * A thread running `name` (without extension) from the directory of `callerUrl`
 * (`import.meta.url` of the caller), given `input`.
 */
export function moduleWorker(
  callerUrl: string,
  name: string,
  input?: unknown,
  resourceLimits?: ResourceLimits,
): Worker {
  const limits = resourceLimits ? { resourceLimits } : {};
  if (!callerUrl.endsWith('.ts'))
    return new Worker(new URL(`./${name}.js`, callerUrl), { ...limits, workerData: { input } });
  return new Worker(SOURCE_BOOT, {
    eval: true,
    ...limits,
    workerData: {
      input,
      tsx: import.meta.resolve('tsx/esm/api'),
      tsconfig: fileURLToPath(new URL('../../tsconfig.test.json', import.meta.url)),
      entry: new URL(`./${name}.ts`, callerUrl).href,
    },
  });
}
