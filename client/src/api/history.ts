import { serverPath } from '../host/basePath';
import { ApiError } from './api';

/** A snapshot as the server lists it (server rule SV-V1). */
export interface SnapshotInfo {
  readonly id: string;
  /** Empty for an automatic snapshot. */
  readonly name: string;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly author: string;
  readonly kind: 'named' | 'auto';
  readonly reason?: 'replace' | 'restore' | 'layout' | 'daily';
  readonly bytes: number;
}

/** The limits the server announces with the list. */
export interface SnapshotLimits {
  readonly nameChars: number;
  readonly authorChars: number;
  readonly namedPerMap: number;
}

const base = (id: string): string => serverPath(`/api/maps/${encodeURIComponent(id)}`);
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function answer<T>(response: Response): Promise<T> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  if (!response.ok) throw new ApiError(response.status, body);
  return body as T;
}

/** The map's snapshots, newest first, and the limits (either token). */
export async function listSnapshots(
  id: string,
  token: string,
): Promise<{ snapshots: SnapshotInfo[]; limits: SnapshotLimits }> {
  return answer(await fetch(`${base(id)}/snapshots`, { headers: auth(token) }));
}

/** Saves a named snapshot of the map as it is now (edit token). */
export async function saveSnapshot(id: string, token: string, name: string, author: string): Promise<SnapshotInfo> {
  const response = await fetch(`${base(id)}/snapshots`, {
    method: 'POST',
    headers: { ...auth(token), 'content-type': 'application/json' },
    body: JSON.stringify({ name, author }),
  });
  return (await answer<{ snapshot: SnapshotInfo }>(response)).snapshot;
}

/** Asks the server to keep the map as it is, before this client's layout or restore (edit token). */
export async function autoSnapshot(
  id: string,
  token: string,
  reason: 'layout' | 'restore',
  author: string,
): Promise<SnapshotInfo> {
  const response = await fetch(`${base(id)}/snapshots`, {
    method: 'POST',
    headers: { ...auth(token), 'content-type': 'application/json' },
    body: JSON.stringify({ auto: reason, author }),
  });
  return (await answer<{ snapshot: SnapshotInfo }>(response)).snapshot;
}

/** One version's content (either token), as the server sends it: the caller validates it as any JSON v1 file. */
export async function fetchVersion(id: string, token: string, sid: string): Promise<string> {
  const response = await fetch(`${base(id)}/snapshots/${encodeURIComponent(sid)}/export.json`, {
    headers: auth(token),
  });
  if (!response.ok) await answer(response);
  return response.text();
}

/**
 * One version drawn by the server as a PDF poster (either token; server rule SV-V7), with the
 * file name the server gives it.
 */
export async function fetchVersionPdf(id: string, token: string, sid: string): Promise<{ blob: Blob; name: string }> {
  const response = await fetch(`${base(id)}/snapshots/${encodeURIComponent(sid)}/export.pdf`, {
    headers: auth(token),
  });
  if (!response.ok) await answer(response);
  const named = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return { blob: await response.blob(), name: named?.[1] ?? `ketenkaart-${sid}.pdf` };
}

/** Deletes a named snapshot (edit token). */
export async function deleteSnapshot(id: string, token: string, sid: string): Promise<void> {
  await answer(
    await fetch(`${base(id)}/snapshots/${encodeURIComponent(sid)}`, { method: 'DELETE', headers: auth(token) }),
  );
}
