/** How the synchronous backends keep the async `Storage` contract (rule SV-S8). */

/** Runs a synchronous storage call and returns its outcome as a settled promise. */
export function attempt<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}
