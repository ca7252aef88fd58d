/**
 * Database start-up shared by every process: one MikroORM per subgraph bound
 * to its own schema, migrated on start. (The embedded PostgreSQL lives in
 * lib/embedded-postgres.ts, loaded only by the process that runs it.)
 */
import { MikroORM, type MigrationObject, type Options } from '@mikro-orm/postgresql';
import pg from 'pg';
import { AsyncLocalStorage } from 'node:async_hooks';
import { BoundParameterDriver } from './bound-parameters.js';
export { usePreparedStatements } from './bound-parameters.js';
import { grantAppRole, roleOf } from './database-roles.js';
import { POOL_IDLE_MS, connectionName } from './database-connections.js';
export { POOL_IDLE_MS, connectionName } from './database-connections.js';

export type SubgraphSchema = 'member' | 'wallet' | 'merchant';

/** Creates `name` on the server of `url` if it is missing; returns the URL of that database. */
export async function ensureDatabase(url: string, name: string, opts: { template?: string } = {}): Promise<string> {
  const client = new pg.Client({ connectionString: url, application_name: connectionName('setup') });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    const template = opts.template ? ` template "${opts.template.replace(/"/g, '')}"` : '';
    if (found.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '')}"${template}`);
  } finally {
    await client.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

/** A schema's migrations, in order, as MikroORM's migrator takes them (migrations/<schema>/index.ts). */
export type MigrationList = MigrationObject[];

/**
 * A subgraph's migrations as its start needs them: their names, to ask whether any has not run, and the migrations
 * themselves, loaded only if one has not (loading them loads MikroORM's migrator, some 0.15 s of a process's start).
 */
export interface MigrationSource {
  names: readonly string[];
  load(): Promise<MigrationList>;
}

export interface OrmOptions {
  url: string;
  schema: SubgraphSchema;
  /** As MikroORM takes them (its own types: the hub's entities are EntitySchemas of its records). */
  entities: NonNullable<Options['entities']>;
  /** Only for an ORM that migrates (migrate below): serving needs no migrator. */
  migrations?: MigrationList;
  poolSize?: number;
  /** The connections' name (connectionName): the schema's server by default. */
  applicationName?: string;
  debug?: boolean;
}

export async function createOrm(opts: OrmOptions): Promise<MikroORM> {
  const config: Options = {
    // Values travel as bound parameters, never inside the SQL text (lib/bound-parameters.ts).
    driver: BoundParameterDriver as unknown as Options['driver'],
    clientUrl: opts.url,
    schema: opts.schema,
    // Distinct per schema: transaction contexts live in AsyncLocalStorage by this name, and the
    // seeding tool runs all three ORMs in one process.
    contextName: opts.schema,
    entities: opts.entities,
    // The wallet maps no entities: its ledger paths are explicit SQL under row locks, by design.
    discovery: { warnWhenNoEntities: opts.entities.length > 0 },
    extensions: opts.migrations ? [(await import('@mikro-orm/migrations')).Migrator] : [],
    pool: { min: 0, max: opts.poolSize ?? 20, idleTimeoutMillis: POOL_IDLE_MS, acquireTimeoutMillis: 10_000 },
    driverOptions: { connection: { statement_timeout: 30_000, application_name: opts.applicationName ?? connectionName(opts.schema) } },
    migrations: {
      tableName: 'mikro_orm_migrations',
      migrationsList: opts.migrations ?? [],
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    allowGlobalContext: false,
    debug: opts.debug ?? false,
    ensureDatabase: false,
  };
  return MikroORM.init(config);
}

/** Work that is not a GraphQL request's: the event relay and inbox, and other background work (webhook deliveries). */
type WorkSource = 'events' | 'background';
const workSource = new AsyncLocalStorage<WorkSource>();

/** Runs the event relay's and inbox's work, so that its statements are counted apart from GraphQL requests'. */
export const asEventWork = <T>(work: () => Promise<T>): Promise<T> => workSource.run('events', work);
/** Runs other background work (webhook delivery), counted apart from both. */
export const asBackgroundWork = <T>(work: () => Promise<T>): Promise<T> => workSource.run('background', work);

/**
 * Counts the SQL statements this process sends, split into those of GraphQL
 * requests, of event delivery and of other background work (both poll), for
 * /metrics and the query-efficiency benchmark.
 */
export function countStatements(orm: MikroORM): () => { graphql: number; events: number; background: number } {
  const counts = { graphql: 0, events: 0, background: 0 };
  orm.em
    .getConnection()
    .getKnex()
    .on('query', () => {
      counts[workSource.getStore() ?? 'graphql']++;
    });
  return () => ({ ...counts });
}

/**
 * Runs this subgraph's migrations. Replicas may start at once, so a session
 * advisory lock keyed by the schema lets one migrate while the others wait.
 */
export async function migrate(orm: MikroORM, schema: SubgraphSchema): Promise<void> {
  const url = orm.config.get('clientUrl')!;
  const lock = new pg.Client({ connectionString: url, application_name: connectionName(schema, 'migrations') });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock(hashtext($1))', [`unicard.migrate.${schema}`]);
    await orm.em.getConnection().execute(`create schema if not exists "${schema}"`);
    await orm.getMigrator().up();
  } finally {
    await lock.query('select pg_advisory_unlock(hashtext($1))', [`unicard.migrate.${schema}`]).catch(() => {});
    await lock.end();
  }
}

/** A schema beside a subgraph's own that its migrations step also makes (the wallet's job queue). */
export interface OtherSchema {
  schema: string;
  migrate(ownerUrl: string): Promise<void>;
}

/**
 * Makes a subgraph's schema what its code expects before the process serves anything (lib/database-roles.ts says who
 * is who). With MIGRATION_DATABASE_URL (the owner), it migrates as the owner and grants the app role (DATABASE_URL's)
 * what it may do; without it, the migrations must already have run (a deployment that migrates as its own step), and
 * the process refuses to start if any is pending.
 */
export async function prepareSchema(
  opts: Omit<OrmOptions, 'url' | 'poolSize' | 'migrations'> & { migrations: MigrationSource; others?: OtherSchema[] },
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const appUrl = requireDatabaseUrl(env);
  const ownerUrl = env.MIGRATION_DATABASE_URL;
  // Every connection of this preparation, whichever role it connects as.
  const applicationName = connectionName(opts.schema, 'migrations');
  if (!ownerUrl) {
    const client = new pg.Client({ connectionString: appUrl, application_name: applicationName });
    await client.connect();
    const pending = await pendingMigrationCount(client, opts).finally(() => client.end());
    if (pending > 0)
      throw new Error(`the ${opts.schema} schema is not migrated (${pending} pending): set MIGRATION_DATABASE_URL to the owner role's URL (npm start does)`);
    return;
  }
  const appRole = roleOf(appUrl);
  const client = new pg.Client({ connectionString: ownerUrl, application_name: applicationName });
  await client.connect();
  try {
    // Replicas start at once (lib/replicas.ts): one prepares the schema while the others wait, then finds nothing to do.
    // Two GRANTs on the same objects at once fail ("tuple concurrently updated"), as two migrations would; the wallet's
    // maker of journal months takes this lock too (Migration20261206000100), for the same reason.
    await client.query('select pg_advisory_lock(hashtext($1))', [`unicard.prepare.${opts.schema}`]);
    // Most starts find nothing to do: asked on this connection, instead of an ORM of the owner's (some 70 ms of CPU in
    // every process of every start).
    if ((await pendingMigrationCount(client, opts)) > 0) {
      const orm = await createOrm({
        ...opts,
        migrations: await opts.migrations.load(),
        url: ownerUrl,
        poolSize: 1,
        applicationName,
      });
      try {
        await migrate(orm, opts.schema);
      } finally {
        await orm.close();
      }
    }
    for (const other of opts.others ?? []) await other.migrate(ownerUrl);
    // One role for both (a developer's own PostgreSQL with one user) owns everything already: nothing to grant.
    if (appRole === roleOf(ownerUrl)) return;
    for (const schema of [opts.schema, ...(opts.others ?? []).map((o) => o.schema)]) {
      await grantAppRole((sql) => client.query(sql).then((result) => result.rows as Record<string, unknown>[]), schema, appRole);
    }
  } finally {
    // Ending the session releases its lock.
    await client.end();
  }
}

/** How many of a schema's migrations have not run (all of them when its schema or migrations table is not there yet). */
async function pendingMigrationCount(client: pg.Client, opts: { schema: SubgraphSchema; migrations: MigrationSource }): Promise<number> {
  const ran = await client.query<{ name: string }>(`select name from "${opts.schema}".mikro_orm_migrations`).catch(() => ({ rows: [] }));
  const done = new Set(ran.rows.map((r) => r.name));
  return opts.migrations.names.filter((name) => !done.has(name)).length;
}

/** DB_PREPARED_STATEMENTS: on unless `off` (lib/bound-parameters.ts says why statements are prepared). */
export function preparedStatementsFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.DB_PREPARED_STATEMENTS ?? 'on';
  if (value !== 'on' && value !== 'off') throw new Error('DB_PREPARED_STATEMENTS must be on or off');
  return value === 'on';
}

export function requireDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL must be set (npm start sets it for you)');
  return url;
}
