/**
 * Many terminals at once through the gateway: a few hot wallets that every
 * terminal hits (and that run dry), and many cold wallets that nobody shares.
 * No overdraft, no refusal while there was enough, no deadlock (neither
 * surfaced to a client nor counted by PostgreSQL), and the successes add up
 * to exactly what left the wallets.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedTestHub, type HubAccess } from './support/hub.js';
import { contract, ok } from './support/graphql.js';
import { authenticate, newPhone, setUpMerchant, type SetUpMerchant } from './support/coalition.js';
import { ledgerViolations, withDatabase } from './support/ledger.js';

let hub: HubAccess;
let issuer: SetUpMerchant;
let acquirer: SetUpMerchant;

const TERMINALS = 8;
const CLIENTS = 32;
const HOT_WALLETS = 3;
const HOT_BALANCE = 6_000n; // fen: each hot wallet runs dry well before its requests end
const COLD_WALLETS = 24;
const COLD_BALANCE = 10_000n;
const CHECKOUTS_PER_COLD_WALLET = 4;
const CHECKOUTS_PER_HOT_WALLET = 50;

interface Wallet {
  id: string;
  session: string;
  balance: bigint;
  hot: boolean;
}
interface Attempt {
  wallet: Wallet;
  fen: bigint;
  store: number;
  key: string;
  transactionId?: string;
  code?: string;
}

beforeAll(async () => {
  hub = await sharedTestHub('terminal-concurrency');
  const hq = await authenticate(hub.gatewayUrl, hub.hq);
  issuer = await setUpMerchant(hub.gatewayUrl, hq, {
    name: 'Issuer',
    kind: 'BRAND',
    stores: ['I1'],
    terms: { canIssue: true, canAccept: true, commissionBps: 150 },
  });
  acquirer = await setUpMerchant(hub.gatewayUrl, hq, {
    name: 'Acquirer',
    kind: 'ALLY',
    stores: Array.from({ length: TERMINALS }, (_, i) => `T${i + 1}`),
    terms: { canIssue: false, canAccept: true, commissionBps: 200 },
  });
});

async function deadlocksSoFar(): Promise<number> {
  const { rows } = await withDatabase(hub.databaseUrl, (db) => db.query('select deadlocks::int as n from pg_stat_database where datname = current_database()'));
  return rows[0].n as number;
}

describe('many terminals at once', () => {
  it('hot and cold wallets: no overdraft, no false refusal, no deadlock, exact sums', async () => {
    const url = hub.gatewayUrl;
    const office = await authenticate(url, issuer.backOffice);
    const issuerTill = await authenticate(url, issuer.stores[0]!.terminal);
    const tills = await Promise.all(acquirer.stores.map((s) => authenticate(url, s.terminal)));
    const wallets: Wallet[] = [];
    for (let i = 0; i < HOT_WALLETS + COLD_WALLETS; i++) {
      const hot = i < HOT_WALLETS;
      const balance = hot ? HOT_BALANCE : COLD_BALANCE;
      const id = ok(await contract(url, 'RegisterMember', { input: { phone: newPhone(), name: '并发', storeId: issuer.stores[0]!.id } }, issuerTill))
        .registerMember.member.id as string;
      const session = ok(await contract(url, 'CreateMemberSession', { memberId: id }, office)).createMemberSession.token as string;
      ok(
        await contract(
          url,
          'TopUp',
          { input: { memberId: id, storeId: issuer.stores[0]!.id, amount: { amount: `${balance / 100n}` }, idempotencyKey: `fund-${i}` } },
          office,
        ),
      );
      wallets.push({ id, session, balance, hot });
    }
    // Hot and cold requests interleaved, amounts 1.01 to 3.99 so the sums are not round.
    const attempts: Attempt[] = [];
    for (let round = 0; round < CHECKOUTS_PER_HOT_WALLET; round++) {
      for (const wallet of wallets) {
        if (!wallet.hot && round >= CHECKOUTS_PER_COLD_WALLET) continue;
        const n = attempts.length;
        attempts.push({ wallet, fen: 101n + BigInt((n * 37) % 299), store: n % TERMINALS, key: `load-${n}` });
      }
    }
    const deadlocksBefore = await deadlocksSoFar();

    // Each client: the member shows a fresh pay code, the till checks out with it.
    let next = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < attempts.length) {
          const attempt = attempts[next++]!;
          const payCode = ok(await contract(url, 'IssuePayCode', {}, attempt.wallet.session)).issuePayCode.code;
          const fen = attempt.fen;
          const amount = `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
          const response = await contract(
            url,
            'Checkout',
            {
              input: { payCode, storeId: acquirer.stores[attempt.store]!.id, orderAmount: { amount }, storedValue: { amount }, idempotencyKey: attempt.key },
            },
            tills[attempt.store],
          );
          if (response.errors?.length) attempt.code = response.errors[0]!.extensions?.code ?? 'NO_CODE';
          else attempt.transactionId = response.data.checkout.transaction.id;
        }
      }),
    );

    const failures = attempts.filter((a) => a.code);
    console.log(
      `terminal concurrency: ${attempts.length} checkouts from ${CLIENTS} clients on ${TERMINALS} tills, ${attempts.length - failures.length} succeeded, ${failures.length} refused (all on hot wallets)`,
    );
    // The only refusal there may be is running dry, and only on a hot wallet.
    expect(failures.map((a) => a.code).filter((c) => c !== 'INSUFFICIENT_FUNDS')).toEqual([]);
    expect(failures.filter((a) => !a.wallet.hot)).toEqual([]);
    expect(await deadlocksSoFar()).toBe(deadlocksBefore);
    expect(hub.logLines().filter((line) => /deadlock|40P01|could not serialize/i.test(line))).toEqual([]);

    for (const wallet of wallets) {
      const mine = attempts.filter((a) => a.wallet === wallet);
      const spent = mine.filter((a) => a.transactionId).reduce((sum, a) => sum + a.fen, 0n);
      const { rows } = await withDatabase(hub.databaseUrl, (db) =>
        db.query(
          `select w.balance::text as balance,
                (select coalesce(sum(amount), 0)::text from wallet.journal_transaction t where t.member_id = w.member_id and t.kind = 'CHECKOUT') as spent
           from wallet.wallet w where w.member_id = $1`,
          [wallet.id],
        ),
      );
      const balance = BigInt(rows[0].balance);
      expect(balance, `wallet ${wallet.id}`).toBe(wallet.balance - spent);
      expect(balance).toBeGreaterThanOrEqual(0n);
      expect(BigInt(rows[0].spent)).toBe(spent);
      // Balances only fell during the load, so a refusal means even the final balance was short of it.
      for (const refused of mine.filter((a) => a.code)) expect(balance, `refused ${refused.fen} with ${balance} left`).toBeLessThan(refused.fen);
    }
    // The hot wallets really were contended and really ran dry.
    const hot = attempts.filter((a) => a.wallet.hot);
    expect(hot.filter((a) => a.transactionId).length).toBeGreaterThan(HOT_WALLETS * 10);
    expect(hot.filter((a) => a.code).length).toBeGreaterThan(HOT_WALLETS * 10);
    expect(await ledgerViolations(hub.databaseUrl)).toEqual([]);
  });
});
