/**
 * One settlement run per period, also when HQ clicks twice (or two replicas
 * run it at once); and checkouts racing the month end and its finalisation
 * land either in the closing period (and in its run) or in the next one.
 */
import { MOVEMENT_HOOKS } from '../subgraphs/wallet/marketing/index.js';
import { testDatabase } from './support/database.js';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { FixedClock } from '../lib/clock.js';
import { createOrm, migrate } from '../lib/database.js';
import type { Claims } from '../lib/auth.js';
import { walletMigrations } from '../migrations/wallet/index.js';
import { addWalletMember, addWalletMerchant, terminalAt } from './support/wallet-directory.js';
import { issuePayCode } from '../subgraphs/wallet/ledger/paycode/paycode.js';
import { topUp } from '../subgraphs/wallet/payments/topup/topup.js';
import { checkout } from '../subgraphs/wallet/payments/checkout/checkout.js';
import { finalizeSettlement, runSettlement } from '../subgraphs/wallet/settlement/settlement.js';
import { formatDecimal, parseDecimal } from '../lib/money.js';
import { startTestHub, type TestHub } from './support/hub.js';
import { codeOf, contract, ok } from './support/graphql.js';
import { authenticate, newPhone, setUpMerchant } from './support/coalition.js';
import { ledgerViolations } from './support/ledger.js';

let orm: MikroORM;
let hub: TestHub | undefined;
const payCodeKey = randomBytes(32);

beforeAll(async () => {
  const url = await testDatabase('unicard_settle');
  orm = await createOrm({ url, schema: 'wallet', entities: [], migrations: walletMigrations, poolSize: 12 });
  await migrate(orm, 'wallet');
});
afterAll(async () => {
  await orm?.close();
  await hub?.stop();
});

describe('settlement runs under concurrency', () => {
  it('ten simultaneous runs of one period leave one run with the same numbers; after finalising, all further runs are refused', async () => {
    const clock = new FixedClock(new Date('2026-07-10T04:00:00Z'));
    const [issuer, acquirer] = [randomUUID(), randomUUID()];
    const [issuerStore, acquirerStore] = [randomUUID(), randomUUID()];
    const memberId = randomUUID();
    const em = () => orm.em.fork();
    for (const [merchantId, storeId] of [
      [issuer, issuerStore],
      [acquirer, acquirerStore],
    ] as const)
      await addWalletMerchant(em, clock, { merchantId, storeId });
    await addWalletMember(em, clock, memberId, { merchantId: issuer, storeId: issuerStore });
    const deps = (caller: Claims) => ({ em: orm.em.fork(), clock, payCodeKey, caller, hooks: MOVEMENT_HOOKS });
    await topUp(deps(terminalAt(issuerStore, issuer)), {
      payCode: (await issuePayCode(orm.em.fork(), clock, payCodeKey, memberId)).code,
      storeId: issuerStore,
      amount: { amount: '500' },
      idempotencyKey: 'u',
    });
    await checkout(deps(terminalAt(acquirerStore, acquirer)), {
      payCode: (await issuePayCode(orm.em.fork(), clock, payCodeKey, memberId)).code,
      storeId: acquirerStore,
      orderAmount: { amount: '333.33' },
      storedValue: { amount: '333.33' },
      idempotencyKey: 'c',
    });

    clock.set(new Date('2026-08-01T00:00:00Z'));
    const runs = await Promise.all(Array.from({ length: 10 }, () => runSettlement(orm.em.fork(), clock, '2026-07')));
    expect(new Set(runs.map((r) => r.id)).size).toBe(1);
    expect(new Set(runs.map((r) => `${r.totals.crossRedemptions}/${r.totals.commission}`))).toEqual(new Set(['33333/500']));
    const rows = await orm.em.fork().execute("select count(*)::int as n from wallet.settlement_run where period = '2026-07'");
    expect(rows[0]!.n).toBe(1);

    const finalised = await Promise.allSettled([finalizeSettlement(orm.em.fork(), clock, runs[0]!.id), finalizeSettlement(orm.em.fork(), clock, runs[0]!.id)]);
    expect(finalised.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((finalised.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.extensions.code).toBe('PERIOD_FINALIZED');
    const again = await Promise.allSettled(Array.from({ length: 3 }, () => runSettlement(orm.em.fork(), clock, '2026-07')));
    expect(again.every((r) => r.status === 'rejected' && r.reason.extensions.code === 'PERIOD_FINALIZED')).toBe(true);
  });
});

describe('checkouts racing the month end and its finalisation', () => {
  it('each lands before the period closes (and is in its run) or in the next period, never in a finalised one', async () => {
    const boundary = new Date('2026-06-01T00:00:00+08:00'); // May ends here, in the coalition's time zone
    // The hub's clock starts ten minutes before the boundary and runs in real time; once everything is set up, it moves to
    // just before the boundary (lib/clock.ts), and the race starts. (Sessions and client tokens last 15 minutes and more:
    // those made during the set-up still hold.)
    hub = await startTestHub({ now: new Date(boundary.getTime() - 600_000).toISOString() });
    const url = hub.gatewayUrl;
    const hq = await authenticate(url, hub.hq);
    const I = await setUpMerchant(url, hq, { name: 'Issuer', kind: 'BRAND', stores: ['I1'], terms: { canIssue: true, canAccept: true, commissionBps: 150 } });
    const A = await setUpMerchant(url, hq, {
      name: 'Acquirer',
      kind: 'ALLY',
      stores: ['A1', 'A2', 'A3', 'A4'],
      terms: { canIssue: false, canAccept: true, commissionBps: 150 },
    });
    const office = await authenticate(url, I.backOffice);
    const issuerTill = await authenticate(url, I.stores[0]!.terminal);
    const tills = await Promise.all(A.stores.map((s) => authenticate(url, s.terminal)));
    const sessions: string[] = [];
    for (let i = 0; i < 16; i++) {
      const memberId = ok(await contract(url, 'RegisterMember', { input: { phone: newPhone(), name: '跨月', storeId: I.stores[0]!.id } }, issuerTill))
        .registerMember.member.id;
      sessions.push(ok(await contract(url, 'CreateMemberSession', { memberId }, office)).createMemberSession.token);
      const funded = ok(
        await contract(url, 'TopUp', { input: { memberId, storeId: I.stores[0]!.id, amount: { amount: '5000' }, idempotencyKey: `fund-${i}` } }, office),
      );
      expect(Date.parse(funded.topUp.transaction.occurredAt)).toBeLessThan(boundary.getTime() - 60_000);
    }
    // The tills start 5 s before the boundary: on a loaded two-core machine the first checkouts take a second or two to land.
    await hub.moveClockTo(new Date(boundary.getTime() - 5_000).toISOString());

    interface Landed {
      fen: bigint;
      occurredAt: number;
      sentAt: number;
      answeredAt: number;
    }
    const landed: Landed[] = [];
    const refused: string[] = [];
    let stop = false;
    let n = 0;
    const clients = Array.from({ length: 24 }, async (_, client) => {
      while (!stop) {
        const i = n++;
        const fen = 101n + BigInt((i * 37) % 299);
        const code = ok(await contract(url, 'IssuePayCode', {}, sessions[client % sessions.length]!)).issuePayCode.code;
        const sentAt = Date.now();
        const response = await contract(
          url,
          'Checkout',
          {
            input: {
              payCode: code,
              storeId: A.stores[i % 4]!.id,
              orderAmount: { amount: formatDecimal(fen) },
              storedValue: { amount: formatDecimal(fen) },
              idempotencyKey: `race-${i}`,
            },
          },
          tills[i % 4],
        );
        if (response.errors?.length) refused.push(codeOf(response) ?? 'NO_CODE');
        else landed.push({ fen, occurredAt: Date.parse(response.data.checkout.transaction.occurredAt), sentAt, answeredAt: Date.now() });
      }
    });

    // HQ settles May the moment it is allowed to, and finalises at once, while the tills keep going.
    let notEndedYet = 0;
    let run: { id: string; startedAt: number; finishedAt: number } | undefined;
    while (!run) {
      const startedAt = Date.now();
      const response = await contract(url, 'RunSettlement', { period: '2026-05' }, hq);
      if (codeOf(response) === 'PERIOD_NOT_ENDED') {
        notEndedYet++;
        await new Promise((r) => setTimeout(r, 10));
        continue;
      }
      run = { id: ok(response).runSettlement.id, startedAt, finishedAt: Date.now() };
    }
    const finalized = ok(await contract(url, 'FinalizeSettlement', { id: run.id }, hq)).finalizeSettlement;
    const finalizedAt = Date.now();
    await new Promise((r) => setTimeout(r, 800));
    stop = true;
    await Promise.all(clients);

    const inMay = landed.filter((c) => c.occurredAt < boundary.getTime());
    const inJune = landed.filter((c) => c.occurredAt >= boundary.getTime());
    const inFlight = landed.filter((c) => c.sentAt < finalizedAt && c.answeredAt > run!.startedAt);
    console.log(
      `month-end race: ${landed.length} checkouts, ${inMay.length} in May, ${inJune.length} in June, ${inFlight.length} in flight during the run and finalisation; ${notEndedYet} early runs refused`,
    );
    expect(refused).toEqual([]);
    expect(finalized.status).toBe('FINALIZED');
    // The race really happened: checkouts on both sides, some of them in flight while HQ settled.
    expect(inMay.length).toBeGreaterThan(0);
    expect(inJune.length).toBeGreaterThan(0);
    expect(inFlight.length).toBeGreaterThan(0);
    // Nothing landed in May after the run began computing it (the wallet's clock, read at the end of the run).
    const settlement = ok(await contract(url, 'Settlement', { period: '2026-05' }, hq)).settlement;
    expect(parseDecimal(settlement.totals.crossRedemptions.amount, 'total')).toBe(inMay.reduce((sum, c) => sum + c.fen, 0n));
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
  });
});
