/**
 * Reports read from a read replica (issue 26, item 3): with DATABASE_READ_URL naming a streaming replica of the
 * primary (`UNICARD_READ_REPLICA=1 npm start` makes one), the reads that may be a little behind (RFM and analytics)
 * go there, and their answers say up to which instant the replica held every commit (`databaseAsOf`). What must read
 * its own writes (MemberHome after a checkout, a back office's lists after it creates something, a member's export)
 * reads the primary, as every other read does.
 *
 * How far behind: at most once a second, beside the reads that ask, the primary's WAL position is read and then
 * whether the replica has replayed up to it. If it has, everything committed on the primary before that check is on
 * the replica, and the check's instant is the replica's instant. A replica more than
 * UNICARD_READ_REPLICA_MAX_LAG_SECONDS (default 30) behind, or unreachable, is not read: reads go to the primary, with
 * a log line when they switch, and another when they come back.
 */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';
import { executeSql, sql } from './sql.js';
import { isConnectionFailure } from './errors.js';

/** Where a report was read and up to which instant that database held every commit (the hub's clock). */
export interface ReportRead {
  em: EntityManager;
  asOf: Date;
  fromReplica: boolean;
}

const CHECK_EVERY_MS = 1_000;
/** A replica that does not answer a check in this long is taken as gone. */
const CHECK_TIMEOUT_MS = 2_000;

export function maxLagMsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.UNICARD_READ_REPLICA_MAX_LAG_SECONDS;
  if (raw === undefined || raw === '') return 30_000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error('UNICARD_READ_REPLICA_MAX_LAG_SECONDS must be a number of seconds, 0 or more');
  return seconds * 1000;
}

export class ReadReplica {
  private checkedAt = 0;
  private checking: Promise<void> | undefined;
  /** The real instant (epoch ms) of the last check that found the replica caught up with the primary. */
  private caughtUpAt = 0;
  private reachable = false;
  private why = 'not checked yet';
  private readingReplica: boolean | undefined;

  constructor(
    private readonly replica: MikroORM,
    private readonly primary: MikroORM,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly maxLagMs: number,
  ) {}

  /**
   * Runs a report's reads on the replica while it is within the lag allowed, else on the primary's `primaryEm`; a
   * replica that turns out to be gone mid-read is taken as gone at once, and the report read again on the primary.
   */
  async report<T>(primaryEm: EntityManager, work: (read: ReportRead) => Promise<T>): Promise<T> {
    const read = await this.read(primaryEm);
    if (!read.fromReplica) return work(read);
    try {
      return await work(read);
    } catch (error) {
      if (!isConnectionFailure(error)) throw error;
      this.lost(error);
      return work(await this.read(primaryEm));
    }
  }

  private lost(error: unknown): void {
    this.reachable = false;
    this.why = (error as Error).message.split('\n')[0]!.slice(0, 200);
    this.checkedAt = Date.now();
  }

  private async read(primaryEm: EntityManager): Promise<ReportRead> {
    if (Date.now() - this.checkedAt >= CHECK_EVERY_MS) {
      this.checking ??= this.check().finally(() => (this.checking = undefined));
      await this.checking;
    }
    const lagMs = Date.now() - this.caughtUpAt;
    const useReplica = this.reachable && lagMs <= this.maxLagMs;
    if (useReplica !== this.readingReplica) {
      if (useReplica) this.log.info({ lagMs }, 'reports read from the read replica');
      else
        this.log.warn(
          { lagMs: this.reachable ? lagMs : undefined, reason: this.reachable ? 'behind' : this.why },
          this.reachable
            ? `reports read from the primary: the read replica is ${Math.round(lagMs / 1000)} s behind (the limit is ${this.maxLagMs / 1000} s)`
            : `reports read from the primary: the read replica cannot be reached (${this.why})`,
        );
      this.readingReplica = useReplica;
    }
    if (!useReplica) return { em: primaryEm, asOf: this.clock.now(), fromReplica: false };
    return { em: this.replica.em.fork(), asOf: new Date(this.clock.now().getTime() - lagMs), fromReplica: true };
  }

  private async check(): Promise<void> {
    const startedAt = Date.now();
    try {
      const [primary] = await executeSql<{ lsn: string }>(this.primary.em.fork(), sql`select pg_current_wal_lsn()::text as lsn`);
      const timeout = new Promise<never>((_, fail) => setTimeout(() => fail(new Error(`no answer in ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS).unref());
      // Null on a server that is not a standby: never caught up, so never read as one.
      const [replica] = await Promise.race([
        executeSql<{ caught_up: boolean | null }>(this.replica.em.fork(), sql`select pg_last_wal_replay_lsn() >= ${primary!.lsn}::pg_lsn as caught_up`),
        timeout,
      ]);
      this.reachable = true;
      if (replica?.caught_up === true) this.caughtUpAt = startedAt;
      this.checkedAt = Date.now();
    } catch (error) {
      this.lost(error);
    }
  }
}
