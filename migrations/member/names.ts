/**
 * The member schema's migrations, in the order they run: each is a class of that name in ./index.ts. A subgraph asks
 * PostgreSQL whether any of these has not run yet with this list alone, and loads the migrations (and MikroORM's
 * migrator with them) only when one has not: most starts have nothing to migrate.
 */
export const MEMBER_MIGRATIONS = [
  'Migration20261101000000',
  'Migration20261124000000',
  'Migration20261125000000',
  'Migration20261201000000',
  'Migration20261201000100',
  'Migration20261202000700',
  'Migration20261203000800',
] as const;
