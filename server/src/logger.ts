/**
 * The server's log (rule SV-O5-O8): pino, one JSON object per line with a numeric `level`, `time`
 * and `msg` (a human-readable form through pino-pretty when `KETENKAART_LOG_FORMAT=pretty`), level
 * from `LOG_LEVEL`. No token ever reaches it: headers that carry one are redacted by path, and any
 * `token=`, `#edit=` or `#view=` value and `Bearer` credential in a string is replaced before a
 * line is written. Repeated failures are logged once per cause and interval (`LogOnce`).
 */
import { Writable } from 'node:stream';
import { pino, type Logger, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

/** The levels `LOG_LEVEL` may name. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `json` (the default: for log collectors) or `pretty` (coloured lines for a person, in development). */
export type LogFormat = 'json' | 'pretty';

/** What is put in place of a secret. */
export const REDACTED = '[redacted]';

/** A token in a URL (query or fragment) or an Authorization value inside a string. */
const SECRET_IN_TEXT = /((?:[?&#;]|\b)(?:token|edit|view)=)[^&#\s"'<>]+|(\bBearer\s+)[^\s"',]+/gi;

/** `text` with every token in it replaced by `[redacted]`. */
export function scrub(text: string): string {
  return text.replace(SECRET_IN_TEXT, (_m, param: string | undefined, bearer: string | undefined) =>
    param ? `${param}${REDACTED}` : `${bearer ?? ''}${REDACTED}`,
  );
}

/** Replaces secrets in every string of a log object (depth-limited: log objects are small). */
function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: scrub(value.message), stack: value.stack ? scrub(value.stack) : undefined };
  }
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, depth + 1)]));
}

/** Options of `createLogger`. */
export interface LogOptions {
  readonly level?: LogLevel;
  readonly format?: LogFormat;
  /** Where lines go (default: stdout). Anything with `write(line)`. */
  readonly destination?: { write(line: string): void };
}

/** A pino logger with the server's redaction (SV-O6). */
export function createLogger(options: LogOptions = {}): Logger {
  const config: LoggerOptions = {
    level: options.level ?? 'info',
    base: { service: 'ketenkaart' },
    // Paths that may hold a token whatever their text looks like.
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        'headers.cookie',
        '*.token',
        '*.editToken',
        '*.viewToken',
        'token',
        'editToken',
        'viewToken',
      ],
      censor: REDACTED,
    },
    formatters: { log: (object) => scrubValue(object) as Record<string, unknown> },
    hooks: {
      // The message and any interpolated arguments.
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? scrub(a) : a)) as Parameters<typeof method>);
      },
    },
  };
  if (options.format === 'pretty') {
    const to = options.destination;
    const destination = to
      ? new Writable({
          write(chunk: Buffer, _encoding, done) {
            to.write(chunk.toString());
            done();
          },
        })
      : 1;
    // Colours only on a terminal that shows them (pino-pretty's own test), never into a file.
    return pino(config, pretty({ sync: true, ...(to ? { colorize: false } : {}), destination }));
  }
  return options.destination ? pino(config, options.destination) : pino(config);
}

/** A logger that writes nothing (the default of `startServer`, so tests are quiet). */
export const silentLogger: Logger = pino({ level: 'silent' });

/** One `LogOnce` per logger, so that every part of a server shares it without passing it around. */
const onceByLogger = new WeakMap<Logger, LogOnce>();

/**
 * SV-O8: a storage failure, at level error, once per operation and cause per minute, with how many
 * were left out since; the cause is what the backend threw (a `StorageError`'s `cause` included).
 */
export function logStorageFailure(logger: Logger, operation: string, error: unknown, fields: object = {}): void {
  let once = onceByLogger.get(logger);
  if (!once) onceByLogger.set(logger, (once = new LogOnce()));
  const root = error instanceof Error && error.cause !== undefined ? error.cause : error;
  const cause = root instanceof Error ? root.message : String(root);
  once.log(`${operation}: ${cause}`, (suppressed) =>
    logger.error({ ...fields, operation, cause, ...(suppressed > 0 ? { suppressed } : {}) }, 'storage failed'),
  );
}

/**
 * Logs a recurring failure once per cause per interval, with how often it happened meanwhile
 * (SV-O8): a failing disk answers every request with 503 but fills the log with one line a minute.
 */
export class LogOnce {
  readonly #seen = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly intervalMs = 60_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Calls `write(suppressed)` unless `cause` was written within the interval (it is then counted). */
  log(cause: string, write: (suppressed: number) => void): void {
    const t = this.now();
    const seen = this.#seen.get(cause);
    if (seen && t - seen.at < this.intervalMs) {
      seen.suppressed++;
      return;
    }
    if (this.#seen.size > 1_000) this.#seen.clear(); // causes are few; never let them grow without bound
    this.#seen.set(cause, { at: t, suppressed: 0 });
    write(seen?.suppressed ?? 0);
  }
}
