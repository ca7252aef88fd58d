/** Field resolvers of the wallet's object types: turn domain records (fen as bigint) into API shapes. */
import { requireClaims } from '../../../lib/auth.js';
import { forbidden, notFound } from '../../../lib/errors.js';
import { money } from '../../../lib/money.js';
import type { Resolvers } from '../generated/resolvers.js';
import { listTransactions } from '../ledger/transaction.js';
import { walletViewOf } from '../wallet/access.js';

const optionalMoney = (fen: bigint | null) => (fen === null ? null : money(fen));

export const typeResolvers: Resolvers = {
  Member: {
    __resolveReference: (ref) => ({ id: ref.id }),
    wallet: async (member, _, ctx) => {
      await walletViewOf(ctx, member.id);
      return (await ctx.walletByMember.load(member.id)) ?? { memberId: member.id, status: 'ACTIVE', balance: 0n };
    },
    transactions: async (member, { first, after }, ctx) => {
      const view = await walletViewOf(ctx, member.id);
      return listTransactions(ctx.em, member.id, { first: first ?? 20, after, visibleTo: view.scope === 'merchant' ? view.merchantId : undefined });
    },
  },
  Merchant: {
    __resolveReference: (ref) => ({ id: ref.id }),
    settlementTerms: (merchant, _, ctx) => {
      const caller = requireClaims(ctx.claims);
      // Commercial terms: HQ and the merchant's own back office; not its terminals, members or other merchants.
      if (caller.role !== 'HQ' && !(caller.role === 'MERCHANT' && caller.merchantId === merchant.id)) throw forbidden('Terms are visible to HQ and the merchant itself');
      return ctx.termsByMerchant.load(merchant.id);
    },
  },
  Wallet: {
    balance: (wallet) => money(wallet.balance),
    balanceByIssuer: (wallet, _, ctx) => ctx.issuerBalancesByMember.load(wallet.memberId),
  },
  IssuerBalance: {
    issuer: (row) => ({ id: row.issuerId }),
    balance: (row) => money(row.balance),
  },
  Transaction: {
    amount: (t) => money(t.amount),
    store: (t) => ({ id: t.storeId }),
    orderAmount: (t) => optionalMoney(t.orderAmount),
    amountDue: (t) => optionalMoney(t.amountDue),
    principal: (t) => optionalMoney(t.principal),
    bonus: (t) => optionalMoney(t.bonus),
    refundOf: (t, _, ctx) => (t.refundOf ? ctx.transactionById.load(t.refundOf) : null),
  },
  PayCodeLookup: {
    member: (lookup) => ({ id: lookup.memberId }),
    wallet: async (lookup, _, ctx) => (await ctx.walletByMember.load(lookup.memberId)) ?? Promise.reject(notFound('Wallet')),
  },
  CheckoutPayload: {
    storedValueUsed: (r) => money(r.storedValueUsed),
    amountDue: (r) => money(r.amountDue),
  },
  SettlementRun: {
    statements: (run, _, ctx) => ctx.statementsByRun.load(run.id),
    positions: (run, _, ctx) => ctx.positionsByRun.load(run.id),
  },
  SettlementTotals: {
    crossRedemptions: (t) => money(t.crossRedemptions),
    commission: (t) => money(t.commission),
    topUps: (t) => money(t.topUps),
    bonusGranted: (t) => money(t.bonusGranted),
  },
  MerchantStatement: {
    merchant: (s) => ({ id: s.merchantId }),
    topUps: (s) => money(s.topUps),
    bonusGranted: (s) => money(s.bonusGranted),
    redeemedOwnValue: (s) => money(s.redeemedOwnValue),
    acquiredFromOthers: (s) => money(s.acquiredFromOthers),
    redeemedElsewhere: (s) => money(s.redeemedElsewhere),
    commission: (s) => money(s.commission),
    net: (s) => money(s.net),
    outstandingFloat: (s) => money(s.outstandingFloat),
  },
  SettlementPosition: {
    acquirer: (p) => ({ id: p.acquirerId }),
    issuer: (p) => ({ id: p.issuerId }),
    amount: (p) => money(p.amount),
    commission: (p) => money(p.commission),
  },
};
