import type { MapFile, Role } from '@ketenkaart/shared';
import { serverPath } from '../host/basePath';

export interface MapLinks {
  readonly id: string;
  readonly editToken: string;
  readonly viewToken: string;
  readonly editUrl: string;
  readonly viewUrl: string;
}

/** An HTTP answer other than 2xx. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

async function json<T>(response: Response): Promise<T> {
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

/** Creates a map, empty or with the given JSON v1 content. */
export async function createMap(content?: MapFile): Promise<MapLinks> {
  const response = await fetch(serverPath('/api/maps'), {
    method: 'POST',
    headers: content ? { 'content-type': 'application/json' } : {},
    ...(content ? { body: JSON.stringify(content) } : {}),
  });
  return json<MapLinks>(response);
}

/** The role a token grants on a map; throws ApiError 401/404 for a bad link. */
export async function checkAccess(id: string, token: string): Promise<Role> {
  const response = await fetch(
    serverPath(`/api/maps/${encodeURIComponent(id)}/access?token=${encodeURIComponent(token)}`),
  );
  return (await json<{ role: Role }>(response)).role;
}

/** Replaces both links of a map; the old ones stop working. */
export async function rotateLinks(id: string, editToken: string): Promise<Omit<MapLinks, 'id'>> {
  const response = await fetch(serverPath(`/api/maps/${encodeURIComponent(id)}/links/rotate`), {
    method: 'POST',
    headers: { authorization: `Bearer ${editToken}` },
  });
  return json<Omit<MapLinks, 'id'>>(response);
}

/** Deletes a map for good (its links stop working); throws ApiError 401/403/404/503. */
export async function deleteMap(id: string, editToken: string): Promise<void> {
  const response = await fetch(serverPath(`/api/maps/${encodeURIComponent(id)}`), {
    method: 'DELETE',
    headers: { authorization: `Bearer ${editToken}` },
  });
  await json<{ deleted: true }>(response);
}

/** Both links of a map, for a holder of its edit link; throws ApiError 401/403/404. */
export async function fetchLinks(id: string, editToken: string): Promise<{ editUrl: string; viewUrl: string }> {
  const response = await fetch(serverPath(`/api/maps/${encodeURIComponent(id)}/links`), {
    headers: { authorization: `Bearer ${editToken}` },
  });
  return json<{ editUrl: string; viewUrl: string }>(response);
}
