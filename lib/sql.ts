/**
 * Knex (under MikroORM) expands an array binding into a comma list, so an
 * array parameter is passed as a PostgreSQL array literal: "{a,b}" with
 * `?::uuid[]`. Values are quoted, so any text is safe; null is NULL.
 */
export function sqlArray(values: readonly (string | number | bigint | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}
