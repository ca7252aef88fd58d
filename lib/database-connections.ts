/**
 * What every connection the hub opens to PostgreSQL has in common, apart from MikroORM (lib/database.ts) so that the
 * gateway, which has no ORM, names and keeps its connections the same way without loading it.
 */

/**
 * How long a pooled connection may sit idle before its pool closes it. Every pool of the hub's keeps it this long: a
 * connection is dear to open (PostgreSQL starts a process for it, which then builds its catalogue caches and plans
 * afresh), so one a burst opened is kept for the next while the process is busy, and given back once it is not.
 */
export const POOL_IDLE_MS = 30_000;

/**
 * The name a connection gives PostgreSQL (`application_name`): which server opened it and for what, as
 * `pg_stat_activity` and the server's log show it, so that an operator can tell whose connections fill the server
 * (docs/operations.md "Connections").
 */
export function connectionName(server: string, use?: 'migrations' | 'reads' | 'jobs'): string {
  return `unicard-${server}${use ? `-${use}` : ''}`;
}
