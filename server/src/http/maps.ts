/** The map API under `/api/maps` (rules SV-H1-H5, SV-H7, SV-H9, SV-A4, SV-L9, SV-H14, SV-H19, SV-S5, SV-X1). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLOSE_CODES, LIMITS, MAP_ID_PATTERN, mapPath, type Problem, type Role } from '@ketenkaart/shared';
import type { ServerConfig } from '../config.js';
import { CloseError, RoomFailedError } from '../errors.js';
import type { LinkRotation } from '../links/link-rotation.js';
import { hashToken, newMapId, newToken, roleOf, viewTokenFor } from '../links/tokens.js';
import type { Room } from '../rooms/room.js';
import type { Rooms } from '../rooms/rooms.js';
import type { Storage } from '../storage/types.js';
import { PngTooLarge, type JsonWork } from '../work/json-work.js';
import type { BodyBudget } from './body-budget.js';
import { HttpError, STORAGE_UNAVAILABLE, readBody, requestToken, sendJson } from './respond.js';
import { answerWork } from './work-answers.js';
import { exportRequest, type ExportFormat } from './export-request.js';

const EXPORT_TYPES: Readonly<Record<ExportFormat, string>> = {
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  png: 'image/png',
};

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
}

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL, id: string) => Promise<void>;

/** The map routes: `create`, and the rest keyed by `METHOD /suffix` after `/api/maps/:id`. */
export function mapRoutes(deps: MapRouteDeps): {
  create: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  byId: Record<string, Handler>;
} {
  const { config, storage, rooms } = deps;

  const origin = (req: IncomingMessage): string => {
    if (config.publicUrl) return config.publicUrl;
    const host = req.headers.host ?? '';
    if (!/^[A-Za-z0-9.:[\]-]{1,255}$/.test(host)) throw new HttpError(400, 'missing or malformed Host header');
    return `http://${host}`;
  };

  const links = (req: IncomingMessage, id: string, editToken: string, viewToken: string) => ({
    editToken,
    viewToken,
    editUrl: origin(req) + mapPath(id, 'editor', editToken),
    viewUrl: origin(req) + mapPath(id, 'viewer', viewToken),
  });

  /** SV-H7: 404 for a malformed id or unknown map, 401 for a missing or wrong token, 403 for a viewer. */
  const authorize = async (req: IncomingMessage, url: URL, id: string, need: Role | 'any'): Promise<Role> => {
    if (!MAP_ID_PATTERN.test(id)) throw new HttpError(404, 'no such map');
    const token = requestToken(req, url);
    if (!token) throw new HttpError(401, 'a token is required');
    const record = await storage.getMap(id);
    if (!record) throw new HttpError(404, 'no such map');
    const role = roleOf(record, token);
    if (!role) throw new HttpError(401, 'wrong or rotated token');
    if (need === 'editor' && role !== 'editor') throw new HttpError(403, 'this needs the edit link');
    return role;
  };

  /** The body's text, undefined when blank; it is parsed and validated in a worker thread (SV-W1). */
  const parseBody = async (req: IncomingMessage): Promise<string | undefined> => {
    const text = await readBody(req, config.maxBodyBytes, deps.bodyBudget);
    return text.trim() === '' ? undefined : text;
  };

  /** Holds the room in memory for one task in its queue. */
  const withRoom = async <T>(id: string, task: (room: Room) => T | Promise<T>): Promise<T> => {
    const room = rooms.acquire(id);
    try {
      return await room.run(() => task(room));
    } catch (e) {
      if (e instanceof RoomFailedError) throw new HttpError(503, STORAGE_UNAVAILABLE);
      if (e instanceof CloseError && e.code === CLOSE_CODES.documentTooLarge) throw new HttpError(413, e.message);
      throw e;
    } finally {
      rooms.release(room);
    }
  };

  const create = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    origin(req); // a malformed Host is refused before anything is stored
    const file = await parseBody(req);
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

  /** The stored updates of a map not in memory; a storage error is a 503, as for a room (SV-S5). */
  const storedDocument = async (id: string): Promise<readonly Uint8Array[]> => {
    try {
      return (await storage.loadDocument(id)).updates;
    } catch (e) {
      config.log(`export ${id}: storage failed: ${String(e)}`);
      throw new HttpError(503, STORAGE_UNAVAILABLE);
    }
  };

  const exportMap: Handler = async (req, res, url, id) => {
    await authorize(req, url, id, 'any');
    // SV-W3: a map in memory is exported from its room; one that is not, from what is stored,
    // without loading a room for it (its document is decoded only in the worker thread).
    const json = rooms.peek(id)
      ? await withRoom(id, async (room) => {
          await room.whenStored(); // SV-S2: nothing that is not stored yet
          return answerWork(deps.jsonWork.exportFile(room.document.parts()), 'document');
        })
      : await answerWork(deps.jsonWork.exportFile(await storedDocument(id)), 'document');
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
      const { request, selection } = exportRequest(format, url.searchParams);
      const input = { request, date: Date.now(), ...(selection ? { selection } : {}) };
      const draw = (doc: readonly Uint8Array[]) =>
        answerWork(deps.jsonWork.render(doc, input), 'document').catch((e: unknown) => {
          if (e instanceof PngTooLarge)
            throw new HttpError(400, e.message, [
              { path: `$.${e.unit}`, code: 'outOfRange', message: e.message, params: { max: e.largest } },
            ]);
          throw e;
        });
      const bytes = rooms.peek(id)
        ? await withRoom(id, async (room) => {
            await room.whenStored();
            return draw(room.document.parts());
          })
        : await draw(await storedDocument(id));
      res.writeHead(200, {
        'Content-Type': EXPORT_TYPES[format],
        'Content-Disposition': `attachment; filename="ketenkaart-${id}.${format}"`,
        'Content-Length': bytes.byteLength,
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
        // An SVG opened from here runs nothing, whatever it holds (it holds no script: SH-X5).
        ...(format === 'svg'
          ? { 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; font-src data:" }
          : {}),
      });
      res.end(bytes);
    };

  const replaceContent: Handler = async (req, res, url, id) => {
    await authorize(req, url, id, 'editor');
    const file = await parseBody(req);
    if (!file)
      throw new HttpError(400, 'a ketenkaart file is required', [
        { path: '$', code: 'required', message: 'empty body' },
      ]);
    await withRoom(id, async (room) => {
      // Built on a copy in a worker thread (the room's queue waits), then taken through the same
      // path as a client's update.
      const change = await answerWork(deps.jsonWork.replacement(file, room.document.parts()), 'input');
      if (change) await room.applyUpdate(change);
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
      const result = await answerWork(deps.jsonWork.layout(room.document.parts(), steps), 'document');
      if (result.update) await room.applyUpdate(result.update);
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

  const access: Handler = async (req, res, url, id) => {
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
      'GET /access': access,
    },
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
