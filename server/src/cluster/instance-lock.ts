/**
 * Rule SV-N7: PostgreSQL's session advisory lock "single instance", held on a connection of its
 * own for as long as the instance runs. An instance without Redis holds it exclusively, instances
 * with Redis hold it shared: a second instance without Redis, or one with Redis beside one
 * without, cannot take it and is refused at start.
 */
import pg from 'pg';
import type { Logger } from '../logger.js';
import { StartupRefused } from './mode.js';

/** The advisory lock key (first half; the second is 0), beside the storage's 0x6b6b0001 and 0x6b6b0002. */
export const INSTANCE_LOCK = 0x6b6b_0003;

/** How often a lost lock connection (PostgreSQL restarted) is opened again and the lock taken again. */
const RETAKE_EVERY_MS = 2_000;

const REFUSED_ALONE =
  'Another Ketenkaart instance runs on this PostgreSQL database. Several instances need Redis between them: ' +
  'set REDIS_URL (the same on every instance), or stop the other instance.';
const REFUSED_MIXED =
  'A Ketenkaart instance without REDIS_URL runs on this PostgreSQL database: set REDIS_URL on it too ' +
  '(the same on every instance), or stop it.';

export class InstanceLock {
  #client: pg.Client | undefined;
  #closed = false;
  #timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly url: string,
    private readonly shared: boolean,
    private readonly logger: Logger,
  ) {}

  /** Takes the lock; throws `StartupRefused` when another instance holds it the other way. */
  static async take(url: string, shared: boolean, logger: Logger): Promise<InstanceLock> {
    const lock = new InstanceLock(url, shared, logger);
    const taken = await lock.#take();
    if (!taken) throw new StartupRefused(shared ? REFUSED_MIXED : REFUSED_ALONE);
    return lock;
  }

  /** Releases the lock (the connection ends). */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#client?.end().catch(() => {});
    this.#client = undefined;
  }

  /** Opens the connection and tries the lock: true when held, false when another instance holds it. */
  async #take(): Promise<boolean> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'ketenkaart-instance-lock' });
    client.on('error', () => this.#lost(client));
    client.on('end', () => this.#lost(client));
    await client.connect();
    const fn = this.shared ? 'pg_try_advisory_lock_shared' : 'pg_try_advisory_lock';
    let held = false;
    try {
      held = (await client.query<{ held: boolean }>(`SELECT ${fn}($1, 0) AS held`, [INSTANCE_LOCK])).rows[0]!.held;
    } finally {
      if (!held) await client.end().catch(() => {});
    }
    if (held) this.#client = client;
    return held;
  }

  /** The connection (and with it the lock) is gone: take it again once PostgreSQL is back. */
  #lost(client: pg.Client): void {
    if (this.#closed || this.#client !== client) return;
    this.#client = undefined;
    this.logger.warn('the single-instance lock connection to PostgreSQL was lost; taking the lock again');
    this.#retake();
  }

  #retake(): void {
    if (this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#take().then(
        (held) => {
          if (held) this.logger.info('the single-instance lock is held again');
          else {
            this.logger.error(
              `the single-instance lock is held by another instance: ${this.shared ? REFUSED_MIXED : REFUSED_ALONE}`,
            );
            this.#retake();
          }
        },
        () => this.#retake(),
      );
    }, RETAKE_EVERY_MS);
    this.#timer.unref();
  }
}
