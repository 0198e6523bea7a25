/** The SQLite backend's readiness probe (rule SV-H10). */
import { statSync } from 'node:fs';
import { stat, statfs } from 'node:fs/promises';
import type Database from 'better-sqlite3';

/** How long the readiness probe waits for a lock another connection holds (appends wait longer). */
const PROBE_BUSY_TIMEOUT_MS = 200;

/** Readiness settings of the SQLite backend (rule SV-H10). */
export interface SqliteReadiness {
  /** Less free space than this in the data directory's file system makes `check` fail; 0: not checked. */
  readonly minFreeDiskBytes?: number;
}

/**
 * Readiness (rule SV-H10): the database file at its path is still the one the connection writes
 * (a replaced or removed file would take every later write with it), the file system has
 * `minFreeDiskBytes` free, and a read and a committed one-row write succeed, waiting at most
 * PROBE_BUSY_TIMEOUT_MS for a lock held elsewhere.
 */
export class ReadinessProbe {
  readonly #db: Database.Database;
  readonly #write: () => void;
  readonly #dir: string;
  readonly #file: string;
  /** The identity of the file the connection opened, to notice it being replaced or removed. */
  readonly #fileId: { dev: bigint; ino: bigint };
  readonly #minFreeDiskBytes: number;

  /** `db` has the `health` table (HEALTH_TABLE). */
  constructor(db: Database.Database, dir: string, file: string, readiness: SqliteReadiness) {
    this.#db = db;
    this.#dir = dir;
    this.#file = file;
    const { dev, ino } = statSync(file, { bigint: true });
    this.#fileId = { dev, ino };
    this.#minFreeDiskBytes = readiness.minFreeDiskBytes ?? 0;
    const read = db.prepare('SELECT id FROM maps LIMIT 1');
    const write = db.prepare(
      'INSERT INTO health (id, checked_at) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET checked_at = excluded.checked_at',
    );
    // A committed write: a rolled-back one would never reach the WAL, so it could not fail on
    // a full disk or a failing device.
    this.#write = db.transaction(() => {
      read.get();
      write.run(Date.now());
    });
  }

  /** The file's identity and the free disk. */
  async checkFile(): Promise<void> {
    const [file, disk] = await Promise.all([
      stat(this.#file, { bigint: true }),
      this.#minFreeDiskBytes > 0 ? statfs(this.#dir) : undefined,
    ]);
    if (file.dev !== this.#fileId.dev || file.ino !== this.#fileId.ino) {
      throw new Error(`${this.#file} was replaced after the server opened it`);
    }
    if (disk) {
      const free = disk.bavail * disk.bsize;
      if (free < this.#minFreeDiskBytes) {
        throw new Error(`${free} bytes of free disk in ${this.#dir}, below the minimum of ${this.#minFreeDiskBytes}`);
      }
    }
  }

  /** The read and the committed write, synchronous. */
  checkWrite(): void {
    const busyTimeout = this.#db.pragma('busy_timeout', { simple: true }) as number;
    this.#db.pragma(`busy_timeout = ${PROBE_BUSY_TIMEOUT_MS}`);
    try {
      this.#write();
    } finally {
      this.#db.pragma(`busy_timeout = ${busyTimeout}`);
    }
  }
}
