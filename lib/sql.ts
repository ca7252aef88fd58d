/**
 * Knex (under MikroORM) expands an array binding into a comma list, so an
 * array parameter is passed as a PostgreSQL array literal: "{a,b}" with
 * `?::uuid[]`. Values are quoted, so any text is safe.
 */
export function sqlArray(values: readonly (string | number | bigint)[]): string {
  return `{${values.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}
