import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { MemberReference, MerchantReference, WalletRecord, IssuerBalanceRecord, TransactionRecord, TransactionPage, TransactionEdgeRecord, PayCodeLookupRecord, SettlementTermsRecord } from '../ledger/index.js';
import type { TopUpResult, CheckoutResult, RefundResult } from '../payments/index.js';
import type { SettlementRunAnswer, StatementAnswer, BenefitUsageAnswer, TierBenefitCostAnswer } from '../resolvers/read-from.js';
import type { PositionRecord, PositionMatrixRecord, PositionCellRecord, TotalsRecord } from '../settlement/index.js';
import type { ProgrammeRecord, TierRecord, MembershipPlanRecord, PointsAccountRecord, PointsProjectionRecord, PointsExpiryRecord, TierProgressRecord, PaidMembershipRecord, SignInResult, BadgeRecord, MemberBadgeRecord, ReferralRulesRecord } from '../programme/index.js';
import type { RfmAnswer, RfmAveragesRecord, CouponTemplateRecord, CouponFunderRecord, BenefitRecord, RedeemBenefitResult, HeldBenefitRecord, TaskRecord, TaskRewardRecord, TaskProgressRecord, TaskCompletionRecord, RewardsTakenBackRecord, MemberReferralRecord, ReferralCountsRecord, CouponRecord, CreateCouponTemplateResult, IssueCouponsResult, CatalogueItemRecord, ExchangePointsResult, TagRecord, CampaignRecord, CampaignResultRecord, CampaignGroupRecord, WebhookRecord, AnalyticsAnswer } from '../marketing/index.js';
import type { WalletContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar date, e.g. 2026-05-01 */
  Date: { input: string; output: string; }
  /** An ISO-8601 instant, e.g. 2026-10-31T16:00:00.000Z */
  DateTime: { input: string; output: Date | string; }
  /** An exact decimal amount as a string, at most two decimals: "123.45" */
  Decimal: { input: string; output: string; }
  /** Whole points, as a JSON number (exact: a total past 2^53 is an error, never rounded). */
  Points: { input: number; output: number | bigint; }
  _FieldSet: { input: any; output: any; }
};

/** Shares are ratios from 0 to 1 (null where nothing to divide by); amounts are Money. */
export type Analytics = {
  __typename?: 'Analytics';
  /** The instant the figures hold for: the range's end, or the instant the analytics job computed them while the range runs (hourly for a range read in the last week, or when HQ asks: refreshAnalytics). The first request for a range waits for the job; SERVICE_UNAVAILABLE (retryable) if it takes longer. */
  asOf: Scalars['DateTime']['output'];
  conversion: Conversion;
  daily: Array<AnalyticsDay>;
  /** Every commit up to this instant is in the database this answer was read from: the read replica's instant, or the answer's own when read from the primary (docs/operations.md, Read replica). */
  databaseAsOf: Scalars['DateTime']['output'];
  members: AnalyticsMembers;
  penetration: Penetration;
  /** The scope's members' points at the end, at the burn rate then. */
  pointsLiability: Money;
  referrals: ReferralCounts;
  /** Plans ending in the range renewed within 30 days of their end. */
  renewalRate: Maybe<Scalars['Float']['output']>;
  /** Members with two purchases or more in the range, of those with one or more. */
  repurchaseRate: Maybe<Scalars['Float']['output']>;
  /** Value outstanding at the end: all lots (coalition) or the merchant's issued lots. */
  storedValueFloat: Money;
  /** The float by the merchant that issued it, largest first (a merchant: its own only). */
  storedValueFloatByIssuer: Array<IssuerBalance>;
  /** Task completions in the range, net of take-backs (a merchant: its own tasks). */
  taskCompletions: Scalars['Int']['output'];
  tierDistribution: Array<TierCount>;
};

export type AnalyticsDay = {
  __typename?: 'AnalyticsDay';
  date: Scalars['Date']['output'];
  newMembers: Scalars['Int']['output'];
  /** Stored value and outside the hub, net of refunds that day. */
  paid: Money;
  purchases: Scalars['Int']['output'];
};

export type AnalyticsMembers = {
  __typename?: 'AnalyticsMembers';
  /** With a purchase (a merchant: at its stores) in the 30 and 90 days up to the end. */
  activeIn30Days: Scalars['Int']['output'];
  activeIn90Days: Scalars['Int']['output'];
  joinedInPeriod: Scalars['Int']['output'];
  /** At the end of the range (a merchant: members who joined it). */
  total: Scalars['Int']['output'];
};

/** A refresh of the analytics snapshots asked for (Mutation.refreshAnalytics). */
export type AnalyticsRefreshRequest = {
  __typename?: 'AnalyticsRefreshRequest';
  /** The instant it was asked for: each snapshot is computed again as of this instant or later. */
  requestedAt: Scalars['DateTime']['output'];
};

/** Members with marketing consent meeting every condition given; a merchant's are among its own members. */
export type AudienceInput = {
  joinedMerchantId?: InputMaybe<Scalars['ID']['input']>;
  /** Over the coalition's purchases (HQ) or the merchant's own (MERCHANT). */
  rfmSegments?: InputMaybe<Array<RfmSegment>>;
  /** The caller's own tags: members holding any of them. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Tier codes of the programme in force. */
  tiers?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** A badge (勋章): display-only, coalition-wide by code. */
export type Badge = {
  __typename?: 'Badge';
  code: Scalars['String']['output'];
  description: Scalars['String']['output'];
  name: Scalars['String']['output'];
};

export type BadgeInput = {
  /** Capital letters, digits and _, up to 32. A code already defined must come with its name. */
  code: Scalars['String']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
};

/** A benefit (权益, docs/benefits.md). Budget, acceptors and funders: HQ, the owner and the merchants it names. */
export type Benefit = {
  __typename?: 'Benefit';
  acceptedBy: Array<Merchant>;
  /** Retired benefits (false) are held by no one; their figures stay. */
  active: Scalars['Boolean']['output'];
  costPerUse: Maybe<Money>;
  count: Maybe<Scalars['Int']['output']>;
  couponTemplate: Maybe<CouponTemplate>;
  description: Scalars['String']['output'];
  funders: Array<BenefitFunder>;
  id: Scalars['ID']['output'];
  kind: BenefitKind;
  maxDiscount: Maybe<Money>;
  minOrder: Maybe<Money>;
  monthlyBudget: Maybe<Money>;
  name: Scalars['String']['output'];
  occasion: Maybe<BenefitOccasion>;
  /** Null: HQ's. */
  owner: Maybe<Merchant>;
  percentOff: Maybe<Scalars['Int']['output']>;
  plans: Array<MembershipPlan>;
  points: Maybe<Scalars['Points']['output']>;
  /** The tiers of the programme in force that carry it. */
  tiers: Array<Tier>;
  usesPerMonth: Maybe<Scalars['Int']['output']>;
};

export type BenefitFunder = {
  __typename?: 'BenefitFunder';
  /** Null: HQ. */
  merchant: Maybe<Merchant>;
  shareBps: Scalars['Int']['output'];
};

export type BenefitFunderInput = {
  /** Omitted or null: HQ. */
  merchantId?: InputMaybe<Scalars['ID']['input']>;
  shareBps: Scalars['Int']['input'];
};

export type BenefitInput = {
  /** HQ only (DISCOUNT, SERVICE): the merchants whose stores honour it. */
  acceptedBy?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** SERVICE: what one use costs, reimbursed to the store by its funders. */
  costPerUse?: InputMaybe<MoneyInput>;
  /** COUPON_PACK: coupons per occasion, 1 to 100. */
  count?: InputMaybe<Scalars['Int']['input']>;
  /** COUPON_PACK: a template of the benefit owner's own. */
  couponTemplateId?: InputMaybe<Scalars['ID']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  /** HQ only (DISCOUNT, SERVICE): who funds it, in basis points adding up to 10000; default HQ alone. The first takes the rounding remainder. */
  funders?: InputMaybe<Array<BenefitFunderInput>>;
  kind: BenefitKind;
  /** DISCOUNT: the most it takes off one order (none: no cap). */
  maxDiscount?: InputMaybe<MoneyInput>;
  /** DISCOUNT: the order it needs (default 0). */
  minOrder?: InputMaybe<MoneyInput>;
  /** Grants stop for the month once it is spent; discounts and services never stop, and count against it. */
  monthlyBudget?: InputMaybe<MoneyInput>;
  name: Scalars['String']['input'];
  /** COUPON_PACK and POINTS_GIFT. */
  occasion?: InputMaybe<BenefitOccasion>;
  /** DISCOUNT: 1 to 50. */
  percentOff?: InputMaybe<Scalars['Int']['input']>;
  /** Plan codes that carry it. */
  plans?: InputMaybe<Array<Scalars['String']['input']>>;
  /** POINTS_GIFT: points per occasion. */
  points?: InputMaybe<Scalars['Int']['input']>;
  /** Tier codes of the programme in force that carry it. */
  tiers?: InputMaybe<Array<Scalars['String']['input']>>;
  /** SERVICE: uses a member has per calendar month. */
  usesPerMonth?: InputMaybe<Scalars['Int']['input']>;
};

export type BenefitKind =
  /** Coupons of a template, per occasion. */
  | 'COUPON_PACK'
  /** 会员价: a percentage off the order at checkout, before the coupon. */
  | 'DISCOUNT'
  /** Points, per occasion. */
  | 'POINTS_GIFT'
  /** A service (parking, a priority lane) redeemed at a till, under a monthly quota. */
  | 'SERVICE';

export type BenefitOccasion =
  /** Once a year, in the month of registration. */
  | 'ANNIVERSARY'
  /** Once a year, in the birth month. */
  | 'BIRTHDAY'
  /** The month's first day, and at once for a member who first holds it in a month. */
  | 'MONTHLY'
  /** On reaching a tier that carries it (once per tier cycle), or buying or renewing a plan that does. */
  | 'ON_REACHING';

/** One use of a service benefit at a till. */
export type BenefitRedemption = {
  __typename?: 'BenefitRedemption';
  benefit: Benefit;
  /** The use's journal transaction. */
  id: Scalars['ID']['output'];
  occurredAt: Scalars['DateTime']['output'];
};

export type BenefitSource =
  | 'PLAN'
  | 'TIER';

/** A benefit's month: who held it, who used it, what it cost. */
export type BenefitUsage = {
  __typename?: 'BenefitUsage';
  benefit: Benefit;
  budget: Maybe<Money>;
  /** What the month has used of its budget: discounts and services as in cost, grants at face value. */
  budgetUsed: Money;
  /** Discounts and services at what their funders paid, pack coupons at their discount, gifts at their points' burn value; net of the month's refunds. */
  cost: Money;
  /** Every commit up to this instant is in the database this answer was read from: the read replica's instant, or the answer's own when read from the primary (docs/operations.md, Read replica). */
  databaseAsOf: Scalars['DateTime']['output'];
  /** Members who held it at any time in the month (by a tier or a plan carrying it). */
  entitled: Scalars['Int']['output'];
  /** users / entitled in basis points, rounded down; null when nobody was entitled. */
  usageRateBps: Maybe<Scalars['Int']['output']>;
  /** Members who used it: a discount applied, a service used, a pack coupon redeemed, a gift given. */
  users: Scalars['Int']['output'];
  uses: Scalars['Int']['output'];
};

export type BuyMembershipPlanInput = {
  idempotencyKey: Scalars['String']['input'];
  /** The brand app's reference of the payment made outside the hub; one purchase per reference. */
  paymentRef: Scalars['String']['input'];
  planCode: Scalars['String']['input'];
};

export type BuyMembershipPlanPayload = {
  __typename?: 'BuyMembershipPlanPayload';
  member: Member;
  membershipPlan: PaidMembership;
};

export type Campaign = {
  __typename?: 'Campaign';
  couponsRedeemed: Scalars['Int']['output'];
  heldOut: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** Null: HQ's. */
  owner: Maybe<Merchant>;
  /** Points granted, or added to checkouts by the multiplier, less what refunds took back. */
  pointsGranted: Scalars['Points']['output'];
  /** Members the action reached, and those held out (a member reached on several occasions counts once). */
  reached: Scalars['Int']['output'];
  /** For the 7 and 30 days after each member was reached or held out (its first time). */
  results: Array<CampaignResult>;
  /** The (next) run; an event campaign: its next full look at who qualifies. */
  runAt: Scalars['DateTime']['output'];
  status: CampaignStatus;
  trigger: CampaignTriggerKind;
};

export type CampaignActionInput = {
  couponTemplateId?: InputMaybe<Scalars['ID']['input']>;
  /** POINTS_MULTIPLIER: the window, at most 366 days. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  kind: CampaignActionKind;
  message?: InputMaybe<Scalars['String']['input']>;
  /** POINTS_MULTIPLIER: 20000 doubles the points earned (10001 to 100000). */
  multiplierBps?: InputMaybe<Scalars['Int']['input']>;
  /** GRANT_POINTS: points per reached member (1 to 1,000,000). */
  points?: InputMaybe<Scalars['Int']['input']>;
  until?: InputMaybe<Scalars['DateTime']['input']>;
};

export type CampaignActionKind =
  /** Gives each reached member action.points, funded by the owner (a merchant pays its earning cost for them in settlement). */
  | 'GRANT_POINTS'
  /** Issues one coupon of the owner's template to each reached member. */
  | 'ISSUE_COUPON'
  /** Sends action.message for the reached members to the owner's webhook (CAMPAIGN_NOTIFICATION), for its app to deliver. */
  | 'NOTIFY'
  /** Points earned by reached members from action.from to action.until (at the owner's stores; HQ: anywhere) are multiplied by action.multiplierBps; the extra is funded by the owner. */
  | 'POINTS_MULTIPLIER';

export type CampaignBudgetInput = {
  /** At most this many coupons issued (the template's budget applies as well). */
  coupons?: InputMaybe<Scalars['Int']['input']>;
  /** At most this many members reached. */
  members?: InputMaybe<Scalars['Int']['input']>;
  /** At most this many points granted or added by the multiplier. */
  points?: InputMaybe<Scalars['Int']['input']>;
};

/** Purchases at the owner's stores (HQ: anywhere) in the window, net of refunds in it. */
export type CampaignGroupResult = {
  __typename?: 'CampaignGroupResult';
  buyers: Scalars['Int']['output'];
  members: Scalars['Int']['output'];
  paid: Money;
  purchases: Scalars['Int']['output'];
};

export type CampaignInput = {
  action: CampaignActionInput;
  audience: AudienceInput;
  budget?: InputMaybe<CampaignBudgetInput>;
  /** The share of the audience held out as the control group, in basis points (default 1000, at most 5000). */
  controlGroupBps?: InputMaybe<Scalars['Int']['input']>;
  idempotencyKey: Scalars['String']['input'];
  name: Scalars['String']['input'];
  trigger: CampaignTriggerInput;
};

export type CampaignRecurrence =
  | 'DAY'
  | 'MONTH'
  | 'WEEK';

export type CampaignResult = {
  __typename?: 'CampaignResult';
  control: CampaignGroupResult;
  days: Scalars['Int']['output'];
  reached: CampaignGroupResult;
  /** 10000 x (share of buyers reached - share of buyers held out); null while a group is empty. */
  upliftBps: Maybe<Scalars['Int']['output']>;
};

export type CampaignStatus =
  /** Triggered by events, until its budget is spent. */
  | 'ACTIVE'
  /** Reaches nobody more (a multiplier still applies in its window). */
  | 'COMPLETED'
  /** Reaching its audience now, in the wallet's campaign-run job: its coupons go out a batch of members at a time, and its results so far are readable. */
  | 'RUNNING'
  /** Waiting for its instant (a recurring schedule: its next). */
  | 'SCHEDULED';

export type CampaignTriggerInput = {
  /** SCHEDULE: the first run. */
  at?: InputMaybe<Scalars['DateTime']['input']>;
  /** SCHEDULE: runs again every day, week or month (coalition time zone), reaching members once per run. */
  every?: InputMaybe<CampaignRecurrence>;
  /** INACTIVE: the days without a checkout. */
  inactiveDays?: InputMaybe<Scalars['Int']['input']>;
  kind: CampaignTriggerKind;
};

export type CampaignTriggerKind =
  /** A member's birth month, once a year (the hub knows the month only). */
  | 'BIRTHDAY'
  /** No checkout at the owner's stores (HQ: anywhere) for trigger.inactiveDays after at least one; once per spell. */
  | 'INACTIVE'
  /** Runs when created. */
  | 'NOW'
  /** A checkout at the owner's stores (HQ: anywhere); a burst of checkouts between two looks reaches once. */
  | 'PURCHASE'
  /** A member registering with the coalition (HQ) or joining the owner, after the campaign began. */
  | 'REGISTERED'
  /** Runs at trigger.at, and again every trigger.every if given. */
  | 'SCHEDULE'
  /** A member reaching a higher tier. */
  | 'TIER_UPGRADED';

export type CatalogueItem = {
  __typename?: 'CatalogueItem';
  pointsPrice: Scalars['Points']['output'];
  /** Coupons left in the budget. */
  remaining: Scalars['Int']['output'];
  template: CouponTemplate;
};

export type CheckoutInput = {
  /** One of the member's coupons, applied after the member discount. */
  couponId?: InputMaybe<Scalars['ID']['input']>;
  idempotencyKey: Scalars['String']['input'];
  /** Default true: the member's largest DISCOUNT benefit valid here applies first. False leaves it out of this order (goods on sale). */
  memberDiscount?: InputMaybe<Scalars['Boolean']['input']>;
  orderAmount: MoneyInput;
  orderRef?: InputMaybe<Scalars['String']['input']>;
  payCode: Scalars['String']['input'];
  /** Points to burn after the coupon, worth a whole number of fen and at most what the order leaves. */
  points?: InputMaybe<Scalars['Int']['input']>;
  storeId: Scalars['ID']['input'];
  /** Stored value to use: at most what the order leaves after points. */
  storedValue: MoneyInput;
};

export type CheckoutPayload = {
  __typename?: 'CheckoutPayload';
  /** Left to pay outside the hub. */
  amountDue: Money;
  /** What the coupon took off (zero without one). */
  couponDiscount: Money;
  /** Growth the checkout added to the member's cycle (on what was paid). */
  growthEarned: Scalars['Int']['output'];
  /** What the member discount took off (zero without one). */
  memberDiscount: Money;
  /** The DISCOUNT benefit that gave it. */
  memberDiscountBenefit: Maybe<Benefit>;
  points: PointsAccount;
  /** Earned on what the member paid (stored value and amount due), at the multiplier when the checkout started. */
  pointsEarned: Scalars['Points']['output'];
  pointsUsed: Scalars['Points']['output'];
  /** What the points burned paid. */
  pointsValue: Money;
  /** Whether it converted the member's invitation (both members rewarded in its transaction). */
  referralConverted: Scalars['Boolean']['output'];
  storedValueUsed: Money;
  /** The member's tasks this checkout completed (rewarded in its transaction). */
  tasksCompleted: Array<TaskCompletion>;
  transaction: Transaction;
  wallet: Wallet;
};

export type Conversion = {
  __typename?: 'Conversion';
  /** The share of members who have bought a paid plan by the end. */
  freeToPaid: Maybe<Scalars['Float']['output']>;
  /** Of those who joined in the range, the share with a purchase by its end. */
  registeredToFirstPurchase: Maybe<Scalars['Float']['output']>;
};

/** One member's coupon, used once. */
export type Coupon = {
  __typename?: 'Coupon';
  id: Scalars['ID']['output'];
  issuedAt: Scalars['DateTime']['output'];
  status: CouponStatus;
  template: CouponTemplate;
  validFrom: Scalars['DateTime']['output'];
  validUntil: Scalars['DateTime']['output'];
};

export type CouponFunder = {
  __typename?: 'CouponFunder';
  /** Null: HQ. */
  merchant: Maybe<Merchant>;
  shareBps: Scalars['Int']['output'];
};

export type CouponFunderInput = {
  /** Omitted or null: HQ. */
  merchantId?: InputMaybe<Scalars['ID']['input']>;
  shareBps: Scalars['Int']['input'];
};

export type CouponKind =
  /** 满减: amountOff on an order of at least minOrder. */
  | 'AMOUNT_OFF'
  /** A named item with a declared value (giftValue), taken off the order. */
  | 'GIFT'
  /** percentOff of the order, at most maxDiscount. */
  | 'PERCENT_OFF';

export type CouponStatus =
  | 'EXPIRED'
  /** Issued under a template whose validity starts later. */
  | 'NOT_YET_VALID'
  | 'USABLE'
  | 'USED'
  /** A task's reward, voided unused when a full refund took the reward back. */
  | 'VOIDED';

/** A coupon template. Budget, counts and funders: HQ and the owner only. */
export type CouponTemplate = {
  __typename?: 'CouponTemplate';
  acceptedBy: Array<Merchant>;
  amountOff: Maybe<Money>;
  budget: Scalars['Int']['output'];
  description: Scalars['String']['output'];
  funders: Array<CouponFunder>;
  giftValue: Maybe<Money>;
  id: Scalars['ID']['output'];
  issued: Scalars['Int']['output'];
  kind: CouponKind;
  maxDiscount: Maybe<Money>;
  minOrder: Money;
  name: Scalars['String']['output'];
  /** Null: HQ's. */
  owner: Maybe<Merchant>;
  perMemberLimit: Scalars['Int']['output'];
  percentOff: Maybe<Scalars['Int']['output']>;
  /** Listed in the rewards catalogue at this price when set. */
  pointsPrice: Maybe<Scalars['Points']['output']>;
  /** Used and not given back. */
  redeemed: Scalars['Int']['output'];
  validDays: Maybe<Scalars['Int']['output']>;
  /** Fixed dates (validFrom may be null: from issue), or validDays from issue. */
  validFrom: Maybe<Scalars['DateTime']['output']>;
  validUntil: Maybe<Scalars['DateTime']['output']>;
};

export type CouponTemplateInput = {
  /** HQ only: the merchants whose stores accept it. */
  acceptedBy?: InputMaybe<Array<Scalars['ID']['input']>>;
  amountOff?: InputMaybe<MoneyInput>;
  /** Coupons that may ever be issued. */
  budget: Scalars['Int']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
  /** HQ only: who funds the discount, in basis points adding up to 10000; default HQ alone. The first takes the rounding remainder. */
  funders?: InputMaybe<Array<CouponFunderInput>>;
  giftValue?: InputMaybe<MoneyInput>;
  kind: CouponKind;
  maxDiscount?: InputMaybe<MoneyInput>;
  /** The order a coupon of any kind needs; default 0. */
  minOrder?: InputMaybe<MoneyInput>;
  name: Scalars['String']['input'];
  /** Default 1. */
  perMemberLimit?: InputMaybe<Scalars['Int']['input']>;
  percentOff?: InputMaybe<Scalars['Int']['input']>;
  pointsPrice?: InputMaybe<Scalars['Int']['input']>;
  validDays?: InputMaybe<Scalars['Int']['input']>;
  validFrom?: InputMaybe<Scalars['DateTime']['input']>;
  /** Either validUntil (fixed dates) or validDays (from issue). */
  validUntil?: InputMaybe<Scalars['DateTime']['input']>;
};

export type CreateBenefitPayload = {
  __typename?: 'CreateBenefitPayload';
  benefit: Benefit;
};

export type CreateCampaignPayload = {
  __typename?: 'CreateCampaignPayload';
  campaign: Campaign;
};

export type CreateCouponTemplatePayload = {
  __typename?: 'CreateCouponTemplatePayload';
  template: CouponTemplate;
};

export type CreateTagRulePayload = {
  __typename?: 'CreateTagRulePayload';
  tag: Tag;
};

export type ExchangePointsInput = {
  idempotencyKey: Scalars['String']['input'];
  templateId: Scalars['ID']['input'];
};

export type ExchangePointsPayload = {
  __typename?: 'ExchangePointsPayload';
  coupon: Coupon;
  points: PointsAccount;
  transaction: Transaction;
};

/** Who froze a wallet: the member itself, HQ, or the member's erasure. */
export type FreezeReason =
  | 'ERASURE'
  | 'HQ'
  | 'MEMBER';

/** A benefit a member holds now. */
export type HeldBenefit = {
  __typename?: 'HeldBenefit';
  benefit: Benefit;
  /** Packs and gifts: the start of the next occasion (the next month, birth month or anniversary month); null for ON_REACHING and the other kinds. */
  nextGrantAt: Maybe<Scalars['DateTime']['output']>;
  /** What holds it: the member's tier, or (when the tier does not carry it) its paid plan. */
  source: BenefitSource;
  /** SERVICE: the uses left this calendar month (coalition time zone); null for the other kinds. */
  usesLeftThisMonth: Maybe<Scalars['Int']['output']>;
};

export type IssueCouponsInput = {
  audience?: InputMaybe<AudienceInput>;
  idempotencyKey: Scalars['String']['input'];
  /** Named members (at most 10000), or an audience. */
  memberIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  templateId: Scalars['ID']['input'];
};

export type IssueCouponsPayload = {
  __typename?: 'IssueCouponsPayload';
  issued: Scalars['Int']['output'];
  /** Selected but not issued: past the budget or the member's limit. */
  skipped: Scalars['Int']['output'];
  template: CouponTemplate;
};

export type IssuerBalance = {
  __typename?: 'IssuerBalance';
  balance: Money;
  /** Null only if the merchant subgraph cannot be reached (the balance still shows). */
  issuer: Maybe<Merchant>;
};

export type Member = {
  __typename?: 'Member';
  /** The badges the member holds, first awarded first: the member, HQ, merchants it joined. */
  badges: Array<MemberBadge>;
  /** The benefits the member holds now, by its tier and a valid plan: the member, HQ, merchants it joined (those honoured at their stores). */
  benefits: Array<HeldBenefit>;
  /** Soonest to expire first; a merchant sees those its stores accept. */
  coupons: Array<Coupon>;
  id: Scalars['ID']['output'];
  /** The paid plan while it is valid, else null. */
  membershipPlan: Maybe<PaidMembership>;
  /** What the next tier would add (升级可享): its benefits the member does not hold already. Empty at the top tier. */
  nextTierBenefits: Array<Benefit>;
  points: PointsAccount;
  /** HQ: HQ's tags on the member; MERCHANT: its own tags on its member. No one else. */
  tags: Array<Scalars['String']['output']>;
  /** The member's active tasks in their current window, with progress: the member, HQ (and a merchant, its own tasks, for a member that joined it). */
  tasks: Array<MemberTask>;
  /** The member's tier on the ladder in force: any coalition caller but another member. */
  tier: Tier;
  /** This cycle's growth and what the next tier needs: the member, HQ, merchants it joined. */
  tierProgress: TierProgress;
  /** Newest first. */
  transactions: TransactionConnection;
  wallet: Wallet;
};


export type MemberCouponsArgs = {
  status?: InputMaybe<CouponStatus>;
};


export type MemberTransactionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type MemberBadge = {
  __typename?: 'MemberBadge';
  awardedAt: Scalars['DateTime']['output'];
  badge: Badge;
};

/** What a member's invitations brought (its code is the member subgraph's): the member itself and HQ. */
export type MemberReferral = {
  __typename?: 'MemberReferral';
  /** Of them, converted by a qualifying first checkout (net of full refunds that undid it). */
  converted: Scalars['Int']['output'];
  /** Members who registered with its code. */
  invited: Scalars['Int']['output'];
  memberId: Scalars['ID']['output'];
  /** Points it was given for them (within its monthly cap), net of take-backs. */
  pointsEarned: Scalars['Points']['output'];
};

/** A member's task in its current window. */
export type MemberTask = {
  __typename?: 'MemberTask';
  completedAt: Maybe<Scalars['DateTime']['output']>;
  completionsInWindow: Scalars['Int']['output'];
  /** Toward goal; the goal once complete in the window. SPEND: the checkouts counted. */
  progress: Scalars['Int']['output'];
  /** SPEND: what was paid toward goalAmount. */
  progressAmount: Maybe<Money>;
  task: Task;
  /** The window's end (the task's end if sooner); null for a ONCE task without an end. */
  windowEndsAt: Maybe<Scalars['DateTime']['output']>;
};

export type MembershipPlan = {
  __typename?: 'MembershipPlan';
  /** Only active plans can be bought. */
  active: Scalars['Boolean']['output'];
  /** The active benefits the plan carries (docs/benefits.md), oldest first. */
  benefits: Array<Benefit>;
  code: Scalars['String']['output'];
  name: Scalars['String']['output'];
  period: PlanPeriod;
  pointsMultiplierBps: Scalars['Int']['output'];
  price: Money;
};

export type MembershipPlanInput = {
  /** Default true. */
  active?: InputMaybe<Scalars['Boolean']['input']>;
  code: Scalars['String']['input'];
  name: Scalars['String']['input'];
  period: PlanPeriod;
  pointsMultiplierBps: Scalars['Int']['input'];
  price: MoneyInput;
};

export type Merchant = {
  __typename?: 'Merchant';
  id: Scalars['ID']['output'];
  settlementTerms: SettlementTerms;
};

export type MerchantStatement = {
  __typename?: 'MerchantStatement';
  /** Other issuers' value redeemed at its stores. */
  acquiredFromOthers: Money;
  /** Its shares of member discounts and service uses at other merchants' stores, net of refunds. */
  benefitCost: Money;
  /** Shares of member discounts and service uses at its stores that others (HQ, other merchants) fund, net of refunds. */
  benefitCredit: Money;
  bonusGranted: Money;
  /** Owed to HQ on what it acquired from others. */
  commission: Money;
  /** Its shares of coupon discounts at other merchants' stores. */
  couponCost: Money;
  /** Shares of coupon discounts at its stores that others (HQ, other merchants) fund. */
  couponCredit: Money;
  /** Every commit up to this instant is in the database this answer was read from: the read replica's instant, or the answer's own when read from the primary (docs/operations.md, Read replica). */
  databaseAsOf: Scalars['DateTime']['output'];
  merchant: Merchant;
  /** Positive: HQ pays the merchant. Negative: the merchant pays HQ. */
  net: Money;
  /** Remaining value of its lots at the period's end. */
  outstandingFloat: Money;
  period: Scalars['String']['output'];
  pointsCost: Money;
  pointsCredit: Money;
  /** Points earned at its stores and given by its campaigns (net of refunds), and what it pays HQ for them. */
  pointsIssued: Scalars['Points']['output'];
  /** Points burned at its stores (net of refunds), and what HQ pays it for them. */
  pointsRedeemed: Scalars['Points']['output'];
  /** Its value redeemed at other merchants. */
  redeemedElsewhere: Money;
  /** Its own value redeemed at its own stores. */
  redeemedOwnValue: Money;
  status: SettlementStatus;
  /** Principal of top-ups this merchant received in the period. */
  topUps: Money;
};

/** A value, resolved with its parent: costs nothing of its own. */
export type Money = {
  __typename?: 'Money';
  amount: Scalars['Decimal']['output'];
  currencyCode: Scalars['String']['output'];
};

export type MoneyInput = {
  amount: Scalars['Decimal']['input'];
  /** Defaults to the coalition currency (CNY). */
  currencyCode?: InputMaybe<Scalars['String']['input']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** MEMBER: buys or renews a paid plan; the fee is paid outside the hub. Idempotent per key. */
  buyMembershipPlan: BuyMembershipPlanPayload;
  /** TERMINAL at its store, with a pay code. Idempotent per client and key. */
  checkout: CheckoutPayload;
  /** HQ or MERCHANT: a benefit (权益) carried by tiers and plans. A merchant's is valid at its stores and funded by it; HQ names acceptors and funders. */
  createBenefit: CreateBenefitPayload;
  /** HQ or MERCHANT: a targeted campaign over an audience with marketing consent (a merchant's among its own members), with a control group held out. Idempotent per key. Answers at once: a campaign to run now, and an event campaign's first look at who qualifies, run in the wallet's job (status SCHEDULED, then RUNNING, then COMPLETED). */
  createCampaign: CreateCampaignPayload;
  /** HQ or MERCHANT: a coupon template. A merchant's is valid at its stores and funded by it; HQ names acceptors and funders. */
  createCouponTemplate: CreateCouponTemplatePayload;
  /** HQ or MERCHANT: a tag whose members are those meeting the rule, kept current and rebuilt nightly. */
  createTagRule: CreateTagRulePayload;
  /** HQ or MERCHANT: a task (任务) rewarding growth, points, a badge or a coupon. NEW_MERCHANTS is HQ's only; at most 20 active per owner. */
  createTask: TaskPayload;
  /** MEMBER: buys a catalogue item with points. Idempotent per key. */
  exchangePoints: ExchangePointsPayload;
  /** HQ only. Checks conservation and makes the run immutable. */
  finalizeSettlement: SettlementRun;
  /** MEMBER: its own wallet; HQ: any member's (memberId). No spending while frozen. HQ's freeze also ends the member's sessions. */
  freezeWallet: Wallet;
  /** HQ (any template) or MERCHANT (its own, to its own members): one coupon per member while the budget lasts. Idempotent per key. */
  issueCoupons: IssueCouponsPayload;
  /** MEMBER: a dynamic pay code, valid 60 seconds, single use. */
  issuePayCode: PayCode;
  /** TERMINAL at its store, with a pay code: one use of a SERVICE benefit the member holds, within its uses this month. Idempotent per client and key. */
  redeemBenefit: RedeemBenefitPayload;
  /** HQ: compute again now every analytics snapshot read in the last week, beside the request (a job), rather than at the next hour. Answers at once; each range's figures move on once it is done (asOf, for a range still running, is requestedAt or later). */
  refreshAnalytics: AnalyticsRefreshRequest;
  /** HQ: recompute every RFM pyramid and segment now, beside the request (a job), rather than at the next hour. Answers at once; rfm's asOf is requestedAt or later once it is done. */
  refreshRfm: RfmRefreshRequest;
  /** Returns part of a checkout's order: every tender comes back in proportion. Idempotent per client and key. */
  refund: RefundPayload;
  /** HQ only, once the period has ended. Replaces the period's draft run. */
  runSettlement: SettlementRun;
  /** HQ only. Creates or changes the plan with this code; applies to purchases from now. */
  setMembershipPlan: SetMembershipPlanPayload;
  /** HQ only. A new version of the programme, in force from now. */
  setProgramme: SetProgrammePayload;
  /** HQ only. Applies to transactions from now on. */
  setSettlementTerms: SetSettlementTermsPayload;
  /** HQ or MERCHANT: where its events are POSTed, signed with the secret returned (here only; setting it again makes a new one). */
  setWebhook: SetWebhookPayload;
  /** MEMBER: once per day in the coalition time zone (again the same day: ALREADY_SIGNED_IN). */
  signIn: SignInPayload;
  /** HQ or MERCHANT: adds members to (or removes them from) one of its manual tags, made on first use; a merchant tags its own members. */
  tagMembers: TagMembersPayload;
  /** TERMINAL with a pay code at its store; MERCHANT by member id at its store. Idempotent per client and key. */
  topUp: TopUpPayload;
  /** Lifts the freezes the caller may lift: a member its own, HQ any but an erasure's; FORBIDDEN (nothing lifted) while another stands. */
  unfreezeWallet: Wallet;
  /** HQ (any) or MERCHANT (its own): a benefit's tiers, plans, budget, or retirement (active: false). Its terms never change. */
  updateBenefit: UpdateBenefitPayload;
  /** HQ (any) or MERCHANT (its own): a task's retirement (active: false) or end. Its terms never change. */
  updateTask: TaskPayload;
};


export type MutationBuyMembershipPlanArgs = {
  input: BuyMembershipPlanInput;
};


export type MutationCheckoutArgs = {
  input: CheckoutInput;
};


export type MutationCreateBenefitArgs = {
  input: BenefitInput;
};


export type MutationCreateCampaignArgs = {
  input: CampaignInput;
};


export type MutationCreateCouponTemplateArgs = {
  input: CouponTemplateInput;
};


export type MutationCreateTagRuleArgs = {
  input: TagRuleInput;
};


export type MutationCreateTaskArgs = {
  input: TaskInput;
};


export type MutationExchangePointsArgs = {
  input: ExchangePointsInput;
};


export type MutationFinalizeSettlementArgs = {
  id: Scalars['ID']['input'];
};


export type MutationFreezeWalletArgs = {
  memberId?: InputMaybe<Scalars['ID']['input']>;
};


export type MutationIssueCouponsArgs = {
  input: IssueCouponsInput;
};


export type MutationRedeemBenefitArgs = {
  input: RedeemBenefitInput;
};


export type MutationRefundArgs = {
  input: RefundInput;
};


export type MutationRunSettlementArgs = {
  period: Scalars['String']['input'];
};


export type MutationSetMembershipPlanArgs = {
  input: MembershipPlanInput;
};


export type MutationSetProgrammeArgs = {
  input: ProgrammeInput;
};


export type MutationSetSettlementTermsArgs = {
  input: SettlementTermsInput;
};


export type MutationSetWebhookArgs = {
  input: WebhookInput;
};


export type MutationTagMembersArgs = {
  input: TagMembersInput;
};


export type MutationTopUpArgs = {
  input: TopUpInput;
};


export type MutationUnfreezeWalletArgs = {
  memberId?: InputMaybe<Scalars['ID']['input']>;
};


export type MutationUpdateBenefitArgs = {
  id: Scalars['ID']['input'];
  input: UpdateBenefitInput;
};


export type MutationUpdateTaskArgs = {
  id: Scalars['ID']['input'];
  input: UpdateTaskInput;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** A member's paid plan and until when it is valid. */
export type PaidMembership = {
  __typename?: 'PaidMembership';
  plan: MembershipPlan;
  validUntil: Scalars['DateTime']['output'];
};

export type PayCode = {
  __typename?: 'PayCode';
  code: Scalars['String']['output'];
  expiresAt: Scalars['DateTime']['output'];
};

export type PayCodeLookup = {
  __typename?: 'PayCodeLookup';
  /** The member's DISCOUNT and SERVICE benefits honoured at the terminal's store (HQ: anywhere), with the uses left this month. */
  benefits: Array<HeldBenefit>;
  /** The member's coupons usable at the terminal's store now (HQ: anywhere). */
  coupons: Array<Coupon>;
  expiresAt: Scalars['DateTime']['output'];
  member: Member;
  points: PointsAccount;
  wallet: Wallet;
};

export type Penetration = {
  __typename?: 'Penetration';
  /** Members who joined the merchant, of the coalition's (1 for the coalition). */
  membersShare: Maybe<Scalars['Float']['output']>;
  /** Purchases at its stores by its own members, of all members' purchases there (the hub records members' purchases only). */
  purchasesShare: Maybe<Scalars['Float']['output']>;
};

export type PlanPeriod =
  | 'MONTH'
  | 'QUARTER'
  | 'YEAR';

/** A member's points: one coalition currency, issued by HQ, held in lots per earning year. */
export type PointsAccount = {
  __typename?: 'PointsAccount';
  /** Negative while points taken back by a refund are owed (no burning until repaid). */
  balance: Scalars['Points']['output'];
  /** The soonest-expiring points, or null if none. */
  nextExpiry: Maybe<PointsExpiry>;
  /** 会员增值量化: at the pace of the last 84 days. */
  projection: PointsProjection;
  /** What the balance is worth at checkout. */
  value: Money;
};

export type PointsExpiry = {
  __typename?: 'PointsExpiry';
  expiresAt: Scalars['DateTime']['output'];
  points: Scalars['Points']['output'];
};

export type PointsProjection = {
  __typename?: 'PointsProjection';
  pointsPerYear: Scalars['Points']['output'];
  /** What those points are worth at checkout. */
  valuePerYear: Money;
  /** Paid per week (stored value and amount due), over the last 12 weeks. */
  weeklySpend: Money;
};

export type PositionCell = {
  __typename?: 'PositionCell';
  acquirer: Maybe<Merchant>;
  amount: Money;
  issuer: Maybe<Merchant>;
  /** How many (acquirer, issuer) positions the cell sums. */
  positions: Scalars['Int']['output'];
};

export type PositionMatrix = {
  __typename?: 'PositionMatrix';
  /** The rows, largest amount acquired first. */
  acquirers: Array<Merchant>;
  /** Every non-empty cell; a null acquirer or issuer is the others'. */
  cells: Array<PositionCell>;
  /** The columns, largest amount redeemed elsewhere first. */
  issuers: Array<Merchant>;
};

/** The membership programme in force (docs/programme.md): HQ changes it; every change applies from then on. */
export type Programme = {
  __typename?: 'Programme';
  /** What growth counts over (in the coalition time zone). */
  cycle: ProgrammeCycle;
  /** Growth earned per yuan paid (stored value and amount due). */
  growthPerYuan: Scalars['Int']['output'];
  /** Growth earned per yuan of a top-up's principal (not its bonus); 0 for none. */
  growthPerYuanTopUp: Scalars['Int']['output'];
  plans: Array<MembershipPlan>;
  /** Points worth one yuan at checkout. */
  pointsPerYuanBurn: Scalars['Int']['output'];
  /** 邀请有礼: what an invitation's conversion gives, and its limits. */
  referral: ReferralRules;
  signInGrowth: Scalars['Int']['output'];
  signInPoints: Scalars['Int']['output'];
  /** Lowest first. */
  tiers: Array<Tier>;
};

export type ProgrammeCycle =
  | 'MONTH'
  | 'QUARTER'
  | 'YEAR';

export type ProgrammeInput = {
  cycle: ProgrammeCycle;
  growthPerYuan: Scalars['Int']['input'];
  /** 0 to 1000 (0: none, the first programme's). Left out, the rate in force stays. */
  growthPerYuanTopUp?: InputMaybe<Scalars['Int']['input']>;
  pointsPerYuanBurn: Scalars['Int']['input'];
  /** Left out, the rules in force stay (defaults 200, 100, ¥30.00, 30 days, 10 a month). */
  referral?: InputMaybe<ReferralInput>;
  signInGrowth: Scalars['Int']['input'];
  signInPoints: Scalars['Int']['input'];
  /** 3 to 5 tiers, lowest first, thresholds rising from 0. */
  tiers: Array<TierInput>;
};

export type Query = {
  __typename?: 'Query';
  /** The figures of docs/marketing.md, Analytics, over the calendar days from..to (Shanghai, at most 400). HQ: the coalition (no merchantId) or any merchant; MERCHANT: its own. */
  analytics: Analytics;
  /**
   * Each benefit's use and cost in a calendar month ("2026-11", coalition time zone; docs/benefits.md, Usage and cost).
   * HQ: every benefit, or one merchant's; MERCHANT: its own and HQ's that it co-funds. Counts only: no member is named.
   */
  benefitUsage: Array<BenefitUsage>;
  /** HQ: every benefit, or one merchant's (merchantId); MERCHANT: its own and HQ's that it honours or funds. Oldest first, at most 500. */
  benefits: Array<Benefit>;
  /** HQ: any campaign; MERCHANT: its own (another's is null). */
  campaign: Maybe<Campaign>;
  /** HQ: every campaign; MERCHANT: its own. The newest 200. */
  campaigns: Array<Campaign>;
  /** HQ, the template's owner, or a merchant that accepts it. */
  couponTemplate: Maybe<CouponTemplate>;
  /** HQ: every coupon template; MERCHANT: its own (one it only accepts: by id, `couponTemplate`). The newest 200. */
  couponTemplates: Array<CouponTemplate>;
  /** MERCHANT: its own statement in the period's run, or null if none ran. Read as settlement is. */
  myStatement: Maybe<MerchantStatement>;
  /** A terminal scans a pay code: who is paying and what they hold. Does not use the code up. */
  payCode: PayCodeLookup;
  /** Any caller: the programme in force (tiers, rates) and the plans on sale (HQ: every plan). */
  programme: Programme;
  /** Any signed-in caller: what members can exchange points for now (积分商城). */
  rewardsCatalogue: Array<CatalogueItem>;
  /** The RFM pyramid over the 365 days up to asOf, the instant of the latest refresh (hourly, or when HQ asks: refreshRfm). HQ: the coalition (no merchantId) or any merchant's purchases; MERCHANT: its own purchases only. SERVICE_UNAVAILABLE (retryable) before the wallet's first refresh. */
  rfm: Rfm;
  /** HQ: the settlement run of a period ("2026-10"), or null if none ran. Read on the read replica when there is one, once it holds every commit made before the request (docs/operations.md, Read replica). */
  settlement: Maybe<SettlementRun>;
  /** HQ: HQ's tags; MERCHANT: its own (no one sees another's). */
  tags: Array<Tag>;
  /** HQ: any task; MERCHANT: its own (another's is FORBIDDEN, whether or not it exists). */
  task: Maybe<Task>;
  /** HQ: every task, or one merchant's (merchantId); MERCHANT: its own. Oldest first, at most 500. */
  tasks: Array<Task>;
  /** Each tier's benefit cost in a month against what its members paid (权益成本率), over the same benefits as benefitUsage; a merchant's paid is at its stores. */
  tierBenefitCost: Array<TierBenefitCost>;
  transaction: Maybe<Transaction>;
};


export type QueryAnalyticsArgs = {
  from: Scalars['Date']['input'];
  merchantId?: InputMaybe<Scalars['ID']['input']>;
  to: Scalars['Date']['input'];
};


export type QueryBenefitUsageArgs = {
  merchantId?: InputMaybe<Scalars['ID']['input']>;
  month: Scalars['String']['input'];
};


export type QueryBenefitsArgs = {
  merchantId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryCampaignArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCouponTemplateArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMyStatementArgs = {
  period: Scalars['String']['input'];
};


export type QueryPayCodeArgs = {
  code: Scalars['String']['input'];
};


export type QueryRfmArgs = {
  merchantId?: InputMaybe<Scalars['ID']['input']>;
};


export type QuerySettlementArgs = {
  period: Scalars['String']['input'];
};


export type QueryTaskArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTasksArgs = {
  merchantId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryTierBenefitCostArgs = {
  merchantId?: InputMaybe<Scalars['ID']['input']>;
  month: Scalars['String']['input'];
};


export type QueryTransactionArgs = {
  id: Scalars['ID']['input'];
};

export type RedeemBenefitInput = {
  benefitId: Scalars['ID']['input'];
  idempotencyKey: Scalars['String']['input'];
  payCode: Scalars['String']['input'];
  storeId: Scalars['ID']['input'];
};

export type RedeemBenefitPayload = {
  __typename?: 'RedeemBenefitPayload';
  redemption: BenefitRedemption;
  /** What the member has left of it this month (coalition time zone), after this use. */
  usesLeftThisMonth: Scalars['Int']['output'];
};

/** Invitations in a range: members registered with a code (a merchant: at its stores), conversions (a merchant: at its stores) and their points, net of take-backs, each in the period of its own instant. */
export type ReferralCounts = {
  __typename?: 'ReferralCounts';
  converted: Scalars['Int']['output'];
  invited: Scalars['Int']['output'];
  pointsGranted: Scalars['Points']['output'];
};

export type ReferralInput = {
  inviteePoints: Scalars['Int']['input'];
  inviterPoints: Scalars['Int']['input'];
  minFirstPurchase: MoneyInput;
  /** 0 to 1000. */
  monthlyCap: Scalars['Int']['input'];
  /** 1 to 365. */
  windowDays: Scalars['Int']['input'];
};

/** The programme's referral rules (docs/tasks.md "Referrals"), HQ's; the points are HQ's. */
export type ReferralRules = {
  __typename?: 'ReferralRules';
  inviteePoints: Scalars['Points']['output'];
  inviterPoints: Scalars['Points']['output'];
  /** What the invitee's converting checkout must pay (stored value and outside the hub). */
  minFirstPurchase: Money;
  /** Conversions an inviter is given points for per calendar month (beyond it they still count). */
  monthlyCap: Scalars['Int']['output'];
  /** Days from registration within which the first such checkout converts. */
  windowDays: Scalars['Int']['output'];
};

export type RefundInput = {
  idempotencyKey: Scalars['String']['input'];
  /** The part of the order amount returned (the price of the goods brought back). */
  orderAmount: MoneyInput;
  /** The checkout to refund. */
  transactionId: Scalars['ID']['input'];
};

export type RefundPayload = {
  __typename?: 'RefundPayload';
  /** What the till hands back of the amount paid outside the hub. */
  amountDueBack: Money;
  /** Whether this refund gave the coupon back: only the refund of the whole order, while the coupon is still valid. */
  couponRestored: Scalars['Boolean']['output'];
  /** Growth taken back from the member's cycle in proportion to the order returned (never below zero in the cycle). */
  growthTakenBack: Scalars['Int']['output'];
  /** The part of the checkout's member discount this refund gives back (in proportion to the order returned). */
  memberDiscountBack: Money;
  points: PointsAccount;
  /** Burned points given back (to their lots, with their expiry). */
  pointsRestored: Scalars['Points']['output'];
  /** Earned points taken back (a balance may go negative). */
  pointsTakenBack: Scalars['Points']['output'];
  /** What a full refund took back from the member of the task and referral rewards the checkout earned (the badges stay). */
  rewardsTakenBack: RewardsTakenBack;
  /** Stored value back to the lots it came from. */
  storedValueBack: Money;
  transaction: Transaction;
  wallet: Wallet;
};

export type RewardsTakenBack = {
  __typename?: 'RewardsTakenBack';
  couponsVoided: Scalars['Int']['output'];
  growth: Scalars['Int']['output'];
  points: Scalars['Points']['output'];
};

/** RFM of a scope (docs/marketing.md, RFM): members with a purchase in the window, counted per segment. Counts only: no member is named. */
export type Rfm = {
  __typename?: 'Rfm';
  asOf: Scalars['DateTime']['output'];
  averages: RfmAverages;
  /** Every commit up to this instant is in the database this answer was read from: the read replica's instant, or the answer's own when read from the primary (docs/operations.md, Read replica). */
  databaseAsOf: Scalars['DateTime']['output'];
  /** All eight segments, in the pyramid's order, empty ones included. */
  segments: Array<RfmSegmentCount>;
  windowDays: Scalars['Int']['output'];
};

/** The scope's averages over members with a purchase in the window, against which each member's R, F and M are high or low. */
export type RfmAverages = {
  __typename?: 'RfmAverages';
  /** Purchases (checkouts not refunded in whole). */
  frequency: Scalars['Float']['output'];
  /** Amount paid (not points), net of refunds, rounded to the fen. */
  monetary: Money;
  /** Calendar days (coalition time zone) since the last purchase. */
  recencyDays: Scalars['Float']['output'];
};

/** A refresh of RFM asked for (Mutation.refreshRfm). */
export type RfmRefreshRequest = {
  __typename?: 'RfmRefreshRequest';
  /** The instant it was asked for: the refresh reads the journal as of this instant or later. */
  requestedAt: Scalars['DateTime']['output'];
};

/** R, F, M high or low: IMPORTANT_VALUE all high; IMPORTANT_WINBACK F M; IMPORTANT_DEVELOP R M; IMPORTANT_RETAIN M; POTENTIAL R F; NEW R; GENERAL_MAINTAIN F; LOST none. */
export type RfmSegment =
  | 'GENERAL_MAINTAIN'
  | 'IMPORTANT_DEVELOP'
  | 'IMPORTANT_RETAIN'
  | 'IMPORTANT_VALUE'
  | 'IMPORTANT_WINBACK'
  | 'LOST'
  | 'NEW'
  | 'POTENTIAL';

export type RfmSegmentCount = {
  __typename?: 'RfmSegmentCount';
  members: Scalars['Int']['output'];
  /** The segment's name in the seeds (重要价值客户 ...). */
  name: Scalars['String']['output'];
  segment: RfmSegment;
  /** members ÷ members with a purchase in the window; 0 when there are none. */
  share: Scalars['Float']['output'];
};

export type SetMembershipPlanPayload = {
  __typename?: 'SetMembershipPlanPayload';
  plan: MembershipPlan;
};

export type SetProgrammePayload = {
  __typename?: 'SetProgrammePayload';
  programme: Programme;
};

export type SetSettlementTermsPayload = {
  __typename?: 'SetSettlementTermsPayload';
  merchant: Merchant;
};

export type SetWebhookPayload = {
  __typename?: 'SetWebhookPayload';
  /** HMAC-SHA256 key of X-Unicard-Signature: sha256=hex(HMAC(secret, timestamp + "." + body)). Shown once. */
  signingSecret: Scalars['String']['output'];
  webhook: Webhook;
};

export type SettlementPosition = {
  __typename?: 'SettlementPosition';
  acquirer: Merchant;
  amount: Money;
  commission: Money;
  issuer: Merchant;
};

export type SettlementPositionConnection = {
  __typename?: 'SettlementPositionConnection';
  edges: Array<SettlementPositionEdge>;
  pageInfo: PageInfo;
  /** Positions matching, on every page. */
  totalCount: Scalars['Int']['output'];
};

export type SettlementPositionEdge = {
  __typename?: 'SettlementPositionEdge';
  cursor: Scalars['String']['output'];
  node: SettlementPosition;
};

export type SettlementRun = {
  __typename?: 'SettlementRun';
  computedAt: Scalars['DateTime']['output'];
  /** Every commit up to this instant is in the database this run and its statements and positions were read from: the read replica's instant, or the answer's own when read from the primary (docs/operations.md, Read replica). */
  databaseAsOf: Scalars['DateTime']['output'];
  endsAt: Scalars['DateTime']['output'];
  finalizedAt: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  period: Scalars['String']['output'];
  /**
   * The positions as an acquirer × issuer matrix for a heat map: the `top` acquirers and issuers (at most 50) by amount,
   * each other one summed into an "others" row or column (a null merchant), so a month of 40,000 positions is one small answer.
   */
  positionMatrix: PositionMatrix;
  /** The same positions a page at a time (at most 500), largest amount first; merchantId: those where it is acquirer or issuer. */
  positionPage: SettlementPositionConnection;
  /** Cross-redemptions by (acquirer, issuer) pair. */
  positions: Array<SettlementPosition>;
  startsAt: Scalars['DateTime']['output'];
  statements: Array<MerchantStatement>;
  status: SettlementStatus;
  timeZone: Scalars['String']['output'];
  totals: SettlementTotals;
};


export type SettlementRunPositionMatrixArgs = {
  top?: InputMaybe<Scalars['Int']['input']>;
};


export type SettlementRunPositionPageArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  merchantId?: InputMaybe<Scalars['ID']['input']>;
};

export type SettlementStatus =
  | 'DRAFT'
  | 'FINALIZED';

export type SettlementTerms = {
  __typename?: 'SettlementTerms';
  /** Fen HQ pays the merchant per 100 points burned at its stores. */
  burnValuePer100Points: Scalars['Int']['output'];
  canAccept: Scalars['Boolean']['output'];
  canIssue: Scalars['Boolean']['output'];
  /** Commission on cross-redemptions this merchant acquires, in basis points. */
  commissionBps: Scalars['Int']['output'];
  /** Fen the merchant pays HQ per 100 points its customers earn. */
  earnCostPer100Points: Scalars['Int']['output'];
  effectiveFrom: Maybe<Scalars['DateTime']['output']>;
  /** Points a checkout earns per yuan paid, before the member's multiplier. */
  pointsPerYuan: Scalars['Int']['output'];
};

export type SettlementTermsInput = {
  /** Default 100. */
  burnValuePer100Points?: InputMaybe<Scalars['Int']['input']>;
  canAccept: Scalars['Boolean']['input'];
  canIssue: Scalars['Boolean']['input'];
  commissionBps: Scalars['Int']['input'];
  /** Default 100. */
  earnCostPer100Points?: InputMaybe<Scalars['Int']['input']>;
  merchantId: Scalars['ID']['input'];
  /** Default 1. */
  pointsPerYuan?: InputMaybe<Scalars['Int']['input']>;
};

export type SettlementTotals = {
  __typename?: 'SettlementTotals';
  /** HQ's shares of member discounts and service uses in the period (net of refunds): money only. */
  benefitCostsFundedByHq: Money;
  bonusGranted: Money;
  commission: Money;
  /** HQ's shares of coupon discounts given in the period (net of coupons given back). */
  couponDiscountsFundedByHq: Money;
  crossRedemptions: Money;
  /** Commission + points cost - points credit - HQ's coupon and benefit shares: with the statements' nets, exactly zero. */
  hqIncome: Money;
  /** Paid by merchants for points issued, and paid to them for points redeemed. */
  pointsCost: Money;
  pointsCredit: Money;
  /** HQ's breakage. */
  pointsExpired: Scalars['Points']['output'];
  /** Upgrade gifts, sign-in points and HQ's campaigns' points (granted, or added by a multiplier), net of refunds. */
  pointsGrantedByHq: Scalars['Points']['output'];
  /** Points earned at merchants' stores and given by merchants' campaigns, net of refunds. */
  pointsIssued: Scalars['Points']['output'];
  pointsLiability: Money;
  /** All members' points at the period's end, negative balances included, and what they are worth. */
  pointsOutstanding: Scalars['Points']['output'];
  /** Points burned at merchants' stores, net of refunds. */
  pointsRedeemed: Scalars['Points']['output'];
  topUps: Money;
};

export type SignInPayload = {
  __typename?: 'SignInPayload';
  growthEarned: Scalars['Int']['output'];
  member: Member;
  pointsEarned: Scalars['Points']['output'];
};

export type SpendConditionInput = {
  amount: MoneyInput;
  days: Scalars['Int']['input'];
};

export type Store = {
  __typename?: 'Store';
  id: Scalars['ID']['output'];
};

export type Tag = {
  __typename?: 'Tag';
  kind: TagKind;
  /** How many members hold it. */
  members: Scalars['Int']['output'];
  name: Scalars['String']['output'];
};

export type TagKind =
  /** Members set by hand. */
  | 'MANUAL'
  /** Members those meeting its rule. */
  | 'RULE';

export type TagMembersInput = {
  memberIds: Array<Scalars['ID']['input']>;
  /** Removes them instead. */
  remove?: InputMaybe<Scalars['Boolean']['input']>;
  tag: Scalars['String']['input'];
};

export type TagMembersPayload = {
  __typename?: 'TagMembersPayload';
  tag: Tag;
};

/** Every condition given must hold. Spend, visits and inactivity count the merchant's own stores for a merchant's tag, the coalition for HQ's. */
export type TagRuleConditionsInput = {
  birthdayMonth?: InputMaybe<Scalars['Int']['input']>;
  hasPlan?: InputMaybe<Scalars['Boolean']['input']>;
  inactiveDays?: InputMaybe<Scalars['Int']['input']>;
  minPoints?: InputMaybe<Scalars['Int']['input']>;
  minSpend?: InputMaybe<SpendConditionInput>;
  minVisits?: InputMaybe<VisitConditionInput>;
  registeredAtMerchantId?: InputMaybe<Scalars['ID']['input']>;
  tiers?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type TagRuleInput = {
  rule: TagRuleConditionsInput;
  tag: Scalars['String']['input'];
};

/** A task (任务, docs/tasks.md). Results: HQ and the owner only. */
export type Task = {
  __typename?: 'Task';
  active: Scalars['Boolean']['output'];
  activeFrom: Scalars['DateTime']['output'];
  activeUntil: Maybe<Scalars['DateTime']['output']>;
  /** Completions, net of take-backs. */
  completions: Scalars['Int']['output'];
  /** A count; null for SPEND. */
  goal: Maybe<Scalars['Int']['output']>;
  /** SPEND: what the checkouts must pay in all. */
  goalAmount: Maybe<Money>;
  growthGranted: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  kind: TaskKind;
  /** Distinct members who completed it, net of take-backs. */
  members: Scalars['Int']['output'];
  /** PURCHASES: what a checkout must pay to count. */
  minPaid: Money;
  name: Scalars['String']['output'];
  /** Null: HQ's. */
  owner: Maybe<Merchant>;
  pointsGranted: Scalars['Points']['output'];
  reward: TaskReward;
  window: TaskWindow;
};

export type TaskCompletion = {
  __typename?: 'TaskCompletion';
  growth: Scalars['Int']['output'];
  points: Scalars['Points']['output'];
  task: Task;
};

export type TaskInput = {
  /** Default now (an earlier instant is taken as now). */
  activeFrom?: InputMaybe<Scalars['DateTime']['input']>;
  activeUntil?: InputMaybe<Scalars['DateTime']['input']>;
  /** A count (1 to 1000); not for SPEND. */
  goal?: InputMaybe<Scalars['Int']['input']>;
  /** SPEND only. */
  goalAmount?: InputMaybe<MoneyInput>;
  kind: TaskKind;
  /** PURCHASES only (default 0). */
  minPaid?: InputMaybe<MoneyInput>;
  name: Scalars['String']['input'];
  reward: TaskRewardInput;
  window: TaskWindow;
};

export type TaskKind =
  /** HQ only: checkouts at goal merchants the member had never bought from before the window. */
  | 'NEW_MERCHANTS'
  /** goal checkouts, each paying at least minPaid. */
  | 'PURCHASES'
  /** goal invited members converted. */
  | 'REFERRALS'
  /** goal consecutive days of sign-in (a missed day, or a completion, restarts it). */
  | 'SIGN_IN_STREAK'
  /** goalAmount paid by checkouts. */
  | 'SPEND';

export type TaskPayload = {
  __typename?: 'TaskPayload';
  task: Task;
};

export type TaskReward = {
  __typename?: 'TaskReward';
  badge: Maybe<Badge>;
  couponTemplate: Maybe<CouponTemplate>;
  growth: Scalars['Int']['output'];
  points: Scalars['Points']['output'];
};

export type TaskRewardInput = {
  badge?: InputMaybe<BadgeInput>;
  /** A template of the task owner's own. */
  couponTemplateId?: InputMaybe<Scalars['ID']['input']>;
  growth?: InputMaybe<Scalars['Int']['input']>;
  points?: InputMaybe<Scalars['Int']['input']>;
};

export type TaskWindow =
  /** Each tier cycle. */
  | 'CYCLE'
  /** Each calendar month (coalition time zone). */
  | 'MONTH'
  /** Once ever, from the task's start. */
  | 'ONCE';

export type Tier = {
  __typename?: 'Tier';
  /** The badge a member is given on first reaching this tier. */
  badge: Maybe<Badge>;
  /** The active benefits the tier carries (docs/benefits.md), oldest first. */
  benefits: Array<Benefit>;
  code: Scalars['String']['output'];
  /** What the tier gives, in words. */
  description: Scalars['String']['output'];
  name: Scalars['String']['output'];
  /** Points earned per point of the base rate, in basis points (10000 = x1.0). */
  pointsMultiplierBps: Scalars['Int']['output'];
  /** Growth within a cycle that reaches this tier. */
  threshold: Scalars['Int']['output'];
  /** A coupon of this HQ template given, beside the points, to a member reaching this tier. */
  upgradeGiftCouponTemplate: Maybe<CouponTemplate>;
  /** Points HQ gives once per cycle when a member reaches this tier. */
  upgradeGiftPoints: Scalars['Int']['output'];
};

/** A tier's month: its benefits' cost, counted at the tier each use was made at, against what its members paid. */
export type TierBenefitCost = {
  __typename?: 'TierBenefitCost';
  benefitCost: Money;
  /** benefitCost / paid in basis points, rounded down; null when paid is zero or less. */
  costRateBps: Maybe<Scalars['Int']['output']>;
  /** Every commit up to this instant is in the database this answer was read from: the read replica's instant, or the answer's own when read from the primary (docs/operations.md, Read replica). */
  databaseAsOf: Scalars['DateTime']['output'];
  /** Checkouts' stored value and amount due, net of the month's refunds, at the tier the checkout started at. */
  paid: Money;
  tier: Tier;
};

export type TierCount = {
  __typename?: 'TierCount';
  members: Scalars['Int']['output'];
  tier: Tier;
};

export type TierInput = {
  /** A badge given on first reaching the tier (defined here if its code is new). */
  badge?: InputMaybe<BadgeInput>;
  /** Capital letters, digits and _, e.g. GOLD. */
  code: Scalars['String']['input'];
  /** What the tier gives, in words, up to 500 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  /** At least 10000 (x1.0), and not below the tier under it. */
  pointsMultiplierBps: Scalars['Int']['input'];
  threshold: Scalars['Int']['input'];
  /** An HQ coupon template: a member reaching this tier is also given one of its coupons (within the template's budget and limits). */
  upgradeGiftCouponTemplateId?: InputMaybe<Scalars['ID']['input']>;
  upgradeGiftPoints: Scalars['Int']['input'];
};

export type TierProgress = {
  __typename?: 'TierProgress';
  cycleEndsAt: Scalars['DateTime']['output'];
  cycleStartsAt: Scalars['DateTime']['output'];
  /** Growth this cycle. */
  growth: Scalars['Int']['output'];
  growthToNextTier: Maybe<Scalars['Int']['output']>;
  /** This cycle's growth reaches the present tier's threshold, or a paid plan is valid. */
  keepsTier: Scalars['Boolean']['output'];
  /** Null at the top. */
  nextTier: Maybe<Tier>;
  /** At the pace of the last 84 days; null at the top or without growth in them. */
  weeksToNextTier: Maybe<Scalars['Int']['output']>;
};

export type TopUpInput = {
  amount: MoneyInput;
  /** Funded by the issuer, e.g. 充500送50. */
  bonus?: InputMaybe<MoneyInput>;
  idempotencyKey: Scalars['String']['input'];
  /** ...or a back office names the member. */
  memberId?: InputMaybe<Scalars['ID']['input']>;
  /** A terminal scans the member's pay code... */
  payCode?: InputMaybe<Scalars['String']['input']>;
  storeId: Scalars['ID']['input'];
};

export type TopUpPayload = {
  __typename?: 'TopUpPayload';
  /** The growth its principal earned (Programme.growthPerYuanTopUp). */
  growthEarned: Scalars['Int']['output'];
  transaction: Transaction;
  wallet: Wallet;
};

export type Transaction = {
  __typename?: 'Transaction';
  /** Stored value moved: credited by a top-up (principal and bonus), spent by a checkout, given back by a refund. */
  amount: Money;
  amountDue: Maybe<Money>;
  bonus: Maybe<Money>;
  /** Checkouts: what the coupon took off the order. */
  couponDiscount: Maybe<Money>;
  /** Growth this transaction added (a refund: took back). */
  growth: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  kind: TransactionKind;
  occurredAt: Scalars['DateTime']['output'];
  /** Checkouts: the order total, and what was paid outside the hub. Refunds: the part of the order returned, and what is handed back outside the hub. */
  orderAmount: Maybe<Money>;
  orderRef: Maybe<Scalars['String']['output']>;
  /** How the member's points balance changed (earned, burned, given back, gifts, expiry). */
  pointsChange: Scalars['Points']['output'];
  pointsEarned: Maybe<Scalars['Points']['output']>;
  /** Checkouts: points burned and what they paid; points earned. */
  pointsUsed: Maybe<Scalars['Points']['output']>;
  pointsValue: Maybe<Money>;
  /** Top-ups: what the member paid, and the issuer's bonus. */
  principal: Maybe<Money>;
  /** Refunds: the checkout refunded. */
  refundOf: Maybe<Transaction>;
  /** Null for what happens outside a store (sign-in, expiry, a plan bought in the app), or if the merchant subgraph cannot be reached. */
  store: Maybe<Store>;
};

export type TransactionConnection = {
  __typename?: 'TransactionConnection';
  edges: Array<TransactionEdge>;
  pageInfo: PageInfo;
};

export type TransactionEdge = {
  __typename?: 'TransactionEdge';
  cursor: Scalars['String']['output'];
  node: Transaction;
};

export type TransactionKind =
  /** Points a points-gift benefit gave on its occasion (funded by its owner as campaign points are). */
  | 'BENEFIT_POINTS'
  /** A service benefit used at a till (its cost reimbursed to the store by the benefit's funders). */
  | 'BENEFIT_USE'
  /** Points a campaign granted. */
  | 'CAMPAIGN_POINTS'
  | 'CHECKOUT'
  /** A paid plan bought or renewed (the fee is paid outside the hub). */
  | 'PLAN_PURCHASE'
  /** Points exchanged for a coupon in the rewards catalogue. */
  | 'POINTS_EXCHANGE'
  /** Points of an earning year expired at the end of the next year. */
  | 'POINTS_EXPIRY'
  /** A referral's reward to the inviter or the invitee (funded by HQ). */
  | 'REFERRAL_REWARD'
  | 'REFUND'
  /** A task's or a referral's reward taken back by the full refund of the checkout that earned it. */
  | 'REWARD_TAKEN_BACK'
  /** Daily sign-in: growth and points from HQ. */
  | 'SIGN_IN'
  /** A task's reward: points (funded by its owner as campaign points are) and growth. */
  | 'TASK_REWARD'
  | 'TOP_UP';

/** Left out, a field stays as it is; monthlyBudget null removes the budget. */
export type UpdateBenefitInput = {
  active?: InputMaybe<Scalars['Boolean']['input']>;
  monthlyBudget?: InputMaybe<MoneyInput>;
  plans?: InputMaybe<Array<Scalars['String']['input']>>;
  tiers?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type UpdateBenefitPayload = {
  __typename?: 'UpdateBenefitPayload';
  benefit: Benefit;
};

/** Left out, a field stays as it is; activeUntil null removes the end. */
export type UpdateTaskInput = {
  active?: InputMaybe<Scalars['Boolean']['input']>;
  activeUntil?: InputMaybe<Scalars['DateTime']['input']>;
};

export type VisitConditionInput = {
  count: Scalars['Int']['input'];
  days: Scalars['Int']['input'];
};

export type Wallet = {
  __typename?: 'Wallet';
  balance: Money;
  /** Remaining value per issuing merchant. */
  balanceByIssuer: Array<IssuerBalance>;
  /** The freezes standing, oldest first. A member lifts only its own; HQ any but an erasure's, which is final. */
  freezes: Array<WalletFreeze>;
  /** FROZEN while any freeze stands. */
  status: WalletStatus;
};

export type WalletFreeze = {
  __typename?: 'WalletFreeze';
  reason: FreezeReason;
  since: Scalars['DateTime']['output'];
};

export type WalletStatus =
  | 'ACTIVE'
  | 'FROZEN';

export type Webhook = {
  __typename?: 'Webhook';
  events: Array<WebhookEvent>;
  url: Scalars['String']['output'];
};

export type WebhookEvent =
  /** One of the owner's benefits has used 80%, then 100%, of a month's budget (once each per month). */
  | 'BENEFIT_BUDGET'
  /** A NOTIFY campaign's members and message. */
  | 'CAMPAIGN_NOTIFICATION'
  /** Coupons of the owner's templates issued (up to 500 per delivery). */
  | 'COUPON_ISSUED'
  /** A member's points lot expires within 30 days (once per lot). */
  | 'POINTS_EXPIRING'
  /** A member completed one of the owner's tasks. */
  | 'TASK_COMPLETED'
  /** A member of the owner's (HQ: any) reached a higher tier. */
  | 'TIER_UPGRADED';

export type WebhookInput = {
  events: Array<WebhookEvent>;
  /** http(s); a public address. */
  url: Scalars['String']['input'];
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = {}, TContext = {}, TArgs = {}> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = {}, TContext = {}, TArgs = {}> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = {}, TContext = {}> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = {}, TContext = {}> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = {}, TParent = {}, TContext = {}, TArgs = {}> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Analytics: ResolverTypeWrapper<AnalyticsAnswer>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AnalyticsDay: ResolverTypeWrapper<AnalyticsDay>;
  AnalyticsMembers: ResolverTypeWrapper<AnalyticsMembers>;
  AnalyticsRefreshRequest: ResolverTypeWrapper<AnalyticsRefreshRequest>;
  AudienceInput: AudienceInput;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Badge: ResolverTypeWrapper<BadgeRecord>;
  BadgeInput: BadgeInput;
  Benefit: ResolverTypeWrapper<BenefitRecord>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  BenefitFunder: ResolverTypeWrapper<CouponFunderRecord>;
  BenefitFunderInput: BenefitFunderInput;
  BenefitInput: BenefitInput;
  BenefitKind: BenefitKind;
  BenefitOccasion: BenefitOccasion;
  BenefitRedemption: ResolverTypeWrapper<Omit<BenefitRedemption, 'benefit'> & { benefit: ResolversTypes['Benefit'] }>;
  BenefitSource: BenefitSource;
  BenefitUsage: ResolverTypeWrapper<BenefitUsageAnswer>;
  BuyMembershipPlanInput: BuyMembershipPlanInput;
  BuyMembershipPlanPayload: ResolverTypeWrapper<WalletRecord>;
  Campaign: ResolverTypeWrapper<CampaignRecord>;
  CampaignActionInput: CampaignActionInput;
  CampaignActionKind: CampaignActionKind;
  CampaignBudgetInput: CampaignBudgetInput;
  CampaignGroupResult: ResolverTypeWrapper<CampaignGroupRecord>;
  CampaignInput: CampaignInput;
  CampaignRecurrence: CampaignRecurrence;
  CampaignResult: ResolverTypeWrapper<CampaignResultRecord>;
  CampaignStatus: CampaignStatus;
  CampaignTriggerInput: CampaignTriggerInput;
  CampaignTriggerKind: CampaignTriggerKind;
  CatalogueItem: ResolverTypeWrapper<CatalogueItemRecord>;
  CheckoutInput: CheckoutInput;
  CheckoutPayload: ResolverTypeWrapper<CheckoutResult>;
  Conversion: ResolverTypeWrapper<Conversion>;
  Coupon: ResolverTypeWrapper<CouponRecord>;
  CouponFunder: ResolverTypeWrapper<CouponFunderRecord>;
  CouponFunderInput: CouponFunderInput;
  CouponKind: CouponKind;
  CouponStatus: CouponStatus;
  CouponTemplate: ResolverTypeWrapper<CouponTemplateRecord>;
  CouponTemplateInput: CouponTemplateInput;
  CreateBenefitPayload: ResolverTypeWrapper<Omit<CreateBenefitPayload, 'benefit'> & { benefit: ResolversTypes['Benefit'] }>;
  CreateCampaignPayload: ResolverTypeWrapper<Omit<CreateCampaignPayload, 'campaign'> & { campaign: ResolversTypes['Campaign'] }>;
  CreateCouponTemplatePayload: ResolverTypeWrapper<CreateCouponTemplateResult>;
  CreateTagRulePayload: ResolverTypeWrapper<Omit<CreateTagRulePayload, 'tag'> & { tag: ResolversTypes['Tag'] }>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Decimal: ResolverTypeWrapper<Scalars['Decimal']['output']>;
  ExchangePointsInput: ExchangePointsInput;
  ExchangePointsPayload: ResolverTypeWrapper<ExchangePointsResult>;
  FreezeReason: FreezeReason;
  HeldBenefit: ResolverTypeWrapper<HeldBenefitRecord>;
  IssueCouponsInput: IssueCouponsInput;
  IssueCouponsPayload: ResolverTypeWrapper<IssueCouponsResult>;
  IssuerBalance: ResolverTypeWrapper<IssuerBalanceRecord>;
  Member: ResolverTypeWrapper<MemberReference>;
  MemberBadge: ResolverTypeWrapper<MemberBadgeRecord>;
  MemberReferral: ResolverTypeWrapper<MemberReferralRecord>;
  MemberTask: ResolverTypeWrapper<TaskProgressRecord>;
  MembershipPlan: ResolverTypeWrapper<MembershipPlanRecord>;
  MembershipPlanInput: MembershipPlanInput;
  Merchant: ResolverTypeWrapper<MerchantReference>;
  MerchantStatement: ResolverTypeWrapper<StatementAnswer>;
  Money: ResolverTypeWrapper<Money>;
  MoneyInput: MoneyInput;
  Mutation: ResolverTypeWrapper<{}>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PaidMembership: ResolverTypeWrapper<PaidMembershipRecord>;
  PayCode: ResolverTypeWrapper<PayCode>;
  PayCodeLookup: ResolverTypeWrapper<PayCodeLookupRecord>;
  Penetration: ResolverTypeWrapper<Penetration>;
  PlanPeriod: PlanPeriod;
  Points: ResolverTypeWrapper<Scalars['Points']['output']>;
  PointsAccount: ResolverTypeWrapper<PointsAccountRecord>;
  PointsExpiry: ResolverTypeWrapper<PointsExpiryRecord>;
  PointsProjection: ResolverTypeWrapper<PointsProjectionRecord>;
  PositionCell: ResolverTypeWrapper<PositionCellRecord>;
  PositionMatrix: ResolverTypeWrapper<PositionMatrixRecord>;
  Programme: ResolverTypeWrapper<ProgrammeRecord>;
  ProgrammeCycle: ProgrammeCycle;
  ProgrammeInput: ProgrammeInput;
  Query: ResolverTypeWrapper<{}>;
  RedeemBenefitInput: RedeemBenefitInput;
  RedeemBenefitPayload: ResolverTypeWrapper<RedeemBenefitResult>;
  ReferralCounts: ResolverTypeWrapper<ReferralCountsRecord>;
  ReferralInput: ReferralInput;
  ReferralRules: ResolverTypeWrapper<ReferralRulesRecord>;
  RefundInput: RefundInput;
  RefundPayload: ResolverTypeWrapper<RefundResult>;
  RewardsTakenBack: ResolverTypeWrapper<RewardsTakenBackRecord>;
  Rfm: ResolverTypeWrapper<RfmAnswer>;
  RfmAverages: ResolverTypeWrapper<RfmAveragesRecord>;
  RfmRefreshRequest: ResolverTypeWrapper<RfmRefreshRequest>;
  RfmSegment: RfmSegment;
  RfmSegmentCount: ResolverTypeWrapper<RfmSegmentCount>;
  SetMembershipPlanPayload: ResolverTypeWrapper<Omit<SetMembershipPlanPayload, 'plan'> & { plan: ResolversTypes['MembershipPlan'] }>;
  SetProgrammePayload: ResolverTypeWrapper<Omit<SetProgrammePayload, 'programme'> & { programme: ResolversTypes['Programme'] }>;
  SetSettlementTermsPayload: ResolverTypeWrapper<Omit<SetSettlementTermsPayload, 'merchant'> & { merchant: ResolversTypes['Merchant'] }>;
  SetWebhookPayload: ResolverTypeWrapper<Omit<SetWebhookPayload, 'webhook'> & { webhook: ResolversTypes['Webhook'] }>;
  SettlementPosition: ResolverTypeWrapper<PositionRecord>;
  SettlementPositionConnection: ResolverTypeWrapper<Omit<SettlementPositionConnection, 'edges'> & { edges: Array<ResolversTypes['SettlementPositionEdge']> }>;
  SettlementPositionEdge: ResolverTypeWrapper<Omit<SettlementPositionEdge, 'node'> & { node: ResolversTypes['SettlementPosition'] }>;
  SettlementRun: ResolverTypeWrapper<SettlementRunAnswer>;
  SettlementStatus: SettlementStatus;
  SettlementTerms: ResolverTypeWrapper<SettlementTermsRecord>;
  SettlementTermsInput: SettlementTermsInput;
  SettlementTotals: ResolverTypeWrapper<TotalsRecord>;
  SignInPayload: ResolverTypeWrapper<SignInResult>;
  SpendConditionInput: SpendConditionInput;
  Store: ResolverTypeWrapper<Store>;
  Tag: ResolverTypeWrapper<TagRecord>;
  TagKind: TagKind;
  TagMembersInput: TagMembersInput;
  TagMembersPayload: ResolverTypeWrapper<Omit<TagMembersPayload, 'tag'> & { tag: ResolversTypes['Tag'] }>;
  TagRuleConditionsInput: TagRuleConditionsInput;
  TagRuleInput: TagRuleInput;
  Task: ResolverTypeWrapper<TaskRecord>;
  TaskCompletion: ResolverTypeWrapper<TaskCompletionRecord>;
  TaskInput: TaskInput;
  TaskKind: TaskKind;
  TaskPayload: ResolverTypeWrapper<Omit<TaskPayload, 'task'> & { task: ResolversTypes['Task'] }>;
  TaskReward: ResolverTypeWrapper<TaskRewardRecord>;
  TaskRewardInput: TaskRewardInput;
  TaskWindow: TaskWindow;
  Tier: ResolverTypeWrapper<TierRecord>;
  TierBenefitCost: ResolverTypeWrapper<TierBenefitCostAnswer>;
  TierCount: ResolverTypeWrapper<Omit<TierCount, 'tier'> & { tier: ResolversTypes['Tier'] }>;
  TierInput: TierInput;
  TierProgress: ResolverTypeWrapper<TierProgressRecord>;
  TopUpInput: TopUpInput;
  TopUpPayload: ResolverTypeWrapper<TopUpResult>;
  Transaction: ResolverTypeWrapper<TransactionRecord>;
  TransactionConnection: ResolverTypeWrapper<TransactionPage>;
  TransactionEdge: ResolverTypeWrapper<TransactionEdgeRecord>;
  TransactionKind: TransactionKind;
  UpdateBenefitInput: UpdateBenefitInput;
  UpdateBenefitPayload: ResolverTypeWrapper<Omit<UpdateBenefitPayload, 'benefit'> & { benefit: ResolversTypes['Benefit'] }>;
  UpdateTaskInput: UpdateTaskInput;
  VisitConditionInput: VisitConditionInput;
  Wallet: ResolverTypeWrapper<WalletRecord>;
  WalletFreeze: ResolverTypeWrapper<WalletFreeze>;
  WalletStatus: WalletStatus;
  Webhook: ResolverTypeWrapper<WebhookRecord>;
  WebhookEvent: WebhookEvent;
  WebhookInput: WebhookInput;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Analytics: AnalyticsAnswer;
  Float: Scalars['Float']['output'];
  Int: Scalars['Int']['output'];
  AnalyticsDay: AnalyticsDay;
  AnalyticsMembers: AnalyticsMembers;
  AnalyticsRefreshRequest: AnalyticsRefreshRequest;
  AudienceInput: AudienceInput;
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  Badge: BadgeRecord;
  BadgeInput: BadgeInput;
  Benefit: BenefitRecord;
  Boolean: Scalars['Boolean']['output'];
  BenefitFunder: CouponFunderRecord;
  BenefitFunderInput: BenefitFunderInput;
  BenefitInput: BenefitInput;
  BenefitRedemption: Omit<BenefitRedemption, 'benefit'> & { benefit: ResolversParentTypes['Benefit'] };
  BenefitUsage: BenefitUsageAnswer;
  BuyMembershipPlanInput: BuyMembershipPlanInput;
  BuyMembershipPlanPayload: WalletRecord;
  Campaign: CampaignRecord;
  CampaignActionInput: CampaignActionInput;
  CampaignBudgetInput: CampaignBudgetInput;
  CampaignGroupResult: CampaignGroupRecord;
  CampaignInput: CampaignInput;
  CampaignResult: CampaignResultRecord;
  CampaignTriggerInput: CampaignTriggerInput;
  CatalogueItem: CatalogueItemRecord;
  CheckoutInput: CheckoutInput;
  CheckoutPayload: CheckoutResult;
  Conversion: Conversion;
  Coupon: CouponRecord;
  CouponFunder: CouponFunderRecord;
  CouponFunderInput: CouponFunderInput;
  CouponTemplate: CouponTemplateRecord;
  CouponTemplateInput: CouponTemplateInput;
  CreateBenefitPayload: Omit<CreateBenefitPayload, 'benefit'> & { benefit: ResolversParentTypes['Benefit'] };
  CreateCampaignPayload: Omit<CreateCampaignPayload, 'campaign'> & { campaign: ResolversParentTypes['Campaign'] };
  CreateCouponTemplatePayload: CreateCouponTemplateResult;
  CreateTagRulePayload: Omit<CreateTagRulePayload, 'tag'> & { tag: ResolversParentTypes['Tag'] };
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Decimal: Scalars['Decimal']['output'];
  ExchangePointsInput: ExchangePointsInput;
  ExchangePointsPayload: ExchangePointsResult;
  HeldBenefit: HeldBenefitRecord;
  IssueCouponsInput: IssueCouponsInput;
  IssueCouponsPayload: IssueCouponsResult;
  IssuerBalance: IssuerBalanceRecord;
  Member: MemberReference;
  MemberBadge: MemberBadgeRecord;
  MemberReferral: MemberReferralRecord;
  MemberTask: TaskProgressRecord;
  MembershipPlan: MembershipPlanRecord;
  MembershipPlanInput: MembershipPlanInput;
  Merchant: MerchantReference;
  MerchantStatement: StatementAnswer;
  Money: Money;
  MoneyInput: MoneyInput;
  Mutation: {};
  PageInfo: PageInfo;
  PaidMembership: PaidMembershipRecord;
  PayCode: PayCode;
  PayCodeLookup: PayCodeLookupRecord;
  Penetration: Penetration;
  Points: Scalars['Points']['output'];
  PointsAccount: PointsAccountRecord;
  PointsExpiry: PointsExpiryRecord;
  PointsProjection: PointsProjectionRecord;
  PositionCell: PositionCellRecord;
  PositionMatrix: PositionMatrixRecord;
  Programme: ProgrammeRecord;
  ProgrammeInput: ProgrammeInput;
  Query: {};
  RedeemBenefitInput: RedeemBenefitInput;
  RedeemBenefitPayload: RedeemBenefitResult;
  ReferralCounts: ReferralCountsRecord;
  ReferralInput: ReferralInput;
  ReferralRules: ReferralRulesRecord;
  RefundInput: RefundInput;
  RefundPayload: RefundResult;
  RewardsTakenBack: RewardsTakenBackRecord;
  Rfm: RfmAnswer;
  RfmAverages: RfmAveragesRecord;
  RfmRefreshRequest: RfmRefreshRequest;
  RfmSegmentCount: RfmSegmentCount;
  SetMembershipPlanPayload: Omit<SetMembershipPlanPayload, 'plan'> & { plan: ResolversParentTypes['MembershipPlan'] };
  SetProgrammePayload: Omit<SetProgrammePayload, 'programme'> & { programme: ResolversParentTypes['Programme'] };
  SetSettlementTermsPayload: Omit<SetSettlementTermsPayload, 'merchant'> & { merchant: ResolversParentTypes['Merchant'] };
  SetWebhookPayload: Omit<SetWebhookPayload, 'webhook'> & { webhook: ResolversParentTypes['Webhook'] };
  SettlementPosition: PositionRecord;
  SettlementPositionConnection: Omit<SettlementPositionConnection, 'edges'> & { edges: Array<ResolversParentTypes['SettlementPositionEdge']> };
  SettlementPositionEdge: Omit<SettlementPositionEdge, 'node'> & { node: ResolversParentTypes['SettlementPosition'] };
  SettlementRun: SettlementRunAnswer;
  SettlementTerms: SettlementTermsRecord;
  SettlementTermsInput: SettlementTermsInput;
  SettlementTotals: TotalsRecord;
  SignInPayload: SignInResult;
  SpendConditionInput: SpendConditionInput;
  Store: Store;
  Tag: TagRecord;
  TagMembersInput: TagMembersInput;
  TagMembersPayload: Omit<TagMembersPayload, 'tag'> & { tag: ResolversParentTypes['Tag'] };
  TagRuleConditionsInput: TagRuleConditionsInput;
  TagRuleInput: TagRuleInput;
  Task: TaskRecord;
  TaskCompletion: TaskCompletionRecord;
  TaskInput: TaskInput;
  TaskPayload: Omit<TaskPayload, 'task'> & { task: ResolversParentTypes['Task'] };
  TaskReward: TaskRewardRecord;
  TaskRewardInput: TaskRewardInput;
  Tier: TierRecord;
  TierBenefitCost: TierBenefitCostAnswer;
  TierCount: Omit<TierCount, 'tier'> & { tier: ResolversParentTypes['Tier'] };
  TierInput: TierInput;
  TierProgress: TierProgressRecord;
  TopUpInput: TopUpInput;
  TopUpPayload: TopUpResult;
  Transaction: TransactionRecord;
  TransactionConnection: TransactionPage;
  TransactionEdge: TransactionEdgeRecord;
  UpdateBenefitInput: UpdateBenefitInput;
  UpdateBenefitPayload: Omit<UpdateBenefitPayload, 'benefit'> & { benefit: ResolversParentTypes['Benefit'] };
  UpdateTaskInput: UpdateTaskInput;
  VisitConditionInput: VisitConditionInput;
  Wallet: WalletRecord;
  WalletFreeze: WalletFreeze;
  Webhook: WebhookRecord;
  WebhookInput: WebhookInput;
}>;

export type AnalyticsResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['Analytics'] = ResolversParentTypes['Analytics']> = ResolversObject<{
  asOf?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  conversion?: Resolver<ResolversTypes['Conversion'], ParentType, ContextType>;
  daily?: Resolver<Array<ResolversTypes['AnalyticsDay']>, ParentType, ContextType>;
  databaseAsOf?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  members?: Resolver<ResolversTypes['AnalyticsMembers'], ParentType, ContextType>;
  penetration?: Resolver<ResolversTypes['Penetration'], ParentType, ContextType>;
  pointsLiability?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  referrals?: Resolver<ResolversTypes['ReferralCounts'], ParentType, ContextType>;
  renewalRate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  repurchaseRate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  storedValueFloat?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  storedValueFloatByIssuer?: Resolver<Array<ResolversTypes['IssuerBalance']>, ParentType, ContextType>;
  taskCompletions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tierDistribution?: Resolver<Array<ResolversTypes['TierCount']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type AnalyticsDayResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['AnalyticsDay'] = ResolversParentTypes['AnalyticsDay']> = ResolversObject<{
  date?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  newMembers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  paid?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  purchases?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type AnalyticsMembersResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['AnalyticsMembers'] = ResolversParentTypes['AnalyticsMembers']> = ResolversObject<{
  activeIn30Days?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  activeIn90Days?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  joinedInPeriod?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type AnalyticsRefreshRequestResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['AnalyticsRefreshRequest'] = ResolversParentTypes['AnalyticsRefreshRequest']> = ResolversObject<{
  requestedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type BadgeResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['Badge'] = ResolversParentTypes['Badge']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type BenefitResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['Benefit'] = ResolversParentTypes['Benefit']> = ResolversObject<{
  acceptedBy?: Resolver<Array<ResolversTypes['Merchant']>, ParentType, ContextType>;
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  costPerUse?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  count?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  couponTemplate?: Resolver<Maybe<ResolversTypes['CouponTemplate']>, ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  funders?: Resolver<Array<ResolversTypes['BenefitFunder']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['BenefitKind'], ParentType, ContextType>;
  maxDiscount?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  minOrder?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  monthlyBudget?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  occasion?: Resolver<Maybe<ResolversTypes['BenefitOccasion']>, ParentType, ContextType>;
  owner?: Resolver<Maybe<ResolversTypes['Merchant']>, ParentType, ContextType>;
  percentOff?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  plans?: Resolver<Array<ResolversTypes['MembershipPlan']>, ParentType, ContextType>;
  points?: Resolver<Maybe<ResolversTypes['Points']>, ParentType, ContextType>;
  tiers?: Resolver<Array<ResolversTypes['Tier']>, ParentType, ContextType>;
  usesPerMonth?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type BenefitFunderResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['BenefitFunder'] = ResolversParentTypes['BenefitFunder']> = ResolversObject<{
  merchant?: Resolver<Maybe<ResolversTypes['Merchant']>, ParentType, ContextType>;
  shareBps?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type BenefitRedemptionResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['BenefitRedemption'] = ResolversParentTypes['BenefitRedemption']> = ResolversObject<{
  benefit?: Resolver<ResolversTypes['Benefit'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type BenefitUsageResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['BenefitUsage'] = ResolversParentTypes['BenefitUsage']> = ResolversObject<{
  benefit?: Resolver<ResolversTypes['Benefit'], ParentType, ContextType>;
  budget?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  budgetUsed?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  cost?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  databaseAsOf?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  entitled?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  usageRateBps?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  users?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  uses?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type BuyMembershipPlanPayloadResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['BuyMembershipPlanPayload'] = ResolversParentTypes['BuyMembershipPlanPayload']> = ResolversObject<{
  member?: Resolver<ResolversTypes['Member'], ParentType, ContextType>;
  membershipPlan?: Resolver<ResolversTypes['PaidMembership'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CampaignResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['Campaign'] = ResolversParentTypes['Campaign']> = ResolversObject<{
  couponsRedeemed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  heldOut?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<Maybe<ResolversTypes['Merchant']>, ParentType, ContextType>;
  pointsGranted?: Resolver<ResolversTypes['Points'], ParentType, ContextType>;
  reached?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  results?: Resolver<Array<ResolversTypes['CampaignResult']>, ParentType, ContextType>;
  runAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CampaignStatus'], ParentType, ContextType>;
  trigger?: Resolver<ResolversTypes['CampaignTriggerKind'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CampaignGroupResultResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['CampaignGroupResult'] = ResolversParentTypes['CampaignGroupResult']> = ResolversObject<{
  buyers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  members?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  paid?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  purchases?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CampaignResultResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['CampaignResult'] = ResolversParentTypes['CampaignResult']> = ResolversObject<{
  control?: Resolver<ResolversTypes['CampaignGroupResult'], ParentType, ContextType>;
  days?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reached?: Resolver<ResolversTypes['CampaignGroupResult'], ParentType, ContextType>;
  upliftBps?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CatalogueItemResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['CatalogueItem'] = ResolversParentTypes['CatalogueItem']> = ResolversObject<{
  pointsPrice?: Resolver<ResolversTypes['Points'], ParentType, ContextType>;
  remaining?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  template?: Resolver<ResolversTypes['CouponTemplate'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CheckoutPayloadResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['CheckoutPayload'] = ResolversParentTypes['CheckoutPayload']> = ResolversObject<{
  amountDue?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  couponDiscount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  growthEarned?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  memberDiscount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  memberDiscountBenefit?: Resolver<Maybe<ResolversTypes['Benefit']>, ParentType, ContextType>;
  points?: Resolver<ResolversTypes['PointsAccount'], ParentType, ContextType>;
  pointsEarned?: Resolver<ResolversTypes['Points'], ParentType, ContextType>;
  pointsUsed?: Resolver<ResolversTypes['Points'], ParentType, ContextType>;
  pointsValue?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  referralConverted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  storedValueUsed?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  tasksCompleted?: Resolver<Array<ResolversTypes['TaskCompletion']>, ParentType, ContextType>;
  transaction?: Resolver<ResolversTypes['Transaction'], ParentType, ContextType>;
  wallet?: Resolver<ResolversTypes['Wallet'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ConversionResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['Conversion'] = ResolversParentTypes['Conversion']> = ResolversObject<{
  freeToPaid?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  registeredToFirstPurchase?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CouponResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['Coupon'] = ResolversParentTypes['Coupon']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  issuedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CouponStatus'], ParentType, ContextType>;
  template?: Resolver<ResolversTypes['CouponTemplate'], ParentType, ContextType>;
  validFrom?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  validUntil?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CouponFunderResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['CouponFunder'] = ResolversParentTypes['CouponFunder']> = ResolversObject<{
  merchant?: Resolver<Maybe<ResolversTypes['Merchant']>, ParentType, ContextType>;
  shareBps?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CouponTemplateResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['CouponTemplate'] = ResolversParentTypes['CouponTemplate']> = ResolversObject<{
  acceptedBy?: Resolver<Array<ResolversTypes['Merchant']>, ParentType, ContextType>;
  amountOff?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  budget?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  funders?: Resolver<Array<ResolversTypes['CouponFunder']>, ParentType, ContextType>;
  giftValue?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  issued?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['CouponKind'], ParentType, ContextType>;
  maxDiscount?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  minOrder?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<Maybe<ResolversTypes['Merchant']>, ParentType, ContextType>;
  perMemberLimit?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  percentOff?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  pointsPrice?: Resolver<Maybe<ResolversTypes['Points']>, ParentType, ContextType>;
  redeemed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  validDays?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  validFrom?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  validUntil?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CreateBenefitPayloadResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['CreateBenefitPayload'] = ResolversParentTypes['CreateBenefitPayload']> = ResolversObject<{
  benefit?: Resolver<ResolversTypes['Benefit'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CreateCampaignPayloadResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['CreateCampaignPayload'] = ResolversParentTypes['CreateCampaignPayload']> = ResolversObject<{
  campaign?: Resolver<ResolversTypes['Campaign'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CreateCouponTemplatePayloadResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['CreateCouponTemplatePayload'] = ResolversParentTypes['CreateCouponTemplatePayload']> = ResolversObject<{
  template?: Resolver<ResolversTypes['CouponTemplate'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type CreateTagRulePayloadResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['CreateTagRulePayload'] = ResolversParentTypes['CreateTagRulePayload']> = ResolversObject<{
  tag?: Resolver<ResolversTypes['Tag'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface DecimalScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Decimal'], any> {
  name: 'Decimal';
}

export type ExchangePointsPayloadResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['ExchangePointsPayload'] = ResolversParentTypes['ExchangePointsPayload']> = ResolversObject<{
  coupon?: Resolver<ResolversTypes['Coupon'], ParentType, ContextType>;
  points?: Resolver<ResolversTypes['PointsAccount'], ParentType, ContextType>;
  transaction?: Resolver<ResolversTypes['Transaction'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type HeldBenefitResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['HeldBenefit'] = ResolversParentTypes['HeldBenefit']> = ResolversObject<{
  benefit?: Resolver<ResolversTypes['Benefit'], ParentType, ContextType>;
  nextGrantAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['BenefitSource'], ParentType, ContextType>;
  usesLeftThisMonth?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type IssueCouponsPayloadResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['IssueCouponsPayload'] = ResolversParentTypes['IssueCouponsPayload']> = ResolversObject<{
  issued?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  skipped?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  template?: Resolver<ResolversTypes['CouponTemplate'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type IssuerBalanceResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['IssuerBalance'] = ResolversParentTypes['IssuerBalance']> = ResolversObject<{
  balance?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  issuer?: Resolver<Maybe<ResolversTypes['Merchant']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MemberResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['Member'] = ResolversParentTypes['Member']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Member']>, { __typename: 'Member' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  badges?: Resolver<Array<ResolversTypes['MemberBadge']>, ParentType, ContextType>;
  benefits?: Resolver<Array<ResolversTypes['HeldBenefit']>, ParentType, ContextType>;
  coupons?: Resolver<Array<ResolversTypes['Coupon']>, ParentType, ContextType, Partial<MemberCouponsArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  membershipPlan?: Resolver<Maybe<ResolversTypes['PaidMembership']>, ParentType, ContextType>;
  nextTierBenefits?: Resolver<Array<ResolversTypes['Benefit']>, ParentType, ContextType>;
  points?: Resolver<ResolversTypes['PointsAccount'], ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  tasks?: Resolver<Array<ResolversTypes['MemberTask']>, ParentType, ContextType>;
  tier?: Resolver<ResolversTypes['Tier'], ParentType, ContextType>;
  tierProgress?: Resolver<ResolversTypes['TierProgress'], ParentType, ContextType>;
  transactions?: Resolver<ResolversTypes['TransactionConnection'], ParentType, ContextType, RequireFields<MemberTransactionsArgs, 'first'>>;
  wallet?: Resolver<ResolversTypes['Wallet'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MemberBadgeResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['MemberBadge'] = ResolversParentTypes['MemberBadge']> = ResolversObject<{
  awardedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  badge?: Resolver<ResolversTypes['Badge'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MemberReferralResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['MemberReferral'] = ResolversParentTypes['MemberReferral']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['MemberReferral']>, { __typename: 'MemberReferral' } & GraphQLRecursivePick<ParentType, {"memberId":true}>, ContextType>;
  converted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  invited?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  memberId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  pointsEarned?: Resolver<ResolversTypes['Points'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MemberTaskResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['MemberTask'] = ResolversParentTypes['MemberTask']> = ResolversObject<{
  completedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  completionsInWindow?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  progressAmount?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  task?: Resolver<ResolversTypes['Task'], ParentType, ContextType>;
  windowEndsAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MembershipPlanResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['MembershipPlan'] = ResolversParentTypes['MembershipPlan']> = ResolversObject<{
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  benefits?: Resolver<Array<ResolversTypes['Benefit']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  period?: Resolver<ResolversTypes['PlanPeriod'], ParentType, ContextType>;
  pointsMultiplierBps?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  price?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MerchantResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['Merchant'] = ResolversParentTypes['Merchant']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Merchant']>, { __typename: 'Merchant' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  settlementTerms?: Resolver<ResolversTypes['SettlementTerms'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MerchantStatementResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['MerchantStatement'] = ResolversParentTypes['MerchantStatement']> = ResolversObject<{
  acquiredFromOthers?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  benefitCost?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  benefitCredit?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  bonusGranted?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  commission?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  couponCost?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  couponCredit?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  databaseAsOf?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  merchant?: Resolver<ResolversTypes['Merchant'], ParentType, ContextType>;
  net?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  outstandingFloat?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  period?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pointsCost?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  pointsCredit?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  pointsIssued?: Resolver<ResolversTypes['Points'], ParentType, ContextType>;
  pointsRedeemed?: Resolver<ResolversTypes['Points'], ParentType, ContextType>;
  redeemedElsewhere?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  redeemedOwnValue?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['SettlementStatus'], ParentType, ContextType>;
  topUps?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MoneyResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  currencyCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  buyMembershipPlan?: Resolver<ResolversTypes['BuyMembershipPlanPayload'], ParentType, ContextType, RequireFields<MutationBuyMembershipPlanArgs, 'input'>>;
  checkout?: Resolver<ResolversTypes['CheckoutPayload'], ParentType, ContextType, RequireFields<MutationCheckoutArgs, 'input'>>;
  createBenefit?: Resolver<ResolversTypes['CreateBenefitPayload'], ParentType, ContextType, RequireFields<MutationCreateBenefitArgs, 'input'>>;
  createCampaign?: Resolver<ResolversTypes['CreateCampaignPayload'], ParentType, ContextType, RequireFields<MutationCreateCampaignArgs, 'input'>>;
  createCouponTemplate?: Resolver<ResolversTypes['CreateCouponTemplatePayload'], ParentType, ContextType, RequireFields<MutationCreateCouponTemplateArgs, 'input'>>;
  createTagRule?: Resolver<ResolversTypes['CreateTagRulePayload'], ParentType, ContextType, RequireFields<MutationCreateTagRuleArgs, 'input'>>;
  createTask?: Resolver<ResolversTypes['TaskPayload'], ParentType, ContextType, RequireFields<MutationCreateTaskArgs, 'input'>>;
  exchangePoints?: Resolver<ResolversTypes['ExchangePointsPayload'], ParentType, ContextType, RequireFields<MutationExchangePointsArgs, 'input'>>;
  finalizeSettlement?: Resolver<ResolversTypes['SettlementRun'], ParentType, ContextType, RequireFields<MutationFinalizeSettlementArgs, 'id'>>;
  freezeWallet?: Resolver<ResolversTypes['Wallet'], ParentType, ContextType, Partial<MutationFreezeWalletArgs>>;
  issueCoupons?: Resolver<ResolversTypes['IssueCouponsPayload'], ParentType, ContextType, RequireFields<MutationIssueCouponsArgs, 'input'>>;
  issuePayCode?: Resolver<ResolversTypes['PayCode'], ParentType, ContextType>;
  redeemBenefit?: Resolver<ResolversTypes['RedeemBenefitPayload'], ParentType, ContextType, RequireFields<MutationRedeemBenefitArgs, 'input'>>;
  refreshAnalytics?: Resolver<ResolversTypes['AnalyticsRefreshRequest'], ParentType, ContextType>;
  refreshRfm?: Resolver<ResolversTypes['RfmRefreshRequest'], ParentType, ContextType>;
  refund?: Resolver<ResolversTypes['RefundPayload'], ParentType, ContextType, RequireFields<MutationRefundArgs, 'input'>>;
  runSettlement?: Resolver<ResolversTypes['SettlementRun'], ParentType, ContextType, RequireFields<MutationRunSettlementArgs, 'period'>>;
  setMembershipPlan?: Resolver<ResolversTypes['SetMembershipPlanPayload'], ParentType, ContextType, RequireFields<MutationSetMembershipPlanArgs, 'input'>>;
  setProgramme?: Resolver<ResolversTypes['SetProgrammePayload'], ParentType, ContextType, RequireFields<MutationSetProgrammeArgs, 'input'>>;
  setSettlementTerms?: Resolver<ResolversTypes['SetSettlementTermsPayload'], ParentType, ContextType, RequireFields<MutationSetSettlementTermsArgs, 'input'>>;
  setWebhook?: Resolver<ResolversTypes['SetWebhookPayload'], ParentType, ContextType, RequireFields<MutationSetWebhookArgs, 'input'>>;
  signIn?: Resolver<ResolversTypes['SignInPayload'], ParentType, ContextType>;
  tagMembers?: Resolver<ResolversTypes['TagMembersPayload'], ParentType, ContextType, RequireFields<MutationTagMembersArgs, 'input'>>;
  topUp?: Resolver<ResolversTypes['TopUpPayload'], ParentType, ContextType, RequireFields<MutationTopUpArgs, 'input'>>;
  unfreezeWallet?: Resolver<ResolversTypes['Wallet'], ParentType, ContextType, Partial<MutationUnfreezeWalletArgs>>;
  updateBenefit?: Resolver<ResolversTypes['UpdateBenefitPayload'], ParentType, ContextType, RequireFields<MutationUpdateBenefitArgs, 'id' | 'input'>>;
  updateTask?: Resolver<ResolversTypes['TaskPayload'], ParentType, ContextType, RequireFields<MutationUpdateTaskArgs, 'id' | 'input'>>;
}>;

export type PageInfoResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type PaidMembershipResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['PaidMembership'] = ResolversParentTypes['PaidMembership']> = ResolversObject<{
  plan?: Resolver<ResolversTypes['MembershipPlan'], ParentType, ContextType>;
  validUntil?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type PayCodeResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['PayCode'] = ResolversParentTypes['PayCode']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type PayCodeLookupResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['PayCodeLookup'] = ResolversParentTypes['PayCodeLookup']> = ResolversObject<{
  benefits?: Resolver<Array<ResolversTypes['HeldBenefit']>, ParentType, ContextType>;
  coupons?: Resolver<Array<ResolversTypes['Coupon']>, ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  member?: Resolver<ResolversTypes['Member'], ParentType, ContextType>;
  points?: Resolver<ResolversTypes['PointsAccount'], ParentType, ContextType>;
  wallet?: Resolver<ResolversTypes['Wallet'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type PenetrationResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['Penetration'] = ResolversParentTypes['Penetration']> = ResolversObject<{
  membersShare?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  purchasesShare?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export interface PointsScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Points'], any> {
  name: 'Points';
}

export type PointsAccountResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['PointsAccount'] = ResolversParentTypes['PointsAccount']> = ResolversObject<{
  balance?: Resolver<ResolversTypes['Points'], ParentType, ContextType>;
  nextExpiry?: Resolver<Maybe<ResolversTypes['PointsExpiry']>, ParentType, ContextType>;
  projection?: Resolver<ResolversTypes['PointsProjection'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type PointsExpiryResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['PointsExpiry'] = ResolversParentTypes['PointsExpiry']> = ResolversObject<{
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  points?: Resolver<ResolversTypes['Points'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type PointsProjectionResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['PointsProjection'] = ResolversParentTypes['PointsProjection']> = ResolversObject<{
  pointsPerYear?: Resolver<ResolversTypes['Points'], ParentType, ContextType>;
  valuePerYear?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  weeklySpend?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type PositionCellResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['PositionCell'] = ResolversParentTypes['PositionCell']> = ResolversObject<{
  acquirer?: Resolver<Maybe<ResolversTypes['Merchant']>, ParentType, ContextType>;
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  issuer?: Resolver<Maybe<ResolversTypes['Merchant']>, ParentType, ContextType>;
  positions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type PositionMatrixResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['PositionMatrix'] = ResolversParentTypes['PositionMatrix']> = ResolversObject<{
  acquirers?: Resolver<Array<ResolversTypes['Merchant']>, ParentType, ContextType>;
  cells?: Resolver<Array<ResolversTypes['PositionCell']>, ParentType, ContextType>;
  issuers?: Resolver<Array<ResolversTypes['Merchant']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ProgrammeResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['Programme'] = ResolversParentTypes['Programme']> = ResolversObject<{
  cycle?: Resolver<ResolversTypes['ProgrammeCycle'], ParentType, ContextType>;
  growthPerYuan?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  growthPerYuanTopUp?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  plans?: Resolver<Array<ResolversTypes['MembershipPlan']>, ParentType, ContextType>;
  pointsPerYuanBurn?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  referral?: Resolver<ResolversTypes['ReferralRules'], ParentType, ContextType>;
  signInGrowth?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  signInPoints?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tiers?: Resolver<Array<ResolversTypes['Tier']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  analytics?: Resolver<ResolversTypes['Analytics'], ParentType, ContextType, RequireFields<QueryAnalyticsArgs, 'from' | 'to'>>;
  benefitUsage?: Resolver<Array<ResolversTypes['BenefitUsage']>, ParentType, ContextType, RequireFields<QueryBenefitUsageArgs, 'month'>>;
  benefits?: Resolver<Array<ResolversTypes['Benefit']>, ParentType, ContextType, Partial<QueryBenefitsArgs>>;
  campaign?: Resolver<Maybe<ResolversTypes['Campaign']>, ParentType, ContextType, RequireFields<QueryCampaignArgs, 'id'>>;
  campaigns?: Resolver<Array<ResolversTypes['Campaign']>, ParentType, ContextType>;
  couponTemplate?: Resolver<Maybe<ResolversTypes['CouponTemplate']>, ParentType, ContextType, RequireFields<QueryCouponTemplateArgs, 'id'>>;
  couponTemplates?: Resolver<Array<ResolversTypes['CouponTemplate']>, ParentType, ContextType>;
  myStatement?: Resolver<Maybe<ResolversTypes['MerchantStatement']>, ParentType, ContextType, RequireFields<QueryMyStatementArgs, 'period'>>;
  payCode?: Resolver<ResolversTypes['PayCodeLookup'], ParentType, ContextType, RequireFields<QueryPayCodeArgs, 'code'>>;
  programme?: Resolver<ResolversTypes['Programme'], ParentType, ContextType>;
  rewardsCatalogue?: Resolver<Array<ResolversTypes['CatalogueItem']>, ParentType, ContextType>;
  rfm?: Resolver<ResolversTypes['Rfm'], ParentType, ContextType, Partial<QueryRfmArgs>>;
  settlement?: Resolver<Maybe<ResolversTypes['SettlementRun']>, ParentType, ContextType, RequireFields<QuerySettlementArgs, 'period'>>;
  tags?: Resolver<Array<ResolversTypes['Tag']>, ParentType, ContextType>;
  task?: Resolver<Maybe<ResolversTypes['Task']>, ParentType, ContextType, RequireFields<QueryTaskArgs, 'id'>>;
  tasks?: Resolver<Array<ResolversTypes['Task']>, ParentType, ContextType, Partial<QueryTasksArgs>>;
  tierBenefitCost?: Resolver<Array<ResolversTypes['TierBenefitCost']>, ParentType, ContextType, RequireFields<QueryTierBenefitCostArgs, 'month'>>;
  transaction?: Resolver<Maybe<ResolversTypes['Transaction']>, ParentType, ContextType, RequireFields<QueryTransactionArgs, 'id'>>;
}>;

export type RedeemBenefitPayloadResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['RedeemBenefitPayload'] = ResolversParentTypes['RedeemBenefitPayload']> = ResolversObject<{
  redemption?: Resolver<ResolversTypes['BenefitRedemption'], ParentType, ContextType>;
  usesLeftThisMonth?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ReferralCountsResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['ReferralCounts'] = ResolversParentTypes['ReferralCounts']> = ResolversObject<{
  converted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  invited?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  pointsGranted?: Resolver<ResolversTypes['Points'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ReferralRulesResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['ReferralRules'] = ResolversParentTypes['ReferralRules']> = ResolversObject<{
  inviteePoints?: Resolver<ResolversTypes['Points'], ParentType, ContextType>;
  inviterPoints?: Resolver<ResolversTypes['Points'], ParentType, ContextType>;
  minFirstPurchase?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  monthlyCap?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  windowDays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type RefundPayloadResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['RefundPayload'] = ResolversParentTypes['RefundPayload']> = ResolversObject<{
  amountDueBack?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  couponRestored?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  growthTakenBack?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  memberDiscountBack?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  points?: Resolver<ResolversTypes['PointsAccount'], ParentType, ContextType>;
  pointsRestored?: Resolver<ResolversTypes['Points'], ParentType, ContextType>;
  pointsTakenBack?: Resolver<ResolversTypes['Points'], ParentType, ContextType>;
  rewardsTakenBack?: Resolver<ResolversTypes['RewardsTakenBack'], ParentType, ContextType>;
  storedValueBack?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  transaction?: Resolver<ResolversTypes['Transaction'], ParentType, ContextType>;
  wallet?: Resolver<ResolversTypes['Wallet'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type RewardsTakenBackResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['RewardsTakenBack'] = ResolversParentTypes['RewardsTakenBack']> = ResolversObject<{
  couponsVoided?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  growth?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  points?: Resolver<ResolversTypes['Points'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type RfmResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['Rfm'] = ResolversParentTypes['Rfm']> = ResolversObject<{
  asOf?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  averages?: Resolver<ResolversTypes['RfmAverages'], ParentType, ContextType>;
  databaseAsOf?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  segments?: Resolver<Array<ResolversTypes['RfmSegmentCount']>, ParentType, ContextType>;
  windowDays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type RfmAveragesResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['RfmAverages'] = ResolversParentTypes['RfmAverages']> = ResolversObject<{
  frequency?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  monetary?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  recencyDays?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type RfmRefreshRequestResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['RfmRefreshRequest'] = ResolversParentTypes['RfmRefreshRequest']> = ResolversObject<{
  requestedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type RfmSegmentCountResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['RfmSegmentCount'] = ResolversParentTypes['RfmSegmentCount']> = ResolversObject<{
  members?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  segment?: Resolver<ResolversTypes['RfmSegment'], ParentType, ContextType>;
  share?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SetMembershipPlanPayloadResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['SetMembershipPlanPayload'] = ResolversParentTypes['SetMembershipPlanPayload']> = ResolversObject<{
  plan?: Resolver<ResolversTypes['MembershipPlan'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SetProgrammePayloadResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['SetProgrammePayload'] = ResolversParentTypes['SetProgrammePayload']> = ResolversObject<{
  programme?: Resolver<ResolversTypes['Programme'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SetSettlementTermsPayloadResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['SetSettlementTermsPayload'] = ResolversParentTypes['SetSettlementTermsPayload']> = ResolversObject<{
  merchant?: Resolver<ResolversTypes['Merchant'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SetWebhookPayloadResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['SetWebhookPayload'] = ResolversParentTypes['SetWebhookPayload']> = ResolversObject<{
  signingSecret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  webhook?: Resolver<ResolversTypes['Webhook'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SettlementPositionResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['SettlementPosition'] = ResolversParentTypes['SettlementPosition']> = ResolversObject<{
  acquirer?: Resolver<ResolversTypes['Merchant'], ParentType, ContextType>;
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  commission?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  issuer?: Resolver<ResolversTypes['Merchant'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SettlementPositionConnectionResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['SettlementPositionConnection'] = ResolversParentTypes['SettlementPositionConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['SettlementPositionEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SettlementPositionEdgeResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['SettlementPositionEdge'] = ResolversParentTypes['SettlementPositionEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['SettlementPosition'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SettlementRunResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['SettlementRun'] = ResolversParentTypes['SettlementRun']> = ResolversObject<{
  computedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  databaseAsOf?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  endsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  finalizedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  period?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  positionMatrix?: Resolver<ResolversTypes['PositionMatrix'], ParentType, ContextType, RequireFields<SettlementRunPositionMatrixArgs, 'top'>>;
  positionPage?: Resolver<ResolversTypes['SettlementPositionConnection'], ParentType, ContextType, RequireFields<SettlementRunPositionPageArgs, 'first'>>;
  positions?: Resolver<Array<ResolversTypes['SettlementPosition']>, ParentType, ContextType>;
  startsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  statements?: Resolver<Array<ResolversTypes['MerchantStatement']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['SettlementStatus'], ParentType, ContextType>;
  timeZone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  totals?: Resolver<ResolversTypes['SettlementTotals'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SettlementTermsResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['SettlementTerms'] = ResolversParentTypes['SettlementTerms']> = ResolversObject<{
  burnValuePer100Points?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  canAccept?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  canIssue?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  commissionBps?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  earnCostPer100Points?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  effectiveFrom?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  pointsPerYuan?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SettlementTotalsResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['SettlementTotals'] = ResolversParentTypes['SettlementTotals']> = ResolversObject<{
  benefitCostsFundedByHq?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  bonusGranted?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  commission?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  couponDiscountsFundedByHq?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  crossRedemptions?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  hqIncome?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  pointsCost?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  pointsCredit?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  pointsExpired?: Resolver<ResolversTypes['Points'], ParentType, ContextType>;
  pointsGrantedByHq?: Resolver<ResolversTypes['Points'], ParentType, ContextType>;
  pointsIssued?: Resolver<ResolversTypes['Points'], ParentType, ContextType>;
  pointsLiability?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  pointsOutstanding?: Resolver<ResolversTypes['Points'], ParentType, ContextType>;
  pointsRedeemed?: Resolver<ResolversTypes['Points'], ParentType, ContextType>;
  topUps?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SignInPayloadResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['SignInPayload'] = ResolversParentTypes['SignInPayload']> = ResolversObject<{
  growthEarned?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  member?: Resolver<ResolversTypes['Member'], ParentType, ContextType>;
  pointsEarned?: Resolver<ResolversTypes['Points'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type StoreResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['Store'] = ResolversParentTypes['Store']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Store']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type TagResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['Tag'] = ResolversParentTypes['Tag']> = ResolversObject<{
  kind?: Resolver<ResolversTypes['TagKind'], ParentType, ContextType>;
  members?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type TagMembersPayloadResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['TagMembersPayload'] = ResolversParentTypes['TagMembersPayload']> = ResolversObject<{
  tag?: Resolver<ResolversTypes['Tag'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type TaskResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['Task'] = ResolversParentTypes['Task']> = ResolversObject<{
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  activeFrom?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  activeUntil?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  completions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  goal?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  goalAmount?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  growthGranted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['TaskKind'], ParentType, ContextType>;
  members?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  minPaid?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<Maybe<ResolversTypes['Merchant']>, ParentType, ContextType>;
  pointsGranted?: Resolver<ResolversTypes['Points'], ParentType, ContextType>;
  reward?: Resolver<ResolversTypes['TaskReward'], ParentType, ContextType>;
  window?: Resolver<ResolversTypes['TaskWindow'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type TaskCompletionResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['TaskCompletion'] = ResolversParentTypes['TaskCompletion']> = ResolversObject<{
  growth?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  points?: Resolver<ResolversTypes['Points'], ParentType, ContextType>;
  task?: Resolver<ResolversTypes['Task'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type TaskPayloadResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['TaskPayload'] = ResolversParentTypes['TaskPayload']> = ResolversObject<{
  task?: Resolver<ResolversTypes['Task'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type TaskRewardResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['TaskReward'] = ResolversParentTypes['TaskReward']> = ResolversObject<{
  badge?: Resolver<Maybe<ResolversTypes['Badge']>, ParentType, ContextType>;
  couponTemplate?: Resolver<Maybe<ResolversTypes['CouponTemplate']>, ParentType, ContextType>;
  growth?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  points?: Resolver<ResolversTypes['Points'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type TierResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['Tier'] = ResolversParentTypes['Tier']> = ResolversObject<{
  badge?: Resolver<Maybe<ResolversTypes['Badge']>, ParentType, ContextType>;
  benefits?: Resolver<Array<ResolversTypes['Benefit']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pointsMultiplierBps?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  threshold?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  upgradeGiftCouponTemplate?: Resolver<Maybe<ResolversTypes['CouponTemplate']>, ParentType, ContextType>;
  upgradeGiftPoints?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type TierBenefitCostResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['TierBenefitCost'] = ResolversParentTypes['TierBenefitCost']> = ResolversObject<{
  benefitCost?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  costRateBps?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  databaseAsOf?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  paid?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  tier?: Resolver<ResolversTypes['Tier'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type TierCountResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['TierCount'] = ResolversParentTypes['TierCount']> = ResolversObject<{
  members?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tier?: Resolver<ResolversTypes['Tier'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type TierProgressResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['TierProgress'] = ResolversParentTypes['TierProgress']> = ResolversObject<{
  cycleEndsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  cycleStartsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  growth?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  growthToNextTier?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  keepsTier?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  nextTier?: Resolver<Maybe<ResolversTypes['Tier']>, ParentType, ContextType>;
  weeksToNextTier?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type TopUpPayloadResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['TopUpPayload'] = ResolversParentTypes['TopUpPayload']> = ResolversObject<{
  growthEarned?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  transaction?: Resolver<ResolversTypes['Transaction'], ParentType, ContextType>;
  wallet?: Resolver<ResolversTypes['Wallet'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type TransactionResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['Transaction'] = ResolversParentTypes['Transaction']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  amountDue?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  bonus?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  couponDiscount?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  growth?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['TransactionKind'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  orderAmount?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  orderRef?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  pointsChange?: Resolver<ResolversTypes['Points'], ParentType, ContextType>;
  pointsEarned?: Resolver<Maybe<ResolversTypes['Points']>, ParentType, ContextType>;
  pointsUsed?: Resolver<Maybe<ResolversTypes['Points']>, ParentType, ContextType>;
  pointsValue?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  principal?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  refundOf?: Resolver<Maybe<ResolversTypes['Transaction']>, ParentType, ContextType>;
  store?: Resolver<Maybe<ResolversTypes['Store']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type TransactionConnectionResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['TransactionConnection'] = ResolversParentTypes['TransactionConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['TransactionEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type TransactionEdgeResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['TransactionEdge'] = ResolversParentTypes['TransactionEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Transaction'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type UpdateBenefitPayloadResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['UpdateBenefitPayload'] = ResolversParentTypes['UpdateBenefitPayload']> = ResolversObject<{
  benefit?: Resolver<ResolversTypes['Benefit'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type WalletResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['Wallet'] = ResolversParentTypes['Wallet']> = ResolversObject<{
  balance?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  balanceByIssuer?: Resolver<Array<ResolversTypes['IssuerBalance']>, ParentType, ContextType>;
  freezes?: Resolver<Array<ResolversTypes['WalletFreeze']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['WalletStatus'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type WalletFreezeResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['WalletFreeze'] = ResolversParentTypes['WalletFreeze']> = ResolversObject<{
  reason?: Resolver<ResolversTypes['FreezeReason'], ParentType, ContextType>;
  since?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type WebhookResolvers<ContextType = WalletContext, ParentType extends ResolversParentTypes['Webhook'] = ResolversParentTypes['Webhook']> = ResolversObject<{
  events?: Resolver<Array<ResolversTypes['WebhookEvent']>, ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type Resolvers<ContextType = WalletContext> = ResolversObject<{
  Analytics?: AnalyticsResolvers<ContextType>;
  AnalyticsDay?: AnalyticsDayResolvers<ContextType>;
  AnalyticsMembers?: AnalyticsMembersResolvers<ContextType>;
  AnalyticsRefreshRequest?: AnalyticsRefreshRequestResolvers<ContextType>;
  Badge?: BadgeResolvers<ContextType>;
  Benefit?: BenefitResolvers<ContextType>;
  BenefitFunder?: BenefitFunderResolvers<ContextType>;
  BenefitRedemption?: BenefitRedemptionResolvers<ContextType>;
  BenefitUsage?: BenefitUsageResolvers<ContextType>;
  BuyMembershipPlanPayload?: BuyMembershipPlanPayloadResolvers<ContextType>;
  Campaign?: CampaignResolvers<ContextType>;
  CampaignGroupResult?: CampaignGroupResultResolvers<ContextType>;
  CampaignResult?: CampaignResultResolvers<ContextType>;
  CatalogueItem?: CatalogueItemResolvers<ContextType>;
  CheckoutPayload?: CheckoutPayloadResolvers<ContextType>;
  Conversion?: ConversionResolvers<ContextType>;
  Coupon?: CouponResolvers<ContextType>;
  CouponFunder?: CouponFunderResolvers<ContextType>;
  CouponTemplate?: CouponTemplateResolvers<ContextType>;
  CreateBenefitPayload?: CreateBenefitPayloadResolvers<ContextType>;
  CreateCampaignPayload?: CreateCampaignPayloadResolvers<ContextType>;
  CreateCouponTemplatePayload?: CreateCouponTemplatePayloadResolvers<ContextType>;
  CreateTagRulePayload?: CreateTagRulePayloadResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Decimal?: GraphQLScalarType;
  ExchangePointsPayload?: ExchangePointsPayloadResolvers<ContextType>;
  HeldBenefit?: HeldBenefitResolvers<ContextType>;
  IssueCouponsPayload?: IssueCouponsPayloadResolvers<ContextType>;
  IssuerBalance?: IssuerBalanceResolvers<ContextType>;
  Member?: MemberResolvers<ContextType>;
  MemberBadge?: MemberBadgeResolvers<ContextType>;
  MemberReferral?: MemberReferralResolvers<ContextType>;
  MemberTask?: MemberTaskResolvers<ContextType>;
  MembershipPlan?: MembershipPlanResolvers<ContextType>;
  Merchant?: MerchantResolvers<ContextType>;
  MerchantStatement?: MerchantStatementResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PaidMembership?: PaidMembershipResolvers<ContextType>;
  PayCode?: PayCodeResolvers<ContextType>;
  PayCodeLookup?: PayCodeLookupResolvers<ContextType>;
  Penetration?: PenetrationResolvers<ContextType>;
  Points?: GraphQLScalarType;
  PointsAccount?: PointsAccountResolvers<ContextType>;
  PointsExpiry?: PointsExpiryResolvers<ContextType>;
  PointsProjection?: PointsProjectionResolvers<ContextType>;
  PositionCell?: PositionCellResolvers<ContextType>;
  PositionMatrix?: PositionMatrixResolvers<ContextType>;
  Programme?: ProgrammeResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RedeemBenefitPayload?: RedeemBenefitPayloadResolvers<ContextType>;
  ReferralCounts?: ReferralCountsResolvers<ContextType>;
  ReferralRules?: ReferralRulesResolvers<ContextType>;
  RefundPayload?: RefundPayloadResolvers<ContextType>;
  RewardsTakenBack?: RewardsTakenBackResolvers<ContextType>;
  Rfm?: RfmResolvers<ContextType>;
  RfmAverages?: RfmAveragesResolvers<ContextType>;
  RfmRefreshRequest?: RfmRefreshRequestResolvers<ContextType>;
  RfmSegmentCount?: RfmSegmentCountResolvers<ContextType>;
  SetMembershipPlanPayload?: SetMembershipPlanPayloadResolvers<ContextType>;
  SetProgrammePayload?: SetProgrammePayloadResolvers<ContextType>;
  SetSettlementTermsPayload?: SetSettlementTermsPayloadResolvers<ContextType>;
  SetWebhookPayload?: SetWebhookPayloadResolvers<ContextType>;
  SettlementPosition?: SettlementPositionResolvers<ContextType>;
  SettlementPositionConnection?: SettlementPositionConnectionResolvers<ContextType>;
  SettlementPositionEdge?: SettlementPositionEdgeResolvers<ContextType>;
  SettlementRun?: SettlementRunResolvers<ContextType>;
  SettlementTerms?: SettlementTermsResolvers<ContextType>;
  SettlementTotals?: SettlementTotalsResolvers<ContextType>;
  SignInPayload?: SignInPayloadResolvers<ContextType>;
  Store?: StoreResolvers<ContextType>;
  Tag?: TagResolvers<ContextType>;
  TagMembersPayload?: TagMembersPayloadResolvers<ContextType>;
  Task?: TaskResolvers<ContextType>;
  TaskCompletion?: TaskCompletionResolvers<ContextType>;
  TaskPayload?: TaskPayloadResolvers<ContextType>;
  TaskReward?: TaskRewardResolvers<ContextType>;
  Tier?: TierResolvers<ContextType>;
  TierBenefitCost?: TierBenefitCostResolvers<ContextType>;
  TierCount?: TierCountResolvers<ContextType>;
  TierProgress?: TierProgressResolvers<ContextType>;
  TopUpPayload?: TopUpPayloadResolvers<ContextType>;
  Transaction?: TransactionResolvers<ContextType>;
  TransactionConnection?: TransactionConnectionResolvers<ContextType>;
  TransactionEdge?: TransactionEdgeResolvers<ContextType>;
  UpdateBenefitPayload?: UpdateBenefitPayloadResolvers<ContextType>;
  Wallet?: WalletResolvers<ContextType>;
  WalletFreeze?: WalletFreezeResolvers<ContextType>;
  Webhook?: WebhookResolvers<ContextType>;
}>;

