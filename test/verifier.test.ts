/**
 * The ledger verifier finds what is wrong and names it; PostgreSQL itself
 * refuses the changes that would break the journal.
 */
import { testDatabase } from './support/database.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { FixedClock } from '../lib/clock.js';
import { createOrm, migrate } from '../lib/database.js';
import { walletMigrations } from '../migrations/wallet/index.js';
import { addWalletMember, addWalletMerchant, tillDeps } from './support/wallet-directory.js';
import { issuePayCode } from '../subgraphs/wallet/ledger/paycode/paycode.js';
import { topUp } from '../subgraphs/wallet/payments/topup/topup.js';
import { checkout } from '../subgraphs/wallet/payments/checkout/checkout.js';
import { refund } from '../subgraphs/wallet/payments/refund/refund.js';
import { finalizeSettlement, runSettlement } from '../subgraphs/wallet/settlement/settlement.js';
import { verifyLedgerAt } from '../scripts/verify-ledger.js';
import { withDatabase } from './support/ledger.js';
import type { Claims } from '../lib/auth.js';
import { createCouponTemplate } from '../subgraphs/wallet/marketing/coupons/coupon-template.js';
import { issueCoupons } from '../subgraphs/wallet/marketing/coupons/coupon-issuance.js';
import { couponsOfMember } from '../subgraphs/wallet/marketing/coupons/coupons.js';
import { createBenefit } from '../subgraphs/wallet/marketing/benefits/benefit.js';

let orm: MikroORM;
let url: string;
const payCodeKey = randomBytes(32);
const memberId = randomUUID();
let checkoutId: string;
let couponId: string;

beforeAll(async () => {
  url = await testDatabase('unicard_verify');
  orm = await createOrm({ url, schema: 'wallet', entities: [], migrations: walletMigrations, poolSize: 4 });
  await migrate(orm, 'wallet');
  const clock = new FixedClock(new Date('2026-06-10T04:00:00Z'));
  const [a, b, sa, sb] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const em = () => orm.em.fork();
  for (const [merchantId, storeId] of [
    [a, sa],
    [b, sb],
  ] as const)
    await addWalletMerchant(em, clock, { merchantId, storeId });
  await addWalletMember(em, clock, memberId, { merchantId: a, storeId: sa });
  const deps = (storeId: string, merchantId: string) => tillDeps(orm, clock, payCodeKey, storeId, merchantId);
  const code = async () => (await issuePayCode(orm.em.fork(), clock, payCodeKey, memberId)).code;
  await topUp(deps(sa, a), { payCode: await code(), storeId: sa, amount: { amount: '100' }, bonus: { amount: '10' }, idempotencyKey: 't' });
  checkoutId = (
    await checkout(deps(sb, b), { payCode: await code(), storeId: sb, orderAmount: { amount: '80' }, storedValue: { amount: '80' }, idempotencyKey: 'c' })
  ).transaction.id;
  await refund(deps(sb, b), { transactionId: checkoutId, orderAmount: { amount: '30' }, idempotencyKey: 'r' });
  // A coupon issued and not used: the coupon checks have something to look at, the journal stays as above.
  const hq: Claims = { role: 'HQ', subject: 'hq-verifier' };
  const template = await createCouponTemplate(orm.em.fork(), clock.now(), hq, {
    name: '九折',
    kind: 'PERCENT_OFF',
    percentOff: 10,
    maxDiscount: { amount: '5' },
    validDays: 30,
    budget: 2,
    acceptedBy: [a],
  });
  await issueCoupons(orm.em.fork(), () => clock.now(), hq, { templateId: template.id, memberIds: [memberId], idempotencyKey: 'i' });
  couponId = (await couponsOfMember(orm.em.fork(), memberId, clock.now()))[0]!.id;
  clock.set(new Date('2026-07-02T00:00:00Z'));
  const run = await runSettlement(orm.em.fork(), clock, '2026-06');
  await finalizeSettlement(orm.em.fork(), clock, run.id);
});
afterAll(async () => orm?.close());

const run = promisify(execFile);
async function cli(): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/verify-ledger.ts'], { env: { ...process.env, DATABASE_URL: url } });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, out: e.stdout };
  }
}

/**
 * Statements tried in one transaction rolled back at the end, each behind a savepoint: the ledger the other tests check
 * stays as it was. `attempt` answers 'accepted' or the error's message.
 */
async function attempts(tries: (attempt: (statement: string, params?: unknown[]) => Promise<string>) => Promise<void>): Promise<void> {
  await withDatabase(url, async (db) => {
    await db.query('begin');
    try {
      // The month of now(), which the statements below write in (the file's clock moved movements to 2026's summer).
      await db.query(`select wallet.make_journal_partitions(now(), now(), 'Asia/Shanghai')`);
      await tries(async (statement, params = []) => {
        await db.query('savepoint attempt');
        try {
          await db.query(statement, params);
          await db.query('release savepoint attempt');
          return 'accepted';
        } catch (error) {
          await db.query('rollback to savepoint attempt');
          return (error as Error).message;
        }
      });
    } finally {
      await db.query('rollback');
    }
  });
}

describe('the ledger verifier', () => {
  it('passes a consistent ledger and says what it checked', async () => {
    const checks = await verifyLedgerAt(url);
    expect(checks.length).toBe(23);
    expect(checks.flatMap((c) => c.violations)).toEqual([]);
    expect(checks.find((c) => c.name === 'every journal transaction sums to zero in each asset')!.checked).toBe(3);
    expect(checks.find((c) => c.name === 'every finalised settlement still matches the ledger')!.checked).toBe(1);
    const { code, out } = await cli();
    expect(code).toBe(0);
    expect(out).toMatch(/ok {3}every journal transaction sums to zero in each asset \(3 checked\)/);
    expect(out).toMatch(/ledger verified: no violations/);
  });

  it('names a wallet whose balance drifted from its lots, and the CLI exits 1', async () => {
    await withDatabase(url, (db) => db.query('update wallet.wallet set balance = balance + 1 where member_id = $1', [memberId]));
    try {
      const checks = await verifyLedgerAt(url);
      const drift = checks.filter((c) => c.violations.length > 0);
      expect(drift.map((c) => c.name)).toEqual([
        "every member's balance equals its lots' remaining value",
        "every member's balance equals its stored-value entries",
      ]);
      expect(drift[0]!.violations).toEqual([`member ${memberId} has balance 6001 fen but lots worth 6000`]);
      const { code, out } = await cli();
      expect(code).toBe(1);
      expect(out).toContain(`member ${memberId} has balance 6001 fen`);
    } finally {
      await withDatabase(url, (db) => db.query('update wallet.wallet set balance = balance - 1 where member_id = $1', [memberId]));
    }
  });

  it('names a lot drifted from its entries', async () => {
    await withDatabase(url, async (db) => {
      await db.query('update wallet.issuer_lot set remaining = remaining - 500 where member_id = $1', [memberId]);
      await db.query('update wallet.wallet set balance = balance - 500 where member_id = $1', [memberId]);
    });
    try {
      const checks = await verifyLedgerAt(url);
      expect(checks.filter((c) => c.violations.length).map((c) => c.name)).toEqual([
        "every lot's remaining value equals its entries",
        "every member's balance equals its stored-value entries",
      ]);
    } finally {
      await withDatabase(url, async (db) => {
        await db.query('update wallet.issuer_lot set remaining = remaining + 500 where member_id = $1', [memberId]);
        await db.query('update wallet.wallet set balance = balance + 500 where member_id = $1', [memberId]);
      });
    }
    expect((await verifyLedgerAt(url)).flatMap((c) => c.violations)).toEqual([]);
  });

  it('names a coupon marked used without a checkout, and a template whose count of issued coupons drifted', async () => {
    await withDatabase(url, async (db) => {
      await db.query('update wallet.coupon set redemptions = 1 where id = $1', [couponId]);
      await db.query('update wallet.coupon_template set issued = 2');
    });
    try {
      const checks = (await verifyLedgerAt(url)).filter((c) => c.violations.length > 0);
      expect(checks.map((c) => c.name)).toEqual([
        "every coupon is used at most once at a time, and its uses match the journal's checkouts and refunds",
        "every coupon's discount is funded in full, and its template's budget holds",
      ]);
      expect(checks[0]!.violations).toEqual([`coupon ${couponId} counts 1 uses and 0 returns but the journal has 0 and 0`]);
      expect(checks[1]!.violations).toEqual([expect.stringMatching(/has a budget of 2, counts 2 issued and has 1 coupons/)]);
    } finally {
      await withDatabase(url, async (db) => {
        await db.query('update wallet.coupon set redemptions = 0 where id = $1', [couponId]);
        await db.query('update wallet.coupon_template set issued = 1');
      });
    }
    expect((await verifyLedgerAt(url)).flatMap((c) => c.violations)).toEqual([]);
  });
});

describe('database constraints', () => {
  it('a coupon is used once at a time, a budget is never passed, and funders share the whole', async () => {
    const refusedSql = (sql: string, params: unknown[] = []) =>
      withDatabase(url, (db) => db.query(sql, params)).then(
        () => 'accepted',
        (e: Error) => e.message,
      );
    expect(await refusedSql('update wallet.coupon set redemptions = 2 where id = $1', [couponId])).toMatch(/check constraint/);
    expect(await refusedSql('update wallet.coupon set restorations = 1 where id = $1', [couponId])).toMatch(/check constraint/);
    expect(await refusedSql('update wallet.coupon_template set issued = budget + 1')).toMatch(/check constraint/);
    expect(await refusedSql('update wallet.coupon_funder set share_bps = 9000')).toMatch(/funded 9000 basis points, not 10000/);
  });

  const refused = (sql: string, params: unknown[] = []) =>
    withDatabase(url, (db) => db.query(sql, params)).then(
      () => 'accepted',
      (e: Error) => e.message,
    );

  it("a coupon's and a campaign member's references exist and stay (the checks that stand for their foreign keys)", async () => {
    const template = '(select template_id from wallet.coupon limit 1)';
    expect(
      await refused(`insert into wallet.coupon (id, template_id, member_id, source, issued_at, valid_from, valid_until)
      select gen_random_uuid(), ${template}, gen_random_uuid(), 'ISSUED', now(), now(), now() + interval '1 day'`),
    ).toMatch(/names a member without a wallet/);
    expect(
      await refused(
        `insert into wallet.coupon (id, template_id, member_id, source, issued_at, valid_from, valid_until)
      values (gen_random_uuid(), gen_random_uuid(), $1, 'ISSUED', now(), now(), now() + interval '1 day')`,
        [memberId],
      ),
    ).toMatch(/names a template that does not exist/);
    expect(
      await refused(
        `insert into wallet.campaign_member (campaign_id, member_id, occasion, held_out, reached_at) values (gen_random_uuid(), $1, '', false, now())`,
        [memberId],
      ),
    ).toMatch(/campaign_member names a campaign that does not exist/);
    expect(await refused('update wallet.coupon set member_id = gen_random_uuid() where id = $1', [couponId])).toMatch(/kept as they are/);
    expect(await refused('delete from wallet.coupon_template')).toMatch(/kept as they are/);
    expect(await refused('delete from wallet.wallet where member_id = $1', [memberId])).toMatch(/kept as they are/);
  });

  it("a pack grant's and a pack coupon's references exist and stay (the checks that stand for their foreign keys)", async () => {
    const hq: Claims = { role: 'HQ', subject: 'hq-verifier' };
    const templateId = (await withDatabase(url, (db) => db.query('select template_id from wallet.coupon limit 1'))).rows[0].template_id as string;
    const pack = await createBenefit(orm.em.fork(), new Date('2026-07-02T00:00:00Z'), hq, {
      name: '月礼',
      kind: 'COUPON_PACK',
      tiers: ['NORMAL'],
      couponTemplateId: templateId,
      count: 1,
      occasion: 'MONTHLY',
    });
    await attempts(async (attempt) => {
      const grant = (benefit: string, member: string) =>
        attempt(
          `insert into wallet.benefit_grant (benefit_id, member_id, occasion, month, granted_at, coupons, value) values (${benefit}, ${member}, '2026-07', '2026-07-01', now(), 1, 0)`,
        );
      expect(await grant('gen_random_uuid()', `'${memberId}'`)).toMatch(/benefit_grant names a benefit that does not exist/);
      expect(await grant(`'${pack.id}'`, 'gen_random_uuid()')).toMatch(/benefit_grant names a member without a wallet/);
      expect(await grant(`'${pack.id}'`, `'${memberId}'`)).toBe('accepted');
      const ofThatGrant = `where benefit_id = '${pack.id}' and member_id = '${memberId}'`;
      expect(await attempt(`update wallet.benefit_grant set transaction_id = gen_random_uuid() ${ofThatGrant}`)).toMatch(
        /names a transaction that does not exist/,
      );
      expect(await attempt(`update wallet.benefit_grant set transaction_id = $1 ${ofThatGrant}`, [checkoutId])).toBe('accepted');
      expect(await attempt(`update wallet.benefit_grant set member_id = gen_random_uuid() ${ofThatGrant}`)).toMatch(/kept as they are/);
      expect(
        await attempt(
          `insert into wallet.coupon (id, template_id, member_id, source, issued_at, valid_from, valid_until, benefit_id)
           values (gen_random_uuid(), $1, $2, 'BENEFIT', now(), now(), now() + interval '1 day', gen_random_uuid())`,
          [templateId, memberId],
        ),
      ).toMatch(/coupon names a benefit that does not exist/);
      expect(await attempt('update wallet.coupon set benefit_id = $1 where id = $2', [pack.id, couponId])).toMatch(/kept as they are/);
      expect(await attempt('delete from wallet.benefit where id = $1', [pack.id])).toMatch(/kept as they are/);
    });
  });

  it("a journal transaction's and its entries' references exist and stay (the checks that stand for their foreign keys)", async () => {
    await attempts(async (attempt) => {
      const transaction = (id: string, member: string, kind = 'POINTS_EXPIRY', columns: Record<string, string> = {}) =>
        attempt(
          `with key_row as (insert into wallet.journal_transaction_key (id, occurred_at, member_id, client_id, idempotency_key, request_hash)
             values ('${id}', now(), ${member}, 'verifier', '${id}', 'x'))
           insert into wallet.journal_transaction (id, kind, member_id, occurred_at, amount, balance_after, client_id, idempotency_key, request_hash
             ${Object.keys(columns)
               .map((c) => `, ${c}`)
               .join('')})
           values ('${id}', '${kind}', ${member}, now(), 0, 0, 'verifier', '${id}', 'x' ${Object.values(columns)
             .map((v) => `, ${v}`)
             .join('')})`,
        );
      const nothing = 'gen_random_uuid()';
      expect(await transaction(randomUUID(), `'${randomUUID()}'`)).toMatch(/journal transaction names a member without a wallet/);
      const member = `'${memberId}'`;
      // A copy of a transaction of the ledger that names one, naming instead what does not exist (its checks otherwise met).
      const naming = (column: string, value: string) =>
        attempt(
          `with copy as (select (jsonb_populate_record(null::wallet.journal_transaction,
             to_jsonb(t) || jsonb_build_object('id', gen_random_uuid(), 'idempotency_key', gen_random_uuid()::text, '${column}', ${value}))).*
             from (select * from wallet.journal_transaction where ${column} is not null limit 1) t),
           key_row as (insert into wallet.journal_transaction_key (id, occurred_at, member_id, client_id, idempotency_key, request_hash,
               refund_of, refunded_order_amount)
             select id, occurred_at, member_id, client_id, idempotency_key, request_hash, refund_of,
               case when refund_of is not null then order_amount end from copy)
           insert into wallet.journal_transaction select * from copy`,
        );
      expect(await naming('refund_of', 'gen_random_uuid()')).toMatch(/a refund names a checkout that does not exist/);
      expect(await transaction(randomUUID(), member, 'POINTS_EXCHANGE', { coupon_id: nothing })).toMatch(/names a coupon that does not exist/);
      expect(await transaction(randomUUID(), member, 'CAMPAIGN_POINTS', { campaign_id: nothing, campaign_points: '1' })).toMatch(
        /names a campaign that does not exist/,
      );
      expect(await transaction(randomUUID(), member, 'BENEFIT_POINTS', { benefit_id: nothing, points_change: '1' })).toMatch(
        /names a benefit that does not exist/,
      );
      const plan = { plan_code: "'NO-SUCH-PLAN'", plan_price: '1', payment_ref: `'${randomUUID()}'`, plan_valid_until: 'now()' };
      expect(await transaction(randomUUID(), member, 'PLAN_PURCHASE', plan)).toMatch(/names a plan that does not exist/);
      const written = randomUUID();
      expect(await transaction(written, member)).toBe('accepted');
      const entries = (transactionId: string, lot: string, pointsLot: string) =>
        attempt(
          `insert into wallet.journal_entry (transaction_id, transaction_kind, account, asset, merchant_id, member_id, lot_id, points_lot_id, amount, occurred_at)
           values ('${transactionId}', 'POINTS_EXPIRY', 'POINTS_EXPIRED', 'POINTS', null, $1, null, null, -5, now()),
                  ('${transactionId}', 'POINTS_EXPIRY', 'MEMBER_POINTS', 'POINTS', null, $1, ${lot}, ${pointsLot}, 5, now())`,
          [memberId],
        );
      expect(await entries(randomUUID(), 'null', 'null')).toMatch(/journal entry names a transaction that does not exist/);
      expect(await entries(written, 'null', '-1')).toMatch(/journal entry names a points lot that does not exist/);
      const merchant = randomUUID();
      expect(
        await attempt(
          `insert into wallet.journal_entry (transaction_id, transaction_kind, account, asset, merchant_id, member_id, lot_id, amount, occurred_at, acquirer_id)
           values ('${written}', 'POINTS_EXPIRY', 'STORED_VALUE', 'FEN', $2, $1, -1, 5, now(), $2),
                  ('${written}', 'POINTS_EXPIRY', 'ACQUIRER_SALES', 'FEN', $2, $1, null, -5, now(), $2)`,
          [memberId, merchant],
        ),
      ).toMatch(/journal entry names an issuer lot that does not exist/);
      expect(await entries(written, 'null', 'null')).toBe('accepted');
      // What the journal names stays, under its key.
      expect(await attempt('delete from wallet.issuer_lot')).toMatch(/kept as they are: the journal refers to them/);
      expect(await attempt('delete from wallet.coupon where id = $1', [couponId])).toMatch(/kept as they are: the journal refers to them/);
      expect(await attempt('update wallet.coupon set id = gen_random_uuid() where id = $1', [couponId])).toMatch(/the journal refers to them/);
      expect(await attempt('update wallet.wallet set member_id = gen_random_uuid() where member_id = $1', [memberId])).toMatch(/the journal refers to them/);
    });
  });

  it('journal rows cannot be updated, deleted or truncated', async () => {
    expect(await refused('update wallet.journal_entry set amount = amount + 1')).toMatch(/append-only/);
    expect(await refused('delete from wallet.journal_entry')).toMatch(/append-only/);
    expect(await refused('update wallet.journal_transaction set amount = 0')).toMatch(/append-only/);
    expect(await refused('delete from wallet.journal_transaction where id = $1', [checkoutId])).toMatch(/append-only/);
    expect(await refused('truncate wallet.journal_entry cascade')).toMatch(/append-only/);
  });

  it('an unbalanced journal transaction cannot be written, in either asset', async () => {
    const attempt = (entries: string) =>
      withDatabase(url, async (db) => {
        await db.query('begin');
        const t = randomUUID();
        await db.query(`select wallet.make_journal_partitions(now(), now(), 'Asia/Shanghai')`);
        await db.query(
          `with key_row as (insert into wallet.journal_transaction_key (id, occurred_at, member_id, client_id, idempotency_key, request_hash)
             values ($1, now(), $2, 'x', 'x', 'x'))
           insert into wallet.journal_transaction (id, kind, member_id, store_id, acquirer_id, occurred_at, amount, principal, bonus, balance_after, client_id, idempotency_key, request_hash)
        values ($1, 'TOP_UP', $2, $3, $3, now(), 100, 100, 0, 100, 'x', 'x', 'x')`,
          [t, memberId, randomUUID()],
        );
        // Checked after the statement: the entries of one transaction are written by one statement.
        const written = await db
          .query(
            `insert into wallet.journal_entry (transaction_id, transaction_kind, account, asset, merchant_id, member_id, amount, occurred_at, acquirer_id, points_rate)
        values ${entries}`,
            [t, randomUUID(), memberId],
          )
          .then(
            () => 'written',
            (e: Error) => e.message,
          );
        await db.query('rollback');
        return written;
      });
    expect(await attempt(`($1, 'TOP_UP', 'ISSUER_CASH', 'FEN', $2, $3, 100, now(), $2, null)`)).toMatch(/does not balance in FEN \(off by 100\)/);
    // Balanced in fen, off in points: each asset balances on its own.
    expect(
      await attempt(`($1, 'TOP_UP', 'ISSUER_CASH', 'FEN', $2, $3, 100, now(), $2, null), ($1, 'TOP_UP', 'ISSUER_BONUS', 'FEN', $2, $3, -100, now(), $2, null),
      ($1, 'TOP_UP', 'POINTS_EARNED', 'POINTS', $2, $3, 7, now(), $2, 100)`),
    ).toMatch(/does not balance in POINTS \(off by 7\)/);
  });

  it('a lot cannot go negative and a finalised settlement cannot change', async () => {
    expect(await refused('update wallet.issuer_lot set remaining = -1')).toMatch(/check constraint/);
    expect(await refused('update wallet.wallet set balance = -1')).toMatch(/check constraint/);
    expect(await refused("update wallet.settlement_run set cross_redemptions = 0 where status = 'FINALIZED'")).toMatch(/finalised and immutable/);
    expect(await refused('update wallet.settlement_statement set net = net + 1')).toMatch(/finalised and immutable/);
    expect(await refused('delete from wallet.settlement_position')).toMatch(/finalised and immutable/);
    expect(await refused("delete from wallet.settlement_statement where run_id in (select id from wallet.settlement_run where status = 'FINALIZED')")).toMatch(
      /finalised and immutable/,
    );
    // Adding to a finalised run, and moving a row into one, are refused as well (checked per statement).
    expect(
      await refused(`insert into wallet.settlement_position (run_id, acquirer_id, issuer_ids, amounts, commissions)
      select id, gen_random_uuid(), array[gen_random_uuid()], '{1}', '{0}' from wallet.settlement_run where status = 'FINALIZED'`),
    ).toMatch(/finalised and immutable/);
    expect(
      await refused(`insert into wallet.settlement_run (id, period, status, time_zone, starts_at, ends_at, computed_at, cross_redemptions, commission, top_ups, bonus_granted)
      values ('00000000-0000-4000-8000-000000000001', '2099-01', 'DRAFT', 'UTC', now(), now(), now(), 0, 0, 0, 0);
      insert into wallet.settlement_statement (run_id, merchant_id, top_ups, bonus_granted, redeemed_own_value, acquired_from_others, redeemed_elsewhere, commission, net, outstanding_float)
        values ('00000000-0000-4000-8000-000000000001', gen_random_uuid(), 0, 0, 0, 0, 0, 0, 0, 0);
      update wallet.settlement_statement set run_id = (select id from wallet.settlement_run where status = 'FINALIZED')
        where run_id = '00000000-0000-4000-8000-000000000001'`),
    ).toMatch(/finalised and immutable/);
  });

  it('a position belongs to a run that exists, and goes with its draft run (the checks that stand for a foreign key)', async () => {
    expect(
      await refused(`insert into wallet.settlement_position (run_id, acquirer_id, issuer_ids, amounts, commissions)
      values (gen_random_uuid(), gen_random_uuid(), array[gen_random_uuid()], '{1}', '{0}')`),
    ).toMatch(/settlement_position names a settlement run that does not exist/);
    expect(await refused(`update wallet.settlement_position set run_id = gen_random_uuid()`)).toMatch(/does not exist|finalised and immutable/);
    const left = await withDatabase(url, async (db) => {
      await db.query('begin');
      const draft = randomUUID();
      await db.query(
        `insert into wallet.settlement_run (id, period, status, time_zone, starts_at, ends_at, computed_at, cross_redemptions, commission, top_ups, bonus_granted)
        values ($1, '2098-01', 'DRAFT', 'UTC', now(), now(), now(), 0, 0, 0, 0)`,
        [draft],
      );
      await db.query(
        `insert into wallet.settlement_position (run_id, acquirer_id, issuer_ids, amounts, commissions) values ($1, gen_random_uuid(), array[gen_random_uuid()], '{1}', '{0}')`,
        [draft],
      );
      await db.query('delete from wallet.settlement_run where id = $1', [draft]);
      const rows = await db.query('select count(*)::int as n from wallet.settlement_position where run_id = $1', [draft]);
      await db.query('rollback');
      return rows.rows[0].n;
    });
    expect(left).toBe(0);
  });

  it("a run's positions, one row per acquirer, hold each issuer once, never the acquirer, one amount and commission each", async () => {
    const attempt = (issuers: string, amounts: string, commissions: string, acquirer = "'00000000-0000-4000-8000-00000000000a'") =>
      withDatabase(url, async (db) => {
        await db.query('begin');
        const draft = randomUUID();
        await db.query(
          `insert into wallet.settlement_run (id, period, status, time_zone, starts_at, ends_at, computed_at, cross_redemptions, commission, top_ups, bonus_granted)
        values ($1, '2097-01', 'DRAFT', 'UTC', now(), now(), now(), 0, 0, 0, 0)`,
          [draft],
        );
        const written = await db
          .query(
            `insert into wallet.settlement_position (run_id, acquirer_id, issuer_ids, amounts, commissions)
        values ($1, ${acquirer}, ${issuers}, ${amounts}, ${commissions})`,
            [draft],
          )
          .then(
            () => 'written',
            (e: Error) => e.message,
          );
        await db.query('rollback');
        return written;
      });
    const [i1, i2] = ["'00000000-0000-4000-8000-000000000001'::uuid", "'00000000-0000-4000-8000-000000000002'::uuid"];
    expect(await attempt(`array[${i1}, ${i2}]`, "'{5, 7}'", "'{0, 1}'")).toBe('written');
    expect(await attempt(`array[${i2}, ${i1}]`, "'{5, 7}'", "'{0, 1}'")).toMatch(/check constraint/); // not ascending
    expect(await attempt(`array[${i1}, ${i1}]`, "'{5, 7}'", "'{0, 1}'")).toMatch(/check constraint/); // an issuer twice
    expect(await attempt(`array[${i1}, ${i2}]`, "'{5}'", "'{0, 1}'")).toMatch(/check constraint/); // an amount missing
    expect(await attempt(`array[${i1}]`, "'{null}'", "'{0}'")).toMatch(/check constraint/);
    expect(await attempt(`array[${i1}]`, "'{5}'", "'{0}'", i1)).toMatch(/check constraint/); // the acquirer owing itself
  });
});

describe('a late entry in a finalised month', () => {
  // Last in this file: the journal is append-only, so the damage stays (in this throw-away database).
  it('is reported against the finalised settlement it contradicts', async () => {
    await withDatabase(url, async (db) => {
      const lot = await db.query('select id, issuer_id from wallet.issuer_lot where member_id = $1', [memberId]);
      const { id: lotId, issuer_id: issuer } = lot.rows[0];
      const acquirer = randomUUID();
      const t = randomUUID();
      await db.query('begin');
      await db.query(
        `with key_row as (insert into wallet.journal_transaction_key (id, occurred_at, member_id, client_id, idempotency_key, request_hash)
           values ($1, '2026-06-15T00:00:00Z', $2, 'late', 'late', 'late'))
         insert into wallet.journal_transaction (id, kind, member_id, store_id, acquirer_id, occurred_at, amount, order_amount, amount_due, commission_bps, balance_after,
          points_used, points_value, points_earned, client_id, idempotency_key, request_hash)
        values ($1, 'CHECKOUT', $2, $3, $3, '2026-06-15T00:00:00Z', 100, 100, 0, 150, 0, 0, 0, 0, 'late', 'late', 'late')`,
        [t, memberId, acquirer],
      );
      await db.query(
        `insert into wallet.journal_entry (transaction_id, transaction_kind, account, merchant_id, member_id, lot_id, amount, occurred_at, acquirer_id, commission_bps) values
        ($1, 'CHECKOUT', 'STORED_VALUE', $2, $3, $4, 100, '2026-06-15T00:00:00Z', $5, 150),
        ($1, 'CHECKOUT', 'ACQUIRER_SALES', $5, $3, null, -100, '2026-06-15T00:00:00Z', $5, 150)`,
        [t, issuer, memberId, lotId, acquirer],
      );
      await db.query('commit');
    });
    const check = (await verifyLedgerAt(url)).find((c) => c.name === 'every finalised settlement still matches the ledger')!;
    expect(check.violations).toHaveLength(1);
    expect(check.violations[0]).toMatch(
      /^settlement 2026-06: position [0-9a-f-]+ <- [0-9a-f-]+ finalised as none \(amount\/commission\) but the ledger gives 100\/2$/,
    );
  });
});
