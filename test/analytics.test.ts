/**
 * Analytics through the gateway with v3's Analytics (issue 11, docs/marketing.md
 * "Analytics"), on a population worked out here, all on 2026-05-10 (the
 * range is May 1-10):
 *   m1 registers at A, tops up ¥200.00 at A; buys ¥100.00 at A paid outside, and ¥50.00 at A with stored value,
 *      of which ¥10.00 is refunded (¥10.00 of stored value back)
 *   m2 registers at A; buys ¥30.00 at B paid outside
 *   m3 registers at B; buys ¥20.00 at B paid outside
 * Points: 1 a yuan paid: m1 100 + 50 − floor(50 × 10/50) = 140, m2 30, m3 20; 100 points are ¥1.
 *
 *                       coalition        A (its members m1, m2; its stores)     B
 *   members             3, 3 joined      2, 2 joined                            1
 *   active (30, 90)     3, 3             1, 1 (m1)
 *   May 10              3 new, 4, 190.00 2 new, 2, 140.00
 *   penetration         1, 1             2/3, 2 of 2 purchases at A by A's      1/3, 1 of 2 at B by B's (m3)
 *   first purchase      3/3              1/2 (m2 bought at B)
 *   repurchase          1/3 (m1)         1/1
 *   float               160.00           160.00 (A issued it)                   0.00
 *   points liability    1.90             1.70                                   0.20
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/hub.js';
import { codeOf, fieldOf, contract, graphql, ok } from './support/graphql.js';
import { memberWithSession, setUpTwoMerchants, type TwoMerchants } from './support/coalition.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import { refreshAnalytics } from './support/analytics.js';
import { testDatabase } from './support/database.js';
import { FixedClock } from '../lib/clock.js';
import { createOrm, migrate } from '../lib/database.js';
import { executeSql, sql } from '../lib/sql.js';
import { walletMigrations } from '../migrations/wallet/index.js';
import { COALITION_TIME_ZONE } from '../subgraphs/wallet/ledger/index.js';
import { ANALYTICS_TASK, analyticsOf, refreshAnalytics as refreshSnapshots } from '../subgraphs/wallet/marketing/index.js';

let hub: TestHub;
let coalition: TwoMerchants;
const m = (amount: string) => ({ amount });
const url = () => hub.gatewayUrl;
const range = { from: '2026-05-01', to: '2026-05-10' };
const analytics = (token: string, merchantId?: string, r = range) => contract(url(), 'Analytics', { ...r, merchantId }, token);
const yuan = (amount: string) => ({ amount, currencyCode: 'CNY' });

beforeAll(async () => {
  hub = await startTestHub({ now: '2026-05-10T10:00:00+08:00' });
  coalition = await setUpTwoMerchants(url(), hub.hq);
  const { A, B, tokens } = coalition;
  const [m1, m2, m3] = [await memberWithSession(url, A, 'm1'), await memberWithSession(url, A, 'm2'), await memberWithSession(url, B, 'm3')];
  const pay = async (who: typeof m1, store: { id: string }, till: string, order: string, storedValue: string, key: string) =>
    ok(
      await contract(
        url(),
        'Checkout',
        { input: { payCode: await who.payCode(), storeId: store.id, orderAmount: m(order), storedValue: m(storedValue), idempotencyKey: key } },
        till,
      ),
    ).checkout;
  ok(
    await contract(
      url(),
      'TopUp',
      { input: { payCode: await m1.payCode(), storeId: A.stores[0]!.id, amount: m('200.00'), idempotencyKey: 't1' } },
      tokens.TERMINAL,
    ),
  );
  await pay(m1, A.stores[0]!, tokens.TERMINAL, '100.00', '0', 'c1');
  const withValue = await pay(m1, A.stores[0]!, tokens.TERMINAL, '50.00', '50.00', 'c2');
  ok(await contract(url(), 'Refund', { input: { transactionId: withValue.transaction.id, orderAmount: m('10.00'), idempotencyKey: 'r1' } }, tokens.TERMINAL));
  await pay(m2, B.stores[0]!, tokens.OTHER_TERMINAL, '30.00', '0', 'c3');
  await pay(m3, B.stores[0]!, tokens.OTHER_TERMINAL, '20.00', '0', 'c4');
});
afterAll(async () => hub?.stop());

const tierCounts = (counts: Record<string, number>) =>
  ['NORMAL', 'SILVER', 'GOLD', 'DIAMOND'].map((code) => ({ tier: { code, name: expect.any(String) }, members: counts[code] ?? 0 }));

describe('analytics', () => {
  it('for the coalition (HQ)', async () => {
    const a = ok(await analytics(coalition.tokens.HQ)).analytics;
    expect(a.members).toEqual({ total: 3, joinedInPeriod: 3, activeIn30Days: 3, activeIn90Days: 3 });
    expect(a.daily).toHaveLength(10);
    expect(a.daily[9]).toEqual({ date: '2026-05-10', newMembers: 3, purchases: 4, paid: yuan('190.00') });
    expect(a.daily.slice(0, 9).every((d: any) => d.newMembers === 0 && d.purchases === 0 && d.paid.amount === '0.00')).toBe(true);
    expect(a.tierDistribution).toEqual(tierCounts({ NORMAL: 3 }));
    expect(a.penetration).toEqual({ membersShare: 1, purchasesShare: 1 });
    expect(a.conversion).toEqual({ registeredToFirstPurchase: 1, freeToPaid: 0 });
    expect(a.renewalRate).toBeNull();
    expect(a.repurchaseRate).toBeCloseTo(1 / 3, 10);
    expect(a.storedValueFloat).toEqual(yuan('160.00'));
    expect(a.pointsLiability).toEqual(yuan('1.90'));
  });

  it('says the instant its figures hold for: now while the range runs, its end once it has ended', async () => {
    const asOf = async (to: string) =>
      Date.parse(
        ok(
          await graphql(url(), 'query($from: Date!, $to: Date!) { analytics(from: $from, to: $to) { asOf } }', { from: '2026-05-01', to }, coalition.tokens.HQ),
        ).analytics.asOf,
      );
    // The hub's clock is in 2026-05-10 (Shanghai): a range to that day holds as of now; one to May 5th as of its end.
    const running = await asOf('2026-05-10');
    expect(running).toBeGreaterThan(Date.parse('2026-05-10T00:00:00+08:00'));
    expect(running).toBeLessThan(Date.parse('2026-05-11T00:00:00+08:00'));
    expect(await asOf('2026-05-05')).toBe(Date.parse('2026-05-06T00:00:00+08:00'));
  });

  it("for a merchant: its own members and its stores' purchases (its back office, or HQ naming it)", async () => {
    const own = ok(await analytics(coalition.tokens.MERCHANT)).analytics;
    expect(ok(await analytics(coalition.tokens.HQ, coalition.A.id)).analytics).toEqual(own);
    expect(ok(await analytics(coalition.tokens.MERCHANT, coalition.A.id)).analytics).toEqual(own);
    expect(own.members).toEqual({ total: 2, joinedInPeriod: 2, activeIn30Days: 1, activeIn90Days: 1 });
    expect(own.daily[9]).toEqual({ date: '2026-05-10', newMembers: 2, purchases: 2, paid: yuan('140.00') });
    expect(own.tierDistribution).toEqual(tierCounts({ NORMAL: 2 }));
    expect(own.penetration.membersShare).toBeCloseTo(2 / 3, 10);
    expect(own.penetration.purchasesShare).toBe(1);
    expect(own.conversion).toEqual({ registeredToFirstPurchase: 0.5, freeToPaid: 0 });
    expect(own.repurchaseRate).toBe(1);
    expect(own.storedValueFloat).toEqual(yuan('160.00'));
    expect(own.pointsLiability).toEqual(yuan('1.70'));
    const b = ok(await analytics(coalition.tokens.OTHER_MERCHANT)).analytics;
    expect(b.members.total).toBe(1);
    expect(b.penetration).toEqual({ membersShare: 1 / 3, purchasesShare: 0.5 });
    expect(b.storedValueFloat).toEqual(yuan('0.00'));
    expect(b.pointsLiability).toEqual(yuan('0.20'));
  });

  it("a merchant never sees the coalition's or another's; bad ranges name the field", async () => {
    expect(codeOf(await analytics(coalition.tokens.OTHER_MERCHANT, coalition.A.id))).toBe('FORBIDDEN');
    expect(codeOf(await analytics(coalition.tokens.TERMINAL))).toBe('FORBIDDEN');
    expect(codeOf(await analytics(''))).toBe('UNAUTHENTICATED');
    for (const [r, name] of [
      [{ from: '2026-05-10', to: '2026-05-01' }, 'to'],
      [{ from: '2025-01-01', to: '2026-05-01' }, 'to'],
    ] as const) {
      const refused = await analytics(coalition.tokens.HQ, undefined, r);
      expect([codeOf(refused), fieldOf(refused)]).toEqual(['BAD_USER_INPUT', name]);
    }
    expect(codeOf(await analytics(coalition.tokens.HQ, undefined, { from: '2026-13-01', to: '2026-05-01' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await analytics(coalition.tokens.HQ, 'not-a-merchant'))).toBe('BAD_USER_INPUT');
    const session = ok(
      await contract(url(), 'CreateMemberSession', { memberId: (await memberWithSession(url, coalition.A, 'x')).id }, coalition.tokens.MERCHANT),
    ).createMemberSession.token;
    expect(codeOf(await analytics(session))).toBe('FORBIDDEN');
  });
});

describe('computed by the job, read by requests', () => {
  it("a range read again after a purchase shows what the job computed, until HQ's refresh moves it on; only HQ asks for one", async () => {
    const asOf = async () =>
      ok(await graphql(url(), 'query($from: Date!, $to: Date!) { analytics(from: $from, to: $to) { asOf } }', range, coalition.tokens.HQ)).analytics
        .asOf as string;
    const before = ok(await analytics(coalition.tokens.HQ)).analytics;
    const beforeAsOf = await asOf();
    const m4 = await memberWithSession(url, coalition.B, 'm4');
    ok(
      await contract(
        url(),
        'Checkout',
        { input: { payCode: await m4.payCode(), storeId: coalition.B.stores[0]!.id, orderAmount: m('40.00'), storedValue: m('0'), idempotencyKey: 'c5' } },
        coalition.tokens.OTHER_TERMINAL,
      ),
    );
    // The snapshot as the job left it: nothing recomputed by the request, the same instant.
    expect(ok(await analytics(coalition.tokens.HQ)).analytics).toEqual(before);
    expect(await asOf()).toBe(beforeAsOf);
    expect(codeOf(await graphql(url(), 'mutation { refreshAnalytics { requestedAt } }', {}, coalition.tokens.MERCHANT))).toBe('FORBIDDEN');
    await refreshAnalytics(url(), coalition.tokens.HQ, hub.databaseUrl);
    const after = ok(await analytics(coalition.tokens.HQ)).analytics;
    expect(Date.parse(await asOf())).toBeGreaterThan(Date.parse(beforeAsOf));
    // Since the snapshot: the member the test above registered (it bought nothing), and m4, who bought ¥40.00.
    expect(before.members.total).toBe(3);
    expect(after.members.total).toBe(5);
    expect(after.daily[9]).toEqual({ date: '2026-05-10', newMembers: 5, purchases: 5, paid: yuan('230.00') });
  });
});

describe('the analytics job', () => {
  let orm: MikroORM;
  const clock = new FixedClock(new Date('2026-05-10T02:00:00Z'));
  const april = { from: '2026-04-01', to: '2026-04-30' };
  const snapshots = () =>
    executeSql<{ scope: string; from_day: string; computed: boolean }>(
      orm.em.fork(),
      sql`select scope, to_char(from_day, 'YYYY-MM-DD') as from_day, computed_at is not null as computed from wallet.analytics_snapshot order by from_day`,
    );
  beforeAll(async () => {
    orm = await createOrm({ url: await testDatabase('unicard_analytics_job'), schema: 'wallet', entities: [], migrations: walletMigrations, poolSize: 2 });
    await migrate(orm, 'wallet');
  });
  afterAll(async () => orm?.close());

  it('queues a range asked for the first time; a computation longer than the wait is SERVICE_UNAVAILABLE (retryable), then read as the job left it', async () => {
    const refused = await analyticsOf(orm.em.fork(), clock, april, null, 0).catch((error: unknown) => error as { extensions: Record<string, unknown> });
    expect(refused).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 } });
    const [queued] = await executeSql<{ n: string }>(
      orm.em.fork(),
      sql`select count(*) as n from wallet_jobs.jobs where task_identifier = ${ANALYTICS_TASK} and key = ${`${ANALYTICS_TASK}:coalition:2026-04-01:2026-04-30`}`,
    );
    expect(Number(queued!.n)).toBe(1);
    // A second ask while it waits queues nothing more (one job per range).
    await analyticsOf(orm.em.fork(), clock, april, null, 0).catch(() => undefined);
    expect(await snapshots()).toEqual([{ scope: 'coalition', from_day: '2026-04-01', computed: false }]);
    expect(await refreshSnapshots(orm.em.fork(), clock, COALITION_TIME_ZONE, { scope: 'coalition', ...april })).toBe(1);
    const read = await analyticsOf(orm.em.fork(), clock, april, null, 0);
    expect(read.asOf).toEqual(new Date('2026-04-30T16:00:00Z'));
    expect(read.daily).toHaveLength(30);
    expect(read.storedValueFloat).toBe(0n);
  });

  it('every hour computes again what was read in the last week, leaves what was not, and forgets what nobody read for a month', async () => {
    const em = orm.em.fork();
    const day = 86_400_000;
    for (const [from, readDaysAgo] of [
      ['2026-03-01', 2],
      ['2026-02-01', 8],
      ['2026-01-01', 31],
    ] as const) {
      await executeSql(
        em,
        sql`insert into wallet.analytics_snapshot (scope, from_day, to_day, requested_at, read_at) values ('coalition', ${from}::date, ${from}::date + 9, ${clock.now()}, ${new Date(clock.now().getTime() - readDaysAgo * day)})`,
      );
    }
    const lines: string[] = [];
    // April's (read just now) and March's (two days ago); February's stays as it was; January's goes.
    expect(await refreshSnapshots(em, clock, COALITION_TIME_ZONE, {}, (line) => lines.push(line))).toBe(2);
    expect(lines).toHaveLength(2);
    expect(await snapshots()).toEqual([
      { scope: 'coalition', from_day: '2026-02-01', computed: false },
      { scope: 'coalition', from_day: '2026-03-01', computed: true },
      { scope: 'coalition', from_day: '2026-04-01', computed: true },
    ]);
  });
});
