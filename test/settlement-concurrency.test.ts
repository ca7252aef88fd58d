/** One settlement run per period, also when HQ clicks twice (or two replicas run it at once). */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { FixedClock } from '../lib/clock.js';
import { createOrm, ensureDatabase, migrate } from '../lib/database.js';
import type { Claims } from '../lib/auth.js';
import { walletMigrations } from '../migrations/wallet/index.js';
import { applyHubEvent } from '../subgraphs/wallet/directory/directory.js';
import { setSettlementTerms } from '../subgraphs/wallet/terms/terms.js';
import { issuePayCode } from '../subgraphs/wallet/paycode/paycode.js';
import { topUp } from '../subgraphs/wallet/topup/topup.js';
import { checkout } from '../subgraphs/wallet/checkout/checkout.js';
import { finalizeSettlement, runSettlement } from '../subgraphs/wallet/settlement/settlement.js';

let orm: MikroORM;
const payCodeKey = randomBytes(32);

beforeAll(async () => {
  const url = await ensureDatabase(inject('databaseServerUrl'), `unicard_settle_${randomBytes(6).toString('hex')}`);
  orm = await createOrm({ url, schema: 'wallet', entities: [], migrations: walletMigrations, poolSize: 12 });
  await migrate(orm, 'wallet');
});
afterAll(async () => orm?.close());

describe('settlement runs under concurrency', () => {
  it('ten simultaneous runs of one period leave one run with the same numbers; after finalising, all further runs are refused', async () => {
    const clock = new FixedClock(new Date('2026-07-10T04:00:00Z'));
    const [issuer, acquirer] = [randomUUID(), randomUUID()];
    const [issuerStore, acquirerStore] = [randomUUID(), randomUUID()];
    const memberId = randomUUID();
    for (const [merchantId, storeId] of [[issuer, issuerStore], [acquirer, acquirerStore]] as const) {
      await applyHubEvent(orm.em.fork(), { type: 'merchant.created', merchantId, kind: 'BRAND' }, clock.now());
      await applyHubEvent(orm.em.fork(), { type: 'store.created', storeId, merchantId }, clock.now());
      await setSettlementTerms(orm.em.fork(), clock, { merchantId, canIssue: true, canAccept: true, commissionBps: 150 });
    }
    await applyHubEvent(orm.em.fork(), { type: 'member.registered', memberId, merchantId: issuer, storeId: issuerStore }, clock.now());
    const at = (storeId: string, merchantId: string): Claims => ({ role: 'TERMINAL', subject: `tm-${storeId}`, storeId, merchantId });
    const deps = (caller: Claims) => ({ em: orm.em.fork(), clock, payCodeKey, caller });
    await topUp(deps(at(issuerStore, issuer)), { payCode: (await issuePayCode(orm.em.fork(), clock, payCodeKey, memberId)).code, storeId: issuerStore, amount: { amount: '500' }, idempotencyKey: 'u' });
    await checkout(deps(at(acquirerStore, acquirer)), { payCode: (await issuePayCode(orm.em.fork(), clock, payCodeKey, memberId)).code, storeId: acquirerStore, orderAmount: { amount: '333.33' }, storedValue: { amount: '333.33' }, idempotencyKey: 'c' });

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
