/**
 * A transaction's BEGIN goes to PostgreSQL with its first statement, and, where the code says which statement is its
 * last, its COMMIT with that statement: in the same round trip each (issue 25). knex opens a transaction by sending
 * `BEGIN;` and waiting for the answer before the first statement, and ends it by sending `COMMIT;` and waiting again:
 * two round trips that carry nothing but the word, on every transaction of the hub.
 *
 * BEGIN: the client here answers `BEGIN` at once without sending it and keeps it; the next statement on the connection
 * sends it first, in the same batch of messages of the extended protocol, which PostgreSQL runs in order under one Sync:
 * `BEGIN` (Parse, Bind, Execute), then the statement as it would have gone alone, then Sync. The answer to the `BEGIN`
 * is dropped; the statement's is the caller's. If the statement fails, the transaction is already open (its BEGIN ran
 * first) and in the failed state, as it would be had the BEGIN gone alone, so the caller's ROLLBACK finds it. A
 * transaction that sends nothing before its COMMIT or ROLLBACK never reaches PostgreSQL at all.
 *
 * COMMIT: a client cannot know which statement is a transaction's last; the code that can says so
 * (`lastStatementCommits`, around the statement: the ledger's write of a movement nothing else follows). That statement
 * goes with `COMMIT` after it under the same Sync. If the statement fails, PostgreSQL skips the COMMIT and the caller's
 * ROLLBACK ends the transaction as before; if the COMMIT fails (a deferred check), the statement's caller gets that
 * error. Once committed, the transaction's own COMMIT (or a ROLLBACK, if the code failed after it) is answered here,
 * and any other statement before it is refused, never run outside the transaction it was written for.
 *
 * Nothing else changes: the same statements run in the same order in the same transaction; only the waiting goes.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';

/** How many times this process's clients sent something and waited for PostgreSQL's answer: for the bench and tests. */
let roundTrips = 0;
export const roundTripsSent = () => roundTrips;

const BEGIN = /^\s*BEGIN(\s+TRANSACTION\b[^;]*)?\s*;?\s*$/i;
const END = /^\s*(COMMIT|ROLLBACK)\s*;?\s*$/i;

/** Set around a transaction's last statement: the first statement sent in it commits the transaction with it. */
const lastStatement = new AsyncLocalStorage<{ pending: boolean }>();

/**
 * Runs `work`, whose first statement is its transaction's last (the caller knows nothing follows it before COMMIT): that
 * statement commits the transaction in its own round trip. Only inside a transaction; elsewhere it changes nothing.
 */
export function lastStatementCommits<T>(work: () => Promise<T>): Promise<T> {
  return lastStatement.run({ pending: true }, work);
}

type Callback = (err: Error | null, result?: unknown) => void;
interface QueryConfig {
  text: string;
  values?: unknown[];
  name?: string;
}

/** An answer PostgreSQL would have given to a BEGIN, COMMIT or ROLLBACK with nothing to do. */
const answered = (command: string) => ({ command, rowCount: null, oid: null, rows: [], fields: [] });

interface WireConnection {
  parse(query: { text: string; name?: string; types?: unknown[] }): void;
  bind(config: { portal: string; statement: string; values: unknown[] }): void;
  execute(config: { portal: string; rows?: number }): void;
  sync(): void;
  flush(): void;
  query(text: string): void;
}

/** pg's Query, as the client runs it: what this file overrides of it. */
interface PgQuery {
  text: string;
  name?: string;
  portal: string;
  requiresPreparation(): boolean;
  prepare(connection: WireConnection): void;
  submit(connection: WireConnection): Error | void;
  handleCommandComplete(msg: unknown, connection: WireConnection): void;
}
const PgQueryClass = (pg as unknown as { Query: new (config: QueryConfig, values?: unknown, callback?: Callback) => PgQuery }).Query;

/** A one-word statement (BEGIN, COMMIT) as extended-protocol messages, on the unnamed statement and portal. */
function sendWord(connection: WireConnection, word: string): void {
  connection.parse({ text: word, name: '', types: [] });
  connection.bind({ portal: '', statement: '', values: [] });
  connection.execute({ portal: '' });
}

/** A statement with the transaction's BEGIN ahead of it and/or its COMMIT after it, all under the statement's one Sync. */
class BatchedQuery extends PgQueryClass {
  private completions = 0;
  private beginParsed = false;
  /** Whether PostgreSQL answered the COMMIT sent after the statement. */
  committed = false;

  constructor(
    private readonly begin: string | null,
    private readonly commit: boolean,
    config: QueryConfig,
    callback: Callback,
  ) {
    super(config, undefined, callback);
  }

  // A statement without values goes by the simple protocol, as it would alone (it may hold several statements, as a
  // migration's text does): the BEGIN then leads its text (the client never asks such a statement to commit). One with
  // values goes by the extended protocol (prepare).
  override submit(connection: WireConnection): Error | void {
    if (this.requiresPreparation()) return super.submit(connection);
    connection.query(this.begin ? `${this.begin}\n${this.text}` : this.text);
  }

  override prepare(connection: WireConnection): void {
    if (this.begin) sendWord(connection, this.begin);
    super.prepare(connection);
  }

  /**
   * Whether a ParseComplete is the BEGIN's, sent ahead of the statement's own Parse. pg marks the active query's named
   * statement parsed at the first ParseComplete it sees, which here is the BEGIN's: it must wait for the statement's
   * own, or a statement whose Parse failed would be taken as prepared (and never parsed again), and one that must be
   * parsed again would be parsed twice (PostgreSQL: "prepared statement … already exists").
   */
  isBeginsParse(): boolean {
    if (!this.begin || this.beginParsed) return false;
    this.beginParsed = true;
    return true;
  }

  // pg's own: the statement's Execute, then Sync; the COMMIT goes between them.
  _getRows(connection: WireConnection, rows?: number): void {
    connection.execute({ portal: this.portal, rows });
    if (this.commit) sendWord(connection, 'COMMIT');
    if (!rows) connection.sync();
    else connection.flush();
  }

  override handleCommandComplete(msg: unknown, connection: WireConnection): void {
    const which = this.completions++ - (this.begin ? 1 : 0);
    // The BEGIN's answer and the COMMIT's are not the caller's result.
    if (which < 0) return;
    if (which === 1 && this.commit) {
      this.committed = true;
      return;
    }
    super.handleCommandComplete(msg, connection);
  }
}

const pgHandleParseComplete = (pg.Client.prototype as unknown as { _handleParseComplete(this: pg.Client): void })._handleParseComplete;

/** A pg client that sends a transaction's BEGIN with its first statement, and its COMMIT with its last if told (above). */
export class BeginAheadClient extends pg.Client {
  private pendingBegin: string | null = null;
  private inTransaction = false;
  private committedAhead = false;

  /** pg's own handler, which marks the active query's statement parsed; not for a batch's BEGIN (BatchedQuery.isBeginsParse). */
  _handleParseComplete(): void {
    const active = (this as unknown as { _getActiveQuery(): unknown })._getActiveQuery();
    if (active instanceof BatchedQuery && active.isBeginsParse()) return;
    pgHandleParseComplete.call(this);
  }

  override query(config: unknown, values?: unknown, callback?: unknown): never {
    const cb = (typeof values === 'function' ? values : callback) as Callback | undefined;
    const query: QueryConfig | null =
      typeof config === 'string'
        ? { text: config, values: Array.isArray(values) ? values : undefined }
        : config && typeof config === 'object' && !('submit' in config) && typeof (config as QueryConfig).text === 'string'
          ? (config as QueryConfig)
          : null;
    // A submittable (a cursor, a stream) goes as pg sends it.
    if (!query) {
      roundTrips++;
      return super.query(config as never, values as never, callback as never) as never;
    }
    // Promise style (pg's own callers, the bench): the same path with a callback.
    if (!cb) {
      return new Promise((resolve, reject) => {
        this.query(query, (err: Error | null, result?: unknown) => (err ? reject(err) : resolve(result)));
      }) as never;
    }
    const plain = !query.values || query.values.length === 0;
    const end = plain ? END.exec(query.text) : null;
    if (this.committedAhead) {
      // The transaction committed with its last statement: its COMMIT (or a ROLLBACK after it) has nothing left to do.
      if (end) {
        this.committedAhead = false;
        this.inTransaction = false;
        process.nextTick(cb, null, answered(end[1]!.toUpperCase()));
      } else {
        process.nextTick(cb, new Error(`a statement after its transaction committed ahead (${query.text.slice(0, 40)}…): not run outside it`));
      }
      return undefined as never;
    }
    if (plain && this.pendingBegin === null && !this.inTransaction && BEGIN.test(query.text)) {
      this.pendingBegin = query.text;
      this.inTransaction = true;
      process.nextTick(cb, null, answered('BEGIN'));
      return undefined as never;
    }
    if (end) this.inTransaction = false;
    if (end && this.pendingBegin !== null) {
      // Nothing ran in the transaction: nothing to commit or roll back.
      this.pendingBegin = null;
      process.nextTick(cb, null, answered(end[1]!.toUpperCase()));
      return undefined as never;
    }
    const last = lastStatement.getStore();
    const commit = !!last?.pending && this.inTransaction && !plain;
    if (last?.pending) last.pending = false;
    roundTrips++;
    if (this.pendingBegin === null && !commit) return super.query(query as never, cb as never) as never;
    const begin = this.pendingBegin;
    this.pendingBegin = null;
    const batched: BatchedQuery = new BatchedQuery(begin, commit, query, (err, result) => {
      if (!err && batched.committed) {
        this.committedAhead = true;
        this.inTransaction = false;
      }
      cb(err, result);
    });
    return super.query(batched as never) as never;
  }
}
