/**
 * The running server as the command line reaches it (rule SV-O4): its admin endpoints, with
 * `KETENKAART_ADMIN_TOKEN`. Without the token, or with no server answering, there is no live view.
 */

/** How long the command line waits for the running server. */
const TIMEOUT_MS = 3_000;

/** The running server's admin endpoints, or why there is none. */
export type Live = { readonly url: string; readonly token: string } | { readonly unavailable: string };

/** The live server named by `--url` (default: this machine's `PORT`) and `KETENKAART_ADMIN_TOKEN`. */
export function liveServer(url: string | undefined, env: NodeJS.ProcessEnv): Live {
  const token = env['KETENKAART_ADMIN_TOKEN'] ?? '';
  if (!token) return { unavailable: 'KETENKAART_ADMIN_TOKEN is not set' };
  return { url: (url ?? `http://127.0.0.1:${env['PORT'] || '8080'}`).replace(/\/+$/, ''), token };
}

async function call(live: Live, method: string, path: string): Promise<Response | string> {
  if ('unavailable' in live) return live.unavailable;
  try {
    return await fetch(`${live.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${live.token}` },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    return `no server answers at ${live.url} (${e instanceof Error ? e.message : String(e)})`;
  }
}

/** Connected clients per map in memory, or why they are not known. */
export async function liveClients(live: Live): Promise<Map<string, number> | string> {
  const res = await call(live, 'GET', '/admin/rooms');
  if (typeof res === 'string') return res;
  if (!res.ok) return `the server answered ${res.status} to /admin/rooms (is KETENKAART_ADMIN_TOKEN the server's?)`;
  const body = (await res.json()) as { rooms: { id: string; clients: number }[] };
  return new Map(body.rooms.map((r) => [r.id, r.clients]));
}

/** What a deletion through the running server came to: done, no such map, or why it could not ask. */
export type LiveDeletion = { readonly done: 'deleted' | 'missing' } | { readonly unavailable: string };

/** Deletes a map through the running server. */
export async function liveDelete(live: Live, id: string): Promise<LiveDeletion> {
  const res = await call(live, 'DELETE', `/admin/maps/${encodeURIComponent(id)}`);
  if (typeof res === 'string') return { unavailable: res };
  if (res.status === 200) return { done: 'deleted' };
  if (res.status === 404) {
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    // 'no such route': the server runs without an admin token.
    return body.error === 'no such map'
      ? { done: 'missing' }
      : { unavailable: `the server has no admin endpoints (${body.error ?? 404})` };
  }
  return { unavailable: `the server answered ${res.status}` };
}
