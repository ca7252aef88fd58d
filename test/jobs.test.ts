/**
 * The wallet's jobs through a real hub: cycle-end tier evaluation and points
 * expiry run by themselves at start, catch up on every boundary missed while
 * the hub was down, change nothing when run again, and expired points show in
 * the month's settlement. The clock moves without a restart (the jobs are queued as at a start), except over the new
 * year, where the wallet (whose jobs these are) is down and its restart with UNICARD_NOW is the point.
 *
 * Worked out by hand (default programme: YEAR cycle, 1 growth and 1 point per
 * yuan paid, 金卡 from 5,000 growth, 银卡 from 1,000):
 *   June 2026: G pays 6,000.00 at A (all outside the hub): growth 6,000 -> 金卡 at once
 *     with the 银卡 and 金卡 gifts (500 + 2,000); points 6,000 + 2,500 = 8,500 in the 2026 lot.
 *   S pays 1,200.00: 银卡 with its gift; 1,200 + 500 = 1,700 points; S buys a yearly plan.
 *   December 2027: S burns 1,000 points at A (of an order of 10.00: the points pay all of it).
 *   Down until 2 January 2028. At start:
 *     2027-01-01: G's 2026 growth 6,000 keeps 金卡; S keeps 银卡 (1,200 >= 1,000)
 *     2028-01-01: G's 2027 growth is 0: down one tier to 银卡 (not two); S's plan is valid: stays 银卡
 *     2028-01-01 00:00 is the end of 2027, when 2026's points expire: G 8,500, S 700.
 *   S's December checkout refunded in January: the 1,000 points go back to the 2026 lot,
 *     which has expired: they expire again at once (breakage of January), and S's balance stays 0.
 *   January 2028's settlement: points expired 8,500 + 700 + 1,000 = 10,200; outstanding 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/hub.js';
import { contract, ok } from './support/graphql.js';
import { authenticate, memberWithSession, setUpMerchant, type MemberWithSession, type SetUpMerchant } from './support/coalition.js';
import { ledgerViolations, withDatabase } from './support/ledger.js';
import { until } from './support/wait.js';
import { FixedClock } from '../lib/clock.js';
import { createOrm } from '../lib/database.js';
import { walletMigrations } from '../migrations/wallet/index.js';
import { COALITION_TIME_ZONE } from '../subgraphs/wallet/ledger/journal/accounting-period.js';
import { expireDuePoints } from '../subgraphs/wallet/programme/points/points-expiry.js';
import { programmeInForce } from '../subgraphs/wallet/programme/programme.js';
import { endTierCycles } from '../subgraphs/wallet/programme/tier-evaluation.js';
import { MOVEMENT_HOOKS } from '../subgraphs/wallet/marketing/index.js';

let hub: TestHub;
let A: SetUpMerchant;
let G: MemberWithSession, S: MemberWithSession;
let burnId: string;
const m = (amount: string) => ({ amount });

/** Waits for a job's effect, saying what the jobs logged if it never comes. */
const untilJobs = <T>(what: string, probe: () => Promise<T | undefined>) =>
  until(what, probe, {
    timeoutMs: 20_000,
    explain: () =>
      `the jobs said: ${hub.logs
        .filter((l) => /job/i.test(l))
        .slice(-10)
        .join('\n')}`,
  });

const standing = (memberId: string) =>
  withDatabase(
    hub.databaseUrl,
    async (db) =>
      (await db.query('select tier_rank, points_balance::int as points, cycle_starts_at from wallet.wallet where member_id = $1', [memberId])).rows[0] as {
        tier_rank: number;
        points: number;
        cycle_starts_at: Date;
      },
  );

const home = async (member: MemberWithSession) => ok(await contract(hub.gatewayUrl, 'MemberHome', { first: 3 }, member.session)).me;

beforeAll(async () => {
  hub = await startTestHub({ now: '2026-06-10T10:00:00+08:00', logLevel: 'info' }); // the jobs' reports
  const hq = await authenticate(hub.gatewayUrl, hub.hq);
  A = await setUpMerchant(hub.gatewayUrl, hq, {
    name: 'Brand A',
    kind: 'BRAND',
    stores: ['A1'],
    terms: { canIssue: true, canAccept: true, commissionBps: 150 },
  });
  ok(
    await contract(
      hub.gatewayUrl,
      'SetMembershipPlan',
      { input: { code: 'PLUS', name: '会员PLUS', price: m('99'), period: 'YEAR', pointsMultiplierBps: 15000 } },
      hq,
    ),
  );
  G = await memberWithSession(() => hub.gatewayUrl, A, '金');
  S = await memberWithSession(() => hub.gatewayUrl, A, '银');
});
afterAll(async () => hub?.stop());

async function checkout(member: MemberWithSession, orderAmount: string, key: string, points = 0) {
  const till = await authenticate(hub.gatewayUrl, A.stores[0]!.terminal);
  return ok(
    await contract(
      hub.gatewayUrl,
      'Checkout',
      { input: { payCode: await member.payCode(), storeId: A.stores[0]!.id, orderAmount: m(orderAmount), points, storedValue: m('0'), idempotencyKey: key } },
      till,
    ),
  ).checkout;
}

describe('the wallet jobs', () => {
  it('2026: members reach 金卡 and 银卡 with their gifts; one buys a plan', async () => {
    expect((await checkout(G, '6000.00', 'g1')).points.balance).toBe(8500);
    expect((await checkout(S, '1200.00', 's1')).points.balance).toBe(1700);
    ok(await contract(hub.gatewayUrl, 'BuyMembershipPlan', { input: { planCode: 'PLUS', paymentRef: 'pay-s', idempotencyKey: 'p1' } }, S.session));
    expect((await home(G)).tier.code).toBe('GOLD');
    expect((await home(S)).tier.code).toBe('SILVER');
  });

  it('December 2027: a burn of 2026 points', async () => {
    await hub.moveClockTo('2027-12-20T10:00:00+08:00');
    await Promise.all([G.renewSession(), S.renewSession()]);
    // The plan bought in June 2026 ended in June 2027; S renews it for another year.
    ok(await contract(hub.gatewayUrl, 'BuyMembershipPlan', { input: { planCode: 'PLUS', paymentRef: 'pay-s2', idempotencyKey: 'p2' } }, S.session));
    const burn = await checkout(S, '10.00', 's2', 1000);
    burnId = burn.transaction.id;
    expect(burn).toMatchObject({ pointsUsed: 1000, amountDue: { amount: '0.00' }, pointsEarned: 0, points: { balance: 700 } });
    // The jobs ran when the clock moved: 2027-01-01 ended (G kept 金卡 with 6,000), nothing expired yet.
    await untilJobs('the 2027 cycle', async () => ((await standing(G.id)).cycle_starts_at.toISOString() === '2026-12-31T16:00:00.000Z' ? true : undefined));
    expect((await standing(G.id)).tier_rank).toBe(2);
  });

  it('the wallet down over the new year: at its start the jobs catch up, drop one tier, keep a paid member, expire 2026 points', async () => {
    await hub.restartAt('2028-01-02T10:00:00+08:00', ['wallet']); // the jobs are the wallet's
    await Promise.all([G.renewSession(), S.renewSession()]);
    await untilJobs('the 2028 cycle and the expiry', async () => {
      const g = await standing(G.id);
      return g.cycle_starts_at.toISOString() === '2027-12-31T16:00:00.000Z' && g.points === 0 ? g : undefined;
    });
    expect(await standing(G.id)).toMatchObject({ tier_rank: 1, points: 0 }); // 金卡 -> 银卡, one tier only
    expect(await standing(S.id)).toMatchObject({ tier_rank: 1, points: 0 }); // a valid plan: no drop
    const g = await home(G);
    expect(g.tier.code).toBe('SILVER');
    expect(g.points).toMatchObject({ balance: 0, nextExpiry: null });
    expect(g.transactions.edges[0].node).toMatchObject({ kind: 'POINTS_EXPIRY', pointsChange: -8500, store: null });
    // The job's line comes through the wallet's stdout, and may come after its effect is in the database.
    await until('the expiry logged', () => hub.logs.some((l) => l.includes('8500 points of') || l.includes('points of 2 members expired')), {
      timeoutMs: 10_000,
    });
  });

  it('runs again without changing anything, and a refund to an expired lot expires again at once', async () => {
    const before = await Promise.all([standing(G.id), standing(S.id)]);
    await hub.moveClockTo('2028-01-02T11:00:00+08:00');
    await untilJobs('the jobs to have run', async () =>
      hub.logs.filter((l) => l.includes('no cycle ended since the last run')).length > 0 ? true : undefined,
    );
    expect(await Promise.all([standing(G.id), standing(S.id)])).toEqual(before);

    const till = await authenticate(hub.gatewayUrl, A.stores[0]!.terminal);
    const back = ok(await contract(hub.gatewayUrl, 'Refund', { input: { transactionId: burnId, orderAmount: m('10.00'), idempotencyKey: 'r1' } }, till)).refund;
    expect(back).toMatchObject({ pointsRestored: 1000, pointsTakenBack: 0, points: { balance: 0 } });
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
  });

  it("January 2028's settlement shows the expired points as HQ's breakage, and conserves", async () => {
    await hub.moveClockTo('2028-02-02T10:00:00+08:00');
    const hq = await authenticate(hub.gatewayUrl, hub.hq);
    const run = ok(await contract(hub.gatewayUrl, 'RunSettlement', { period: '2028-01' }, hq)).runSettlement;
    const jan = ok(await contract(hub.gatewayUrl, 'Settlement', { period: '2028-01' }, hq)).settlement;
    expect(jan.totals).toMatchObject({ pointsExpired: 10200, pointsRedeemed: -1000, pointsOutstanding: 0, pointsLiability: { amount: '0.00' } });
    // The refund gave A's 1,000 redeemed points back: A repays their 10.00 credit; HQ's income is that.
    expect(jan.statements.find((s: any) => s.merchant.id === A.id)).toMatchObject({
      pointsRedeemed: -1000,
      pointsCredit: { amount: '-10.00' },
      net: { amount: '-10.00' },
    });
    expect(jan.totals.hqIncome).toEqual({ amount: '10.00', currencyCode: 'CNY' });
    expect(ok(await contract(hub.gatewayUrl, 'FinalizeSettlement', { id: run.id }, hq)).finalizeSettlement.status).toBe('FINALIZED');
    // The verifier re-derives the finalised run's points lines and HQ's points totals from the journal.
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
  });

  it('each job run twice at once changes things once', async () => {
    // G earns 2028 points (a lot expiring at the end of 2029) and 500 growth, short of 银卡's 1,000.
    await G.renewSession();
    expect((await checkout(G, '500.00', 'g2')).points.balance).toBe(600); // x1.2 as 银卡
    const orm = await createOrm({ url: hub.databaseUrl, schema: 'wallet', entities: [], migrations: walletMigrations, poolSize: 4 });
    try {
      const clock = new FixedClock(new Date('2030-01-02T10:00:00+08:00'));
      const programme = await programmeInForce(orm.em.fork(), clock.now());
      const [first, second] = await Promise.all(
        [0, 1].map(() => expireDuePoints({ em: orm.em.fork(), clock, timeZone: COALITION_TIME_ZONE, hooks: MOVEMENT_HOOKS })),
      );
      expect([first!.points + second!.points, first!.members + second!.members]).toEqual([600n, 1]);
      const cycles = await Promise.all([0, 1].map(() => endTierCycles(orm.em.fork(), programme, clock.now(), COALITION_TIME_ZONE)));
      // 2029-01-01: G (500 growth in 2028) and S (its plan ended in December 2028, no growth) drop from 银卡 to 普通, once.
      const dropped = cycles.flat().reduce((sum, c) => sum + c.dropped, 0);
      expect(dropped).toBe(2);
      expect(await endTierCycles(orm.em.fork(), programme, clock.now(), COALITION_TIME_ZONE)).toEqual([]);
    } finally {
      await orm.close();
    }
    expect(await standing(G.id)).toMatchObject({ tier_rank: 0, points: 0 });
    expect(await standing(S.id)).toMatchObject({ tier_rank: 0, points: 0 });
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
  });
});
