/**
 * The command line (rules SV-C1, SV-O3, SV-O24): `node dist/main.js [command]`, also installed as
 * the `ketenkaart` bin. No command (or `serve`) runs the server; the others administer its store
 * (SQLite or PostgreSQL), with or without a running server. Errors are one sentence on stderr: exit 1, or 2
 * for a command line that does not parse.
 */
import { parseArgs } from 'node:util';
import { MAP_ID_PATTERN } from '@ketenkaart/shared';
import { backup, deleteMap, exportMap, list, stats, type CommandContext, type Output } from './commands.js';
import { liveServer } from './live.js';
import { migrateToPostgres } from './migrate.js';
import { serve } from './serve.js';
import { chooseStore } from './store.js';

export const HELP = `Usage: ketenkaart [command] [options]       (or: node server/dist/main.js ...)

Commands:
  serve               run the server (the default); configured by environment variables
  backup <file>       write a consistent copy of the SQLite database to <file> while the
                      server runs (on PostgreSQL: refused; use pg_dump)
  list                every map: id, size, last change, connected clients, title
  export <id>         the map as JSON format v1 (to stdout, or --out <file>)
  delete <id>         delete a map for good: its updates, snapshot, history and token hashes
  stats               totals: maps, bytes, rows, the database's size on disk, rooms and clients
  migrate-to-postgres copy every map of the data directory (tokens' hashes, document,
                      history) into the PostgreSQL database, verify each, print counts;
                      stop the server first

The commands use the store the server is configured with: PostgreSQL when DATABASE_URL is set,
else the SQLite file in DATA_DIR (default ./data). --database-url and --data-dir choose one.

Options:
  --data-dir <dir>    the SQLite data directory (default: $DATA_DIR, else ./data)
  --database-url <url> the PostgreSQL database (default: $DATABASE_URL); for
                      migrate-to-postgres, the target
  --url <url>         the running server, for connected clients and live deletion
                      (default: http://127.0.0.1:$PORT); needs KETENKAART_ADMIN_TOKEN
  --out <file>        export: write to this new file instead of stdout
  --json              list, stats, backup, delete, migrate-to-postgres: print JSON
  -h, --help          this text

Without KETENKAART_ADMIN_TOKEN (or with no server answering) connected clients show as n/a,
and delete works on the store directly.`;

/** A command line that does not parse: exit code 2. */
class UsageError extends Error {}

/**
 * A map id may begin with `-` (base64url), which `parseArgs` would take for an option. No option
 * is 22 characters of base64url, so such an argument is an id: it is marked before parsing and
 * unmarked after.
 */
const ID_MARK = '\u0000';
const markIds = (argv: readonly string[]): string[] =>
  argv.map((a) => (a.startsWith('-') && MAP_ID_PATTERN.test(a) ? ID_MARK + a : a));
const unmark = (arg: string): string => (arg.startsWith(ID_MARK) ? arg.slice(ID_MARK.length) : arg);

/** Runs the command line `argv` (without node and the script); resolves with the exit code. */
export async function runCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  out: Output = { line: (t) => console.log(t) },
  err: Output = { line: (t) => console.error(t) },
): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: markIds(argv),
      allowPositionals: true,
      strict: true,
      options: {
        'data-dir': { type: 'string' },
        url: { type: 'string' },
        'database-url': { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    const [command = 'serve', ...args] = positionals.map(unmark);
    if (values.help || command === 'help') {
      out.line(HELP);
      return 0;
    }
    // What an admin command gets; built only for one (serve reads its own configuration).
    const context = (): CommandContext => {
      // migrate-to-postgres reads the one and writes the other; every other command uses one store.
      if (values['data-dir'] !== undefined && values['database-url'] !== undefined)
        throw new UsageError(`${command} takes --data-dir or --database-url, not both`);
      return {
        store: chooseStore({ dataDir: values['data-dir'], databaseUrl: values['database-url'] }, env),
        live: liveServer(values.url, env),
        json: values.json,
        out,
      };
    };
    const one = (what: string): string => {
      if (args.length !== 1) throw new UsageError(`${command} needs one ${what}`);
      return args[0]!;
    };
    switch (command) {
      case 'serve':
        if (args.length > 0) throw new UsageError('serve takes no arguments');
        await serve(env);
        return -1; // keeps running
      case 'backup':
        return await backup(context(), one('file name'));
      case 'list':
        if (args.length > 0) throw new UsageError('list takes no arguments');
        return await list(context());
      case 'export':
        return await exportMap(context(), one('map id'), values.out);
      case 'delete':
        return await deleteMap(context(), one('map id'));
      case 'stats':
        if (args.length > 0) throw new UsageError('stats takes no arguments');
        return await stats(context());
      case 'migrate-to-postgres':
        if (args.length > 0) throw new UsageError('migrate-to-postgres takes no arguments');
        return await migrateToPostgres(
          { json: values.json, out },
          values['data-dir'] ?? (env['DATA_DIR'] || './data'),
          values['database-url'] ?? env['DATABASE_URL'],
        );
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err.line(`${message}; see ketenkaart --help`);
      return 2;
    }
    err.line(message);
    return 1;
  }
}
