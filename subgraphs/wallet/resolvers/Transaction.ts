import { money } from '../../../lib/money.js';
import type { TransactionResolvers } from '../generated/resolvers.js';
import { optionalMoney } from './money.js';

export const Transaction: TransactionResolvers = {
  amount: (t) => money(t.amount),
  store: (t) => (t.storeId ? { id: t.storeId } : null),
  orderAmount: (t) => optionalMoney(t.orderAmount),
  amountDue: (t) => optionalMoney(t.amountDue),
  pointsValue: (t) => optionalMoney(t.pointsValue),
  growth: (t) => Number(t.growth),
  principal: (t) => optionalMoney(t.principal),
  bonus: (t) => optionalMoney(t.bonus),
  couponDiscount: (t) => optionalMoney(t.couponDiscount),
  refundOf: (t, _, ctx) => (t.refundOf ? ctx.transactionById.load(t.refundOf) : null),
};
