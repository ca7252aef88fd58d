import { money } from '../../../lib/money.js';
import type { MerchantStatementResolvers } from '../generated/resolvers.js';
import { databaseAsOf } from './read-from.js';

export const MerchantStatement: MerchantStatementResolvers = {
  merchant: (s) => ({ id: s.merchantId }),
  databaseAsOf,
  topUps: (s) => money(s.topUps),
  bonusGranted: (s) => money(s.bonusGranted),
  redeemedOwnValue: (s) => money(s.redeemedOwnValue),
  acquiredFromOthers: (s) => money(s.acquiredFromOthers),
  redeemedElsewhere: (s) => money(s.redeemedElsewhere),
  commission: (s) => money(s.commission),
  pointsCost: (s) => money(s.pointsCost),
  pointsCredit: (s) => money(s.pointsCredit),
  couponCredit: (s) => money(s.couponCredit),
  couponCost: (s) => money(s.couponCost),
  benefitCredit: (s) => money(s.benefitCredit),
  benefitCost: (s) => money(s.benefitCost),
  net: (s) => money(s.net),
  outstandingFloat: (s) => money(s.outstandingFloat),
};
