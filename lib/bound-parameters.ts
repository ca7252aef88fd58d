/**
 * MikroORM 6 splices every value into the SQL text before sending it
 * (`platform.formatQuery`, for its raw `execute` and for the entity
 * queries alike): escaped, but inside the statement, where a NUL byte or
 * any value PostgreSQL refuses breaks the statement itself. This driver
 * sends the same statements with their values as bound parameters of the
 * extended protocol instead (knex turns `?` into `$1…`), so no value ever
 * becomes SQL text. The rest of MikroORM is untouched.
 */
import { AbstractSqlDriver, PostgreSqlConnection, PostgreSqlPlatform, Utils, type Configuration, type Knex, type Transaction } from '@mikro-orm/postgresql';

class BoundParameterConnection extends PostgreSqlConnection {
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
        const query = this.getKnex().raw(sql, bindings as Knex.RawBinding[]);
        if (ctx) query.transacting(ctx as Knex.Transaction);
        return this.transformRawResult<T>(await query, method);
      },
      { query: sql, params: bindings as unknown[] },
    );
  }
}

export class BoundParameterDriver extends AbstractSqlDriver<BoundParameterConnection, PostgreSqlPlatform> {
  constructor(config: Configuration) {
    super(config, new PostgreSqlPlatform(), BoundParameterConnection, ['knex', 'pg']);
  }
}
