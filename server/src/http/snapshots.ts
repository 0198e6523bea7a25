/**
 * A map's history over HTTP (rules SV-V1-SV-V7): saving, listing, exporting (JSON, SVG, PDF), comparing, restoring
 * and deleting snapshots. The JSON work (export, gzip, diff, the restore's update) runs in the work
 * pool (SV-W1); a restore is applied through the room like a client's update.
 */
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Problem } from '@ketenkaart/shared';
import { SNAPSHOT_LIMITS, TooManySnapshots, type SnapshotRequest } from '../history/snapshots.js';
import type { SnapshotRecord } from '../storage/types.js';
import type { Version } from '../work/tasks.js';
import type { MapAccess } from './map-access.js';
import type { Handler, MapRouteDeps } from './maps.js';
import { sendDrawing } from './export-drawing.js';
import { HttpError, readBody, sendJson } from './respond.js';
import { answerWork } from './work-answers.js';

const unzip = promisify(gunzip);
/** A snapshot id as `Snapshots` makes them (checked before storage is asked). */
const SNAPSHOT_ID = /^[0-9a-z]{1,12}-[A-Za-z0-9_-]{1,16}$/;
const SNAPSHOT_ROUTE = /^\/snapshots\/([^/]+)(\/export\.(?:json|svg|pdf)|\/restore)?$/;
/** Automatic snapshots a client may ask for, before what it is about to do (SV-V2). */
const CLIENT_REASONS = ['layout', 'restore'] as const;

/**
 * How the title block of an old version's drawing names it (SV-V7): its name, or why it was kept.
 * Dutch, like every word of an export (SH-X1).
 */
const AUTO_NAMES: Readonly<Record<NonNullable<SnapshotRecord['reason']>, string>> = {
  replace: 'automatisch, vóór vervangen van de inhoud',
  restore: 'automatisch, vóór terugzetten',
  layout: 'automatisch, vóór opmaak van de hele kaart',
  daily: 'automatisch, dagelijkse versie',
};
export const drawnName = (r: SnapshotRecord): string =>
  r.kind === 'named' ? r.name : r.reason ? AUTO_NAMES[r.reason] : 'automatisch';

/** What a client sees of a snapshot: the record without the storage's own fields. */
const shown = (r: SnapshotRecord) => ({
  id: r.id,
  name: r.name,
  createdAt: r.createdAt,
  author: r.author,
  kind: r.kind,
  ...(r.reason ? { reason: r.reason } : {}),
  bytes: r.bytes,
});

/**
 * The body of `POST /snapshots` (SV-V1): `{ name, author? }` for a named snapshot, `{ auto, author? }`
 * (`auto`: `layout` or `restore`) for an automatic one. Anything else is a 400 naming the field.
 */
export function snapshotRequest(text: string): SnapshotRequest {
  const refuse = (problems: Problem[]): never => {
    throw new HttpError(400, 'invalid snapshot request', problems);
  };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return refuse([{ path: '$', code: 'notJson', message: 'the body is not JSON' }]);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return refuse([{ path: '$', code: 'wrongType', message: 'expected an object', params: { expected: 'object' } }]);
  const { name, author = '', auto } = body as Record<string, unknown>;
  const extra = Object.keys(body).filter((k) => !['name', 'author', 'auto'].includes(k));
  if (extra.length > 0)
    refuse(
      extra.slice(0, 10).map((k) => ({ path: `$.${k}`, code: 'invalid', message: `unknown field ${k.slice(0, 64)}` })),
    );
  const text100 = (value: unknown, path: string, max: number, min: number): string => {
    if (typeof value !== 'string')
      return refuse([{ path, code: 'wrongType', message: 'expected a string', params: { expected: 'string' } }]);
    const trimmed = value.trim();
    if (trimmed.length > max)
      refuse([{ path, code: 'tooLong', message: `longer than ${max} characters`, params: { max } }]);
    if (trimmed.length < min) refuse([{ path, code: 'required', message: 'must not be empty' }]);
    return trimmed;
  };
  const who = text100(author, '$.author', SNAPSHOT_LIMITS.authorChars, 0);
  if (auto !== undefined) {
    if (name !== undefined) refuse([{ path: '$.name', code: 'invalid', message: 'an automatic snapshot has no name' }]);
    if (!CLIENT_REASONS.includes(auto as (typeof CLIENT_REASONS)[number]))
      refuse([
        {
          path: '$.auto',
          code: 'badValue',
          message: `auto must be one of ${CLIENT_REASONS.join(', ')}`,
          params: { allowed: CLIENT_REASONS.join(', ') },
        },
      ]);
    return { kind: 'auto', reason: auto as (typeof CLIENT_REASONS)[number], author: who };
  }
  if (name === undefined) return refuse([{ path: '$.name', code: 'required', message: 'a snapshot needs a name' }]);
  return { kind: 'named', name: text100(name, '$.name', SNAPSHOT_LIMITS.nameChars, 1), author: who };
}

/** The history routes: fixed ones by `METHOD /suffix`, and `match` for those with a snapshot id. */
export function snapshotRoutes(
  deps: MapRouteDeps,
  access: MapAccess,
): { byId: Record<string, Handler>; match: (method: string, suffix: string) => Handler | undefined } {
  const { snapshots, jsonWork, config } = deps;
  const { authorize, withRoom } = access;

  /** The snapshot, or a 404 that says it is the snapshot that is missing. */
  const snapshotOf = async (id: string, sid: string) => {
    const found = SNAPSHOT_ID.test(sid) ? await snapshots.get(id, sid) : undefined;
    if (!found) throw new HttpError(404, 'no such snapshot');
    return found;
  };

  const save: Handler = async (req, res, url, id) => {
    await authorize(req, url, id, 'editor');
    const text = await readBody(req, config.maxBodyBytes, deps.bodyBudget);
    const request = snapshotRequest(text.trim() === '' ? '{}' : text);
    const record = await withRoom(id, async (room) => {
      await room.whenStored(); // SV-S2: the snapshot holds nothing that is not stored
      try {
        return await answerWork(snapshots.take(id, room.document.parts(), request), 'document');
      } catch (e) {
        if (e instanceof TooManySnapshots) throw new HttpError(409, e.message);
        throw e;
      }
    });
    sendJson(res, 201, { snapshot: shown(record) });
  };

  const list: Handler = async (req, res, url, id) => {
    await authorize(req, url, id, 'any');
    const all = await snapshots.list(id);
    sendJson(res, 200, { snapshots: all.map(shown), limits: SNAPSHOT_LIMITS });
  };

  const exportVersion = async (req: IncomingMessage, res: ServerResponse, url: URL, id: string, sid: string) => {
    await authorize(req, url, id, 'any');
    const { record, content } = await snapshotOf(id, sid);
    const json = await unzip(content);
    res.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="ketenkaart-${id}-${record.id}.json"`,
      'Content-Length': json.byteLength,
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    });
    res.end(json);
  };

  /**
   * SV-V7: that version drawn as SVG or PDF, with the map's export query (SV-X2), in a worker
   * thread from the snapshot's JSON; the title block carries its name and its time.
   */
  const drawVersion =
    (format: 'svg' | 'pdf') =>
    async (req: IncomingMessage, res: ServerResponse, url: URL, id: string, sid: string): Promise<void> => {
      await authorize(req, url, id, 'any');
      const { record, content } = await snapshotOf(id, sid);
      const target = {
        format,
        name: `ketenkaart-${id}-${record.id}`,
        date: record.createdAt,
        snapshotName: drawnName(record),
      };
      await sendDrawing(jsonWork, res, url.searchParams, target, () => Promise.resolve({ gzip: content }));
    };

  /** SV-V4: `from` a snapshot, `to` a snapshot or `current` (the default). */
  const diff: Handler = async (req, res, url, id) => {
    await authorize(req, url, id, 'any');
    const fromId = url.searchParams.get('from');
    const toId = url.searchParams.get('to') ?? 'current';
    if (!fromId) throw new HttpError(400, 'say which version to compare from: ?from=<snapshot id>');
    const version = async (sid: string): Promise<{ version: Version; shown: object }> => {
      if (sid === 'current') return { version: { doc: await access.currentDocument(id) }, shown: { current: true } };
      const { record, content } = await snapshotOf(id, sid);
      return { version: { gzip: content }, shown: shown(record) };
    };
    const [from, to] = [await version(fromId), await version(toId)];
    const bytes = await answerWork(jsonWork.diff(from.version, to.version), 'document');
    const text = `{"from":${JSON.stringify(from.shown)},"to":${JSON.stringify(to.shown)},"diff":${Buffer.from(bytes).toString('utf8')}}`;
    res.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    });
    res.end(text);
  };

  /**
   * SV-V5: the snapshot's content as the map's, live: a snapshot of the map as it is first, then
   * one update (origin `restore` where it is built) through the room. Nothing is deleted.
   */
  const restore = async (req: IncomingMessage, res: ServerResponse, url: URL, id: string, sid: string) => {
    await authorize(req, url, id, 'editor');
    const { content } = await snapshotOf(id, sid);
    const text = (await unzip(content)).toString('utf8');
    const before = await withRoom(id, async (room) => {
      await room.whenStored();
      const kept = await answerWork(
        snapshots.take(id, room.document.parts(), { kind: 'auto', reason: 'restore', author: '' }),
        'document',
      );
      const version = room.document.version;
      const change = await answerWork(jsonWork.replacement(text, room.document.parts(), 'restore'), 'document');
      if (change && change.state) await room.applyPrepared(change.update, change.state, version);
      else if (change) await room.applyUpdate(change.update);
      return kept;
    });
    sendJson(res, 200, { restored: sid, before: shown(before) });
  };

  /** SV-V6: named snapshots only; automatic ones are the server's to thin. */
  const remove = async (req: IncomingMessage, res: ServerResponse, url: URL, id: string, sid: string) => {
    await authorize(req, url, id, 'editor');
    const { record } = await snapshotOf(id, sid);
    if (record.kind !== 'named') throw new HttpError(409, 'automatic snapshots are thinned by the server, not deleted');
    await snapshots.remove(id, sid);
    sendJson(res, 200, { deleted: sid });
  };

  const match = (method: string, suffix: string): Handler | undefined => {
    const m = SNAPSHOT_ROUTE.exec(suffix);
    if (!m) return undefined;
    const sid = decodeURIComponent(m[1]!);
    const route = `${method} ${m[2] ?? ''}`;
    if (route === 'GET /export.json') return (req, res, url, id) => exportVersion(req, res, url, id, sid);
    if (route === 'GET /export.svg') return (req, res, url, id) => drawVersion('svg')(req, res, url, id, sid);
    if (route === 'GET /export.pdf') return (req, res, url, id) => drawVersion('pdf')(req, res, url, id, sid);
    if (route === 'POST /restore') return (req, res, url, id) => restore(req, res, url, id, sid);
    if (route === 'DELETE ') return (req, res, url, id) => remove(req, res, url, id, sid);
    return undefined;
  };

  return { byId: { 'POST /snapshots': save, 'GET /snapshots': list, 'GET /diff': diff }, match };
}
