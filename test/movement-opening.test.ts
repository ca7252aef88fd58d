/**
 * A till's movement opens in its read at the store (wallet.open_movement_at, carried by openAtStore; ledger/journal/movement.ts):
 * its instant is read before that statement's locks, so a settlement run that settled the instant's month in between is
 * looked for after them, and the movement starts again at a later instant, in the next month, its pay code used once.
 * A request seen before is answered from its first transaction and uses nothing.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { testDatabase } from './support/database.js';
import { FixedClock, type Clock } from '../lib/clock.js';
import { createOrm, migrate } from '../lib/database.js';
import { executeSql, sql } from '../lib/sql.js';
import { walletMigrations } from '../migrations/wallet/index.js';
import { addWalletMember, addWalletMerchant, errorCode, terminalAt } from './support/wallet-directory.js';
import { issuePayCode } from '../subgraphs/wallet/ledger/paycode/paycode.js';
import { topUp } from '../subgraphs/wallet/payments/topup/topup.js';
import { checkout } from '../subgraphs/wallet/payments/checkout/checkout.js';
import { runSettlement } from '../subgraphs/wallet/settlement/settlement.js';
import { MOVEMENT_HOOKS } from '../subgraphs/wallet/marketing/index.js';
import { ledgerViolations } from './support/ledger.js';

let orm: MikroORM;
let url: string;
const em = () => orm.em.fork();
const payCodeKey = randomBytes(32);
const merchantId = randomUUID();
const storeId = randomUUID();
const memberId = randomUUID();
const till = terminalAt(storeId, merchantId);
// 2026-05-31 23:59:50 and 2026-06-01 00:00:10 in Shanghai.
const MAY_END = new Date('2026-05-31T15:59:50Z');
const JUNE = new Date('2026-05-31T16:00:10Z');

beforeAll(async () => {
  url = await testDatabase('unicard_movement_opening');
  orm = await createOrm({ url, schema: 'wallet', entities: [], migrations: walletMigrations, poolSize: 3 });
  await migrate(orm, 'wallet');
  const may = new FixedClock(new Date('2026-05-10T02:00:00Z'));
  await addWalletMerchant(em, may, { merchantId, storeId });
  await addWalletMember(em, may, memberId, { merchantId, storeId });
  const code = await issuePayCode(em(), may, payCodeKey, memberId);
  await topUp(
    { em: em(), clock: may, payCodeKey, caller: till, hooks: MOVEMENT_HOOKS },
    { payCode: code.code, storeId, amount: { amount: '100.00' }, idempotencyKey: 'opening-top-up' },
  );
});
afterAll(async () => orm?.close());

const balance = async () =>
  Number((await executeSql<{ balance: string }>(em(), sql`select balance from wallet.wallet where member_id = ${memberId}`))[0]!.balance);

describe("a till's movement, opened by its first read", () => {
  it('starts again in the next month when a run settled its instant’s month before its locks, using its pay code once', async () => {
    const code = await issuePayCode(em(), new FixedClock(new Date(MAY_END.getTime() - 5_000)), payCodeKey, memberId);
    // May is settled (as a run that started after the checkout read its instant and ended before its locks would have).
    await runSettlement(em(), new FixedClock(JUNE), '2026-05');
    // The checkout reads its instant once per start: first in May, then in June.
    let reads = 0;
    const clock: Clock = { now: () => (reads++ === 0 ? MAY_END : JUNE) };
    const input = { payCode: code.code, storeId, orderAmount: { amount: '10.00' }, storedValue: { amount: '10.00' }, idempotencyKey: 'opening-1' };
    const done = await checkout({ em: em(), clock, payCodeKey, caller: till, hooks: MOVEMENT_HOOKS }, input);
    expect(done.transaction.occurredAt).toEqual(JUNE);
    expect(reads).toBeGreaterThanOrEqual(2);
    expect(await balance()).toBe(9_000);
    // Its code was used once: by the start that went through.
    const again = await checkout(
      { em: em(), clock: new FixedClock(JUNE), payCodeKey, caller: till, hooks: MOVEMENT_HOOKS },
      { ...input, idempotencyKey: 'opening-2' },
    ).catch(errorCode);
    expect(again).toBe('PAY_CODE_INVALID');
    expect(await ledgerViolations(url)).toEqual([]);
  });

  it('answers a request seen before from its first transaction, using nothing', async () => {
    const clock = new FixedClock(JUNE);
    const code = await issuePayCode(em(), clock, payCodeKey, memberId);
    const input = { payCode: code.code, storeId, orderAmount: { amount: '5.00' }, storedValue: { amount: '5.00' }, idempotencyKey: 'opening-3' };
    const deps = () => ({ em: em(), clock, payCodeKey, caller: till, hooks: MOVEMENT_HOOKS });
    const first = await checkout(deps(), input);
    const replayed = await checkout(deps(), input);
    expect(replayed.transaction.id).toBe(first.transaction.id);
    expect(await balance()).toBe(8_500);
    // Other input under the key is refused, not replayed.
    expect(await checkout(deps(), { ...input, orderAmount: { amount: '6.00' } }).catch(errorCode)).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});
