/**
 * The journal partitioned by month (issue 26; docs/operations.md "The journal's months", "Archiving a month"): months
 * made ahead and by a movement that meets none; settlement, expiry and analytics reading only their months, by the
 * plans of the statements they send; a month past its five years detached, written out and dropped, with the verifier
 * still checking everything attached.
 */
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../lib/clock.js';
import { createOrm, migrate } from '../lib/database.js';
import { walletMigrations } from '../migrations/wallet/index.js';
import { archiveJournalMonth } from '../scripts/archive-journal-month.js';
import { readJournalArchive } from '../scripts/read-journal-archive.js';
import { verifyLedgerAt } from '../scripts/verify-ledger.js';
import type { Claims } from '../lib/auth.js';
import { MOVEMENT_HOOKS, createTask, tasksOfMember } from '../subgraphs/wallet/marketing/index.js';
import { computeAnalytics } from '../subgraphs/wallet/marketing/analytics/analytics.js';
import { issuePayCode } from '../subgraphs/wallet/ledger/paycode/paycode.js';
import { findTransaction, listTransactions, makeMonthsAhead, transactionsByIds } from '../subgraphs/wallet/ledger/index.js';
import { checkout } from '../subgraphs/wallet/payments/checkout/checkout.js';
import { topUp } from '../subgraphs/wallet/payments/topup/topup.js';
import { expireDuePoints, programmeInForce } from '../subgraphs/wallet/programme/index.js';
import { finalizeSettlement, runSettlement } from '../subgraphs/wallet/settlement/settlement.js';
import { testDatabase } from './support/database.js';
import { withDatabase } from './support/ledger.js';
import { addWalletMember, addWalletMerchant, tillDeps } from './support/wallet-directory.js';

const TZ = 'Asia/Shanghai';
let orm: MikroORM;
let url: string;
const clock = new FixedClock(new Date('2019-06-10T04:00:00Z'));
const payCodeKey = randomBytes(32);
const memberId = randomUUID();
const [a, b, sa, sb] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
const out = mkdtempSync(join(tmpdir(), 'unicard-archive-'));

const deps = (storeId: string, merchantId: string) => tillDeps(orm, clock, payCodeKey, storeId, merchantId);
const code = async () => (await issuePayCode(orm.em.fork(), clock, payCodeKey, memberId)).code;
const buy = async (amount: string) =>
  checkout(deps(sb, b), { payCode: await code(), storeId: sb, orderAmount: { amount }, storedValue: { amount }, idempotencyKey: randomUUID() });
const settle = async (period: string) => {
  const run = await runSettlement(orm.em.fork(), clock, period);
  await finalizeSettlement(orm.em.fork(), clock, run.id);
};
const months = () =>
  withDatabase(url, async (db) => {
    const { rows } = await db.query<{ month: string; starts_at: Date; ends_at: Date; archived: boolean }>(
      "select to_char(month, 'YYYY-MM') as month, starts_at, ends_at, archived_at is not null as archived from wallet.journal_month order by month",
    );
    return rows;
  });

beforeAll(async () => {
  url = await testDatabase('unicard_months');
  orm = await createOrm({ url, schema: 'wallet', entities: [], migrations: walletMigrations, poolSize: 4 });
  await migrate(orm, 'wallet');
  const em = () => orm.em.fork();
  await addWalletMerchant(em, clock, { merchantId: a, storeId: sa });
  await addWalletMerchant(em, clock, { merchantId: b, storeId: sb });
  await addWalletMember(em, clock, memberId, { merchantId: a, storeId: sa });
});
afterAll(async () => {
  await orm?.close();
  rmSync(out, { recursive: true, force: true });
});

/**
 * The journal's months each statement an operation sends would read, from its plan (EXPLAIN, in the statement's own
 * transaction, just before it runs): every partition of journal_transaction or journal_entry its plan scans.
 */
async function monthsRead<T>(work: () => Promise<T>): Promise<{ result: T; statements: { sql: string; months: string[] }[] }> {
  const connection = orm.em.getConnection();
  const execute = connection.execute.bind(connection);
  const statements: { sql: string; months: string[] }[] = [];
  connection.execute = (async (query: string, params?: unknown[], method?: 'all' | 'get' | 'run', ctx?: unknown) => {
    if (typeof query === 'string' && /\bjournal_(entry|transaction)\b/.test(query) && !/^\s*explain/i.test(query)) {
      const plan = (await execute(`explain (format json) ${query}`, params, 'all', ctx as never)) as { 'QUERY PLAN': unknown }[];
      const found = new Set<string>();
      JSON.stringify(plan[0]!['QUERY PLAN'], (key, value: unknown) => {
        if (key === 'Relation Name' && typeof value === 'string') {
          const month = /^journal_(?:entry|transaction)_(\d{4})_(\d{2})$/.exec(value);
          if (month) found.add(`${month[1]}-${month[2]}`);
        }
        return value;
      });
      statements.push({ sql: query, months: [...found].sort() });
    }
    return execute(query, params, method, ctx as never);
  }) as typeof connection.execute;
  try {
    return { result: await work(), statements };
  } finally {
    connection.execute = execute;
  }
}

describe("the journal's months", () => {
  it('a movement that meets no month makes it and those around it; the job keeps three months ahead', async () => {
    expect(await months()).toEqual([]);
    await topUp(deps(sa, a), { payCode: await code(), storeId: sa, amount: { amount: '500' }, bonus: { amount: '0' }, idempotencyKey: randomUUID() });
    expect((await months()).map((m) => m.month)).toEqual(['2019-05', '2019-06', '2019-07', '2019-08', '2019-09']);
    // A month starts at midnight in Shanghai: 16:00 UTC the day before.
    expect((await months())[1]).toMatchObject({ starts_at: new Date('2019-05-31T16:00:00Z'), ends_at: new Date('2019-06-30T16:00:00Z') });
    clock.set(new Date('2019-07-03T04:00:00Z'));
    await settle('2019-06');
    // Months later, past the months made: the checkout makes its own (with the one before and three after); the months the
    // clock passed while nothing moved are not made.
    clock.set(new Date('2020-01-20T04:00:00Z'));
    await buy('40');
    expect((await months()).map((m) => m.month).slice(4)).toEqual(['2019-09', '2019-12', '2020-01', '2020-02', '2020-03', '2020-04']);
    clock.set(new Date('2020-02-03T04:00:00Z'));
    await settle('2020-01');
    clock.set(new Date('2020-02-12T04:00:00Z'));
    await buy('30');
    clock.set(new Date('2020-03-10T04:00:00Z'));
    await buy('20');
    // The job's work: through three months after now, then nothing more to make.
    expect(await makeMonthsAhead(orm.em.fork(), clock.now(), TZ)).toBe(2);
    expect(await makeMonthsAhead(orm.em.fork(), clock.now(), TZ)).toBe(0);
    const made = (await months()).slice(5);
    expect(made.map((m) => m.month)).toEqual(['2019-12', '2020-01', '2020-02', '2020-03', '2020-04', '2020-05', '2020-06']);
    for (let i = 1; i < made.length; i++) expect(made[i]!.starts_at).toEqual(made[i - 1]!.ends_at);
    // The rows went to their months.
    const where = await withDatabase(url, (db) =>
      db.query<{ part: string; n: number }>(
        'select tableoid::regclass::text as part, count(*)::int as n from wallet.journal_transaction where member_id = $1 group by 1 order by 1',
        [memberId],
      ),
    );
    expect(where.rows).toEqual([
      { part: 'wallet.journal_transaction_2019_06', n: 1 },
      { part: 'wallet.journal_transaction_2020_01', n: 1 },
      { part: 'wallet.journal_transaction_2020_02', n: 1 },
      { part: 'wallet.journal_transaction_2020_03', n: 1 },
    ]);
  });

  it('settlement reads only its month, expiry none, and analytics the months from its range on, by their plans', async () => {
    const settled = await monthsRead(() => settle('2020-02'));
    expect(settled.statements.length).toBeGreaterThan(0);
    expect(settled.statements.map((s) => s.months)).toEqual(settled.statements.map(() => ['2020-02']));

    // February's figures as of its end, computed in March: its months, the 90 days before its end (active members) and
    // the month after (the float and the points at its end: those now, less what moved since), never the months before.
    const analytics = await monthsRead(() => computeAnalytics(orm.em.fork(), clock.now(), TZ, { from: '2020-02-01', to: '2020-02-29' }, null));
    expect(analytics.result.storedValueFloatByIssuer).toEqual([{ issuerId: a, balance: 43000n }]);
    const [byMember, byRange] = [analytics.statements.filter((s) => /newcomers/.test(s.sql)), analytics.statements.filter((s) => !/newcomers/.test(s.sql))];
    expect(byRange.length).toBeGreaterThanOrEqual(3);
    for (const s of byRange)
      expect(
        s.months.every((m) => m >= '2019-12'),
        s.sql,
      ).toBe(true);
    expect(byRange.some((s) => s.months.includes('2020-02'))).toBe(true);
    expect(byRange.filter((s) => s.months.includes('2019-12'))).toHaveLength(1);
    // The conversion and paid-plan figures follow each newcomer and payer through its own history, by member.
    expect(byMember).toHaveLength(1);

    clock.set(new Date('2022-01-01T04:00:00Z'));
    const expired = await monthsRead(() => expireDuePoints({ em: orm.em.fork(), clock, timeZone: TZ, hooks: MOVEMENT_HOOKS }));
    expect(expired.statements.length).toBeGreaterThan(0);
    expect(expired.statements.flatMap((s) => s.months)).toEqual([]);
  });

  it("a member's history, a merchant's view of it and a transaction by id plan only the months they read", async () => {
    const attached = (await months()).filter((m) => !m.archived).map((m) => m.month);
    // A month is the coalition's (Asia/Shanghai, UTC+8): the month of its partition.
    const monthOf = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
    const monthsOf = (dates: Date[]) => [...new Set(dates.map(monthOf))].sort();
    const own = await withDatabase(
      url,
      async (db) =>
        (await db.query<{ kind: string; occurred_at: Date }>('select kind, occurred_at from wallet.journal_transaction where member_id = $1', [memberId])).rows,
    );
    const ownMonths = monthsOf(own.map((t) => t.occurred_at));
    expect(attached.length).toBeGreaterThan(ownMonths.length + 4);
    // Asked of the journal itself, a member's history plans every month attached, however few it reads.
    const unbounded = await monthsRead(() =>
      orm.em.getConnection().execute('select id from wallet.journal_transaction where member_id = ? order by occurred_at desc, id desc limit 2', [memberId]),
    );
    expect(unbounded.statements.map((s) => s.months)).toEqual([attached]);

    // Page by page, newest first, each page plans only the months of its own transactions and of the one after it (read
    // to tell whether there is a next page).
    const pages: { nodes: { kind: string; occurredAt: Date }[]; months: string[][] }[] = [];
    let after: string | null = null;
    do {
      const page = await monthsRead(() => listTransactions(orm.em.fork(), memberId, { first: 2, after }));
      pages.push({ nodes: page.result.edges.map((e) => e.node), months: page.statements.map((s) => s.months) });
      after = page.result.pageInfo.hasNextPage ? page.result.pageInfo.endCursor : null;
    } while (after);
    const history = pages.flatMap((p) => p.nodes);
    expect(history).toHaveLength(own.length);
    expect(history.at(-1)!.kind).toBe('TOP_UP');
    pages.forEach((page, i) => expect(page.months).toEqual([monthsOf([...page.nodes, ...(pages[i + 1]?.nodes.slice(0, 1) ?? [])].map((n) => n.occurredAt))]));

    // The checkouts' merchant sees them and not the top-up at the other one: its keys in a batch, read in their months.
    const seen = await monthsRead(() => listTransactions(orm.em.fork(), memberId, { first: 5, visibleTo: b }));
    expect(seen.result.edges.map((e) => e.node.kind)).toEqual(['CHECKOUT', 'CHECKOUT', 'CHECKOUT']);
    expect(seen.statements.length).toBeGreaterThan(0);
    for (const s of seen.statements) expect(s.months.every((m) => ownMonths.includes(m))).toBe(true);

    const checkout = seen.result.edges[0]!.node;
    const found = await monthsRead(() => findTransaction(orm.em.fork(), checkout.id));
    expect(found.result?.id).toBe(checkout.id);
    expect(found.statements.map((s) => s.months)).toEqual([[monthOf(checkout.occurredAt)]]);
    const topUp = (await listTransactions(orm.em.fork(), memberId, { first: 20 })).edges.at(-1)!.node;
    const both = await monthsRead(() => transactionsByIds(orm.em.fork(), [topUp.id, randomUUID(), checkout.id]));
    expect(both.result.map((t) => t?.kind ?? null)).toEqual(['TOP_UP', null, 'CHECKOUT']);
    expect(both.statements.map((s) => s.months)).toEqual([monthsOf([topUp.occurredAt, checkout.occurredAt])]);

    // A member's task progress (asked at every movement while a task may count) plans the journal from its window on:
    // a monthly task at the checkout's instant, that month and the months made ahead of it, none before.
    const at = checkout.occurredAt;
    await createTask(orm.em.fork(), at, { role: 'HQ', subject: 'hq' } as Claims, {
      name: '每月两笔',
      kind: 'PURCHASES',
      goal: 2,
      window: 'MONTH',
      reward: { points: 5, growth: 0 },
    });
    const progress = await monthsRead(async () => tasksOfMember(orm.em.fork(), memberId, at, await programmeInForce(orm.em.fork(), at), TZ));
    expect(progress.result.map((t) => t.progress)).toEqual([1]);
    expect(progress.statements).toHaveLength(1);
    expect(progress.statements[0]!.months[0]).toBe(monthOf(at));
  });

  it('a month past its five years is detached, written out, counted and dropped; the verifier checks all that is attached', async () => {
    clock.set(new Date('2026-03-10T04:00:00Z'));
    await buy('10');
    const refused = (month: string, now: Date) =>
      withDatabase(url, (db) => db.query('select wallet.detach_journal_month($1::date, $2)', [`${month}-01`, now])).then(
        () => 'detached',
        (e: Error) => e.message,
      );
    expect(await refused('2019-05', new Date('2024-04-01T00:00:00Z'))).toMatch(/journal month 2019-05 is kept until 2024-05-31.*records are kept 5 years/);
    expect(await refused('2020-01', clock.now())).toBe('archive the months before 2020-01 first');

    // The CLI, as an operator runs it, says why it refuses and changes nothing.
    const cli = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/archive-journal-month.ts', '--month', '2020-01', '--out', out], {
      env: { ...process.env, DATABASE_URL: url, MIGRATION_DATABASE_URL: url, UNICARD_NOW: clock.now().toISOString() },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(cli.code).toBe(1);
    expect(cli.stderr).toBe('archive-journal-month: archive the months before 2020-01 first\n');

    const lines: string[] = [];
    const archived = [];
    for (const month of ['2019-05', '2019-06', '2019-07', '2019-08', '2019-09', '2019-12'])
      archived.push(await archiveJournalMonth(url, month, { out, now: clock.now(), progress: (l) => lines.push(l) }));
    expect(archived.map((m) => m.transactions)).toEqual([0, 1, 0, 0, 0, 0]);
    // June's top-up stays in the key table: its issuer lot refers to it.
    expect(archived.map((m) => m.keyRows)).toEqual([{ dropped: 0, kept: 0 }, { dropped: 0, kept: 1 }, ...[0, 0, 0, 0].map(() => ({ dropped: 0, kept: 0 }))]);
    const inJanuary = await withDatabase(url, (db) =>
      db.query<{ n: number }>('select count(*)::int as n from wallet.journal_entry_2020_01').then((r) => r.rows[0]!.n),
    );
    const january = await archiveJournalMonth(url, '2020-01', { out, now: clock.now(), progress: (l) => lines.push(l) });
    expect(january).toMatchObject({ month: '2020-01', transactions: 1, entries: inJanuary, keyRows: { dropped: 1, kept: 0 } });
    expect(lines).toContain('2020-01: 1 key rows deleted, 0 kept (something still refers to them)');
    // Run again, an archived month answers with its manifest, and has no key rows left to delete.
    expect(await archiveJournalMonth(url, '2020-01', { out, now: clock.now() })).toEqual({ ...january, keyRows: { dropped: 0, kept: 0 } });
    expect(lines).toContain(`2020-01: detached, 1 transactions and ${inJanuary} entries`);
    expect(lines).toContain(`2020-01: journal_entry_2020_01 ${inJanuary} of ${inJanuary} rows written`);
    // February (settled above) too; March, with a checkout and no finalised settlement, is not archived until it is.
    expect(await archiveJournalMonth(url, '2020-02', { out, now: clock.now() })).toMatchObject({ transactions: 1 });
    expect(await refused('2020-03', clock.now())).toBe('journal month 2020-03 has no finalised settlement');
    await settle('2020-03');

    // What was written is the month: its lines, their checksum in the manifest, the member's stored value they moved.
    const written = (table: string) =>
      gunzipSync(readFileSync(join(out, `${table}.jsonl.gz`)))
        .toString()
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    const entries = written('journal_entry_2020_01');
    expect(entries).toHaveLength(inJanuary);
    expect(written('journal_transaction_2020_01').map((t) => t.kind)).toEqual(['CHECKOUT']);
    const manifest = JSON.parse(readFileSync(january.manifest, 'utf8')) as { files: { sha256: string }[] };
    expect(manifest.files.map((f) => f.sha256)).toEqual(january.files.map((f) => f.sha256));
    const storedValue = entries.filter((e) => e.account === 'STORED_VALUE' && e.member_id === memberId).reduce((sum, e) => sum + BigInt(String(e.amount)), 0n);
    expect(storedValue).toBe(4000n);

    // Read back beside the ledger for an audit: checked against its manifest first, then loaded; its members' entries sum
    // to what the ledger kept of the month. A file that does not match its manifest loads nothing.
    const loading: string[] = [];
    const loaded = await readJournalArchive(url, january.manifest, { progress: (l) => loading.push(l) });
    expect(loaded).toEqual({
      month: '2020-01',
      tables: [
        { table: 'journal_archive.journal_transaction_2020_01', rows: 1 },
        { table: 'journal_archive.journal_entry_2020_01', rows: inJanuary },
      ],
    });
    expect(loading).toContain(`2020-01: journal_archive.journal_entry_2020_01 ${inJanuary} of ${inJanuary} rows loaded`);
    await withDatabase(url, async (db) => {
      // The ledger kept its members' accounts (stored value and points) per lot.
      const members = "journal_archive.journal_entry_2020_01 where account in ('STORED_VALUE', 'MEMBER_POINTS')";
      const kept = "wallet.journal_archived_sum where month = '2020-01-01'";
      expect((await db.query(`select count(*)::int as n from ${kept}`)).rows[0].n).toBeGreaterThan(0);
      const sums = (from: string) => `select member_id, account, lot_id, points_lot_id, sum(amount) as amount from ${from} group by 1, 2, 3, 4`;
      const differ = await db.query(`(${sums(members)} except ${sums(kept)}) union all (${sums(kept)} except ${sums(members)})`);
      expect(differ.rows).toEqual([]);
      expect((await db.query('select kind from journal_archive.journal_transaction_2020_01')).rows).toEqual([{ kind: 'CHECKOUT' }]);
    });
    const tampered = join(out, 'tampered.manifest.json');
    const wrong = JSON.parse(readFileSync(january.manifest, 'utf8')) as { files: { sha256: string }[] };
    wrong.files[1]!.sha256 = '0'.repeat(64);
    writeFileSync(tampered, JSON.stringify(wrong));
    await expect(readJournalArchive(url, tampered, { schema: 'journal_archive_tampered' })).rejects.toThrow(/where the manifest says .*; nothing loaded/);
    expect((await withDatabase(url, (db) => db.query("select 1 from pg_namespace where nspname = 'journal_archive_tampered'"))).rows).toEqual([]);

    await withDatabase(url, async (db) => {
      const left = await db.query(
        "select relname from pg_class where relnamespace = 'wallet'::regnamespace and relname in ('journal_entry_2020_01', 'journal_transaction_2020_01')",
      );
      expect(left.rows).toEqual([]);
      const sums = await db.query<{ amount: string }>(
        "select sum(amount)::text as amount from wallet.journal_archived_sum where month = '2020-01-01' and account = 'STORED_VALUE' and member_id = $1",
        [memberId],
      );
      expect(sums.rows[0]!.amount).toBe('4000');
      // An archived month is never made again. Of its transactions' key rows, those that something refers to stay (the
      // lot of June's top-up refers to it); January's checkout's has gone.
      expect((await db.query("select wallet.make_journal_partitions('2019-01-01', '2020-02-01', $1) as made", [TZ])).rows[0].made).toBe(0);
      expect((await db.query("select relname from pg_class where relnamespace = 'wallet'::regnamespace and relname = 'journal_entry_2020_01'")).rows).toEqual(
        [],
      );
      const keys = await db.query<{ lot: boolean }>(
        `select exists (select 1 from wallet.issuer_lot l where l.top_up_id = k.id) as lot from wallet.journal_transaction_key k
           join wallet.journal_month m on k.occurred_at >= m.starts_at and k.occurred_at < m.ends_at where m.archived_at is not null`,
      );
      expect(keys.rows).toEqual([{ lot: true }]);
      // Deleting a key row checks every foreign key into it: each referring column leads an index, or that check reads
      // the whole table for every key row deleted.
      const unindexed = await db.query(`select c.conrelid::regclass::text as tbl from pg_constraint c
        where c.contype = 'f' and c.confrelid = 'wallet.journal_transaction_key'::regclass
          and not exists (select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1])`);
      expect(unindexed.rows).toEqual([]);
      // The key rows of attached months stay append-only.
      await expect(db.query("delete from wallet.journal_transaction_key where occurred_at >= '2020-03-01'")).rejects.toThrow(
        /DELETE on wallet.journal_transaction_key is not allowed/,
      );
    });
    expect((await months()).filter((m) => m.archived).map((m) => m.month)).toHaveLength(8);

    // The verifier adds the archived sums to the balances' checks and checks everything still attached.
    const checks = await verifyLedgerAt(url);
    expect(checks.flatMap((c) => c.violations)).toEqual([]);
    expect(checks.find((c) => c.name === "every member's balance equals its stored-value entries")!.checked).toBe(1);
    // March's settlement is checked, its opening points carried by the archived months' sums; June's, January's and
    // February's, of archived months, are not.
    expect(checks.find((c) => c.name === 'every finalised settlement still matches the ledger')!.checked).toBe(1);

    // And still names what is wrong: a key row without its transaction in an attached month.
    const stray = randomUUID();
    await withDatabase(url, (db) =>
      db.query(
        "insert into wallet.journal_transaction_key (id, occurred_at, member_id, client_id, idempotency_key, request_hash) values ($1::uuid, now(), $2, 'x', $1::text, 'x')",
        [stray, memberId],
      ),
    );
    try {
      const keys = (await verifyLedgerAt(url)).find((c) => c.name.startsWith('every journal transaction has its key row'))!;
      expect(keys.violations).toEqual([`transaction ${stray} has a key row and no transaction`]);
    } finally {
      await withDatabase(url, async (db) => {
        await db.query('set session_replication_role = replica');
        await db.query('delete from wallet.journal_transaction_key where id = $1', [stray]);
      });
    }
    expect((await verifyLedgerAt(url)).flatMap((c) => c.violations)).toEqual([]);
  });

  it("a month's partition refuses truncation and changes like its table", async () => {
    const refused = (statement: string) =>
      withDatabase(url, (db) => db.query(statement)).then(
        () => 'accepted',
        (e: Error) => e.message,
      );
    expect(await refused('truncate wallet.journal_entry_2020_03')).toMatch(/append-only/);
    expect(await refused('truncate wallet.journal_transaction_2020_03 cascade')).toMatch(/append-only/);
    expect(await refused('delete from wallet.journal_entry_2020_03')).toMatch(/append-only/);
    expect(await refused('update wallet.journal_transaction_2020_03 set amount = 0')).toMatch(/append-only/);
    expect(await refused('delete from wallet.journal_transaction_key')).toMatch(/append-only/);
  });

  it("a merchant's view of a long history it sees little of reads it in growing batches, page by page", async () => {
    const member = randomUUID();
    await addWalletMember(() => orm.em.fork(), clock, member, { merchantId: a, storeId: sa });
    const code = async () => (await issuePayCode(orm.em.fork(), clock, payCodeKey, member)).code;
    const at = (minutes: number) => clock.set(new Date(Date.parse('2026-03-11T04:00:00Z') + minutes * 60_000));
    at(0);
    await topUp(deps(sa, a), { payCode: await code(), storeId: sa, amount: { amount: '100' }, bonus: { amount: '0' }, idempotencyKey: randomUUID() });
    // Three purchases at b's store (b sees them), then more top-ups at a's (b does not) than the first batch of keys holds.
    for (let i = 1; i <= 3; i++) {
      at(i);
      await checkout(deps(sb, b), {
        payCode: await code(),
        storeId: sb,
        orderAmount: { amount: '5' },
        storedValue: { amount: '5' },
        idempotencyKey: randomUUID(),
      });
    }
    for (let i = 4; i < 4 + 105; i++) {
      at(i);
      await topUp(deps(sa, a), { payCode: await code(), storeId: sa, amount: { amount: '1' }, bonus: { amount: '0' }, idempotencyKey: randomUUID() });
    }
    const first = await monthsRead(() => listTransactions(orm.em.fork(), member, { first: 2, visibleTo: b }));
    expect(first.result.edges.map((e) => e.node.kind)).toEqual(['CHECKOUT', 'CHECKOUT']);
    expect(first.result.pageInfo.hasNextPage).toBe(true);
    // The newest 100 keys are top-ups at a: none shown; the next batch holds the rest.
    expect(first.statements).toHaveLength(2);
    const second = await listTransactions(orm.em.fork(), member, { first: 2, visibleTo: b, after: first.result.pageInfo.endCursor });
    expect(second.edges.map((e) => e.node.kind)).toEqual(['CHECKOUT']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(new Set([...first.result.edges, ...second.edges].map((e) => e.node.id)).size).toBe(3);
    // The member sees all of it, newest first.
    expect((await listTransactions(orm.em.fork(), member, { first: 100 })).edges).toHaveLength(100);
  });
});
