/**
 * Settlement at scale: a month of ledger entries generated in bulk inside
 * PostgreSQL (INSERT ... SELECT over generate_series: nothing crosses the wire,
 * which is quicker still than COPY), across the coalition's merchants and
 * many members, then `runSettlement` timed against a bare
 * GROUP BY acquirer, issuer over the same rows.
 *
 * The month: 10% of entries are top-ups (one lot each), 80% checkouts across
 * merchants, 10% refunds of some of those checkouts; every journal
 * transaction balances (checked after generation).
 */
import pg from 'pg';
import { systemClock } from '../lib/clock.js';
import { createOrm } from '../lib/database.js';
import { walletMigrations } from '../migrations/wallet/index.js';
import { runSettlement } from '../subgraphs/wallet/settlement/index.js';
import type { Period } from '../subgraphs/wallet/ledger/index.js';
import { addJournalKeys, makeJournalMonths } from './journal.js';

export interface GeneratedMonth {
  entries: number;
  transactions: number;
  members: number;
  merchants: number;
  seconds: number;
}

/** Sizes: T top-ups (2 entries each), C checkouts (4 each: stored value and points), R = C/8 refunds (2 each), with 2T + 4C + 2R = entries. */
export async function generateMonth(
  databaseUrl: string,
  merchantIds: string[],
  period: Period,
  opts: { entries: number; members: number; progress: (line: string) => void },
): Promise<GeneratedMonth> {
  const topUps = Math.round(opts.entries * 0.05);
  const checkouts = Math.round((opts.entries * 0.9) / 4.25);
  const refunds = Math.round(checkouts / 8);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const started = performance.now();
  try {
    // Bulk load: skip triggers (append-only guards, the per-row balance check, foreign keys); balance is checked below instead.
    await makeJournalMonths(db, period.startsAt, period.endsAt);
    await db.query('set session_replication_role = replica');
    await db.query('set synchronous_commit = off');
    const merchants = `{${merchantIds.join(',')}}`;
    const n = merchantIds.length;
    const start = period.startsAt.toISOString();
    const monthSeconds = (period.endsAt.getTime() - period.startsAt.getTime()) / 1000;
    const lotBase = Number((await db.query('select coalesce(max(id), 0)::bigint as base from wallet.issuer_lot')).rows[0].base);

    opts.progress(`  ${opts.members} wallets`);
    await db.query(
      `insert into wallet.wallet (member_id, balance, created_at) select md5('bench-member-' || i)::uuid, 0, $1 from generate_series(0, $2 - 1) i`,
      [start, opts.members],
    );

    // Every statement declares all ten parameter types (the typed CTE), as each uses only some.
    const chunk = async (label: string, total: number, size: number, sql: string) => {
      for (let from = 0; from < total; from += size) {
        const to = Math.min(total, from + size) - 1;
        await db.query(sql, [from, to, merchants, n, start, monthSeconds, opts.members, lotBase, topUps, checkouts]);
        const seconds = (performance.now() - started) / 1000;
        opts.progress(`  ${label}: ${to + 1}/${total} (${seconds.toFixed(1)} s)`);
      }
    };
    // $1..$2 range, $3 merchants, $4 count, $5 month start, $6 month length (s), $7 members, $8 lot id base, $9 top-ups, $10 checkouts.
    // Top-ups: on the first day, one lot of ¥1,000 each, issued by merchant i mod n.
    await chunk(
      'top-ups',
      topUps,
      200_000,
      `
      with typed as (select $1::int, $2::int, $3::uuid[], $4::int, $5::timestamptz, $6::float8, $7::int, $8::bigint, $9::int, $10::int),
      t as (
        select i, md5('bench-topup-' || i)::uuid as id, md5('bench-member-' || (i % $7::int))::uuid as member_id, ($3::uuid[])[1 + i % $4::int] as issuer,
               $5::timestamptz + (i::float8 / $9::int * 86400) * interval '1 second' as at
        from generate_series($1::int, $2::int) i),
      tx as (
        insert into wallet.journal_transaction (id, kind, member_id, store_id, acquirer_id, occurred_at, amount, principal, bonus, balance_after, client_id, idempotency_key, request_hash)
        select id, 'TOP_UP', member_id, issuer, issuer, at, 100000, 100000, 0, 100000, 'bench', 'topup-' || i, 'bench' from t),
      lot as (
        insert into wallet.issuer_lot (id, member_id, issuer_id, top_up_id, created_at, principal, bonus, remaining)
        select $8::bigint + i + 1, member_id, issuer, id, at, 100000, 0, 100000 from t)
      insert into wallet.journal_entry (transaction_id, transaction_kind, account, merchant_id, member_id, lot_id, amount, occurred_at, acquirer_id, commission_bps)
      select id, 'TOP_UP', 'STORED_VALUE', issuer, member_id, $8::bigint + i + 1, -100000, at, issuer, null::int from t
      union all
      select id, 'TOP_UP', 'ISSUER_CASH', issuer, member_id, null, 100000, at, issuer, null::int from t`,
    );
    // Checkouts: from day 2 on, ¥1.00-¥9.99 from lot j mod T at a pseudo-random acquirer (hash of j, so that every
    // issuer meets nearly every acquirer, as in a meshed coalition), whose rate is 100-200 bps.
    await chunk(
      'checkouts',
      checkouts,
      200_000,
      `
      with typed as (select $1::int, $2::int, $3::uuid[], $4::int, $5::timestamptz, $6::float8, $7::int, $8::bigint, $9::int, $10::int),
      c as (
        select j, md5('bench-checkout-' || j)::uuid as id, $8::bigint + (j % $9::int) + 1 as lot_id, md5('bench-member-' || ((j % $9::int) % $7::int))::uuid as member_id,
               ($3::uuid[])[1 + (j % $9::int) % $4::int] as issuer, ($3::uuid[])[1 + abs(hashint4(j)) % $4::int] as acquirer, 100 + (abs(hashint4(j)) % $4::int % 5) * 25 as bps,
               100 + (j % 900) as amount,
               $5::timestamptz + (86400 + j::float8 / $10::int * ($6::float8 - 2 * 86400)) * interval '1 second' as at
        from generate_series($1::int, $2::int) j),
      tx as (
        insert into wallet.journal_transaction (id, kind, member_id, store_id, acquirer_id, occurred_at, amount, order_amount, amount_due, commission_bps, balance_after,
          points_used, points_value, points_earned, points_change, growth, points_per_yuan, earn_cost_per_100_points, burn_value_per_100_points, client_id, idempotency_key, request_hash)
        select id, 'CHECKOUT', member_id, acquirer, acquirer, at, amount, amount, 0, bps, 0, 0, 0, amount / 100, amount / 100, amount / 100, 1, 100, 100, 'bench', 'checkout-' || j, 'bench' from c)
      insert into wallet.journal_entry (transaction_id, transaction_kind, account, asset, merchant_id, member_id, lot_id, amount, occurred_at, acquirer_id, commission_bps, points_rate)
      select id, 'CHECKOUT', 'STORED_VALUE', 'FEN', issuer, member_id, lot_id, amount, at, acquirer, bps, null::int from c
      union all
      select id, 'CHECKOUT', 'ACQUIRER_SALES', 'FEN', acquirer, member_id, null, -amount, at, acquirer, bps, null from c
      -- Points earned at the acquirer, 1 per yuan (the bench's month times settlement; its points have no lots)
      union all
      select id, 'CHECKOUT', 'POINTS_EARNED', 'POINTS', acquirer, member_id, null, amount / 100, at, acquirer, bps, 100 from c
      union all
      select id, 'CHECKOUT', 'MEMBER_POINTS', 'POINTS', null, member_id, null, -(amount / 100), at, acquirer, bps, null from c`,
    );
    // Refunds: half of every eighth checkout, an hour after it.
    await chunk(
      'refunds',
      refunds,
      200_000,
      `
      with typed as (select $1::int, $2::int, $3::uuid[], $4::int, $5::timestamptz, $6::float8, $7::int, $8::bigint, $9::int, $10::int),
      r as (
        select k, md5('bench-refund-' || k)::uuid as id, md5('bench-checkout-' || (8 * k))::uuid as refund_of, $8::bigint + ((8 * k) % $9::int) + 1 as lot_id,
               md5('bench-member-' || (((8 * k) % $9::int) % $7::int))::uuid as member_id, ($3::uuid[])[1 + ((8 * k) % $9::int) % $4::int] as issuer,
               ($3::uuid[])[1 + abs(hashint4(8 * k)) % $4::int] as acquirer, 100 + (abs(hashint4(8 * k)) % $4::int % 5) * 25 as bps, (100 + ((8 * k) % 900)) / 2 as amount,
               $5::timestamptz + (86400 + (8 * k)::float8 / $10::int * ($6::float8 - 2 * 86400) + 3600) * interval '1 second' as at
        from generate_series($1::int, $2::int) k),
      tx as (
        insert into wallet.journal_transaction (id, kind, member_id, store_id, acquirer_id, occurred_at, amount, order_amount, amount_due, refund_of, commission_bps, balance_after,
          points_restored, points_taken_back, coupon_restored, client_id, idempotency_key, request_hash)
        select id, 'REFUND', member_id, acquirer, acquirer, at, amount, amount, 0, refund_of, bps, 0, 0, 0, false, 'bench', 'refund-' || k, 'bench' from r)
      insert into wallet.journal_entry (transaction_id, transaction_kind, account, merchant_id, member_id, lot_id, amount, occurred_at, acquirer_id, commission_bps)
      select id, 'REFUND', 'STORED_VALUE', issuer, member_id, lot_id, -amount, at, acquirer, bps from r
      union all
      select id, 'REFUND', 'ACQUIRER_SALES', acquirer, member_id, null, amount, at, acquirer, bps from r`,
    );

    opts.progress('  lots and balances from the entries, then ANALYZE');
    await db.query(
      `update wallet.issuer_lot l set remaining = l.principal - s.spent
      from (select lot_id, sum(amount) as spent from wallet.journal_entry where lot_id > $1 and transaction_kind <> 'TOP_UP' group by lot_id) s
      where l.id = s.lot_id`,
      [lotBase],
    );
    await db.query(
      `update wallet.wallet w set balance = s.balance
      from (select member_id, sum(remaining) as balance from wallet.issuer_lot where id > $1 group by member_id) s where w.member_id = s.member_id`,
      [lotBase],
    );
    await db.query(`select setval(pg_get_serial_sequence('wallet.issuer_lot', 'id'), (select max(id) from wallet.issuer_lot))`);
    await addJournalKeys(db);
    await db.query('analyze wallet.journal_entry, wallet.journal_transaction, wallet.journal_transaction_key, wallet.issuer_lot, wallet.wallet');
    const unbalanced = await db.query(
      `select count(*)::int as n from (select transaction_id from wallet.journal_entry where occurred_at >= $1 and occurred_at < $2 group by 1 having sum(amount) <> 0) x`,
      [period.startsAt, period.endsAt],
    );
    if (unbalanced.rows[0].n !== 0) throw new Error(`generated ${unbalanced.rows[0].n} unbalanced transactions`);
    const counted = await db.query(`select count(*)::int as n from wallet.journal_entry where occurred_at >= $1 and occurred_at < $2`, [
      period.startsAt,
      period.endsAt,
    ]);
    return {
      entries: counted.rows[0].n,
      transactions: topUps + checkouts + refunds,
      members: opts.members,
      merchants: n,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await db.end();
  }
}

export interface SettlementTiming {
  bareGroupByMs: number;
  bareAllGroupByMs: number;
  ratioToAll: number;
  runSettlementMs: number;
  ratio: number;
  entriesPerSecond: number;
  positions: number;
  statements: number;
  plan: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median of `repeats` timings each; runSettlement re-runs replace the draft, as HQ re-running it would. */
export async function timeSettlement(
  databaseUrl: string,
  label: string,
  period: Period,
  entries: number,
  repeats: number,
  progress: (line: string) => void,
): Promise<SettlementTiming> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const orm = await createOrm({ url: databaseUrl, schema: 'wallet', entities: [], migrations: walletMigrations, poolSize: 2 });
  try {
    const bare = `select acquirer_id, merchant_id as issuer_id, sum(amount) from wallet.journal_entry
      where account = 'STORED_VALUE' and transaction_kind in ('CHECKOUT', 'REFUND') and occurred_at >= $1 and occurred_at < $2 and acquirer_id <> merchant_id
      group by acquirer_id, merchant_id`;
    // Every entry a run reads (all but ACQUIRER_SALES, points included), in one GROUP BY: the month's own floor.
    const bareAll = `select acquirer_id, merchant_id, account, sum(amount) from wallet.journal_entry
      where occurred_at >= $1 and occurred_at < $2 and account <> 'ACQUIRER_SALES' group by 1, 2, 3`;
    await db.query("set work_mem = '64MB'"); // as runSettlement has
    await db.query(bare, [period.startsAt, period.endsAt]); // warm the cache for both
    const bareMs: number[] = [];
    const bareAllMs: number[] = [];
    const runMs: number[] = [];
    let run: Awaited<ReturnType<typeof runSettlement>> | undefined;
    for (let i = 0; i < repeats; i++) {
      let t0 = performance.now();
      await db.query(bare, [period.startsAt, period.endsAt]);
      bareMs.push(performance.now() - t0);
      t0 = performance.now();
      await db.query(bareAll, [period.startsAt, period.endsAt]);
      bareAllMs.push(performance.now() - t0);
      t0 = performance.now();
      run = await runSettlement(orm.em.fork(), systemClock, label);
      runMs.push(performance.now() - t0);
      progress(
        `  round ${i + 1}/${repeats}: GROUP BY ${bareMs[i]!.toFixed(0)} ms (stored value), ${bareAllMs[i]!.toFixed(0)} ms (all it reads), runSettlement ${runMs[i]!.toFixed(0)} ms`,
      );
    }
    const counts = await db.query(
      `select (select count(*)::int from wallet.settlement_pair where run_id = $1) as positions,
      (select count(*)::int from wallet.settlement_statement where run_id = $1) as statements`,
      [run!.id],
    );
    const plan = await db.query(`explain (analyze, buffers, costs off, timing off) ${bare}`, [period.startsAt, period.endsAt]);
    const runSettlementMs = median(runMs);
    const bareGroupByMs = median(bareMs);
    const bareAllGroupByMs = median(bareAllMs);
    return {
      bareGroupByMs,
      bareAllGroupByMs,
      ratioToAll: runSettlementMs / bareAllGroupByMs,
      runSettlementMs,
      ratio: runSettlementMs / bareGroupByMs,
      entriesPerSecond: entries / (runSettlementMs / 1000),
      positions: counts.rows[0].positions,
      statements: counts.rows[0].statements,
      plan: plan.rows.map((r) => r['QUERY PLAN']).join('\n'),
    };
  } finally {
    await orm.close();
    await db.end();
  }
}
