/** The wallet's resolvers: one file per GraphQL type, as in Apollo's subgraph template. */
import { Query } from './Query.js';
import { Mutation } from './Mutation.js';
import { Member } from './Member.js';
import { Merchant } from './Merchant.js';
import { Wallet } from './Wallet.js';
import { IssuerBalance } from './IssuerBalance.js';
import { Transaction } from './Transaction.js';
import { PayCodeLookup } from './PayCodeLookup.js';
import { CheckoutPayload } from './CheckoutPayload.js';
import { SettlementRun } from './SettlementRun.js';
import { SettlementTotals } from './SettlementTotals.js';
import { MerchantStatement } from './MerchantStatement.js';
import { SettlementPosition } from './SettlementPosition.js';
import { PositionMatrix } from './PositionMatrix.js';
import { PositionCell } from './PositionCell.js';
import { Programme } from './Programme.js';
import { Tier } from './Tier.js';
import { MembershipPlan } from './MembershipPlan.js';
import { PointsAccount } from './PointsAccount.js';
import { PointsProjection } from './PointsProjection.js';
import { TierProgress } from './TierProgress.js';
import { PaidMembership } from './PaidMembership.js';
import { SignInPayload } from './SignInPayload.js';
import { TopUpPayload } from './TopUpPayload.js';
import { BuyMembershipPlanPayload } from './BuyMembershipPlanPayload.js';
import { RefundPayload } from './RefundPayload.js';
import { MemberTask, RewardsTakenBack, Task, TaskCompletion, TaskReward } from './Task.js';
import { MemberReferral, ReferralRules } from './Referral.js';
import { RfmAverages } from './RfmAverages.js';
import { CouponTemplate } from './CouponTemplate.js';
import { CouponFunder } from './CouponFunder.js';
import { Coupon } from './Coupon.js';
import { IssueCouponsPayload } from './IssueCouponsPayload.js';
import { ExchangePointsPayload } from './ExchangePointsPayload.js';
import { Campaign } from './Campaign.js';
import { CampaignGroupResult } from './CampaignGroupResult.js';
import { Analytics } from './Analytics.js';
import { Benefit } from './Benefit.js';
import { RedeemBenefitPayload } from './RedeemBenefitPayload.js';
import { BenefitUsage, TierBenefitCost } from './BenefitUsage.js';

export const resolvers = {
  Query,
  Mutation,
  Member,
  Merchant,
  Wallet,
  IssuerBalance,
  Transaction,
  PayCodeLookup,
  CheckoutPayload,
  SettlementRun,
  SettlementTotals,
  MerchantStatement,
  SettlementPosition,
  PositionMatrix,
  PositionCell,
  Programme,
  Tier,
  MembershipPlan,
  PointsAccount,
  PointsProjection,
  TierProgress,
  PaidMembership,
  SignInPayload,
  TopUpPayload,
  BuyMembershipPlanPayload,
  RefundPayload,
  Task,
  TaskReward,
  MemberTask,
  TaskCompletion,
  RewardsTakenBack,
  MemberReferral,
  ReferralRules,
  RfmAverages,
  CouponTemplate,
  CouponFunder,
  Coupon,
  IssueCouponsPayload,
  ExchangePointsPayload,
  Campaign,
  CampaignGroupResult,
  Analytics,
  Benefit,
  RedeemBenefitPayload,
  BenefitUsage,
  TierBenefitCost,
  BenefitFunder: CouponFunder,
};
