/**
 * The wallet's jobs at scale: a cycle end and a year end over many members,
 * each timed against a bare UPDATE of the same rows (the least PostgreSQL
 * can do to change them), in a database of their own.
 *
 * Members are generated in bulk inside PostgreSQL: wallets spread over the
 * ladder (most at the bottom) with last cycle's growth, and one points lot
 * each, earned two years ago and due to expire. Each job runs on a fresh copy
 * of the rows (the jobs change what they read), and so does its bare UPDATE.
 */
import pg from 'pg';
import { FixedClock } from '../lib/clock.js';
import { createOrm } from '../lib/database.js';
import { walletMigrations } from '../migrations/wallet/index.js';
import { COALITION_TIME_ZONE } from '../subgraphs/wallet/ledger/index.js';
import { expireDuePoints, programmeInForce, endTierCycles } from '../subgraphs/wallet/programme/index.js';
import { MOVEMENT_HOOKS } from '../subgraphs/wallet/marketing/index.js';

export interface JobTiming {
  members: number;
  tierCycleEndMs: number;
  bareTierUpdateMs: number;
  tierRatio: number;
  dropped: number;
  pointsExpiryMs: number;
  bareExpiryUpdateMs: number;
  expiryRatio: number;
  expiredMembers: number;
}

/** 2026's cycle (Shanghai) and the instant at which 2025's points expire. */
const CYCLE_START = '2025-12-31T16:00:00Z';
const NOW = new Date('2027-01-02T02:00:00Z');

async function generate(db: pg.Client, members: number): Promise<void> {
  // The journal refuses TRUNCATE (append-only): the bench's own database is emptied with triggers off, as a restore would.
  await db.query('set session_replication_role = replica');
  await db.query(
    'truncate wallet.journal_entry, wallet.journal_transaction, wallet.journal_transaction_key, wallet.points_lot, wallet.tier_gift, wallet.issuer_lot, wallet.pay_code, wallet.wallet cascade',
  );
  // Ranks: 80% 普通, 15% 银卡, 4% 金卡, 1% 钻石; growth in 2026 anywhere from 0 to 30,000 (many short of their tier).
  await db.query(
    `insert into wallet.wallet (member_id, balance, points_balance, tier_rank, cycle_starts_at, cycle_growth, created_at)
     select md5('job-member-' || i)::uuid, 0, 1000 + i % 500,
       case when i % 100 < 80 then 0 when i % 100 < 95 then 1 when i % 100 < 99 then 2 else 3 end,
       $2::timestamptz, (hashint4(i) & 32767) % 30000, $2::timestamptz
     from generate_series(0, $1::int - 1) i`,
    [members, CYCLE_START],
  );
  await db.query(
    `insert into wallet.points_lot (member_id, earning_year, expires_at, remaining)
     select md5('job-member-' || i)::uuid, 2025, '2026-12-31T16:00:00Z', 1000 + i % 500 from generate_series(0, $1::int - 1) i`,
    [members],
  );
  await db.query('set session_replication_role = origin');
  await db.query('analyze wallet.wallet, wallet.points_lot');
}

/** Times the cycle-end and expiry jobs over `members` generated members, each against a bare UPDATE. */
export async function timeJobs(databaseUrl: string, members: number, progress: (line: string) => void): Promise<JobTiming> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const orm = await createOrm({ url: databaseUrl, schema: 'wallet', entities: [], migrations: walletMigrations, poolSize: 2 });
  try {
    const clock = new FixedClock(NOW);
    const programme = await programmeInForce(orm.em.fork(), NOW);

    progress(`  ${members.toLocaleString('en')} members for the jobs`);
    await generate(db, members);
    let t0 = performance.now();
    await db.query(
      `update wallet.wallet set cycle_growth = 0, cycle_starts_at = '2026-12-31T16:00:00Z', tier_rank = greatest(tier_rank - 1, 0) where cycle_starts_at < '2026-12-31T16:00:00Z'`,
    );
    const bareTierUpdateMs = performance.now() - t0;
    await generate(db, members);
    t0 = performance.now();
    const ended = await endTierCycles(orm.em.fork(), programme, NOW, COALITION_TIME_ZONE);
    const tierCycleEndMs = performance.now() - t0;
    progress(
      `  cycle end: ${tierCycleEndMs.toFixed(0)} ms (bare UPDATE ${bareTierUpdateMs.toFixed(0)} ms), ${ended.reduce((s, e) => s + e.dropped, 0)} dropped a tier`,
    );

    t0 = performance.now();
    await db.query(`update wallet.points_lot set remaining = 0 where remaining > 0 and expires_at <= $1`, [NOW]);
    const bareExpiryUpdateMs = performance.now() - t0;
    await generate(db, members);
    t0 = performance.now();
    const expired = await expireDuePoints({ em: orm.em.fork(), clock, timeZone: COALITION_TIME_ZONE, hooks: MOVEMENT_HOOKS });
    const pointsExpiryMs = performance.now() - t0;
    progress(
      `  points expiry: ${pointsExpiryMs.toFixed(0)} ms (bare UPDATE ${bareExpiryUpdateMs.toFixed(0)} ms), ${expired.members} members, ${expired.points} points`,
    );
    await db.query('set session_replication_role = replica');
    await db.query('truncate wallet.journal_entry, wallet.journal_transaction, wallet.journal_transaction_key, wallet.points_lot, wallet.wallet cascade');
    return {
      members,
      tierCycleEndMs,
      bareTierUpdateMs,
      tierRatio: tierCycleEndMs / bareTierUpdateMs,
      dropped: ended.reduce((s, e) => s + e.dropped, 0),
      pointsExpiryMs,
      bareExpiryUpdateMs,
      expiryRatio: pointsExpiryMs / bareExpiryUpdateMs,
      expiredMembers: expired.members,
    };
  } finally {
    await orm.close();
    await db.end();
  }
}
