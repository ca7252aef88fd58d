import { money } from '../../../lib/money.js';
import type { SettlementTotalsResolvers } from '../generated/resolvers.js';

export const SettlementTotals: SettlementTotalsResolvers = {
  crossRedemptions: (t) => money(t.crossRedemptions),
  commission: (t) => money(t.commission),
  topUps: (t) => money(t.topUps),
  bonusGranted: (t) => money(t.bonusGranted),
  pointsCost: (t) => money(t.pointsCost),
  pointsCredit: (t) => money(t.pointsCredit),
  couponDiscountsFundedByHq: (t) => money(t.couponDiscountsFundedByHq),
  benefitCostsFundedByHq: (t) => money(t.benefitCostsFundedByHq),
  hqIncome: (t) => money(t.hqIncome),
  pointsLiability: (t) => money(t.pointsLiability),
};
