/**
 * Drops a table's CHECK constraints whose definition matches a pattern (PostgreSQL named them itself), for the
 * migrations that redefine them. Migrations that have run depend on it: change its SQL only in a new helper.
 */
export const dropChecks = (table: string, pattern: string) => `do $$ declare c record; begin
  for c in select conname from pg_constraint where conrelid = '${table}'::regclass and contype = 'c' and pg_get_constraintdef(oid) ~ '${pattern}' loop
    execute format('alter table ${table} drop constraint %I', c.conname);
  end loop; end $$`;
