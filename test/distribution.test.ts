/**
 * The migrated schema, read from PostgreSQL's catalogue, against where each table would live on a PostgreSQL
 * distributed by member id (migrations/distribution.ts, docs/scaling.md): every table is placed, a member's table keeps
 * its member column (and, where it has it, in its key), and a trigger on a member's table is one the plan has seen.
 * Reads the shared hub's database, which its wallet, member and merchant subgraphs and its gateway have migrated.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DISTRIBUTION, placementOf, type Placement } from '../migrations/distribution.js';
import { sharedTestHub } from './support/hub.js';
import { withDatabase } from './support/ledger.js';

interface TableFacts {
  name: string;
  columns: string[];
  /** The columns of its primary key, or of each unique constraint when it has none. */
  keys: string[][];
  triggers: string[];
}

let tables: TableFacts[];

/** The tables the plan places as a member's, each with its placement. */
function memberTables(): { table: TableFacts; place: Extract<Placement, { kind: 'member' }> }[] {
  return tables.flatMap((table) => {
    const place = placementOf(table.name);
    return place?.kind === 'member' ? [{ table, place }] : [];
  });
}

beforeAll(async () => {
  const hub = await sharedTestHub('distribution');
  tables = await withDatabase(hub.databaseUrl, async (db) => {
    // Each key comes back as its columns comma-joined (array_agg of arrays of unequal length is refused).
    const { rows } = await db.query<Omit<TableFacts, 'keys'> & { keys: string[] }>(
      `select c.oid::regclass::text as name,
              array(select a.attname::text from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped order by a.attnum) as columns,
              coalesce((select array_agg(array_to_string(array(select a.attname from unnest(k.conkey) n join pg_attribute a on a.attrelid = c.oid and a.attnum = n), ','))
                        from pg_constraint k where k.conrelid = c.oid
                          and (k.contype = 'p' or (k.contype = 'u' and not exists (select 1 from pg_constraint p where p.conrelid = c.oid and p.contype = 'p')))),
                       '{}') as keys,
              array(select t.tgname::text from pg_trigger t where t.tgrelid = c.oid and not t.tgisinternal order by 1) as triggers
         from pg_class c join pg_namespace s on s.oid = c.relnamespace
        where c.relkind in ('r', 'p') and not c.relispartition
          and s.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and s.nspname not like 'pg_temp%'
        order by 1`,
    );
    return rows.map((row) => ({ ...row, keys: row.keys.map((key) => key.split(',')) }));
  });
});

describe('the schema against distribution by member id (docs/scaling.md)', () => {
  it('places every table, and places none that is not there', () => {
    const names = tables.map((t) => t.name);
    expect(names.length).toBeGreaterThan(60);
    expect(
      names.filter((name) => !placementOf(name)),
      'a table without a place: add it to migrations/distribution.ts and docs/scaling.md',
    ).toEqual([]);
    expect(
      Object.keys(DISTRIBUTION).filter((name) => !names.includes(name)),
      'placed, but no longer in the schema',
    ).toEqual([]);
  });

  it("keeps the member id in each member's table, in its key where the plan has it there", () => {
    const members = memberTables();
    expect(members.length).toBeGreaterThan(20);
    const found = members.map(({ table, place }) => ({
      table: table.name,
      hasColumn: table.columns.includes(place.column),
      keyedByMember: table.keys.length > 0 && table.keys.every((key) => key.includes(place.column)),
    }));
    const planned = members.map(({ table, place }) => ({ table: table.name, hasColumn: true, keyedByMember: place.keyedByMember }));
    expect(found, "a member's column or key that differs from the plan: mend the schema, or say so in migrations/distribution.ts and docs/scaling.md").toEqual(
      planned,
    );
  });

  it("has on each member's table only the triggers the plan lists", () => {
    // Both sorted here: the catalogue's order follows the database's collation, not JavaScript's.
    const found = memberTables().map(({ table }) => ({ table: table.name, triggers: [...table.triggers].sort() }));
    const planned = memberTables().map(({ table, place }) => ({ table: table.name, triggers: [...place.triggers].sort() }));
    expect(found).toEqual(planned);
  });
});
