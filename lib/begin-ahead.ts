/**
 * A transaction's BEGIN goes to PostgreSQL with its first statement, in the same round trip (issue 25). knex opens a
 * transaction by sending `BEGIN;` and waiting for the answer before the first statement: a round trip that carries
 * nothing but the word, on every transaction of the hub (a checkout's seven round trips were one in seven this).
 *
 * The client here answers `BEGIN` at once without sending it and keeps it; the next statement on the connection sends
 * it first, in the same batch of messages of the extended protocol, which PostgreSQL runs in order under one Sync:
 * `BEGIN` (Parse, Bind, Execute), then the statement as it would have gone alone, then Sync. The answer to the `BEGIN`
 * is dropped; the statement's is the caller's. If the statement fails, the transaction is already open (its BEGIN ran
 * first) and in the failed state, as it would be had the BEGIN gone alone, so the caller's ROLLBACK finds it. A
 * transaction that sends nothing before its COMMIT or ROLLBACK never reaches PostgreSQL at all. Nothing else changes:
 * the same statements run in the same order in the same transaction; only the waiting between the first two goes.
 */
import pg from 'pg';

/** How many times this process's clients sent something and waited for PostgreSQL's answer: for the bench and tests. */
let roundTrips = 0;
export const roundTripsSent = () => roundTrips;

const BEGIN = /^\s*BEGIN(\s+TRANSACTION\b[^;]*)?\s*;?\s*$/i;
const END = /^\s*(COMMIT|ROLLBACK)\s*;?\s*$/i;

type Callback = (err: Error | null, result?: unknown) => void;
interface QueryConfig {
  text: string;
  values?: unknown[];
  name?: string;
}

/** An answer PostgreSQL would have given to a BEGIN, COMMIT or ROLLBACK with nothing in between. */
const answered = (command: string) => ({ command, rowCount: null, oid: null, rows: [], fields: [] });

interface WireConnection {
  parse(query: { text: string; name?: string; types?: unknown[] }): void;
  bind(config: { portal: string; statement: string; values: unknown[]; binary?: boolean; valueMapper?: unknown }): void;
  execute(config: { portal: string; rows?: number }): void;
  query(text: string): void;
  parsedStatements: Record<string, string>;
}

/** pg's Query, as the client runs it: what this file overrides of it. */
interface PgQuery {
  text: string;
  name?: string;
  requiresPreparation(): boolean;
  prepare(connection: WireConnection): void;
  submit(connection: WireConnection): Error | void;
  handleCommandComplete(msg: unknown, connection: WireConnection): void;
  handleError(err: Error, connection: WireConnection): void;
}
const PgQueryClass = (pg as unknown as { Query: new (config: QueryConfig, values?: unknown, callback?: Callback) => PgQuery }).Query;

/** A statement with the transaction's BEGIN ahead of it, both under the statement's one Sync. */
class BeginAheadQuery extends PgQueryClass {
  private beginAnswered = false;
  private parsedHere = false;

  constructor(
    private readonly begin: string,
    config: QueryConfig,
    callback: Callback,
  ) {
    super(config, undefined, callback);
  }

  // A statement without values goes by the simple protocol, as it would alone (it may hold several statements, as a
  // migration's text does): the BEGIN then leads its text. One with values goes by the extended protocol (prepare).
  override submit(connection: WireConnection): Error | void {
    if (this.requiresPreparation()) return super.submit(connection);
    connection.query(`${this.begin}\n${this.text}`);
  }

  override prepare(connection: WireConnection): void {
    connection.parse({ text: this.begin, name: '', types: [] });
    connection.bind({ portal: '', statement: '', values: [] });
    connection.execute({ portal: '' });
    this.parsedHere = !!this.name && !connection.parsedStatements[this.name];
    super.prepare(connection);
  }

  override handleCommandComplete(msg: unknown, connection: WireConnection): void {
    // The first completion is the BEGIN's: not the caller's result.
    if (!this.beginAnswered) {
      this.beginAnswered = true;
      return;
    }
    super.handleCommandComplete(msg, connection);
  }

  override handleError(err: Error, connection: WireConnection): void {
    // pg marks a named statement parsed at the first ParseComplete of the batch, which was the BEGIN's: if the
    // statement's own Parse failed, it must be parsed again next time.
    if (this.parsedHere && this.name) delete connection.parsedStatements[this.name];
    super.handleError(err, connection);
  }
}

/** A pg client that sends a transaction's BEGIN with its first statement (above). */
export class BeginAheadClient extends pg.Client {
  private pendingBegin: string | null = null;

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
    if (plain && this.pendingBegin === null && BEGIN.test(query.text)) {
      this.pendingBegin = query.text;
      process.nextTick(cb, null, answered('BEGIN'));
      return undefined as never;
    }
    if (plain && this.pendingBegin !== null && END.test(query.text)) {
      // Nothing ran in the transaction: nothing to commit or roll back.
      this.pendingBegin = null;
      process.nextTick(cb, null, answered(END.exec(query.text)![1]!.toUpperCase()));
      return undefined as never;
    }
    roundTrips++;
    if (this.pendingBegin !== null) {
      const begin = this.pendingBegin;
      this.pendingBegin = null;
      return super.query(new BeginAheadQuery(begin, query, cb) as never) as never;
    }
    return super.query(query as never, cb as never) as never;
  }
}
