/**
 * The wallet schema's migrations, in the order they run: each is a class of that name in ./index.ts. A subgraph asks
 * PostgreSQL whether any of these has not run yet with this list alone, and loads the migrations (and MikroORM's
 * migrator with them) only when one has not: most starts have nothing to migrate.
 */
export const WALLET_MIGRATIONS = [
  'Migration20261101000000',
  'Migration20261122000000',
  'Migration20261123000000',
  'Migration20261124000000',
  'Migration20261201000000',
  'Migration20261201000100',
  'Migration20261201000200',
  'Migration20261201000300',
  'Migration20261201000400',
  'Migration20261201000500',
  'Migration20261201000600',
  'Migration20261202000000',
  'Migration20261202000100',
  'Migration20261202000200',
  'Migration20261202000300',
  'Migration20261202000400',
  'Migration20261202000500',
  'Migration20261202000600',
  'Migration20261202000700',
  'Migration20261202000800',
  'Migration20261203000100',
  'Migration20261203000200',
  'Migration20261203000300',
  'Migration20261203000400',
  'Migration20261203000500',
  'Migration20261203000600',
  'Migration20261203000700',
  'Migration20261203000800',
  'Migration20261203000900',
  'Migration20261204000100',
  'Migration20261204000200',
  'Migration20261205000100',
] as const;
