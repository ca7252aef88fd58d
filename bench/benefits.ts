/**
 * Benefits at scale (issue 24), in a database of their own:
 *   - the monthly pack job granting one coupon to every entitled member, against a bare INSERT … SELECT of the same
 *     coupon rows (the least PostgreSQL can do to write them);
 *   - the monthly gift job giving 100 points to every entitled member through the ledger's bulk path (a journal
 *     transaction, its two lines, the earning year's lot and the balance, and the grant, per member), against a bare
 *     UPDATE of every wallet's points balance (the least PostgreSQL can do to credit them);
 *   - a month's benefit usage and tier cost over a month of purchases, half of them with a member discount, timed, with
 *     the rows they read.
 * Members and purchases are generated in bulk inside PostgreSQL: wallets over the ladder (most at the bottom), and
 * November's checkouts, paid outside the hub, the discounted ones with their two journal lines.
 */
import pg from 'pg';
import { FixedClock } from '../lib/clock.js';
import { createOrm } from '../lib/database.js';
import { sql } from '../lib/sql.js';
import { walletMigrations } from '../migrations/wallet/index.js';
import { COALITION_TIME_ZONE, parsePeriod } from '../subgraphs/wallet/ledger/index.js';
import { MOVEMENT_HOOKS, benefitUsage, createBenefit, createCouponTemplate, grantDueBenefits, tierBenefitCost } from '../subgraphs/wallet/marketing/index.js';
import { programmeInForce } from '../subgraphs/wallet/programme/index.js';
import { addJournalKeys, makeJournalMonths } from './journal.js';

export interface BenefitTiming {
  members: number;
  packJobMs: number;
  packCoupons: number;
  bareInsertMs: number;
  packRatio: number;
  giftJobMs: number;
  giftMembers: number;
  bareGiftUpdateMs: number;
  giftRatio: number;
  purchases: number;
  discounted: number;
  usageMs: number;
  tierCostMs: number;
  /** What the two read: the month's transactions, and the journal lines of the discounted ones. */
  transactionsRead: number;
  entriesRead: number;
}

/** 2 December 2026, 12:00 in Shanghai: November is the month just ended, December's packs are due. */
const NOW = new Date('2026-12-02T04:00:00Z');
const NOVEMBER = parsePeriod('2026-11', COALITION_TIME_ZONE);

export async function timeBenefits(
  databaseUrl: string,
  opts: { members: number; purchases: number; progress: (line: string) => void },
): Promise<BenefitTiming> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const orm = await createOrm({ url: databaseUrl, schema: 'wallet', entities: [], migrations: walletMigrations, poolSize: 2 });
  const hq = { role: 'HQ' as const, subject: 'bench' };
  try {
    // The journal refuses TRUNCATE and UPDATE (append-only): the bench's own database is filled with triggers off.
    await db.query('set session_replication_role = replica');
    await db.query('set synchronous_commit = off');
    const merchant = (await db.query("select md5('benefit-merchant')::uuid as id")).rows[0].id as string;
    await db.query(`insert into wallet.merchant (id, kind) values ($1, 'BRAND') on conflict do nothing`, [merchant]);
    opts.progress(`  ${opts.members.toLocaleString('en')} members over the ladder`);
    await db.query(
      `insert into wallet.wallet (member_id, balance, points_balance, tier_rank, cycle_starts_at, cycle_growth, created_at)
       select md5('benefit-member-' || i)::uuid, 0, 0, case when i % 100 < 80 then 0 when i % 100 < 95 then 1 when i % 100 < 99 then 2 else 3 end,
         '2025-12-31T16:00:00Z', 0, '2025-06-01T00:00:00Z'
       from generate_series(0, $1::int - 1) i`,
      [opts.members],
    );
    await db.query('set session_replication_role = origin');
    await db.query('analyze wallet.wallet');
    const programme = await programmeInForce(orm.em.fork(), NOW);
    const codes = programme.tiers.map((t) => t.code);
    const template = (name: string) =>
      createCouponTemplate(orm.em.fork(), NOW, hq, {
        name,
        kind: 'AMOUNT_OFF',
        amountOff: { amount: '5' },
        validDays: 30,
        budget: 100_000_000,
        acceptedBy: [merchant],
      });

    // The least PostgreSQL can do: the same coupon rows, one INSERT … SELECT over the wallets.
    const bare = await template('对照');
    let t0 = performance.now();
    await db.query(
      `insert into wallet.coupon (id, template_id, member_id, source, issued_at, valid_from, valid_until)
       select gen_random_uuid(), $1::uuid, member_id, 'ISSUED', $2::timestamptz, $2::timestamptz, $2::timestamptz + interval '30 days' from wallet.wallet`,
      [bare.id, NOW],
    );
    const bareInsertMs = performance.now() - t0;

    // The job: December's pack of one coupon for every tier's members.
    const packTemplate = await template('月度礼券');
    await createBenefit(orm.em.fork(), NOW, hq, {
      name: '月度礼包',
      kind: 'COUPON_PACK',
      couponTemplateId: packTemplate.id,
      count: 1,
      tiers: codes,
      occasion: 'MONTHLY',
    });
    t0 = performance.now();
    const granted = await grantDueBenefits({ em: orm.em.fork(), clock: new FixedClock(NOW), timeZone: COALITION_TIME_ZONE, hooks: MOVEMENT_HOOKS }, programme);
    const packJobMs = performance.now() - t0;
    const packCoupons = granted.reduce((sum, g) => sum + g.coupons, 0);
    opts.progress(
      `  monthly pack job: ${packCoupons.toLocaleString('en')} coupons in ${packJobMs.toFixed(0)} ms (bare INSERT … SELECT ${bareInsertMs.toFixed(0)} ms)`,
    );

    // December's gift of 100 points to every tier's members, the pack retired first so that the job times the gift alone.
    await db.query("update wallet.benefit set active = false where name = '月度礼包'");
    t0 = performance.now();
    await db.query('update wallet.wallet set points_balance = points_balance + 100');
    const bareGiftUpdateMs = performance.now() - t0;
    await db.query('update wallet.wallet set points_balance = points_balance - 100');
    await db.query('vacuum analyze wallet.wallet');
    await createBenefit(orm.em.fork(), NOW, hq, { name: '月度赠分', kind: 'POINTS_GIFT', points: 100, tiers: codes, occasion: 'MONTHLY' });
    t0 = performance.now();
    const gifts = await grantDueBenefits(
      { em: orm.em.fork(), clock: new FixedClock(NOW), timeZone: COALITION_TIME_ZONE, hooks: MOVEMENT_HOOKS },
      programme,
      (g) => opts.progress(`  monthly gift job: ${g.members.toLocaleString('en')} members so far (${((performance.now() - t0) / 1000).toFixed(0)} s)`),
    );
    const giftJobMs = performance.now() - t0;
    const giftMembers = gifts.reduce((sum, g) => sum + g.members, 0);
    opts.progress(
      `  monthly gift job: 100 points to ${giftMembers.toLocaleString('en')} members in ${giftJobMs.toFixed(0)} ms (bare UPDATE ${bareGiftUpdateMs.toFixed(0)} ms)`,
    );

    // November's purchases: one in two with HQ's 5% member discount (at most ¥10), its two journal lines beside it.
    const discount = await createBenefit(orm.em.fork(), NOW, hq, {
      name: '会员95折',
      kind: 'DISCOUNT',
      percentOff: 5,
      maxDiscount: { amount: '10' },
      tiers: codes,
      acceptedBy: [merchant],
    });
    const started = performance.now();
    await makeJournalMonths(db, NOVEMBER.startsAt, NOVEMBER.endsAt);
    await db.query('set session_replication_role = replica');
    for (let from = 0; from < opts.purchases; from += 250_000) {
      const to = Math.min(opts.purchases, from + 250_000) - 1;
      await db.query(
        `with bought as (
           select md5('benefit-purchase-' || j)::uuid as id, md5('benefit-member-' || (hashint4(j) & 2147483647) % $3::int)::uuid as member_id,
             $4::timestamptz + ((hashint4(j + 7) & 2147483647) % (30 * 86400)) * interval '1 second' as at,
             (1000 + j % 20000)::bigint as order_amount, case when j % 2 = 0 then least((1000 + j % 20000) * 5 / 100, 1000) end as discount
           from generate_series($1::int, $2::int) j),
         transactions as (
           insert into wallet.journal_transaction (id, kind, member_id, store_id, acquirer_id, occurred_at, amount, order_amount, amount_due, commission_bps,
             balance_after, points_used, points_value, points_earned, benefit_id, member_discount, tier_rank, client_id, idempotency_key, request_hash)
           select b.id, 'CHECKOUT', b.member_id, $5::uuid, $5::uuid, b.at, 0, b.order_amount, b.order_amount - coalesce(b.discount, 0), 150, 0, 0, 0, 0,
             case when b.discount is not null then $6::uuid end, b.discount, w.tier_rank, 'bench', b.id::text, 'bench'
           from bought b join wallet.wallet w using (member_id))
         insert into wallet.journal_entry (transaction_id, transaction_kind, account, asset, merchant_id, member_id, amount, occurred_at)
         select id, 'CHECKOUT', 'BENEFIT_FUNDED', 'FEN', null, member_id, discount, at from bought where discount is not null
         union all
         select id, 'CHECKOUT', 'BENEFIT_GIVEN', 'FEN', $5::uuid, member_id, -discount, at from bought where discount is not null`,
        [from, to, opts.members, NOVEMBER.startsAt, merchant, discount.id],
      );
      opts.progress(
        `  November's purchases: ${(to + 1).toLocaleString('en')}/${opts.purchases.toLocaleString('en')} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
      );
    }
    await db.query('set session_replication_role = origin');
    await addJournalKeys(db);
    await db.query('analyze wallet.journal_transaction, wallet.journal_entry, wallet.journal_transaction_key');

    t0 = performance.now();
    const usage = await benefitUsage(orm.em.fork(), NOVEMBER, programme, sql`true`);
    const usageMs = performance.now() - t0;
    t0 = performance.now();
    await tierBenefitCost(orm.em.fork(), NOVEMBER, programme, { benefits: sql`true`, owned: sql`true`, stores: null });
    const tierCostMs = performance.now() - t0;
    const discounted = usage.find((u) => u.benefit.id === discount.id)?.uses ?? 0;
    const read = (
      await db.query(
        `select (select count(*) from wallet.journal_transaction where occurred_at >= $1 and occurred_at < $2) as transactions,
           (select count(*) from wallet.journal_entry where account = 'BENEFIT_FUNDED') as entries`,
        [NOVEMBER.startsAt, NOVEMBER.endsAt],
      )
    ).rows[0];
    opts.progress(
      `  benefit usage over November: ${usageMs.toFixed(0)} ms, tier cost ${tierCostMs.toFixed(0)} ms (${discounted.toLocaleString('en')} discounted checkouts)`,
    );
    return {
      members: opts.members,
      packJobMs,
      packCoupons,
      bareInsertMs,
      packRatio: packJobMs / bareInsertMs,
      giftJobMs,
      giftMembers,
      bareGiftUpdateMs,
      giftRatio: giftJobMs / bareGiftUpdateMs,
      purchases: opts.purchases,
      discounted,
      usageMs,
      tierCostMs,
      transactionsRead: Number(read.transactions),
      entriesRead: Number(read.entries),
    };
  } finally {
    await orm.close();
    await db.end();
  }
}
