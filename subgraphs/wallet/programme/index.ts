/**
 * The programme: tiers and their cycles, growth, points (lots, earning, expiry), sign-in rewards and paid plans.
 * Built on the ledger only (README.md).
 * The area's one public entry: other areas import from here only (test/unit/layers.test.ts).
 */
export { campaignExtraPoints, growthEarned, pointsEarned, pointsValue } from './earning.js';
export { type MembershipPlanRecord, listMembershipPlans, setMembershipPlan } from './membership-plan.js';
export { buyMembershipPlan } from './plan-purchase.js';
export {
  type PointsAccountRecord,
  type PointsExpiryRecord,
  type PointsProjectionRecord,
  earningLotId,
  earningYearCredit,
  earningYearCreditSql,
  hqGrantPostings,
  memberPointsPostings,
  nextExpiriesOf,
  projectionsOf,
  worthOf,
} from './points/points-account.js';
export { earningYearOf, expireDuePoints } from './points/points-expiry.js';
export { PointsPurse, type PointsTaken, burnStillOut } from './points/points-lots.js';
export { type BadgeInput, type BadgeRecord, type MemberBadgeRecord, awardBadge, badgesByCodes, badgesOfMember, checkBadge, defineBadge } from './badges.js';
export {
  type ProgrammeRecord,
  type ReferralRulesRecord,
  type TierRecord,
  programmeInForce,
  programmeInForceSql,
  programmeReadAlongside,
  setProgramme,
  tierAt,
  tierCodeSql,
} from './programme.js';
export { type SignInResult, signIn } from './sign-in.js';
export {
  type PaidMembershipRecord,
  type TierProgressRecord,
  giftPoints,
  paidMembershipOf,
  planIsValid,
  planValidSql,
  presentStanding,
  standingAfter,
  tierProgressOf,
} from './standing.js';
export { endTierCycles } from './tier-evaluation.js';
export { type TierCycle, tierCycleOf } from './tier-cycle.js';
