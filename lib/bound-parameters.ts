/**
 * MikroORM 6 splices every value into the SQL text before sending it
 * (`platform.formatQuery`, for its raw `execute` and for the entity
 * queries alike): escaped, but inside the statement, where a NUL byte or
 * any value PostgreSQL refuses breaks the statement itself. This driver
 * sends the same statements with their values as bound parameters of the
 * extended protocol instead (knex turns `?` into `$1…`), so no value ever
 * becomes SQL text, and as named prepared statements (below). The rest of MikroORM is untouched.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import {
  AbstractSqlDriver,
  PostgreSqlConnection,
  PostgreSqlKnexDialect,
  PostgreSqlPlatform,
  Utils,
  type Configuration,
  type Knex,
  type Transaction,
} from '@mikro-orm/postgresql';
import { BeginAheadClient } from './begin-ahead.js';

/** knex's PostgreSQL dialect with the client that sends a transaction's BEGIN with its first statement (begin-ahead.ts). */
class BeginAheadDialect extends PostgreSqlKnexDialect {
  _driver(): unknown {
    return { ...pg, Client: BeginAheadClient };
  }
}

/**
 * Each statement with values goes as a named prepared statement: PostgreSQL parses it once per connection and keeps
 * its plan (after five runs, a generic plan if it costs no more than planning each time), where an unnamed statement
 * is parsed and planned afresh on every run. Replaying a checkout's statements (bench/run.ts) took PostgreSQL 8.07 ms of
 * CPU unnamed and 3.46 ms prepared, 199 against 375 checkouts a second (6.76 ms with the plan made afresh each time:
 * most of the saving is the planning). postgres.js and Prisma prepare every statement by default for the same reason.
 *
 * Bounded, since a prepared statement holds memory in every connection that ran it: at most PREPARED_LIMIT texts per
 * process, and none with a long list of values in the text (a batch's `in (?, ?, …)` of nine or more, as MikroORM writes
 * a dataloader's batch), whose length varies from call to call and would each be a statement of its own. Statements without values stay unnamed,
 * in the simple protocol (a text of several statements, such as a migration's, can only go that way).
 */
const PREPARED_LIMIT = 300;
const LONG_LIST = /\bin \((\?, ){8}/i;
const preparedNames = new Map<string, string>();
let preparing = true;
/**
 * DB_PREPARED_STATEMENTS=off: every statement unnamed, parsed and planned each time (behind a pooler that hands a
 * session's statements to other server connections without tracking them, say; docs/operations.md).
 */
export function usePreparedStatements(on: boolean): void {
  preparing = on;
}
function preparedStatementName(sql: string): string | undefined {
  if (!preparing) return undefined;
  const known = preparedNames.get(sql);
  if (known !== undefined || preparedNames.size >= PREPARED_LIMIT || LONG_LIST.test(sql)) return known;
  const name = `unicard_${createHash('sha1').update(sql).digest('hex')}`;
  preparedNames.set(sql, name);
  return name;
}

class BoundParameterConnection extends PostgreSqlConnection {
  override createKnex(): void {
    this.client = this.createKnexClient(BeginAheadDialect as unknown as string);
    (this.client.client as { ormConfig?: Configuration }).ormConfig = this.config;
    this.connected = true;
  }

  override async execute<T>(
    queryOrKnex: string | Knex.QueryBuilder | Knex.Raw,
    params: unknown[] = [],
    method: 'all' | 'get' | 'run' = 'all',
    ctx?: Transaction,
  ): Promise<T> {
    await this.ensureConnection();
    let sql: string;
    let bindings: readonly unknown[] = params;
    if (Utils.isObject<Knex.QueryBuilder | Knex.Raw>(queryOrKnex)) {
      ctx ??= (queryOrKnex as unknown as { client: { transacting?: boolean } }).client.transacting ? (queryOrKnex as unknown as Transaction) : undefined;
      const compiled = queryOrKnex.toSQL();
      sql = compiled.sql;
      bindings = compiled.bindings ?? [];
    } else {
      sql = queryOrKnex;
    }
    sql = this.config.get('onQuery')(sql, bindings as unknown[]);
    return this.executeQuery(
      sql,
      async () => {
        const name = bindings.length > 0 ? preparedStatementName(sql) : undefined;
        const transaction = ctx as TransactionLike | QueryBuilderInTransaction | undefined;
        if (transaction && !('isCompleted' in transaction)) {
          // A query builder bound to a transaction (MikroORM's migration storage passes one) cannot say whether its
          // transaction is over; knex's transaction client refuses a statement then, so the statement goes through it.
          const query = this.getKnex().raw(sql, bindings as Knex.RawBinding[]);
          if (name) query.options({ name });
          return this.transformRawResult<T>(await query.transacting(transaction as unknown as Knex.Transaction), method);
        }
        return this.transformRawResult<T>(await sendStatement(this.getKnex().client as KnexClient, transaction, sql, bindings, name), method);
      },
      { query: sql, params: bindings as unknown[] },
    );
  }
}

/** A knex transaction: its client hands out the transaction's own connection. */
interface TransactionLike {
  client: KnexClient;
  isCompleted(): boolean;
}

/** A query builder bound to a transaction (execute's `ctx` when MikroORM passed none): no word of whether it is over. */
interface QueryBuilderInTransaction {
  client: KnexClient;
}

/** What this file uses of knex's client. */
interface KnexClient {
  acquireConnection(): Promise<pg.Client>;
  releaseConnection(connection: pg.Client): Promise<unknown>;
  emit(event: 'query', query: { sql: string; bindings: readonly unknown[] }): boolean;
}

/**
 * Sends one statement on the pool's connection, or on the transaction's, as knex's raw query would, without its
 * builder, runner and per-query events: those were 8% of the wallet's CPU per checkout, for a statement whose text is
 * already whole. What knex's raw query did and matters is kept: its 'query' event, `?` numbered as `$1…` (an escaped `\\?` is the
 * character), an undefined value refused (knex's "Undefined binding(s)"; pg would send it as NULL), and no statement in
 * a transaction already over. The connection comes from knex's pool, which still makes, checks and ends them.
 */
async function sendStatement(knexClient: KnexClient, transaction: TransactionLike | undefined, sql: string, values: readonly unknown[], name?: string) {
  if (values.includes(undefined)) throw new Error(`Undefined binding(s) detected when compiling RAW query: ${sql}`);
  if (transaction?.isCompleted()) throw new Error('Transaction query already complete');
  const client = transaction ? transaction.client : knexClient;
  const connection = await client.acquireConnection();
  const text = numberedParameters(sql);
  // knex's 'query' event, as its runner emits it: the statements counted per request (database.ts countStatements).
  knexClient.emit('query', { sql: text, bindings: values });
  try {
    // With a callback, as knex's dialect calls it: the client's one path (begin-ahead.ts wraps a call without one in a
    // promise that calls again with one).
    return await new Promise<pg.QueryResult>((resolve, reject) =>
      connection.query({ text, values: values as unknown[], ...(name ? { name } : {}) }, (error: Error | null, result: pg.QueryResult) =>
        error ? reject(error) : resolve(result),
      ),
    );
  } finally {
    await client.releaseConnection(connection);
  }
}

/** knex's PostgreSQL positionBindings: each `?` becomes `$n` in turn; one after an odd run of backslashes is the character itself. */
export function numberedParameters(sql: string): string {
  let n = 0;
  return sql.replace(/(\\*)(\?)/g, (_match, escapes: string) => (escapes.length % 2 ? '?' : `$${++n}`));
}

export class BoundParameterDriver extends AbstractSqlDriver<BoundParameterConnection, PostgreSqlPlatform> {
  constructor(config: Configuration) {
    super(config, new PostgreSqlPlatform(), BoundParameterConnection, ['knex', 'pg']);
  }
}
