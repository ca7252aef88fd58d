/**
 * RFM over a small known population (docs/marketing.md
 * "RFM"), with the wallet's domain functions against PostgreSQL: each
 * member's R, F and M, the scope's averages and every member's segment are
 * worked out here, as of 2027-03-31 12:00 in Shanghai (the window opens
 * 365 days before, on 2026-03-31 12:00).
 *
 *   member  purchases (at A unless said; stored value = the order)                R (days)  F  M (fen)
 *   m1      2027-03-30 ¥300, 03-20 ¥200, 02-01 ¥100                               1         3  60000
 *   m2      2027-03-29 ¥50, ¥20 of it refunded on 03-30                           2         1   3000
 *   m3      2026-12-01 ¥400, 11-01 ¥400                                           120       2  80000
 *   m4      2026-06-01 ¥20                                                        303       1   2000
 *   m5      2027-03-25 ¥500 refunded in whole on 03-26 (no purchase); at B 03-01 ¥10   30   1   1000
 *   m6      2026-03-01 ¥90: before the window                                     -         -      -
 *
 * The coalition: n = 5; averages R 456/5 = 91.2, F 8/5 = 1.6, M 146000/5 = 29200.
 *   m1 R F M high: 重要价值; m2 R high: 新客户; m3 F M high: 重要唤回; m4 none: 流失; m5 R high (30 < 91.2): 新客户.
 * A: n = 4 (m5's only purchase at A was refunded); averages R 426/4 = 106.5, F 7/4 = 1.75, M 145000/4 = 36250.
 *   m1 重要价值, m2 新客户, m3 重要唤回, m4 流失.
 * B: m5 alone is its own average: nothing above or below it, 流失.
 *
 * A refresh (the wallet's job) computes every scope as of its clock's instant and replaces the one before; the pyramid
 * and the audiences read the latest.
 */
import { MOVEMENT_HOOKS } from '../subgraphs/wallet/marketing/index.js';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { testDatabase } from './support/database.js';
import { FixedClock } from '../lib/clock.js';
import { createOrm, migrate } from '../lib/database.js';
import type { Claims } from '../lib/auth.js';
import { walletMigrations } from '../migrations/wallet/index.js';
import { addWalletMember, addWalletMerchant, terminalAt } from './support/wallet-directory.js';
import { issuePayCode } from '../subgraphs/wallet/ledger/paycode/paycode.js';
import { topUp } from '../subgraphs/wallet/payments/topup/topup.js';
import { checkout } from '../subgraphs/wallet/payments/checkout/checkout.js';
import { refund } from '../subgraphs/wallet/payments/refund/refund.js';
import { COALITION_TIME_ZONE } from '../subgraphs/wallet/ledger/journal/accounting-period.js';
import { refreshRfm, rfmMembersSql, rfmOf, type RfmRecord } from '../subgraphs/wallet/marketing/analytics/rfm.js';
import { executeSql, sql } from '../lib/sql.js';

let orm: MikroORM;
const payCodeKey = randomBytes(32);
const merchants = { A: randomUUID(), B: randomUUID() };
const stores = { A: randomUUID(), B: randomUUID() };
const members = Array.from({ length: 6 }, () => randomUUID());
const AS_OF = new Date('2027-03-31T12:00:00+08:00');

const at = (local: string) => new Date(`${local}+08:00`);
const terminal = (m: 'A' | 'B'): Claims => terminalAt(stores[m], merchants[m]);

async function buy(member: number, m: 'A' | 'B', when: string, yuan: string): Promise<string> {
  const clock = new FixedClock(at(when));
  const code = await issuePayCode(orm.em.fork(), clock, payCodeKey, members[member]!);
  const result = await checkout(
    { em: orm.em.fork(), clock, payCodeKey, caller: terminal(m), hooks: MOVEMENT_HOOKS },
    {
      payCode: code.code,
      storeId: stores[m],
      orderAmount: { amount: yuan },
      storedValue: { amount: yuan },
      idempotencyKey: `buy-${member}-${when}`,
    },
  );
  return result.transaction.id;
}

async function giveBack(transactionId: string, m: 'A' | 'B', when: string, yuan: string): Promise<void> {
  await refund(
    { em: orm.em.fork(), clock: new FixedClock(at(when)), payCodeKey, caller: terminal(m), hooks: MOVEMENT_HOOKS },
    { transactionId, orderAmount: { amount: yuan }, idempotencyKey: `back-${transactionId}` },
  );
}

beforeAll(async () => {
  orm = await createOrm({ url: await testDatabase('unicard_rfm'), schema: 'wallet', entities: [], migrations: walletMigrations, poolSize: 2 });
  await migrate(orm, 'wallet');
  const start = new FixedClock(at('2026-01-02T10:00:00'));
  const em = () => orm.em.fork();
  await addWalletMerchant(em, start, { merchantId: merchants.A, storeId: stores.A });
  await addWalletMerchant(em, start, { merchantId: merchants.B, storeId: stores.B, kind: 'ALLY', canIssue: false });
  for (const [i, memberId] of members.entries()) {
    await addWalletMember(em, start, memberId, { merchantId: merchants.A, storeId: stores.A });
    const code = await issuePayCode(orm.em.fork(), start, payCodeKey, memberId);
    await topUp(
      { em: orm.em.fork(), clock: start, payCodeKey, caller: terminal('A'), hooks: MOVEMENT_HOOKS },
      { payCode: code.code, storeId: stores.A, amount: { amount: '1000' }, idempotencyKey: `fund-${i}` },
    );
  }
  await buy(0, 'A', '2027-03-30T15:00:00', '300');
  await buy(0, 'A', '2027-03-20T09:00:00', '200');
  await buy(0, 'A', '2027-02-01T18:00:00', '100');
  await giveBack(await buy(1, 'A', '2027-03-29T11:00:00', '50'), 'A', '2027-03-30T11:00:00', '20');
  await buy(2, 'A', '2026-12-01T12:00:00', '400');
  await buy(2, 'A', '2026-11-01T12:00:00', '400');
  await buy(3, 'A', '2026-06-01T20:00:00', '20');
  await giveBack(await buy(4, 'A', '2027-03-25T10:00:00', '500'), 'A', '2027-03-26T10:00:00', '500');
  await buy(4, 'B', '2027-03-01T10:00:00', '10');
  await buy(5, 'A', '2026-03-01T10:00:00', '90');
});
afterAll(async () => orm?.close());

/** Refreshes as of `instant`, then reads a scope's pyramid as a request would. */
async function rfmAsOf(instant: Date, merchantId: string | null): Promise<RfmRecord> {
  await refreshRfm(orm.em.fork(), new FixedClock(instant), COALITION_TIME_ZONE);
  return rfmOf(orm.em.fork(), merchantId);
}

/** The members of a scope in the latest refresh, by segment flags `rfm` (as a campaign's audience reads them). */
async function segmentsOfMembers(merchantId: string | null): Promise<Record<string, string>> {
  const em = orm.em.fork();
  const rows = await executeSql<{ member_id: string; r: boolean; f: boolean; m: boolean }>(em, await rfmMembersSql(em, merchantId));
  return Object.fromEntries(rows.map((row) => [`m${(members as string[]).indexOf(row.member_id) + 1}`, `${+row.r}${+row.f}${+row.m}`]));
}

const counts = (rfm: RfmRecord) => Object.fromEntries(rfm.segments.filter((s) => s.members > 0).map((s) => [s.segment, s.members]));

describe('RFM', () => {
  it('before the first refresh there is nothing to read: SERVICE_UNAVAILABLE, retryable, for the pyramid and an audience', async () => {
    for (const attempt of [() => rfmOf(orm.em.fork(), null), () => rfmMembersSql(orm.em.fork(), merchants.A)]) {
      const error = await attempt().then(
        () => null,
        (e: { extensions?: Record<string, unknown> }) => e.extensions,
      );
      expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    }
  });

  it("the coalition's pyramid, averages and shares are the hand-worked ones", async () => {
    const rfm = await rfmAsOf(AS_OF, null);
    expect(rfm.asOf).toEqual(AS_OF);
    expect(rfm.windowDays).toBe(365);
    expect(rfm.members).toBe(5);
    expect(rfm.averages).toEqual({ recencyDays: 91.2, frequency: 1.6, monetary: 29200n });
    expect(counts(rfm)).toEqual({ IMPORTANT_VALUE: 1, IMPORTANT_WINBACK: 1, NEW: 2, LOST: 1 });
    expect(rfm.segments.map((s) => s.segment)).toHaveLength(8);
    expect(rfm.segments.find((s) => s.segment === 'NEW')).toEqual({ segment: 'NEW', name: '新客户', members: 2, share: 0.4 });
    expect(rfm.segments.reduce((sum, s) => sum + s.members, 0)).toBe(5);
  });

  it("a merchant's pyramid counts its own purchases only; a purchase refunded in whole is none", async () => {
    const a = await rfmAsOf(AS_OF, merchants.A);
    expect(a.averages).toEqual({ recencyDays: 106.5, frequency: 1.75, monetary: 36250n });
    expect(counts(a)).toEqual({ IMPORTANT_VALUE: 1, IMPORTANT_WINBACK: 1, NEW: 1, LOST: 1 });
    const b = await rfmOf(orm.em.fork(), merchants.B);
    expect({ n: b.members, averages: b.averages, counts: counts(b) }).toEqual({
      n: 1,
      averages: { recencyDays: 30, frequency: 1, monetary: 1000n },
      counts: { LOST: 1 },
    });
  });

  it("each member's segment per scope is kept for audiences: the hand-worked flags, one refresh's rows at a time", async () => {
    await rfmAsOf(AS_OF, null);
    // R F M as 1 (high) or 0: m1 重要价值, m2 新客户, m3 重要唤回, m4 流失, m5 新客户 (coalition). B's pyramid counts m5
    // (流失, alone), but m5 joined A only, and a merchant's audience is among its own members: B keeps no member's segment.
    expect(await segmentsOfMembers(null)).toEqual({ m1: '111', m2: '100', m3: '011', m4: '000', m5: '100' });
    expect(await segmentsOfMembers(merchants.A)).toEqual({ m1: '111', m2: '100', m3: '011', m4: '000' });
    expect(await segmentsOfMembers(merchants.B)).toEqual({});
    expect(counts(await rfmOf(orm.em.fork(), merchants.B))).toEqual({ LOST: 1 });
    // Two refreshes at once: one waits for the other, and only the later one's rows remain.
    await Promise.all([
      refreshRfm(orm.em.fork(), new FixedClock(AS_OF), COALITION_TIME_ZONE),
      refreshRfm(orm.em.fork(), new FixedClock(AS_OF), COALITION_TIME_ZONE),
    ]);
    const kept = await executeSql<{ refreshes: string; rows: string; scopes: string }>(
      orm.em.fork(),
      sql`select (select count(*) from wallet.rfm_refresh) as refreshes, (select count(*) from wallet.rfm_member) as rows,
         (select count(*) from wallet.rfm_scope) as scopes`,
    );
    expect(kept[0]).toEqual({ refreshes: '1', rows: '9', scopes: '3' });
  });

  it('is empty, not an error, before any purchase and for a merchant without one; the window moves with the instant', async () => {
    const before = await rfmAsOf(at('2026-01-01T00:00:00'), null);
    expect(before.asOf).toEqual(at('2026-01-01T00:00:00'));
    expect({ n: before.members, averages: before.averages, shares: before.segments.every((s) => s.members === 0 && s.share === 0) }).toEqual({
      n: 0,
      averages: { recencyDays: 0, frequency: 0, monetary: 0n },
      shares: true,
    });
    // On 2028-03-10 the window opens on 2027-03-11 (2028 is a leap year): m1's and m2's late-March purchases are in it,
    // m5's at B (2027-03-01) is not, and its purchase at A was refunded in whole.
    const later = await rfmAsOf(at('2028-03-10T12:00:00'), null);
    expect({ n: later.members, frequency: later.averages.frequency }).toEqual({ n: 2, frequency: 1.5 });
    const atB = await rfmOf(orm.em.fork(), merchants.B);
    expect({ asOf: atB.asOf, n: atB.members, counted: atB.segments.reduce((sum, s) => sum + s.members, 0) }).toEqual({
      asOf: at('2028-03-10T12:00:00'),
      n: 0,
      counted: 0,
    });
  });
});
