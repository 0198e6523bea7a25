/** The map API under `/api/maps` (rules SV-H1-H5, SV-H7, SV-H9, SV-A4, SV-L9, SV-H14, SV-H19, SV-O1, SV-S5, SV-V2, SV-X1). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LIMITS, mapPath, type Problem } from '@ketenkaart/shared';
import type { ServerConfig } from '../config.js';
import type { LinkRotation } from '../links/link-rotation.js';
import { hashToken, newMapId, newToken, viewTokenFor } from '../links/tokens.js';
import type { Rooms } from '../rooms/rooms.js';
import type { Storage } from '../storage/types.js';
import type { JsonWork } from '../work/json-work.js';
import type { Snapshots } from '../history/snapshots.js';
import type { BodyBudget } from './body-budget.js';
import type { MapCreationLimits } from './map-creation.js';
import { deleteMapEverywhere } from './map-deletion.js';
import { mapAccess } from './map-access.js';
import { snapshotRoutes } from './snapshots.js';
import { HttpError, isBlank, readBody, readBodyBytes, requestToken, sendJson } from './respond.js';
import { answerWork } from './work-answers.js';
import type { ExportFormat } from './export-request.js';
import { sendDrawing } from './export-drawing.js';

/** What the map routes need. */
export interface MapRouteDeps {
  /** The worker threads that parse, validate, build and export documents (SV-W1). */
  readonly jsonWork: JsonWork;
  readonly config: ServerConfig;
  readonly storage: Storage;
  readonly rooms: Rooms;
  readonly linkRotation: LinkRotation;
  /** Request body bytes in flight over all requests (SV-H14). */
  readonly bodyBudget: BodyBudget;
  /** The quota of stored maps, told of deletions (SV-H13, SV-O1). */
  readonly creation: Pick<MapCreationLimits, 'deleted'>;
  /** The maps' history (SV-V1-V3). */
  readonly snapshots: Snapshots;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL, id: string) => Promise<void>;

/** The map routes: `create`, and the rest keyed by `METHOD /suffix` after `/api/maps/:id`. */
export function mapRoutes(deps: MapRouteDeps): {
  create: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  byId: Record<string, Handler>;
  /** The routes with a parameter after the map's id (`/snapshots/:sid/...`), if `suffix` is one. */
  match: (method: string, suffix: string) => Handler | undefined;
} {
  const { config, storage } = deps;

  const origin = (req: IncomingMessage): string => {
    if (config.publicUrl) return config.publicUrl;
    const host = req.headers.host ?? '';
    if (!/^[A-Za-z0-9.:[\]-]{1,255}$/.test(host)) throw new HttpError(400, 'missing or malformed Host header');
    return `http://${host}`;
  };

  const links = (req: IncomingMessage, id: string, editToken: string, viewToken: string) => ({
    editToken,
    viewToken,
    editUrl: origin(req) + config.basePath + mapPath(id, 'editor', editToken),
    viewUrl: origin(req) + config.basePath + mapPath(id, 'viewer', viewToken),
  });

  const access = mapAccess(config, storage, deps.rooms);
  const { authorize, withRoom } = access;
  const history = snapshotRoutes(deps, access);

  /** The body's text, undefined when blank; it is parsed and validated in a worker thread (SV-W1). */
  const parseBody = async (req: IncomingMessage): Promise<string | undefined> => {
    const text = await readBody(req, config.maxBodyBytes, deps.bodyBudget);
    return text.trim() === '' ? undefined : text;
  };

  /** A file's body as bytes, handed to the work thread without being decoded here (SV-W5). */
  const fileBody = async (req: IncomingMessage): Promise<Uint8Array | undefined> => {
    const bytes = await readBodyBytes(req, config.maxBodyBytes, deps.bodyBudget);
    return isBlank(bytes) ? undefined : bytes;
  };

  const create = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    origin(req); // a malformed Host is refused before anything is stored
    const file = await fileBody(req);
    const initial = file ? await answerWork(deps.jsonWork.importFile(file), 'input') : undefined;
    const id = newMapId();
    const editToken = newToken();
    const viewToken = viewTokenFor(editToken);
    const record = {
      id,
      editTokenHash: hashToken(editToken),
      viewTokenHash: hashToken(viewToken),
      createdAt: Date.now(),
    };
    await storage.createMap(record, initial);
    sendJson(res, 201, { id, ...links(req, id, editToken, viewToken) });
  };

  const exportMap: Handler = async (req, res, url, id) => {
    await authorize(req, url, id, 'any');
    // SV-W3: a map in memory is exported from its room; one that is not, from what is stored,
    // without loading a room for it (its document is decoded only in the worker thread).
    const json = await answerWork(deps.jsonWork.exportFile(await access.currentDocument(id)), 'document');
    res.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="ketenkaart-${id}.json"`,
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    });
    res.end(json);
  };

  /**
   * SV-X1: the map as SVG, PDF or PNG, drawn in a worker thread from the room's document or, for
   * a map not in memory, from what is stored (as `export.json`). A PNG past the limit is a 400
   * that names the largest possible (SH-X6).
   */
  const exportDrawing =
    (format: ExportFormat): Handler =>
    async (req, res, url, id) => {
      await authorize(req, url, id, 'any');
      // The document as stored (SV-S2, SV-W3); the room's queue is not held while it is drawn.
      await sendDrawing(
        deps.jsonWork,
        res,
        url.searchParams,
        { format, name: `ketenkaart-${id}`, date: Date.now() },
        async () => ({
          doc: await access.currentDocument(id),
        }),
      );
    };

  const replaceContent: Handler = async (req, res, url, id) => {
    await authorize(req, url, id, 'editor');
    const file = await fileBody(req);
    if (!file)
      throw new HttpError(400, 'a ketenkaart file is required', [
        { path: '$', code: 'required', message: 'empty body' },
      ]);
    await withRoom(id, async (room) => {
      // SV-V2: the content as it was is kept first; should that fail, nothing is replaced.
      await room.whenStored();
      await deps.snapshots.take(id, room.document.parts(), { kind: 'auto', reason: 'replace', author: '' });
      // Built on a copy in a worker thread (the room's queue waits), then taken through the same
      // path as a client's update.
      const version = room.document.version;
      const change = await answerWork(deps.jsonWork.replacement(file, room.document.parts()), 'input');
      if (change && change.state) await room.applyPrepared(change.update, change.state, version);
      else if (change) await room.applyUpdate(change.update);
    });
    sendJson(res, 200, { ok: true });
  };

  /**
   * SV-H19: lays the map out (or the steps of the body's `steps`) in a worker thread and applies
   * the update through the room, like a client's update, so everyone connected sees it at once.
   */
  const layout: Handler = async (req, res, url, id) => {
    await authorize(req, url, id, 'editor');
    const steps = layoutRequest(await parseBody(req));
    const moved = await withRoom(id, async (room) => {
      if (!steps) {
        // SV-V2: a layout of the whole map is kept from before it.
        await room.whenStored();
        await deps.snapshots.take(id, room.document.parts(), { kind: 'auto', reason: 'layout', author: '' });
      }
      const version = room.document.version;
      const result = await answerWork(deps.jsonWork.layout(room.document.parts(), steps), 'document');
      if (result.update && result.state) await room.applyPrepared(result.update, result.state, version);
      else if (result.update) await room.applyUpdate(result.update);
      return result.moved;
    });
    sendJson(res, 200, { moved });
  };

  /** SV-H4, SV-A4: new tokens; the old ones and every socket opened with them stop working. */
  const rotate: Handler = async (req, res, url, id) => {
    await authorize(req, url, id, 'editor');
    const { editToken, viewToken } = await deps.linkRotation.rotate(id);
    sendJson(res, 200, links(req, id, editToken, viewToken));
  };

  /** SV-H9: the links of a map, for anyone holding its edit link. */
  const getLinks: Handler = async (req, res, url, id) => {
    await authorize(req, url, id, 'editor');
    const editToken = requestToken(req, url) ?? '';
    const { editUrl, viewUrl } = links(req, id, editToken, viewTokenFor(editToken));
    sendJson(res, 200, { editUrl, viewUrl });
  };

  /**
   * SV-O1: deletes the map for good: its rows (updates, snapshot, token hashes), its room, its
   * open sockets (closed with 4410) and any socket whose token is being checked.
   */
  const deleteMap: Handler = async (req, res, url, id) => {
    await authorize(req, url, id, 'editor');
    if (!(await deleteMapEverywhere(id, deps))) throw new HttpError(404, 'no such map');
    sendJson(res, 200, { deleted: true });
  };

  const getAccess: Handler = async (req, res, url, id) => {
    const role = await authorize(req, url, id, 'any');
    sendJson(res, 200, { role });
  };

  return {
    create,
    byId: {
      'GET /export.json': exportMap,
      'GET /export.svg': exportDrawing('svg'),
      'GET /export.pdf': exportDrawing('pdf'),
      'GET /export.png': exportDrawing('png'),
      'PUT /content': replaceContent,
      'POST /layout': layout,
      'POST /links/rotate': rotate,
      'GET /links': getLinks,
      'GET /access': getAccess,
      'DELETE /': deleteMap,
      ...history.byId,
    },
    match: history.match,
  };
}

/**
 * The body of `POST /layout` (SV-H19): none, `{}`, or `{ "steps": [ids] }`; the ids of the steps to
 * lay out, undefined for the whole map. Anything else is a 400 with its problems.
 */
export function layoutRequest(text: string | undefined): readonly string[] | undefined {
  if (text === undefined) return undefined;
  const refuse = (problems: Problem[]): never => {
    throw new HttpError(400, 'invalid layout request', problems);
  };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return refuse([{ path: '$', code: 'notJson', message: 'the body is not JSON' }]);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return refuse([{ path: '$', code: 'wrongType', message: 'expected an object', params: { expected: 'object' } }]);
  const extra = Object.keys(body).filter((k) => k !== 'steps');
  if (extra.length > 0)
    return refuse(
      extra.slice(0, 10).map((k) => ({ path: `$.${k}`, code: 'invalid', message: `unknown field ${k.slice(0, 64)}` })),
    );
  const steps = (body as { steps?: unknown }).steps;
  if (steps === undefined) return undefined;
  if (!Array.isArray(steps))
    return refuse([
      { path: '$.steps', code: 'wrongType', message: 'expected an array', params: { expected: 'array' } },
    ]);
  if (steps.length > LIMITS.steps)
    return refuse([
      { path: '$.steps', code: 'tooMany', message: `at most ${LIMITS.steps} steps`, params: { max: LIMITS.steps } },
    ]);
  const problems: Problem[] = [];
  steps.forEach((s: unknown, i) => {
    if (typeof s !== 'string')
      problems.push({
        path: `$.steps[${i}]`,
        code: 'wrongType',
        message: 'expected a string',
        params: { expected: 'string' },
      });
    else if (s.length === 0 || s.length > LIMITS.idChars)
      problems.push({ path: `$.steps[${i}]`, code: 'badId', message: `an id has 1 to ${LIMITS.idChars} characters` });
  });
  if (problems.length > 0) refuse(problems.slice(0, 100));
  return steps as string[];
}
