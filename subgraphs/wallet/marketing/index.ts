/**
 * Marketing: benefits (权益), coupons and the rewards catalogue, tags, RFM and analytics, audiences, campaigns, webhooks, and what follows
 * every movement (follow-up/hooks.ts MOVEMENT_HOOKS). Built on the ledger and the programme (README.md).
 * The area's one public entry: other areas import from here only (test/unit/layers.test.ts).
 */
export { oneAnalyticalAtATime } from './analytics/analytical-guard.js';
export { type AnalyticsRecord, type AnalyticsAnswer, type ReferralCountsRecord, computeAnalytics } from './analytics/analytics.js';
export { ANALYTICS_TASK, type AnalyticsRefresh, analyticsOf, refreshAnalytics, requestAnalyticsRefresh } from './analytics/analytics-snapshot.js';
export {
  type RfmAveragesRecord,
  type RfmRecord,
  type RfmAnswer,
  rfmOf,
  refreshRfm,
  rfmRefreshed,
  requestRfmRefresh,
  RFM_REFRESH_TASK,
} from './analytics/rfm.js';
export { campaignFunding } from './campaigns/campaign-points.js';
export {
  type CampaignCountsRecord,
  type CampaignGroupRecord,
  type CampaignResultRecord,
  campaignCountsByIds,
  campaignResults,
} from './campaigns/campaign-results.js';
export { type CampaignRecord, type RunProgress, CAMPAIGN_RUN_TASK, campaignFor, campaignsFor, createCampaign, runDueCampaigns } from './campaigns/campaigns.js';
export { multiplierOf, multiplierSql, spendMultiplierBudget } from './campaigns/points-multiplier.js';
export { applyCoupon } from './coupons/coupon-applicability.js';
export { couponDiscount } from './coupons/coupon-discount.js';
export { BENEFIT_LINES, COUPON_LINES, type CouponFunderRecord, fundedPostings } from './coupons/coupon-funding.js';
export { type IssueCouponsResult, issueCoupons } from './coupons/coupon-issuance.js';
export {
  type CouponTemplateRecord,
  type CreateCouponTemplateResult,
  canSeeTemplate,
  createCouponTemplate,
  redeemedOf,
  templatesByIds,
  templatesFor,
} from './coupons/coupon-template.js';
export { type CouponRecord, couponForCheckoutOf, couponForCheckoutSql, couponStatus, couponsByIds, couponsOfMember } from './coupons/coupons.js';
export { type CatalogueItemRecord, type ExchangePointsResult, exchangePoints, rewardsCatalogue } from './coupons/points-exchange.js';
export { FOLLOW_UP_TASK, type FollowUp, queueFollowUp, runFollowUp } from './follow-up/after-movement.js';
export { rebuildRuleTags, refreshRuleTagsOf } from './tags/tag-rules.js';
export { type TagRecord, createTagRule, tagMembers, tagNamesOfMember, tagsOf } from './tags/tags.js';
export {
  type BenefitRecord,
  type DiscountBenefit,
  type HeldBenefitRecord,
  type Holding,
  holdingAt,
  BENEFIT_KINDS,
  benefitsHeld,
  benefitsByIds,
  benefitsFor,
  benefitsOfPlan,
  benefitsOfTier,
  canSeeBenefitTerms,
  createBenefit,
  discountsHeldAt,
  discountsHeldSql,
  discountsOf,
  updateBenefit,
} from './benefits/benefit.js';
export { memberDiscountOf } from './benefits/member-discount.js';
export { type BenefitUsageRecord, type TierBenefitCostRecord, benefitUsage, tierBenefitCost, usageScope } from './benefits/benefit-usage.js';
export { type BenefitGrants, grantDueBenefits, nextGrantAt } from './benefits/benefit-grants.js';
export { BENEFIT_BUDGET_TASK, type BudgetCheck, checkBenefitBudget } from './benefits/benefit-budget.js';
export { type RedeemBenefitResult, redeemBenefit } from './benefits/service-use.js';
export { announceExpiringPoints } from './webhooks/webhook-events.js';
export { type WebhookRecord, setWebhook, startWebhookDelivery } from './webhooks/webhooks.js';
export { MOVEMENT_HOOKS } from './follow-up/hooks.js';
export {
  type TaskRecord,
  type TaskRewardRecord,
  type TaskResultsRecord,
  canSeeTaskResults,
  createTask,
  taskFor,
  taskResultsByIds,
  tasksByIds,
  tasksFor,
  updateTask,
} from './tasks/tasks.js';
export { type TaskProgressRecord, tasksOfMember } from './tasks/task-progress.js';
export { type RewardsTakenBackRecord, type TaskCompletionRecord, completionsOfEvent, rewardsTakenBackBy } from './tasks/task-rewards.js';
export { type MemberReferralRecord, convertedBy, referralsOfMembers } from './referrals/referrals.js';
