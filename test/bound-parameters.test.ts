/**
 * Values reach PostgreSQL as bound parameters, never inside the SQL text,
 * for raw statements and for MikroORM's own entity queries alike
 * (lib/bound-parameters.ts); and a value PostgreSQL refuses is the
 * client's error, not a retryable outage (while a socket that is not there, a PostgreSQL restarting, is one).
 */
import { testDatabase } from './support/database.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createOrm, migrate } from '../lib/database.js';
import { isConnectionFailure } from '../lib/errors.js';
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
