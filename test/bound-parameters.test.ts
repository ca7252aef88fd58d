/**
 * Values reach PostgreSQL as bound parameters, never inside the SQL text,
 * for raw statements and for MikroORM's own entity queries alike
 * (lib/bound-parameters.ts); and a value PostgreSQL refuses is the
 * client's error, not a retryable outage (while a socket that is not there, a PostgreSQL restarting, is one).
 */
import { testDatabase } from './support/database.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IsolationLevel, type MikroORM } from '@mikro-orm/postgresql';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createOrm, migrate } from '../lib/database.js';
import { isConnectionFailure } from '../lib/errors.js';
import { lastStatementCommits, roundTripsSent } from '../lib/begin-ahead.js';
import { merchantMigrations } from '../migrations/merchant/index.js';
import { merchantEntities } from '../subgraphs/merchant/index.js';
import { MerchantEntity } from '../subgraphs/merchant/participant/merchant.js';

let orm: MikroORM;
const sent: { sql: string; bindings: unknown[] }[] = [];

beforeAll(async () => {
  const url = await testDatabase('unicard_bound');
  orm = await createOrm({ url, schema: 'merchant', entities: merchantEntities, migrations: merchantMigrations, poolSize: 2 });
  await migrate(orm, 'merchant');
  orm.em
    .getConnection()
    .getKnex()
    .on('query', (q: { sql: string; bindings?: unknown[] }) => sent.push({ sql: q.sql, bindings: q.bindings ?? [] }));
});
afterAll(async () => orm?.close());

const hostile = "O'Reilly'); drop table merchant.merchant; --";

describe('bound parameters', () => {
  it('a raw statement sends its values apart from its text', async () => {
    sent.length = 0;
    const rows: { v: string }[] = await orm.em.fork().execute('select ?::text as v', [hostile]);
    expect(rows[0]!.v).toBe(hostile);
    expect(sent.at(-1)!.sql).toBe('select $1::text as v');
    expect(sent.at(-1)!.bindings).toEqual([hostile]);
  });

  it("an escaped question mark is the character, not a value's place; an undefined value is refused and nothing is sent", async () => {
    sent.length = 0;
    const rows: { has: boolean; v: string }[] = await orm.em.fork().execute(`select '{"a":1}'::jsonb \\? 'a' as has, ?::text as v`, ['x']);
    expect(rows[0]).toEqual({ has: true, v: 'x' });
    expect(sent.at(-1)!.sql).toBe(`select '{"a":1}'::jsonb ? 'a' as has, $1::text as v`);
    sent.length = 0;
    const error = await orm.em
      .fork()
      .execute('select ?::text as a, ?::text as b', ['x', undefined])
      .catch((e: unknown) => e);
    expect(String((error as Error).message)).toMatch(/Undefined binding/);
    expect(sent).toEqual([]);
  });

  it('an entity query does too', async () => {
    sent.length = 0;
    expect(await orm.em.fork().find(MerchantEntity, { name: hostile })).toEqual([]);
    const statement = sent.find((s) => /from "merchant"\."merchant"/.test(s.sql))!;
    expect(statement.sql).not.toContain('Reilly');
    expect(statement.bindings).toContain(hostile);
  });

  it('a NUL byte is refused by PostgreSQL as a bad value (22021), not as a broken connection', async () => {
    const error = await orm.em
      .fork()
      .execute('select ?::text as v', ['a\u0000b'])
      .catch((e: unknown) => e);
    expect(String((error as Error).message)).toMatch(/invalid byte sequence|0x00/);
    expect(isConnectionFailure(error)).toBe(false);
    // The pool is fine afterwards.
    expect(await orm.em.fork().execute('select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('a Unix socket that is not there (its PostgreSQL restarting) is a broken connection; a file that is not there is not', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'unicard-no-socket-'));
    const refused = await new pg.Client({ host: empty, port: 5432, user: 'nobody', database: 'nothing' }).connect().catch((e: unknown) => e);
    rmSync(empty, { recursive: true });
    expect((refused as { code?: string }).code).toBe('ENOENT');
    expect(isConnectionFailure(refused)).toBe(true);
    const missingFile = await readFile(join(tmpdir(), 'unicard-no-such-file')).catch((e: unknown) => e);
    expect((missingFile as { code?: string }).code).toBe('ENOENT');
    expect(isConnectionFailure(missingFile)).toBe(false);
  });
});

describe("a transaction's BEGIN goes with its first statement (lib/begin-ahead.ts)", () => {
  const em = () => orm.em.fork();
  const table = `merchant.begin_ahead_${Date.now()}`;
  beforeAll(async () => {
    await em().execute(`create table ${table} (n int primary key)`);
  });
  const count = async () => Number(((await em().execute(`select count(*) as n from ${table}`)) as { n: string }[])[0]!.n);

  it('runs both statements in one transaction, with one round trip fewer', async () => {
    const before = roundTripsSent();
    const ids = await em().transactional(async (tx) => {
      const first = (await tx.execute('select txid_current()::text as id, ?::int as n', [1])) as { id: string }[];
      const second = (await tx.execute('select txid_current()::text as id')) as { id: string }[];
      return [first[0]!.id, second[0]!.id];
    });
    expect(ids[0]).toBe(ids[1]);
    // The first statement with its BEGIN, the second, the COMMIT: three where four went.
    expect(roundTripsSent() - before).toBe(3);
  });

  it("keeps the transaction's isolation level", async () => {
    const level = await em().transactional(
      async (tx) => ((await tx.execute("select current_setting('transaction_isolation') as l")) as { l: string }[])[0]!.l,
      {
        isolationLevel: IsolationLevel.SERIALIZABLE,
      },
    );
    expect(level).toBe('serializable');
  });

  it('rolls back what the first statement wrote when a later one fails, and a first that fails leaves nothing open', async () => {
    await expect(
      em().transactional(async (tx) => {
        await tx.execute(`insert into ${table} (n) values (?)`, [1]);
        await tx.execute(`insert into ${table} (n) values (?)`, [1]);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await count()).toBe(0);
    // A first statement that fails (a text without values: the simple protocol, here two statements).
    await expect(em().transactional((tx) => tx.execute(`insert into ${table} (n) values (2); select 1/0`))).rejects.toThrow(/division by zero/);
    expect(await count()).toBe(0);
    // The pool's connections go on working, outside a transaction and in one.
    await em().transactional((tx) => tx.execute(`insert into ${table} (n) values (?)`, [3]));
    expect(await count()).toBe(1);
  });

  it('a named statement whose first parse failed behind a BEGIN is parsed again next time, not taken as prepared', async () => {
    const text = 'select n from merchant.begin_ahead_missing where n = ?';
    for (let i = 0; i < 2; i++) {
      await expect(em().transactional((tx) => tx.execute(text, [1]))).rejects.toThrow(/does not exist/);
      await expect(em().execute(text, [1])).rejects.toThrow(/relation "merchant.begin_ahead_missing" does not exist/);
    }
  });

  it('a named statement first sent behind a BEGIN and refused in its running (a duplicate key) is prepared all the same: it is not parsed twice', async () => {
    await em().execute(`insert into ${table} (n) values (?)`, [100]);
    const text = `insert into ${table} (n) values (?) -- prepared behind a BEGIN`;
    // Each time on one of the pool's two connections: the second time on a connection, PostgreSQL has the statement.
    for (let i = 0; i < 4; i++) await expect(em().transactional((tx) => tx.execute(text, [100]))).rejects.toThrow(/duplicate key/);
    await em().execute(`delete from ${table} where n = ?`, [100]);
  });

  it('a transaction that sends nothing costs no round trip', async () => {
    const before = roundTripsSent();
    await em().transactional(async () => undefined);
    expect(roundTripsSent() - before).toBe(0);
  });
});

describe("a transaction's last statement commits it, where the code says which is last (lib/begin-ahead.ts)", () => {
  const em = () => orm.em.fork();
  const table = `merchant.commit_ahead_${Date.now()}`;
  beforeAll(async () => {
    await em().execute(`create table ${table} (n int primary key)`);
  });
  const rows = async () => ((await em().execute(`select n from ${table} order by n`)) as { n: number }[]).map((r) => r.n);

  it('commits with the statement: two statements, two round trips, both kept', async () => {
    const before = roundTripsSent();
    await em().transactional(async (tx) => {
      await tx.execute(`insert into ${table} (n) values (?)`, [1]);
      await lastStatementCommits(() => tx.execute(`insert into ${table} (n) values (?)`, [2]));
    });
    expect(roundTripsSent() - before).toBe(2);
    expect(await rows()).toEqual([1, 2]);
  });

  it('a failing last statement commits nothing; a statement after the commit is refused, never run outside the transaction', async () => {
    await expect(
      em().transactional(async (tx) => {
        await tx.execute(`insert into ${table} (n) values (?)`, [3]);
        await lastStatementCommits(() => tx.execute(`insert into ${table} (n) values (?)`, [1]));
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await rows()).toEqual([1, 2]);
    await expect(
      em().transactional(async (tx) => {
        await lastStatementCommits(() => tx.execute(`insert into ${table} (n) values (?)`, [4]));
        await tx.execute(`insert into ${table} (n) values (?)`, [5]);
      }),
    ).rejects.toThrow(/after its transaction committed ahead/);
    // What committed stays; the refused statement never ran; the connections go on working.
    expect(await rows()).toEqual([1, 2, 4]);
    await em().transactional((tx) => tx.execute(`insert into ${table} (n) values (?)`, [6]));
    expect(await rows()).toEqual([1, 2, 4, 6]);
  });

  it('outside a transaction it changes nothing', async () => {
    const before = roundTripsSent();
    await lastStatementCommits(() => em().execute(`insert into ${table} (n) values (?)`, [7]));
    expect(roundTripsSent() - before).toBe(1);
    expect(await em().execute('select 1 as one')).toEqual([{ one: 1 }]);
    expect(await rows()).toEqual([1, 2, 4, 6, 7]);
  });
});
