/**
 * Property test of the money core, without HTTP: random sequences of
 * top-ups, checkouts, refunds, freezes and commission changes across
 * merchants, run through the wallet's domain functions against PostgreSQL and
 * checked against a small in-memory model after every step. Each sequence is
 * then settled and the positions compared with the model's R(A, I).
 */
import { randomUUID, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import fc from 'fast-check';
import type { MikroORM } from '@mikro-orm/postgresql';
import { FixedClock } from '../lib/clock.js';
import { createOrm, ensureDatabase, migrate } from '../lib/database.js';
import { divideRoundHalfAwayFromZero, formatDecimal } from '../lib/money.js';
import type { Claims } from '../lib/auth.js';
import { walletMigrations } from '../migrations/wallet/index.js';
import { applyHubEvent } from '../subgraphs/wallet/directory/directory.js';
import { setSettlementTerms } from '../subgraphs/wallet/terms/terms.js';
import { issuePayCode } from '../subgraphs/wallet/paycode/paycode.js';
import { topUp } from '../subgraphs/wallet/topup/topup.js';
import { checkout } from '../subgraphs/wallet/checkout/checkout.js';
import { refund } from '../subgraphs/wallet/refund/refund.js';
import { setWalletStatus } from '../subgraphs/wallet/wallet/wallet.js';
import { finalizeSettlement, runSettlement, positionsOfRuns, statementsOfRuns } from '../subgraphs/wallet/settlement/settlement.js';
import { ledgerViolations } from './support/ledger.js';

let orm: MikroORM;
/** How much real work the sequences did, so the test fails if the generator stops exercising anything. */
const done = { checkouts: 0, refunds: 0, crossRedemptions: 0 };
let databaseUrl: string;
const payCodeKey = randomBytes(32);

beforeAll(async () => {
  databaseUrl = await ensureDatabase(inject('databaseServerUrl'), `unicard_prop_${randomBytes(6).toString('hex')}`);
  orm = await createOrm({ url: databaseUrl, schema: 'wallet', entities: [], migrations: walletMigrations, poolSize: 4 });
  await migrate(orm, 'wallet');
});
afterAll(async () => orm?.close());

type Command =
  | { kind: 'topUp'; member: number; merchant: number; amount: bigint; bonus: bigint }
  | { kind: 'checkout'; member: number; merchant: number; perMille: bigint }
  | { kind: 'refund'; checkout: number; perMille: bigint }
  | { kind: 'freeze'; member: number; frozen: boolean }
  | { kind: 'terms'; merchant: number; bps: number };

const MERCHANTS = 4;
const MEMBERS = 3;
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('topUp' as const), member: fc.nat(MEMBERS - 1), merchant: fc.nat(MERCHANTS - 1), amount: fc.bigInt({ min: 1n, max: 50_000n }), bonus: fc.bigInt({ min: 0n, max: 5_000n }) }) },
  // Amounts as a share (per mille) of what is there, so most succeed and some overreach.
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('checkout' as const), member: fc.nat(MEMBERS - 1), merchant: fc.nat(MERCHANTS - 1), perMille: fc.bigInt({ min: 1n, max: 1100n }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('refund' as const), checkout: fc.nat(20), perMille: fc.bigInt({ min: 1n, max: 1200n }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('freeze' as const), member: fc.nat(MEMBERS - 1), frozen: fc.nat(3).map((n) => n === 0) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('terms' as const), merchant: fc.nat(MERCHANTS - 1), bps: fc.integer({ min: 0, max: 1000 }) }) },
);

/** The model: lots and rules, written independently of the implementation. */
interface ModelLot { issuer: number; remaining: bigint; seq: number }
interface ModelCheckout { id: string; member: number; acquirer: number; bps: number; used: { lot: ModelLot; amount: bigint }[]; refunded: bigint }

function errorCode(error: unknown): string {
  const code = (error as { extensions?: { code?: string } }).extensions?.code;
  if (!code) throw error;
  return code;
}

describe('the ledger under random operations', () => {
  it('matches the model after every step, stays consistent, and settles to the model with value conserved', async () => {
    let period = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 10, maxLength: 40 }), async (commands) => {
        // Each sequence settles its own month, so earlier sequences do not mix in.
        period++;
        const month = new Date(Date.UTC(2020 + Math.floor(period / 12), period % 12, 1, 0, 0, 0));
        const clock = new FixedClock(new Date(month.getTime() + 86_400_000));
        const em = () => orm.em.fork();
        const terms = [
          { canIssue: true, canAccept: true, bps: 150 },
          { canIssue: true, canAccept: true, bps: 200 },
          { canIssue: false, canAccept: true, bps: 100 },
          { canIssue: true, canAccept: false, bps: 0 },
        ];
        const merchants: string[] = terms.map(() => randomUUID());
        const stores = merchants.map(() => randomUUID());
        const members = Array.from({ length: MEMBERS }, () => randomUUID());
        for (let i = 0; i < MERCHANTS; i++) {
          await applyHubEvent(em(), { type: 'merchant.created', merchantId: merchants[i]!, kind: 'BRAND' }, clock.now());
          await applyHubEvent(em(), { type: 'store.created', storeId: stores[i]!, merchantId: merchants[i]! }, clock.now());
          await setSettlementTerms(em(), clock, { merchantId: merchants[i]!, canIssue: terms[i]!.canIssue, canAccept: terms[i]!.canAccept, commissionBps: terms[i]!.bps });
        }
        for (const memberId of members) await applyHubEvent(em(), { type: 'member.registered', memberId, merchantId: merchants[0]!, storeId: stores[0]! }, clock.now());
        const terminal = (i: number): Claims => ({ role: 'TERMINAL', subject: `tm-${stores[i]}`, merchantId: merchants[i], storeId: stores[i] });

        const lots: ModelLot[][] = members.map(() => []);
        const frozen = members.map(() => false);
        const checkouts: ModelCheckout[] = [];
        const flows = new Map<string, bigint>(); // "acquirer|issuer|bps" -> R part
        const flow = (a: number, i: number, bps: number, amount: bigint) => {
          if (a === i) return;
          const key = `${a}|${i}|${bps}`;
          flows.set(key, (flows.get(key) ?? 0n) + amount);
        };
        let seq = 0;

        for (const [step, command] of commands.entries()) {
          clock.advance(60_000);
          const key = `${period}-${step}`;
          if (command.kind === 'topUp') {
            const bonus = command.bonus > command.amount ? command.amount : command.bonus;
            const expected = !terms[command.merchant]!.canIssue ? 'ISSUING_NOT_ALLOWED' : 'ok';
            const code = await issuePayCode(em(), clock, payCodeKey, members[command.member]!);
            const got = await topUp({ em: em(), clock, payCodeKey, caller: terminal(command.merchant) }, {
              payCode: code.code, storeId: stores[command.merchant]!, amount: { amount: formatDecimal(command.amount) }, bonus: { amount: formatDecimal(bonus) }, idempotencyKey: key,
            }).then(() => 'ok', errorCode);
            expect(got).toBe(expected);
            if (got === 'ok') lots[command.member]!.push({ issuer: command.merchant, remaining: command.amount + bonus, seq: seq++ });
          } else if (command.kind === 'checkout') {
            const memberLots = lots[command.member]!;
            const balance = memberLots.reduce((s, l) => s + l.remaining, 0n);
            const storedValue = (balance * command.perMille) / 1000n || 1n;
            const expected = !terms[command.merchant]!.canAccept ? 'ACCEPTING_NOT_ALLOWED'
              : frozen[command.member] ? 'WALLET_FROZEN'
              : storedValue > balance ? 'INSUFFICIENT_FUNDS' : 'ok';
            const code = await issuePayCode(em(), clock, payCodeKey, members[command.member]!);
            const result = await checkout({ em: em(), clock, payCodeKey, caller: terminal(command.merchant) }, {
              payCode: code.code, storeId: stores[command.merchant]!, orderAmount: { amount: formatDecimal(storedValue + 100n) }, storedValue: { amount: formatDecimal(storedValue) }, idempotencyKey: key,
            }).catch((error) => errorCode(error));
            expect(typeof result === 'string' ? result : 'ok').toBe(expected);
            if (typeof result !== 'string') {
              // The model's spending order: the acquirer's own lots, then everyone's, oldest first.
              const order = [...memberLots.filter((l) => l.issuer === command.merchant), ...memberLots.filter((l) => l.issuer !== command.merchant)];
              let left = storedValue;
              const used: ModelCheckout['used'] = [];
              for (const lot of order) {
                const take = lot.remaining < left ? lot.remaining : left;
                if (take === 0n) continue;
                lot.remaining -= take;
                left -= take;
                used.push({ lot, amount: take });
                flow(command.merchant, lot.issuer, terms[command.merchant]!.bps, take);
              }
              done.checkouts++;
              if (used.some((u) => u.lot.issuer !== command.merchant)) done.crossRedemptions++;
              checkouts.push({ id: result.transaction.id, member: command.member, acquirer: command.merchant, bps: terms[command.merchant]!.bps, used, refunded: 0n });
            }
          } else if (command.kind === 'refund') {
            const target = checkouts[command.checkout % Math.max(1, checkouts.length)];
            if (!target) continue;
            const total = target.used.reduce((s, u) => s + u.amount, 0n);
            const amount = (total * command.perMille) / 1000n || 1n;
            const expected = amount > total - target.refunded ? 'REFUND_EXCEEDS_REMAINING' : 'ok';
            const got = await refund({ em: em(), clock, payCodeKey, caller: terminal(target.acquirer) }, { transactionId: target.id, amount: { amount: formatDecimal(amount) }, idempotencyKey: key })
              .then(() => 'ok', errorCode);
            expect(got).toBe(expected);
            if (got === 'ok') {
              // Refill the last lot used first, up to what each gave net of earlier refunds.
              let left = amount;
              for (const use of [...target.used].reverse()) {
                const refillable = use.amount - ((use as { back?: bigint }).back ?? 0n);
                const back = refillable < left ? refillable : left;
                if (back <= 0n) continue;
                use.lot.remaining += back;
                (use as { back?: bigint }).back = ((use as { back?: bigint }).back ?? 0n) + back;
                left -= back;
                flow(target.acquirer, use.lot.issuer, target.bps, -back);
              }
              target.refunded += amount;
              done.refunds++;
            }
          } else if (command.kind === 'freeze') {
            await setWalletStatus(em(), members[command.member]!, command.frozen ? 'FROZEN' : 'ACTIVE');
            frozen[command.member] = command.frozen;
          } else {
            await setSettlementTerms(em(), clock, { merchantId: merchants[command.merchant]!, canIssue: terms[command.merchant]!.canIssue, canAccept: terms[command.merchant]!.canAccept, commissionBps: command.bps });
            terms[command.merchant]!.bps = command.bps;
          }
          // After every step: each wallet and each of its issuers' balances equal the model's.
          const rows: { member_id: string; issuer_id: string; remaining: string }[] = await em().execute(
            `select member_id, issuer_id, sum(remaining)::text as remaining from wallet.issuer_lot where member_id = any(?::uuid[]) group by 1, 2`,
            [`{${members.join(',')}}`],
          );
          for (const [i, memberId] of members.entries()) {
            for (let issuer = 0; issuer < MERCHANTS; issuer++) {
              const actual = BigInt(rows.find((r) => r.member_id === memberId && r.issuer_id === merchants[issuer])?.remaining ?? '0');
              expect(actual).toBe(lots[i]!.filter((l) => l.issuer === issuer).reduce((s, l) => s + l.remaining, 0n));
            }
          }
        }

        clock.set(new Date(month.getTime() + 40 * 86_400_000));
        const label = `${month.getUTCFullYear()}-${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
        // Periods are in Asia/Shanghai: the model's timestamps (from the 2nd, UTC) all fall inside.
        const run = await runSettlement(em(), clock, label);
        const [positions] = await positionsOfRuns(em(), [run.id]);
        const [statements] = await statementsOfRuns(em(), [run.id]);
        const expected = new Map<string, { amount: bigint; commission: bigint }>();
        for (const [key, r] of flows) {
          const [a, i, bps] = key.split('|').map(Number) as [number, number, number];
          const pair = `${merchants[a]}|${merchants[i]}`;
          const sum = expected.get(pair) ?? { amount: 0n, commission: 0n };
          sum.amount += r;
          sum.commission += divideRoundHalfAwayFromZero(r * BigInt(bps), 10_000n);
          expected.set(pair, sum);
        }
        for (const [pair, sum] of expected) if (sum.amount === 0n && sum.commission === 0n) expected.delete(pair);
        const actual = new Map(positions!.filter((p) => merchants.includes(p.acquirerId)).map((p) => [`${p.acquirerId}|${p.issuerId}`, { amount: p.amount, commission: p.commission }]));
        expect(actual).toEqual(expected);
        const ours = statements!.filter((s) => merchants.includes(s.merchantId));
        const income = [...expected.values()].reduce((s, p) => s + p.commission, 0n);
        expect(ours.reduce((s, st) => s + st.net, 0n) + income).toBe(0n);
        expect(statements!.reduce((s, st) => s + st.net, 0n) + run.totals.commission).toBe(0n);
        await finalizeSettlement(em(), clock, run.id);
      }),
      { numRuns: 50 },
    );
    console.log(`ledger property: ${done.checkouts} checkouts, ${done.crossRedemptions} cross-issuer, ${done.refunds} refunds over 50 sequences`);
    expect(done.checkouts).toBeGreaterThan(50);
    expect(done.crossRedemptions).toBeGreaterThan(30);
    expect(done.refunds).toBeGreaterThan(20);
    expect(await ledgerViolations(databaseUrl)).toEqual([]);
  });
});
