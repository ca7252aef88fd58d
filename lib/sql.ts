import type { EntityManager } from '@mikro-orm/postgresql';

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

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  let text = strings[0]!;
  const bound: unknown[] = [];
  values.forEach((value, i) => {
    if (value instanceof Sql) {
      text += value.text;
      bound.push(...value.values);
    } else {
      text += '?';
      bound.push(value);
    }
    text += strings[i + 1]!;
  });
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
  return new Sql(
    parts.map((p) => p.text).join(separator),
    parts.flatMap((p) => p.values),
  );
}
