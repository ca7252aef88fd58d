import { freezesOf } from '../ledger/index.js';
import { money } from '../../../lib/money.js';
import type { WalletResolvers } from '../generated/resolvers.js';

export const Wallet: WalletResolvers = {
  balance: (wallet) => money(wallet.balance),
  balanceByIssuer: (wallet, _, ctx) => ctx.issuerBalancesByMember.load(wallet.memberId),
  freezes: async (wallet, _, ctx) => (wallet.status === 'ACTIVE' ? [] : ((await freezesOf(ctx.em, wallet.memberId)) ?? [])),
};
