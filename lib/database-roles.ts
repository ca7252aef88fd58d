/**
 * Who the hub is in PostgreSQL (issue 21). Two roles:
 * - the owner: the role of the migration URL (MIGRATION_DATABASE_URL; the embedded server's own user, or the owner a DBA
 *   gives). It runs migrations and owns every schema, table, trigger and function.
 * - the app role (`unicard_app`): what every process connects as to serve requests and run jobs. Not a superuser, owner of
 *   nothing: it reads and writes rows, and on the append-only tables (the audit log, the journal) it may only read and
 *   add. It cannot drop or disable a trigger (only an owner can), cannot set `session_replication_role` (only a
 *   superuser can), and cannot make itself anything else. So however a process, or someone who took one over, sets
 *   its session, an audit entry or a journal row stays as written.
 * The app role's password is made at first start (npm start keeps it in .unicard/, the tests make one per run).
 */
import pg from 'pg';

export const APP_ROLE = 'unicard_app';

/** Rows the hub adds and reads, never changes: their triggers refuse changes, and the app role is not granted them. */
export const APPEND_ONLY_TABLES = ['merchant.audit_entry', 'wallet.journal_transaction', 'wallet.journal_entry', 'wallet.journal_transaction_key'] as const;

/** The URL of the same database as `ownerUrl`, signed in as `role` with `password`. */
export function urlAs(ownerUrl: string, role: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = encodeURIComponent(role);
  url.password = encodeURIComponent(password);
  return url.toString();
}

/**
 * Makes the app role on the server of `ownerUrl`, or sets it back to what it must be (a login with this password,
 * nothing more), and returns the URL of `ownerUrl`'s database as that role. Under a lock: hubs of one test run share
 * the role and start together.
 */
export async function ensureAppRole(ownerUrl: string, password: string, role = APP_ROLE): Promise<string> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query("select pg_advisory_xact_lock(hashtext('unicard.app-role'))");
    const exists = (await client.query('select 1 from pg_roles where rolname = $1', [role])).rowCount! > 0;
    // Role DDL takes no bound parameters: format() quotes the name (%I) and the password (%L) on the server.
    const { rows } = await client.query<{ ddl: string }>(
      "select format('%s role %I with login password %L nosuperuser nocreatedb nocreaterole noreplication nobypassrls noinherit', $1::text, $2::text, $3::text) as ddl",
      [exists ? 'alter' : 'create', role, password],
    );
    await client.query(rows[0]!.ddl);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
  return urlAs(ownerUrl, role, password);
}

/** A connection that can run SQL and give back its rows (a pg client, or an ORM's connection through `execute`). */
export type SqlRunner = (sql: string) => Promise<Record<string, unknown>[]>;

/**
 * What the app role may do in `schema`, granted by the owner after each migration (so tables that migrations add are
 * covered): use the schema; read, add, change and remove rows, except on the append-only tables (read and add only);
 * use its sequences; call its functions. Nothing to create, alter or drop.
 */
export async function grantAppRole(run: SqlRunner, schema: string, appRole: string): Promise<void> {
  const s = quoteIdent(schema);
  const r = quoteIdent(appRole);
  await run(`grant usage on schema ${s} to ${r}`);
  await run(`grant select, insert, update, delete on all tables in schema ${s} to ${r}`);
  await run(`grant usage, select, update on all sequences in schema ${s} to ${r}`);
  await run(`grant execute on all functions in schema ${s} to ${r}`);
  for (const table of APPEND_ONLY_TABLES.filter((t) => t.startsWith(`${schema}.`))) {
    await run(`revoke update, delete, truncate on ${table} from ${r}`);
  }
  // A partition (the journal's months) is reached through its table only: none of the grants above on its own.
  const partitions = await run(`select c.oid::regclass::text as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = '${schema.replace(/'/g, "''")}' and c.relkind = 'r' and c.relispartition`);
  for (const { name } of partitions) await run(`revoke all on ${String(name)} from ${r}`);
  // graphile-worker turns on row-level security on its tables with no policy, so that only their owner reaches them;
  // the hub's jobs run as the app role, which a policy of its own lets in (and no other role).
  const guarded = await run(`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = '${schema.replace(/'/g, "''")}' and c.relkind = 'r' and c.relrowsecurity`);
  for (const { name } of guarded) {
    const table = `${s}.${quoteIdent(String(name))}`;
    await run(`drop policy if exists app_role on ${table}`);
    await run(`create policy app_role on ${table} to ${r} using (true) with check (true)`);
  }
}

/** The role a URL signs in as. */
export const roleOf = (url: string): string => decodeURIComponent(new URL(url).username);

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
