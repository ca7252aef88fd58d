/**
 * Marketing at scale (issue 11), in a database of its own: members and a
 * year of purchases generated in bulk inside PostgreSQL, then
 *   - RFM's refresh (every scope, its members' segments written), against a bare
 *     GROUP BY member over the same rows, and a request's read of the pyramid;
 *   - a campaign issuing a coupon to every member, against a bare
 *     INSERT … SELECT of the same coupon rows;
 *   - the Analytics figures over that year for the coalition: the job's computation, and a request's read of it.
 * The purchases are checkouts paid outside the hub (the figures read
 * transactions, not entries), one in ten refunded in part.
 */
import pg from 'pg';
import { createOrm } from '../lib/database.js';
import { FixedClock } from '../lib/clock.js';
import { walletMigrations } from '../migrations/wallet/index.js';
import {
  MOVEMENT_HOOKS,
  refreshRfm,
  rfmOf,
  analyticsOf,
  refreshAnalytics,
  createCampaign,
  createCouponTemplate,
  runDueCampaigns,
} from '../subgraphs/wallet/marketing/index.js';
import { COALITION_TIME_ZONE } from '../subgraphs/wallet/ledger/index.js';
import { addJournalKeys, makeJournalMonths } from './journal.js';

export interface MarketingTiming {
  members: number;
  purchases: number;
  generateSeconds: number;
  rfmMs: number;
  rfmScopes: number;
  bareGroupByMs: number;
  rfmRatio: number;
  rfmReadMs: number;
  campaignMs: number;
  campaignRequestMs: number;
  campaignCoupons: number;
  bareInsertMs: number;
  campaignRatio: number;
  analyticsYearMs: number;
  analyticsReadMs: number;
}

const NOW = new Date('2026-12-01T04:00:00Z');
const YEAR_AGO = new Date(NOW.getTime() - 365 * 86_400_000);

export async function timeMarketing(
  databaseUrl: string,
  opts: { members: number; purchases: number; merchants: number; progress: (line: string) => void },
): Promise<MarketingTiming> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const orm = await createOrm({ url: databaseUrl, schema: 'wallet', entities: [], migrations: walletMigrations, poolSize: 2 });
  const started = performance.now();
  try {
    await db.query('set session_replication_role = replica');
    await db.query('set synchronous_commit = off');
    const merchants = Array.from({ length: opts.merchants }, (_, i) => `md5('mkt-merchant-' || ${i})::uuid`);
    await db.query(`insert into wallet.merchant (id, kind) select md5('mkt-merchant-' || i)::uuid, 'BRAND' from generate_series(0, $1 - 1) i`, [
      opts.merchants,
    ]);
    opts.progress(`  ${opts.members.toLocaleString('en')} members, all with marketing consent, each joined to one of ${merchants.length} merchants`);
    await db.query(
      `insert into wallet.wallet (member_id, balance, created_at, marketing_consent, tier_rank)
       select md5('mkt-member-' || i)::uuid, 0, $2::timestamptz - (i % 700) * interval '1 day', true, case when i % 100 < 90 then 0 else 1 end
       from generate_series(0, $1::int - 1) i`,
      [opts.members, NOW],
    );
    await db.query(
      `insert into wallet.membership (member_id, merchant_id, joined_at)
       select md5('mkt-member-' || i)::uuid, md5('mkt-merchant-' || (i % $2::int))::uuid, $3::timestamptz - (i % 700) * interval '1 day' from generate_series(0, $1::int - 1) i`,
      [opts.members, opts.merchants, NOW],
    );
    // Purchases spread over the year before NOW, skewed so that members differ in R, F and M.
    await makeJournalMonths(db, new Date(NOW.getTime() - 366 * 86_400_000), NOW);
    const chunk = 1_000_000;
    for (let from = 0; from < opts.purchases; from += chunk) {
      const to = Math.min(opts.purchases, from + chunk) - 1;
      await db.query(
        `insert into wallet.journal_transaction (id, kind, member_id, store_id, acquirer_id, occurred_at, amount, order_amount, amount_due, commission_bps, balance_after,
           points_used, points_value, points_earned, client_id, idempotency_key, request_hash)
         select md5('mkt-purchase-' || j)::uuid, 'CHECKOUT', md5('mkt-member-' || (hashint4(j) & 2147483647) % ($3::int * (1 + j % 3)) % $3::int)::uuid,
           md5('mkt-merchant-' || j % $4::int)::uuid, md5('mkt-merchant-' || j % $4::int)::uuid,
           $5::timestamptz - ((hashint4(j + 7) & 2147483647) % (365 * 86400)) * interval '1 second', 0, 1000 + j % 20000, 1000 + j % 20000, 150, 0, 0, 0, 0,
           'bench', 'mkt-' || j, 'bench'
         from generate_series($1::int, $2::int) j`,
        [from, to, opts.members, opts.merchants, NOW],
      );
      opts.progress(
        `  purchases: ${(to + 1).toLocaleString('en')}/${opts.purchases.toLocaleString('en')} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
      );
    }
    await db.query(
      `insert into wallet.journal_transaction (id, kind, member_id, store_id, acquirer_id, occurred_at, amount, order_amount, amount_due, refund_of, commission_bps, balance_after,
         points_restored, points_taken_back, coupon_restored, client_id, idempotency_key, request_hash)
       select md5('mkt-refund-' || t.id)::uuid, 'REFUND', t.member_id, t.store_id, t.acquirer_id, t.occurred_at + interval '1 hour', 0, t.order_amount / 2, t.amount_due / 2, t.id,
         150, 0, 0, 0, false, 'bench', 'mkt-refund-' || t.id, 'bench'
       from wallet.journal_transaction t where t.kind = 'CHECKOUT' and t.client_id = 'bench' and (hashint4(t.order_amount::int) & 15) = 0`,
    );
    await db.query('set session_replication_role = origin');
    await addJournalKeys(db);
    await db.query('analyze wallet.journal_transaction, wallet.journal_transaction_key, wallet.wallet, wallet.membership');
    const generateSeconds = (performance.now() - started) / 1000;
    opts.progress(`  generated in ${generateSeconds.toFixed(0)} s`);

    // RFM, and the least PostgreSQL can do over the same rows: one GROUP BY member of the window's checkouts.
    let t0 = performance.now();
    await db.query(
      `select member_id, max(occurred_at), count(*), sum(amount + amount_due) from wallet.journal_transaction
       where kind = 'CHECKOUT' and occurred_at > $1 and occurred_at <= $2 group by member_id`,
      [YEAR_AGO, NOW],
    );
    const bareGroupByMs = performance.now() - t0;
    t0 = performance.now();
    const refresh = await refreshRfm(orm.em.fork(), new FixedClock(NOW), COALITION_TIME_ZONE, (line) => opts.progress(`  ${line}`));
    const rfmMs = performance.now() - t0;
    opts.progress(
      `  RFM refreshed: ${rfmMs.toFixed(0)} ms for ${refresh.members.toLocaleString('en')} members in ${refresh.scopes} scopes (bare GROUP BY ${bareGroupByMs.toFixed(0)} ms)`,
    );
    // What a request does: read the latest refresh's pyramid (the coalition's, the largest).
    t0 = performance.now();
    const rfm = await rfmOf(orm.em.fork(), null);
    const rfmReadMs = performance.now() - t0;
    opts.progress(`  RFM read by a request: ${rfmReadMs.toFixed(1)} ms (${rfm.members.toLocaleString('en')} members as of ${rfm.asOf.toISOString()})`);

    // A campaign issuing a coupon to every member (no control group), and a bare INSERT … SELECT of as many coupon rows.
    const hq = { role: 'HQ' as const, subject: 'bench' };
    const template = await createCouponTemplate(orm.em.fork(), NOW, hq, {
      name: '全员券',
      kind: 'AMOUNT_OFF',
      amountOff: { amount: '5' },
      validDays: 30,
      budget: 100_000_000,
      acceptedBy: [(await db.query("select md5('mkt-merchant-0')::uuid as id")).rows[0].id],
    });
    const bare = await createCouponTemplate(orm.em.fork(), NOW, hq, {
      name: '对照',
      kind: 'AMOUNT_OFF',
      amountOff: { amount: '5' },
      validDays: 30,
      budget: 100_000_000,
      acceptedBy: [(await db.query("select md5('mkt-merchant-0')::uuid as id")).rows[0].id],
    });
    t0 = performance.now();
    await db.query(
      `insert into wallet.coupon (id, template_id, member_id, source, issued_at, valid_from, valid_until)
       select gen_random_uuid(), $1, member_id, 'ISSUED', $2, $2, $3 from wallet.wallet where marketing_consent`,
      [bare.id, NOW, new Date(NOW.getTime() + 30 * 86_400_000)],
    );
    const bareInsertMs = performance.now() - t0;
    // The request that creates it answers at once; the wallet's campaign-run job then reaches the audience, its coupons a
    // batch of members at a time (timed together: what the member sees happen).
    const ledger = { em: orm.em.fork(), clock: new FixedClock(NOW), timeZone: COALITION_TIME_ZONE, hooks: MOVEMENT_HOOKS };
    t0 = performance.now();
    await createCampaign(ledger, hq, {
      name: '全员',
      trigger: { kind: 'NOW' },
      audience: {},
      action: { kind: 'ISSUE_COUPON', couponTemplateId: template.id },
      controlGroupBps: 0,
      idempotencyKey: 'bench-campaign',
    });
    const requestMs = performance.now() - t0;
    let lastBatch = 0;
    await runDueCampaigns({ ...ledger, em: orm.em.fork() }, (p) => {
      if (p.batches - lastBatch >= 10) {
        lastBatch = p.batches;
        opts.progress(`  campaign: ${p.issued.toLocaleString('en')} coupons in ${p.batches} batches (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      }
    });
    const campaignMs = performance.now() - t0;
    const issued = Number((await db.query('select count(*) as n from wallet.coupon where template_id = $1', [template.id])).rows[0].n);
    opts.progress(
      `  campaign: ${issued.toLocaleString('en')} coupons in ${campaignMs.toFixed(0)} ms, its request ${requestMs.toFixed(0)} ms (bare INSERT … SELECT ${bareInsertMs.toFixed(0)} ms)`,
    );

    // The Analytics figures for the coalition over the year: the first request queues the job (no worker runs in this
    // database: it answers SERVICE_UNAVAILABLE at once), the job's computation, then a request's read of what it kept.
    const day = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const year = { from: day(YEAR_AGO), to: day(NOW) };
    const clock = new FixedClock(NOW);
    await analyticsOf(orm.em.fork(), clock, year, null, 0).catch(() => undefined);
    t0 = performance.now();
    await refreshAnalytics(orm.em.fork(), clock, COALITION_TIME_ZONE, { scope: 'coalition', ...year });
    const analyticsYearMs = performance.now() - t0;
    t0 = performance.now();
    await analyticsOf(orm.em.fork(), clock, year, null, 0);
    const analyticsReadMs = performance.now() - t0;
    opts.progress(`  Analytics over a year for the coalition: the job ${analyticsYearMs.toFixed(0)} ms, a request's read ${analyticsReadMs.toFixed(1)} ms`);
    return {
      members: opts.members,
      purchases: opts.purchases,
      generateSeconds,
      rfmMs,
      rfmScopes: refresh.scopes,
      bareGroupByMs,
      rfmRatio: rfmMs / bareGroupByMs,
      rfmReadMs,
      campaignMs,
      campaignRequestMs: requestMs,
      campaignCoupons: issued,
      bareInsertMs,
      campaignRatio: campaignMs / bareInsertMs,
      analyticsYearMs,
      analyticsReadMs,
    };
  } finally {
    await orm.close();
    await db.end();
  }
}
