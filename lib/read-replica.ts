/**
 * Reports read from a read replica (issue 26, item 3): with DATABASE_READ_URL naming a streaming replica of the
 * primary (`UNICARD_READ_REPLICA=1 npm start` makes one), the reads that may be a little behind (RFM and analytics)
 * go there, and their answers say up to which instant the replica held every commit (`databaseAsOf`). What must read
 * its own writes (MemberHome after a checkout, a back office's lists after it creates something, a member's export)
 * reads the primary, as every other read does. The console's settlement and benefits pages and their exports read there too, once the
 * replica holds every commit made before the request (freshReport, below).
 *
 * How far behind: at most once a second, beside the reads that ask, the primary's WAL position is read and then
 * whether the replica has replayed up to it. If it has, everything committed on the primary before that check is on
 * the replica, and the check's instant is the replica's instant. A replica more than
 * UNICARD_READ_REPLICA_MAX_LAG_SECONDS (default 30) behind, or unreachable, is not read: reads go to the primary, with
 * a log line when they switch, another when the reason they stay there changes, and another when they come back. A
 * failure is laid on the server that failed: a connection failure counts against the replica only if the replica then
 * does not answer, and a check that cannot read the primary leaves what it knew of the replica (the lag grows from its
 * last check).
 *
 * Two kinds of report:
 * - `report` (RFM, analytics): figures that may be a few seconds old, read from the replica while it is within the lag
 *   allowed. No wait: the answer says how old it is.
 * - `freshReport` (the console's lists and exports: a settlement run with its statements and positions, a merchant's
 *   statement, a month's benefit usage and cost by tier): what was committed before the request must be in the answer, because the back office that reads it has
 *   often just changed it (a run computed again, a run finalised). The primary's WAL position is read at the request's
 *   start, and the report reads the replica once the replica has replayed up to it (a wait of a few milliseconds while
 *   it streams, at most FRESH_WAIT_MS), else the primary. Either way the answer holds every commit before its instant.
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
/** How long a fresh report waits for the replica to replay what the primary had at the request's start. */
const FRESH_WAIT_MS = 500;
const FRESH_POLL_MS = 10;
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
  /** Why the last check could not read the primary's WAL position, if it could not: then the replica's lag is not known. */
  private primaryWhy: string | undefined;
  /** Where reports read, and why, as last logged. */
  private reading: 'replica' | 'primary down' | 'behind' | 'unreachable' | undefined;
  /** Reports read on each database since the start (the metrics' unicard_reports_total). */
  readonly reads = { replica: 0, primary: 0 };

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
    return this.run(work, await this.read(primaryEm), () => this.onPrimary(primaryEm));
  }

  /**
   * Runs a report that must hold every commit made before it was asked: on the replica once it has replayed the
   * primary's WAL position read now (waiting at most FRESH_WAIT_MS), else on the primary's `primaryEm`.
   */
  async freshReport<T>(primaryEm: EntityManager, work: (read: ReportRead) => Promise<T>): Promise<T> {
    const primary = () => this.onPrimary(primaryEm);
    // A replica known to be gone or far behind is not waited for (the next check, once a second, says when it is back).
    await this.checkedRecently();
    if (!this.noteSwitch()) return this.run(work, primary(), primary);
    const startedAt = Date.now();
    const asOf = this.clock.now();
    const [position] = await executeSql<{ lsn: string }>(primaryEm, sql`select pg_current_wal_lsn()::text as lsn`);
    for (;;) {
      let caughtUp: boolean;
      try {
        caughtUp = await this.replayedUpTo(position!.lsn);
      } catch (error) {
        this.lost(error);
        return this.run(work, primary(), primary);
      }
      if (caughtUp) {
        this.caughtUpAt = Math.max(this.caughtUpAt, startedAt);
        return this.run(work, { em: this.replica.em.fork(), asOf, fromReplica: true }, primary);
      }
      if (Date.now() - startedAt >= FRESH_WAIT_MS) return this.run(work, primary(), primary);
      await new Promise((resolve) => setTimeout(resolve, FRESH_POLL_MS));
    }
  }

  /**
   * Reads more of an answer where its report read it (a settlement run's statements and positions, resolved after the
   * run): a replica gone since is taken as gone, and the read done on the primary's `primaryEm`, which holds all the
   * replica held and more.
   */
  async readAgain<T>(read: ReportRead, primaryEm: EntityManager, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return read.fromReplica
      ? this.elseOnPrimary(
          () => work(read.em),
          () => work(primaryEm),
        )
      : work(read.em);
  }

  /** Runs `onReplica`; if the replica turns out to be gone, takes it as gone and runs `onPrimary` instead. */
  private async elseOnPrimary<T>(onReplica: () => Promise<T>, onPrimary: () => Promise<T>): Promise<T> {
    try {
      return await onReplica();
    } catch (error) {
      if (!(await this.gone(error))) throw error;
      this.lost(error);
      return onPrimary();
    }
  }

  /**
   * Whether a read's failure was the replica's: a connection failure while the replica does not answer. Work on the
   * replica may also read the primary (analytics looks for a snapshot the replica has not had yet there), and the
   * primary's failure is not the replica's.
   */
  private async gone(error: unknown): Promise<boolean> {
    if (!isConnectionFailure(error)) return false;
    try {
      await this.answer(sql`select 1`);
      return false;
    } catch {
      return true;
    }
  }

  /** A statement on the replica that rejects if the replica does not answer in CHECK_TIMEOUT_MS. */
  private async answer<R extends object>(statement: ReturnType<typeof sql>): Promise<R[]> {
    const timeout = new Promise<never>((_, fail) => setTimeout(() => fail(new Error(`no answer in ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS).unref());
    return Promise.race([executeSql<R>(this.replica.em.fork(), statement), timeout]);
  }

  /** Whether the replica has replayed the primary's WAL up to `lsn`; rejects if it does not answer in CHECK_TIMEOUT_MS. */
  private async replayedUpTo(lsn: string): Promise<boolean> {
    // Null on a server that is not a standby: never caught up, so never read as one.
    const [replica] = await this.answer<{ caught_up: boolean | null }>(sql`select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as caught_up`);
    return replica?.caught_up === true;
  }

  /** Runs `work` on `read`; a replica gone mid-read is taken as gone at once, and the work done again on the primary. */
  private async run<T>(work: (read: ReportRead) => Promise<T>, read: ReportRead, primary: () => ReportRead): Promise<T> {
    if (!read.fromReplica) {
      this.reads.primary++;
      return work(read);
    }
    return this.elseOnPrimary(
      async () => {
        const result = await work(read);
        this.reads.replica++;
        return result;
      },
      () => {
        this.reads.primary++;
        return work(primary());
      },
    );
  }

  private onPrimary(primaryEm: EntityManager): ReportRead {
    return { em: primaryEm, asOf: this.clock.now(), fromReplica: false };
  }

  /** The replica taken as gone (a check or a read failed): reports go to the primary, with a log line if they were not. */
  private lost(error: unknown): void {
    this.reachable = false;
    this.why = firstLine(error);
    this.primaryWhy = undefined;
    this.checkedAt = Date.now();
    this.noteSwitch();
  }

  /** Checks the replica unless it was checked in the last CHECK_EVERY_MS (one check at a time for every report). */
  private async checkedRecently(): Promise<void> {
    if (Date.now() - this.checkedAt < CHECK_EVERY_MS) return;
    this.checking ??= this.check().finally(() => (this.checking = undefined));
    await this.checking;
  }

  private async read(primaryEm: EntityManager): Promise<ReportRead> {
    await this.checkedRecently();
    if (!this.noteSwitch()) return this.onPrimary(primaryEm);
    const lagMs = Date.now() - this.caughtUpAt;
    return { em: this.replica.em.fork(), asOf: new Date(this.clock.now().getTime() - lagMs), fromReplica: true };
  }

  /** Whether the replica may be read: reachable at the last check and within the lag allowed. */
  private usable(): boolean {
    return this.reachable && Date.now() - this.caughtUpAt <= this.maxLagMs;
  }

  /**
   * Logs a switch between the replica and the primary when the replica's state changes, and again when reports stay on
   * the primary for another reason (a replica that did not answer one check and is behind at the next): the last line
   * logged says why reports read where they do. Says whether the replica may be read.
   */
  private noteSwitch(): boolean {
    const lagMs = Date.now() - this.caughtUpAt;
    const useReplica = this.usable();
    const reading = useReplica ? 'replica' : this.primaryWhy ? 'primary down' : this.reachable ? 'behind' : 'unreachable';
    if (reading !== this.reading) {
      if (reading === 'replica') this.log.info({ lagMs }, 'reports read from the read replica');
      else if (reading === 'primary down')
        this.log.warn(
          { reason: 'primary', primary: this.primaryWhy },
          `reports read from the primary: the primary does not answer (${this.primaryWhy}), so how far behind the read replica is cannot be known`,
        );
      else if (reading === 'behind')
        this.log.warn(
          { lagMs, reason: 'behind' },
          `reports read from the primary: the read replica is ${Math.round(lagMs / 1000)} s behind (the limit is ${this.maxLagMs / 1000} s)`,
        );
      else this.log.warn({ reason: this.why }, `reports read from the primary: the read replica cannot be reached (${this.why})`);
      this.reading = reading;
    }
    return useReplica;
  }

  private async check(): Promise<void> {
    const startedAt = Date.now();
    let lsn: string;
    try {
      lsn = (await executeSql<{ lsn: string }>(this.primary.em.fork(), sql`select pg_current_wal_lsn()::text as lsn`))[0]!.lsn;
      this.primaryWhy = undefined;
    } catch (error) {
      // Not the replica's failure: what the last check found of it stands, and the lag counted from that check grows
      // until the replica is no longer read (reads that need the primary fail on their own).
      this.primaryWhy = firstLine(error);
      this.checkedAt = Date.now();
      return;
    }
    try {
      const caughtUp = await this.replayedUpTo(lsn);
      this.reachable = true;
      if (caughtUp) this.caughtUpAt = Math.max(this.caughtUpAt, startedAt);
      this.checkedAt = Date.now();
    } catch (error) {
      this.lost(error);
    }
  }
}

const firstLine = (error: unknown): string => ((error as Error)?.message ?? String(error)).split('\n')[0]!.slice(0, 200);
