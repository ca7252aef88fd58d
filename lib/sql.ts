import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * An array parameter is passed as a PostgreSQL array literal, "{a,b}" with
 * `?::uuid[]`, written here rather than left to a driver's conversion (knex's
 * query builder expands an array into a comma list, pg writes one itself): one
 * form whoever sends it. Values are quoted, so any text is safe; null is NULL.
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

/**
 * A statement, or a part of one, with each value written where it is used: sql`w.member_id = ${memberId}` is
 * `w.member_id = ?` bound to memberId. A part interpolated into another (sql`... where ${condition}`) brings its text
 * and its values along, so a statement assembled from conditions cannot bind a value to the wrong placeholder, as
 * parallel arrays of text and values could. Every other interpolated value is bound, never written into the text.
 */
export class Sql {
  constructor(
    readonly text: string,
    readonly values: readonly unknown[],
  ) {}
}

// Plain loops here and in joinSql: a movement's write is assembled from a few hundred parts, and forEach, spread and
// flatMap over them were 2% of the wallet's CPU per checkout.
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  let text = strings[0]!;
  const bound: unknown[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value instanceof Sql) {
      text += value.text;
      for (const v of value.values) bound.push(v);
    } else {
      text += '?';
      bound.push(value);
    }
    text += strings[i + 1]!;
  }
  return new Sql(text, bound);
}

/** Runs a statement on MikroORM's entity manager, its values bound; its rows as the caller names them. */
export function executeSql<Row extends object>(em: Pick<EntityManager, 'execute'>, query: Sql): Promise<Row[]> {
  return em.execute<Row[]>(query.text, [...query.values]);
}

/** Text of our own (a fragment built from constants, such as member-paid.ts's), as a part with no values. */
export const trustedSql = (text: string): Sql => new Sql(text, []);

/** Parts joined by a separator of our own (' and ', ' union all '); `empty` when there are none. */
export function joinSql(parts: readonly Sql[], separator: string, empty: Sql = new Sql('', [])): Sql {
  if (parts.length === 0) return empty;
  let text = parts[0]!.text;
  const bound: unknown[] = [...parts[0]!.values];
  for (let i = 1; i < parts.length; i++) {
    text += separator + parts[i]!.text;
    for (const v of parts[i]!.values) bound.push(v);
  }
  return new Sql(text, bound);
}
