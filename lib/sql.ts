/**
 * Knex (under MikroORM) expands an array binding into a comma list, so an
 * array parameter is passed as a PostgreSQL array literal: "{a,b}" with
 * `?::uuid[]`. Values are quoted, so any text is safe; null is NULL.
 */
export function sqlArray(values: readonly (string | number | bigint | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}

/**
 * Gives the rest of the transaction enough memory to hash a million members or a month's aggregate rather than sort
 * them on disk (bench/README.md); PostgreSQL's default is 4 MB. Inside a transaction only: it ends with it.
 */
export const HASH_WORK_MEM = "set local work_mem = '64MB'";

/**
 * For a read over a year of a coalition's purchases (RFM over 10M of them takes longer than the 30 s every other
 * statement is allowed, bench/README.md): two minutes, for the rest of the transaction only.
 */
export const ANALYTICAL_TIMEOUT = "set local statement_timeout = '2min'";
