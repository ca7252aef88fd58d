/* eslint-disable */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar date, e.g. 1990-05-17 */
  Date: { input: string; output: string; }
  /** An ISO-8601 instant, e.g. 2026-10-31T16:00:00.000Z */
  DateTime: { input: string; output: string; }
  /** An exact decimal amount as a string, at most two decimals: "123.45" */
  Decimal: { input: string; output: string; }
  /** Whole points, as a JSON number (exact: a total past 2^53 is an error, never rounded). */
  Points: { input: number; output: number; }
  join__DirectiveArguments: { input: any; output: any; }
  join__FieldSet: { input: any; output: any; }
  join__FieldValue: { input: any; output: any; }
  link__Import: { input: any; output: any; }
};

export type ApiClientKind =
  | 'HQ'
  | 'MERCHANT'
  | 'TERMINAL';

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

/** The changes the audit log records, by the mutation that makes them. */
export type AuditAction =
  | 'createApiClient'
  | 'createBenefit'
  | 'createCampaign'
  | 'createCouponTemplate'
  | 'createMemberSession'
  | 'createMerchant'
  | 'createStore'
  | 'createTagRule'
  | 'createTask'
  | 'eraseMember'
  | 'finalizeSettlement'
  | 'freezeWallet'
  | 'issueCoupons'
  | 'reportCardLost'
  | 'revokeApiClient'
  | 'runSettlement'
  | 'setMarketingConsent'
  | 'setMembershipPlan'
  | 'setProgramme'
  | 'setSettlementTerms'
  | 'setWebhook'
  | 'tagMembers'
  | 'unfreezeWallet'
  | 'updateBenefit'
  | 'updateTask';

export type BadgeInput = {
  /** Capital letters, digits and _, up to 32. A code already defined must come with its name. */
  code: Scalars['String']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
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

export type BenefitSource =
  | 'PLAN'
  | 'TIER';

export type BuyMembershipPlanInput = {
  idempotencyKey: Scalars['String']['input'];
  /** The brand app's reference of the payment made outside the hub; one purchase per reference. */
  paymentRef: Scalars['String']['input'];
  planCode: Scalars['String']['input'];
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

export type CardStatus =
  | 'ACTIVE'
  | 'CLOSED'
  | 'FROZEN'
  | 'LOST';

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

export type CreateApiClientInput = {
  kind: ApiClientKind;
  label: Scalars['String']['input'];
  /** Required for MERCHANT and TERMINAL clients. */
  merchantId?: InputMaybe<Scalars['ID']['input']>;
  /** Required for TERMINAL clients: the store the terminal stands in. */
  storeId?: InputMaybe<Scalars['ID']['input']>;
};

export type CreateMerchantInput = {
  kind: MerchantKind;
  name: Scalars['String']['input'];
};

export type CreateStoreInput = {
  city: Scalars['String']['input'];
  merchantId: Scalars['ID']['input'];
  name: Scalars['String']['input'];
};

export type ExchangePointsInput = {
  idempotencyKey: Scalars['String']['input'];
  templateId: Scalars['ID']['input'];
};

/** Who froze a wallet: the member itself, HQ, or the member's erasure. */
export type FreezeReason =
  | 'ERASURE'
  | 'HQ'
  | 'MEMBER';

export type IssueCouponsInput = {
  audience?: InputMaybe<AudienceInput>;
  idempotencyKey: Scalars['String']['input'];
  /** Named members (at most 10000), or an audience. */
  memberIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  templateId: Scalars['ID']['input'];
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

export type MerchantKind =
  /** An allied business. */
  | 'ALLY'
  /** A chain with many stores. */
  | 'BRAND';

export type MoneyInput = {
  amount: Scalars['Decimal']['input'];
  /** Defaults to the coalition currency (CNY). */
  currencyCode?: InputMaybe<Scalars['String']['input']>;
};

export type PlanPeriod =
  | 'MONTH'
  | 'QUARTER'
  | 'YEAR';

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

export type RedeemBenefitInput = {
  benefitId: Scalars['ID']['input'];
  idempotencyKey: Scalars['String']['input'];
  payCode: Scalars['String']['input'];
  storeId: Scalars['ID']['input'];
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

export type RefundInput = {
  idempotencyKey: Scalars['String']['input'];
  /** The part of the order amount returned (the price of the goods brought back). */
  orderAmount: MoneyInput;
  /** The checkout to refund. */
  transactionId: Scalars['ID']['input'];
};

export type RegisterMemberInput = {
  birthday?: InputMaybe<Scalars['Date']['input']>;
  /** The member's marketing consent, asked at the till; not given if absent. */
  marketingConsent?: InputMaybe<Scalars['Boolean']['input']>;
  name: Scalars['String']['input'];
  /** Mainland mobile number; spaces, dashes and a +86 prefix are accepted. */
  phone: Scalars['String']['input'];
  /** The code of the member who invited this one, in any case; an unknown code registers nobody (BAD_USER_INPUT on referralCode). */
  referralCode?: InputMaybe<Scalars['String']['input']>;
  storeId: Scalars['ID']['input'];
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

export type Role =
  | 'HQ'
  | 'MEMBER'
  | 'MERCHANT'
  | 'TERMINAL';

export type SettlementStatus =
  | 'DRAFT'
  | 'FINALIZED';

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

export type SpendConditionInput = {
  amount: MoneyInput;
  days: Scalars['Int']['input'];
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

/** Left out, a field stays as it is; activeUntil null removes the end. */
export type UpdateTaskInput = {
  active?: InputMaybe<Scalars['Boolean']['input']>;
  activeUntil?: InputMaybe<Scalars['DateTime']['input']>;
};

export type VisitConditionInput = {
  count: Scalars['Int']['input'];
  days: Scalars['Int']['input'];
};

export type WalletStatus =
  | 'ACTIVE'
  | 'FROZEN';

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

export type Join__ContextArgument = {
  context: Scalars['String']['input'];
  name: Scalars['String']['input'];
  selection: Scalars['join__FieldValue']['input'];
  type: Scalars['String']['input'];
};

export type Join__Graph =
  | 'MEMBER'
  | 'MERCHANT'
  | 'WALLET';

export type Link__Purpose =
  /** `EXECUTION` features provide metadata necessary for operation execution. */
  | 'EXECUTION'
  /** `SECURITY` features provide metadata necessary to securely resolve fields. */
  | 'SECURITY';

export type ConsoleAuthenticateMutationVariables = Exact<{
  clientId: Scalars['ID']['input'];
  clientSecret: Scalars['String']['input'];
}>;


export type ConsoleAuthenticateMutation = { __typename?: 'Mutation', authenticate: { __typename?: 'AuthPayload', token: string, expiresAt: string, role: Role } };

export type ConsoleMerchantsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleMerchantsQuery = { __typename?: 'Query', merchants: Array<{ __typename?: 'Merchant', id: string, name: string, kind: MerchantKind }> };

export type ConsoleBenefitsQueryVariables = Exact<{
  month: Scalars['String']['input'];
}>;


export type ConsoleBenefitsQuery = { __typename?: 'Query', benefitUsage: Array<{ __typename?: 'BenefitUsage', entitled: number, users: number, uses: number, usageRateBps: number | null, benefit: { __typename?: 'Benefit', id: string, name: string, kind: BenefitKind, owner: { __typename?: 'Merchant', id: string, name: string } | null }, cost: { __typename?: 'Money', amount: string }, budget: { __typename?: 'Money', amount: string } | null, budgetUsed: { __typename?: 'Money', amount: string } }>, tierBenefitCost: Array<{ __typename?: 'TierBenefitCost', costRateBps: number | null, databaseAsOf: string, tier: { __typename?: 'Tier', code: string, name: string }, benefitCost: { __typename?: 'Money', amount: string }, paid: { __typename?: 'Money', amount: string } }>, tasks: Array<{ __typename?: 'Task', id: string, name: string, kind: TaskKind, goal: number | null, window: TaskWindow, active: boolean, completions: number, members: number, pointsGranted: number, growthGranted: number, owner: { __typename?: 'Merchant', id: string, name: string } | null }>, benefits: Array<{ __typename?: 'Benefit', id: string, name: string, kind: BenefitKind, active: boolean, owner: { __typename?: 'Merchant', id: string, name: string } | null, tiers: Array<{ __typename?: 'Tier', code: string }>, plans: Array<{ __typename?: 'MembershipPlan', code: string }> }>, programme: { __typename?: 'Programme', tiers: Array<{ __typename?: 'Tier', code: string, name: string }>, plans: Array<{ __typename?: 'MembershipPlan', code: string, name: string }> }, couponTemplates: Array<{ __typename?: 'CouponTemplate', id: string, name: string, owner: { __typename?: 'Merchant', id: string } | null }>, merchants: Array<{ __typename?: 'Merchant', id: string, name: string }> };

export type ConsoleMarketingQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleMarketingQuery = { __typename?: 'Query', couponTemplates: Array<{ __typename?: 'CouponTemplate', id: string, name: string, kind: CouponKind, issued: number, budget: number, redeemed: number, pointsPrice: number | null, owner: { __typename?: 'Merchant', id: string, name: string } | null }>, campaigns: Array<{ __typename?: 'Campaign', id: string, name: string, status: CampaignStatus, trigger: CampaignTriggerKind, reached: number, heldOut: number, couponsRedeemed: number, pointsGranted: number, runAt: string }>, tags: Array<{ __typename?: 'Tag', name: string, kind: TagKind, members: number }>, merchants: Array<{ __typename?: 'Merchant', id: string, name: string }>, rfm: { __typename?: 'Rfm', asOf: string, windowDays: number, averages: { __typename?: 'RfmAverages', recencyDays: number, frequency: number, monetary: { __typename?: 'Money', amount: string } }, segments: Array<{ __typename?: 'RfmSegmentCount', segment: RfmSegment, name: string, members: number, share: number }> } };

export type ConsoleIssueCouponsMutationVariables = Exact<{
  input: IssueCouponsInput;
}>;


export type ConsoleIssueCouponsMutation = { __typename?: 'Mutation', issueCoupons: { __typename?: 'IssueCouponsPayload', issued: number, skipped: number, template: { __typename?: 'CouponTemplate', id: string, issued: number, budget: number } } };

export type ConsoleCampaignResultsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ConsoleCampaignResultsQuery = { __typename?: 'Query', campaign: { __typename?: 'Campaign', id: string, name: string, reached: number, heldOut: number, results: Array<{ __typename?: 'CampaignResult', days: number, upliftBps: number | null, reached: { __typename?: 'CampaignGroupResult', members: number, buyers: number, purchases: number, paid: { __typename?: 'Money', amount: string } }, control: { __typename?: 'CampaignGroupResult', members: number, buyers: number, purchases: number, paid: { __typename?: 'Money', amount: string } } }> } | null };

export type ConsoleMemberQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ConsoleMemberQuery = { __typename?: 'Query', member: { __typename?: 'Member', id: string, displayName: string, phone: string | null, birthday: string | null, registeredAt: string, tags: Array<string>, card: { __typename?: 'Card', number: string, status: CardStatus }, registeredStore: { __typename?: 'Store', name: string }, joinedMerchants: Array<{ __typename?: 'Merchant', id: string, name: string }>, tier: { __typename?: 'Tier', code: string, name: string }, tierProgress: { __typename?: 'TierProgress', growth: number, growthToNextTier: number | null, cycleEndsAt: string, keepsTier: boolean, nextTier: { __typename?: 'Tier', name: string } | null }, points: { __typename?: 'PointsAccount', balance: number, value: { __typename?: 'Money', amount: string }, nextExpiry: { __typename?: 'PointsExpiry', points: number, expiresAt: string } | null }, coupons: Array<{ __typename?: 'Coupon', id: string, status: CouponStatus, validUntil: string, template: { __typename?: 'CouponTemplate', name: string } }>, wallet: { __typename?: 'Wallet', status: WalletStatus, balance: { __typename?: 'Money', amount: string }, balanceByIssuer: Array<{ __typename?: 'IssuerBalance', issuer: { __typename?: 'Merchant', id: string, name: string } | null, balance: { __typename?: 'Money', amount: string } }> }, membershipPlan: { __typename?: 'PaidMembership', validUntil: string, plan: { __typename?: 'MembershipPlan', name: string } } | null, benefits: Array<{ __typename?: 'HeldBenefit', source: BenefitSource, usesLeftThisMonth: number | null, nextGrantAt: string | null, benefit: { __typename?: 'Benefit', id: string, name: string, kind: BenefitKind } }>, nextTierBenefits: Array<{ __typename?: 'Benefit', id: string, name: string, kind: BenefitKind }>, tasks: Array<{ __typename?: 'MemberTask', progress: number, completionsInWindow: number, completedAt: string | null, windowEndsAt: string | null, task: { __typename?: 'Task', id: string, name: string, kind: TaskKind, goal: number | null, goalAmount: { __typename?: 'Money', amount: string } | null }, progressAmount: { __typename?: 'Money', amount: string } | null }>, badges: Array<{ __typename?: 'MemberBadge', awardedAt: string, badge: { __typename?: 'Badge', code: string, name: string } }>, transactions: { __typename?: 'TransactionConnection', edges: Array<{ __typename?: 'TransactionEdge', node: { __typename?: 'Transaction', id: string, kind: TransactionKind, occurredAt: string, pointsChange: number, amount: { __typename?: 'Money', amount: string }, store: { __typename?: 'Store', name: string } | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } } | null };

export type ConsoleTransactionFragment = { __typename?: 'Transaction', id: string, kind: TransactionKind, occurredAt: string, pointsChange: number, amount: { __typename?: 'Money', amount: string }, store: { __typename?: 'Store', name: string } | null };

export type ConsoleMemberTransactionsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ConsoleMemberTransactionsQuery = { __typename?: 'Query', member: { __typename?: 'Member', id: string, transactions: { __typename?: 'TransactionConnection', edges: Array<{ __typename?: 'TransactionEdge', node: { __typename?: 'Transaction', id: string, kind: TransactionKind, occurredAt: string, pointsChange: number, amount: { __typename?: 'Money', amount: string }, store: { __typename?: 'Store', name: string } | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } } | null };

export type ConsoleTagMemberMutationVariables = Exact<{
  input: TagMembersInput;
}>;


export type ConsoleTagMemberMutation = { __typename?: 'Mutation', tagMembers: { __typename?: 'TagMembersPayload', tag: { __typename?: 'Tag', name: string, members: number } } };

export type ConsoleFreezeWalletMutationVariables = Exact<{
  memberId: Scalars['ID']['input'];
}>;


export type ConsoleFreezeWalletMutation = { __typename?: 'Mutation', freezeWallet: { __typename?: 'Wallet', status: WalletStatus } };

export type ConsoleUnfreezeWalletMutationVariables = Exact<{
  memberId: Scalars['ID']['input'];
}>;


export type ConsoleUnfreezeWalletMutation = { __typename?: 'Mutation', unfreezeWallet: { __typename?: 'Wallet', status: WalletStatus } };

export type ConsoleMemberSearchQueryVariables = Exact<{
  phone?: InputMaybe<Scalars['String']['input']>;
  cardNumber?: InputMaybe<Scalars['String']['input']>;
}>;


export type ConsoleMemberSearchQuery = { __typename?: 'Query', memberSearch: Array<{ __typename?: 'Member', id: string, displayName: string, phone: string | null, registeredAt: string, card: { __typename?: 'Card', number: string, status: CardStatus }, tier: { __typename?: 'Tier', name: string } }> };

export type ConsoleOverviewQueryVariables = Exact<{
  from: Scalars['Date']['input'];
  to: Scalars['Date']['input'];
}>;


export type ConsoleOverviewQuery = { __typename?: 'Query', analytics: { __typename?: 'Analytics', asOf: string, databaseAsOf: string, renewalRate: number | null, repurchaseRate: number | null, taskCompletions: number, members: { __typename?: 'AnalyticsMembers', total: number, joinedInPeriod: number, activeIn30Days: number, activeIn90Days: number }, daily: Array<{ __typename?: 'AnalyticsDay', date: string, newMembers: number, purchases: number, paid: { __typename?: 'Money', amount: string } }>, tierDistribution: Array<{ __typename?: 'TierCount', members: number, tier: { __typename?: 'Tier', code: string, name: string } }>, penetration: { __typename?: 'Penetration', membersShare: number | null, purchasesShare: number | null }, conversion: { __typename?: 'Conversion', registeredToFirstPurchase: number | null, freeToPaid: number | null }, storedValueFloat: { __typename?: 'Money', amount: string }, storedValueFloatByIssuer: Array<{ __typename?: 'IssuerBalance', issuer: { __typename?: 'Merchant', id: string, name: string } | null, balance: { __typename?: 'Money', amount: string } }>, pointsLiability: { __typename?: 'Money', amount: string }, referrals: { __typename?: 'ReferralCounts', invited: number, converted: number } } };

export type ConsoleOverviewRfmQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleOverviewRfmQuery = { __typename?: 'Query', rfm: { __typename?: 'Rfm', asOf: string, databaseAsOf: string, segments: Array<{ __typename?: 'RfmSegmentCount', segment: RfmSegment, name: string, members: number, share: number }> } };

export type ConsoleRefreshAnalyticsMutationVariables = Exact<{ [key: string]: never; }>;


export type ConsoleRefreshAnalyticsMutation = { __typename?: 'Mutation', refreshAnalytics: { __typename?: 'AnalyticsRefreshRequest', requestedAt: string } };

export type ConsoleRefreshRfmMutationVariables = Exact<{ [key: string]: never; }>;


export type ConsoleRefreshRfmMutation = { __typename?: 'Mutation', refreshRfm: { __typename?: 'RfmRefreshRequest', requestedAt: string } };

export type ConsoleProgrammeQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleProgrammeQuery = { __typename?: 'Query', programme: { __typename?: 'Programme', cycle: ProgrammeCycle, growthPerYuan: number, pointsPerYuanBurn: number, signInGrowth: number, signInPoints: number, tiers: Array<{ __typename?: 'Tier', code: string, name: string, threshold: number, pointsMultiplierBps: number, upgradeGiftPoints: number, description: string, upgradeGiftCouponTemplate: { __typename?: 'CouponTemplate', id: string } | null }>, plans: Array<{ __typename?: 'MembershipPlan', code: string, name: string, period: PlanPeriod, pointsMultiplierBps: number, active: boolean, price: { __typename?: 'Money', amount: string } }> }, merchants: Array<{ __typename?: 'Merchant', id: string, name: string, kind: MerchantKind, settlementTerms: { __typename?: 'SettlementTerms', canIssue: boolean, canAccept: boolean, commissionBps: number, pointsPerYuan: number, earnCostPer100Points: number, burnValuePer100Points: number } }> };

export type ConsoleSetProgrammeMutationVariables = Exact<{
  input: ProgrammeInput;
}>;


export type ConsoleSetProgrammeMutation = { __typename?: 'Mutation', setProgramme: { __typename?: 'SetProgrammePayload', programme: { __typename?: 'Programme', cycle: ProgrammeCycle, tiers: Array<{ __typename?: 'Tier', code: string, threshold: number }> } } };

export type ConsoleSetSettlementTermsMutationVariables = Exact<{
  input: SettlementTermsInput;
}>;


export type ConsoleSetSettlementTermsMutation = { __typename?: 'Mutation', setSettlementTerms: { __typename?: 'SetSettlementTermsPayload', merchant: { __typename?: 'Merchant', id: string, settlementTerms: { __typename?: 'SettlementTerms', pointsPerYuan: number, earnCostPer100Points: number, burnValuePer100Points: number, commissionBps: number } } } };

export type ConsoleSetMembershipPlanMutationVariables = Exact<{
  input: MembershipPlanInput;
}>;


export type ConsoleSetMembershipPlanMutation = { __typename?: 'Mutation', setMembershipPlan: { __typename?: 'SetMembershipPlanPayload', plan: { __typename?: 'MembershipPlan', code: string, name: string, active: boolean, price: { __typename?: 'Money', amount: string } } } };

export type ConsoleSettlementQueryVariables = Exact<{
  period: Scalars['String']['input'];
}>;


export type ConsoleSettlementQuery = { __typename?: 'Query', settlement: { __typename?: 'SettlementRun', id: string, period: string, status: SettlementStatus, computedAt: string, finalizedAt: string | null, databaseAsOf: string, totals: { __typename?: 'SettlementTotals', pointsIssued: number, pointsRedeemed: number, pointsOutstanding: number, crossRedemptions: { __typename?: 'Money', amount: string }, commission: { __typename?: 'Money', amount: string }, topUps: { __typename?: 'Money', amount: string }, hqIncome: { __typename?: 'Money', amount: string }, pointsLiability: { __typename?: 'Money', amount: string }, pointsCost: { __typename?: 'Money', amount: string }, pointsCredit: { __typename?: 'Money', amount: string }, couponDiscountsFundedByHq: { __typename?: 'Money', amount: string } }, statements: Array<{ __typename?: 'MerchantStatement', status: SettlementStatus, pointsIssued: number, pointsRedeemed: number, merchant: { __typename?: 'Merchant', id: string, name: string }, topUps: { __typename?: 'Money', amount: string }, bonusGranted: { __typename?: 'Money', amount: string }, redeemedOwnValue: { __typename?: 'Money', amount: string }, acquiredFromOthers: { __typename?: 'Money', amount: string }, redeemedElsewhere: { __typename?: 'Money', amount: string }, commission: { __typename?: 'Money', amount: string }, pointsCost: { __typename?: 'Money', amount: string }, pointsCredit: { __typename?: 'Money', amount: string }, couponCredit: { __typename?: 'Money', amount: string }, couponCost: { __typename?: 'Money', amount: string }, net: { __typename?: 'Money', amount: string }, outstandingFloat: { __typename?: 'Money', amount: string } }>, positionMatrix: { __typename?: 'PositionMatrix', acquirers: Array<{ __typename?: 'Merchant', id: string, name: string }>, issuers: Array<{ __typename?: 'Merchant', id: string, name: string }>, cells: Array<{ __typename?: 'PositionCell', positions: number, acquirer: { __typename?: 'Merchant', id: string } | null, issuer: { __typename?: 'Merchant', id: string } | null, amount: { __typename?: 'Money', amount: string } }> } } | null, merchants: Array<{ __typename?: 'Merchant', id: string, name: string }> };

export type ConsoleSettlementPositionsQueryVariables = Exact<{
  period: Scalars['String']['input'];
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
  merchantId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type ConsoleSettlementPositionsQuery = { __typename?: 'Query', settlement: { __typename?: 'SettlementRun', positionPage: { __typename?: 'SettlementPositionConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null }, edges: Array<{ __typename?: 'SettlementPositionEdge', node: { __typename?: 'SettlementPosition', acquirer: { __typename?: 'Merchant', id: string, name: string }, issuer: { __typename?: 'Merchant', id: string, name: string }, amount: { __typename?: 'Money', amount: string }, commission: { __typename?: 'Money', amount: string } } }> } } | null };

export type ConsoleRunSettlementMutationVariables = Exact<{
  period: Scalars['String']['input'];
}>;


export type ConsoleRunSettlementMutation = { __typename?: 'Mutation', runSettlement: { __typename?: 'SettlementRun', id: string, status: SettlementStatus } };

export type ConsoleFinalizeSettlementMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ConsoleFinalizeSettlementMutation = { __typename?: 'Mutation', finalizeSettlement: { __typename?: 'SettlementRun', id: string, status: SettlementStatus, finalizedAt: string | null } };

export type ConsoleMyStatementQueryVariables = Exact<{
  period: Scalars['String']['input'];
}>;


export type ConsoleMyStatementQuery = { __typename?: 'Query', myStatement: { __typename?: 'MerchantStatement', status: SettlementStatus, databaseAsOf: string, pointsIssued: number, pointsRedeemed: number, merchant: { __typename?: 'Merchant', id: string, name: string }, topUps: { __typename?: 'Money', amount: string }, bonusGranted: { __typename?: 'Money', amount: string }, redeemedOwnValue: { __typename?: 'Money', amount: string }, acquiredFromOthers: { __typename?: 'Money', amount: string }, redeemedElsewhere: { __typename?: 'Money', amount: string }, commission: { __typename?: 'Money', amount: string }, pointsCost: { __typename?: 'Money', amount: string }, pointsCredit: { __typename?: 'Money', amount: string }, couponCredit: { __typename?: 'Money', amount: string }, couponCost: { __typename?: 'Money', amount: string }, net: { __typename?: 'Money', amount: string }, outstandingFloat: { __typename?: 'Money', amount: string } } | null };

export type ConsoleCreateBenefitMutationVariables = Exact<{
  input: BenefitInput;
}>;


export type ConsoleCreateBenefitMutation = { __typename?: 'Mutation', createBenefit: { __typename?: 'CreateBenefitPayload', benefit: { __typename?: 'Benefit', id: string, name: string } } };

export type ConsoleUpdateBenefitMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: UpdateBenefitInput;
}>;


export type ConsoleUpdateBenefitMutation = { __typename?: 'Mutation', updateBenefit: { __typename?: 'UpdateBenefitPayload', benefit: { __typename?: 'Benefit', id: string, active: boolean } } };

export type ConsoleCreateCouponTemplateMutationVariables = Exact<{
  input: CouponTemplateInput;
}>;


export type ConsoleCreateCouponTemplateMutation = { __typename?: 'Mutation', createCouponTemplate: { __typename?: 'CreateCouponTemplatePayload', template: { __typename?: 'CouponTemplate', id: string, name: string } } };

export type ConsoleCreateCampaignMutationVariables = Exact<{
  input: CampaignInput;
}>;


export type ConsoleCreateCampaignMutation = { __typename?: 'Mutation', createCampaign: { __typename?: 'CreateCampaignPayload', campaign: { __typename?: 'Campaign', id: string, name: string, status: CampaignStatus } } };

export type ConsoleStatementFieldsFragment = { __typename?: 'MerchantStatement', status: SettlementStatus, pointsIssued: number, pointsRedeemed: number, merchant: { __typename?: 'Merchant', id: string, name: string }, topUps: { __typename?: 'Money', amount: string }, bonusGranted: { __typename?: 'Money', amount: string }, redeemedOwnValue: { __typename?: 'Money', amount: string }, acquiredFromOthers: { __typename?: 'Money', amount: string }, redeemedElsewhere: { __typename?: 'Money', amount: string }, commission: { __typename?: 'Money', amount: string }, pointsCost: { __typename?: 'Money', amount: string }, pointsCredit: { __typename?: 'Money', amount: string }, couponCredit: { __typename?: 'Money', amount: string }, couponCost: { __typename?: 'Money', amount: string }, net: { __typename?: 'Money', amount: string }, outstandingFloat: { __typename?: 'Money', amount: string } };

export type ConsoleCreateTaskMutationVariables = Exact<{
  input: TaskInput;
}>;


export type ConsoleCreateTaskMutation = { __typename?: 'Mutation', createTask: { __typename?: 'TaskPayload', task: { __typename?: 'Task', id: string, name: string } } };

export type ConsoleUpdateTaskMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: UpdateTaskInput;
}>;


export type ConsoleUpdateTaskMutation = { __typename?: 'Mutation', updateTask: { __typename?: 'TaskPayload', task: { __typename?: 'Task', id: string, active: boolean } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ConsoleTransactionFragmentDoc = new TypedDocumentString(`
    fragment ConsoleTransaction on Transaction {
  id
  kind
  occurredAt
  amount {
    amount
  }
  pointsChange
  store {
    name
  }
}
    `, {"fragmentName":"ConsoleTransaction"}) as unknown as TypedDocumentString<ConsoleTransactionFragment, unknown>;
export const ConsoleStatementFieldsFragmentDoc = new TypedDocumentString(`
    fragment ConsoleStatementFields on MerchantStatement {
  merchant {
    id
    name
  }
  status
  topUps {
    amount
  }
  bonusGranted {
    amount
  }
  redeemedOwnValue {
    amount
  }
  acquiredFromOthers {
    amount
  }
  redeemedElsewhere {
    amount
  }
  commission {
    amount
  }
  pointsCost {
    amount
  }
  pointsCredit {
    amount
  }
  couponCredit {
    amount
  }
  couponCost {
    amount
  }
  net {
    amount
  }
  outstandingFloat {
    amount
  }
  pointsIssued
  pointsRedeemed
}
    `, {"fragmentName":"ConsoleStatementFields"}) as unknown as TypedDocumentString<ConsoleStatementFieldsFragment, unknown>;
export const ConsoleAuthenticateDocument = new TypedDocumentString(`
    mutation ConsoleAuthenticate($clientId: ID!, $clientSecret: String!) {
  authenticate(clientId: $clientId, clientSecret: $clientSecret) {
    token
    expiresAt
    role
  }
}
    `) as unknown as TypedDocumentString<ConsoleAuthenticateMutation, ConsoleAuthenticateMutationVariables>;
export const ConsoleMerchantsDocument = new TypedDocumentString(`
    query ConsoleMerchants {
  merchants {
    id
    name
    kind
  }
}
    `) as unknown as TypedDocumentString<ConsoleMerchantsQuery, ConsoleMerchantsQueryVariables>;
export const ConsoleBenefitsDocument = new TypedDocumentString(`
    query ConsoleBenefits($month: String!) {
  benefitUsage(month: $month) {
    benefit {
      id
      name
      kind
      owner {
        id
        name
      }
    }
    entitled
    users
    uses
    usageRateBps
    cost {
      amount
    }
    budget {
      amount
    }
    budgetUsed {
      amount
    }
  }
  tierBenefitCost(month: $month) {
    tier {
      code
      name
    }
    benefitCost {
      amount
    }
    paid {
      amount
    }
    costRateBps
    databaseAsOf
  }
  tasks {
    id
    name
    kind
    goal
    window
    active
    owner {
      id
      name
    }
    completions
    members
    pointsGranted
    growthGranted
  }
  benefits {
    id
    name
    kind
    active
    owner {
      id
      name
    }
    tiers {
      code
    }
    plans {
      code
    }
  }
  programme {
    tiers {
      code
      name
    }
    plans {
      code
      name
    }
  }
  couponTemplates {
    id
    name
    owner {
      id
    }
  }
  merchants {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<ConsoleBenefitsQuery, ConsoleBenefitsQueryVariables>;
export const ConsoleMarketingDocument = new TypedDocumentString(`
    query ConsoleMarketing {
  couponTemplates {
    id
    name
    kind
    owner {
      id
      name
    }
    issued
    budget
    redeemed
    pointsPrice
  }
  campaigns {
    id
    name
    status
    trigger
    reached
    heldOut
    couponsRedeemed
    pointsGranted
    runAt
  }
  tags {
    name
    kind
    members
  }
  merchants {
    id
    name
  }
  rfm {
    asOf
    windowDays
    averages {
      recencyDays
      frequency
      monetary {
        amount
      }
    }
    segments {
      segment
      name
      members
      share
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleMarketingQuery, ConsoleMarketingQueryVariables>;
export const ConsoleIssueCouponsDocument = new TypedDocumentString(`
    mutation ConsoleIssueCoupons($input: IssueCouponsInput!) {
  issueCoupons(input: $input) {
    issued
    skipped
    template {
      id
      issued
      budget
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleIssueCouponsMutation, ConsoleIssueCouponsMutationVariables>;
export const ConsoleCampaignResultsDocument = new TypedDocumentString(`
    query ConsoleCampaignResults($id: ID!) {
  campaign(id: $id) {
    id
    name
    reached
    heldOut
    results {
      days
      upliftBps
      reached {
        members
        buyers
        purchases
        paid {
          amount
        }
      }
      control {
        members
        buyers
        purchases
        paid {
          amount
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleCampaignResultsQuery, ConsoleCampaignResultsQueryVariables>;
export const ConsoleMemberDocument = new TypedDocumentString(`
    query ConsoleMember($id: ID!) {
  member(id: $id) {
    id
    displayName
    phone
    birthday
    registeredAt
    card {
      number
      status
    }
    registeredStore {
      name
    }
    joinedMerchants {
      id
      name
    }
    tier {
      code
      name
    }
    tags
    tierProgress {
      growth
      nextTier {
        name
      }
      growthToNextTier
      cycleEndsAt
      keepsTier
    }
    points {
      balance
      value {
        amount
      }
      nextExpiry {
        points
        expiresAt
      }
    }
    coupons {
      id
      status
      validUntil
      template {
        name
      }
    }
    wallet {
      status
      balance {
        amount
      }
      balanceByIssuer {
        issuer {
          id
          name
        }
        balance {
          amount
        }
      }
    }
    membershipPlan {
      plan {
        name
      }
      validUntil
    }
    benefits {
      benefit {
        id
        name
        kind
      }
      source
      usesLeftThisMonth
      nextGrantAt
    }
    nextTierBenefits {
      id
      name
      kind
    }
    tasks {
      task {
        id
        name
        kind
        goal
        goalAmount {
          amount
        }
      }
      progress
      progressAmount {
        amount
      }
      completionsInWindow
      completedAt
      windowEndsAt
    }
    badges {
      badge {
        code
        name
      }
      awardedAt
    }
    transactions(first: 20) {
      edges {
        node {
          ...ConsoleTransaction
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    fragment ConsoleTransaction on Transaction {
  id
  kind
  occurredAt
  amount {
    amount
  }
  pointsChange
  store {
    name
  }
}`) as unknown as TypedDocumentString<ConsoleMemberQuery, ConsoleMemberQueryVariables>;
export const ConsoleMemberTransactionsDocument = new TypedDocumentString(`
    query ConsoleMemberTransactions($id: ID!, $after: String) {
  member(id: $id) {
    id
    transactions(first: 50, after: $after) {
      edges {
        node {
          ...ConsoleTransaction
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    fragment ConsoleTransaction on Transaction {
  id
  kind
  occurredAt
  amount {
    amount
  }
  pointsChange
  store {
    name
  }
}`) as unknown as TypedDocumentString<ConsoleMemberTransactionsQuery, ConsoleMemberTransactionsQueryVariables>;
export const ConsoleTagMemberDocument = new TypedDocumentString(`
    mutation ConsoleTagMember($input: TagMembersInput!) {
  tagMembers(input: $input) {
    tag {
      name
      members
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleTagMemberMutation, ConsoleTagMemberMutationVariables>;
export const ConsoleFreezeWalletDocument = new TypedDocumentString(`
    mutation ConsoleFreezeWallet($memberId: ID!) {
  freezeWallet(memberId: $memberId) {
    status
  }
}
    `) as unknown as TypedDocumentString<ConsoleFreezeWalletMutation, ConsoleFreezeWalletMutationVariables>;
export const ConsoleUnfreezeWalletDocument = new TypedDocumentString(`
    mutation ConsoleUnfreezeWallet($memberId: ID!) {
  unfreezeWallet(memberId: $memberId) {
    status
  }
}
    `) as unknown as TypedDocumentString<ConsoleUnfreezeWalletMutation, ConsoleUnfreezeWalletMutationVariables>;
export const ConsoleMemberSearchDocument = new TypedDocumentString(`
    query ConsoleMemberSearch($phone: String, $cardNumber: String) {
  memberSearch(phone: $phone, cardNumber: $cardNumber) {
    id
    displayName
    phone
    card {
      number
      status
    }
    tier {
      name
    }
    registeredAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleMemberSearchQuery, ConsoleMemberSearchQueryVariables>;
export const ConsoleOverviewDocument = new TypedDocumentString(`
    query ConsoleOverview($from: Date!, $to: Date!) {
  analytics(from: $from, to: $to) {
    asOf
    databaseAsOf
    members {
      total
      joinedInPeriod
      activeIn30Days
      activeIn90Days
    }
    daily {
      date
      newMembers
      purchases
      paid {
        amount
      }
    }
    tierDistribution {
      tier {
        code
        name
      }
      members
    }
    penetration {
      membersShare
      purchasesShare
    }
    conversion {
      registeredToFirstPurchase
      freeToPaid
    }
    renewalRate
    repurchaseRate
    storedValueFloat {
      amount
    }
    storedValueFloatByIssuer {
      issuer {
        id
        name
      }
      balance {
        amount
      }
    }
    pointsLiability {
      amount
    }
    taskCompletions
    referrals {
      invited
      converted
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleOverviewQuery, ConsoleOverviewQueryVariables>;
export const ConsoleOverviewRfmDocument = new TypedDocumentString(`
    query ConsoleOverviewRfm {
  rfm {
    asOf
    databaseAsOf
    segments {
      segment
      name
      members
      share
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleOverviewRfmQuery, ConsoleOverviewRfmQueryVariables>;
export const ConsoleRefreshAnalyticsDocument = new TypedDocumentString(`
    mutation ConsoleRefreshAnalytics {
  refreshAnalytics {
    requestedAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleRefreshAnalyticsMutation, ConsoleRefreshAnalyticsMutationVariables>;
export const ConsoleRefreshRfmDocument = new TypedDocumentString(`
    mutation ConsoleRefreshRfm {
  refreshRfm {
    requestedAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleRefreshRfmMutation, ConsoleRefreshRfmMutationVariables>;
export const ConsoleProgrammeDocument = new TypedDocumentString(`
    query ConsoleProgramme {
  programme {
    cycle
    growthPerYuan
    pointsPerYuanBurn
    signInGrowth
    signInPoints
    tiers {
      code
      name
      threshold
      pointsMultiplierBps
      upgradeGiftPoints
      description
      upgradeGiftCouponTemplate {
        id
      }
    }
    plans {
      code
      name
      price {
        amount
      }
      period
      pointsMultiplierBps
      active
    }
  }
  merchants {
    id
    name
    kind
    settlementTerms {
      canIssue
      canAccept
      commissionBps
      pointsPerYuan
      earnCostPer100Points
      burnValuePer100Points
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleProgrammeQuery, ConsoleProgrammeQueryVariables>;
export const ConsoleSetProgrammeDocument = new TypedDocumentString(`
    mutation ConsoleSetProgramme($input: ProgrammeInput!) {
  setProgramme(input: $input) {
    programme {
      cycle
      tiers {
        code
        threshold
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleSetProgrammeMutation, ConsoleSetProgrammeMutationVariables>;
export const ConsoleSetSettlementTermsDocument = new TypedDocumentString(`
    mutation ConsoleSetSettlementTerms($input: SettlementTermsInput!) {
  setSettlementTerms(input: $input) {
    merchant {
      id
      settlementTerms {
        pointsPerYuan
        earnCostPer100Points
        burnValuePer100Points
        commissionBps
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleSetSettlementTermsMutation, ConsoleSetSettlementTermsMutationVariables>;
export const ConsoleSetMembershipPlanDocument = new TypedDocumentString(`
    mutation ConsoleSetMembershipPlan($input: MembershipPlanInput!) {
  setMembershipPlan(input: $input) {
    plan {
      code
      name
      price {
        amount
      }
      active
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleSetMembershipPlanMutation, ConsoleSetMembershipPlanMutationVariables>;
export const ConsoleSettlementDocument = new TypedDocumentString(`
    query ConsoleSettlement($period: String!) {
  settlement(period: $period) {
    id
    period
    status
    computedAt
    finalizedAt
    databaseAsOf
    totals {
      crossRedemptions {
        amount
      }
      commission {
        amount
      }
      topUps {
        amount
      }
      hqIncome {
        amount
      }
      pointsLiability {
        amount
      }
      pointsCost {
        amount
      }
      pointsCredit {
        amount
      }
      couponDiscountsFundedByHq {
        amount
      }
      pointsIssued
      pointsRedeemed
      pointsOutstanding
    }
    statements {
      ...ConsoleStatementFields
    }
    positionMatrix(top: 15) {
      acquirers {
        id
        name
      }
      issuers {
        id
        name
      }
      cells {
        acquirer {
          id
        }
        issuer {
          id
        }
        amount {
          amount
        }
        positions
      }
    }
  }
  merchants {
    id
    name
  }
}
    fragment ConsoleStatementFields on MerchantStatement {
  merchant {
    id
    name
  }
  status
  topUps {
    amount
  }
  bonusGranted {
    amount
  }
  redeemedOwnValue {
    amount
  }
  acquiredFromOthers {
    amount
  }
  redeemedElsewhere {
    amount
  }
  commission {
    amount
  }
  pointsCost {
    amount
  }
  pointsCredit {
    amount
  }
  couponCredit {
    amount
  }
  couponCost {
    amount
  }
  net {
    amount
  }
  outstandingFloat {
    amount
  }
  pointsIssued
  pointsRedeemed
}`) as unknown as TypedDocumentString<ConsoleSettlementQuery, ConsoleSettlementQueryVariables>;
export const ConsoleSettlementPositionsDocument = new TypedDocumentString(`
    query ConsoleSettlementPositions($period: String!, $first: Int!, $after: String, $merchantId: ID) {
  settlement(period: $period) {
    positionPage(first: $first, after: $after, merchantId: $merchantId) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          acquirer {
            id
            name
          }
          issuer {
            id
            name
          }
          amount {
            amount
          }
          commission {
            amount
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleSettlementPositionsQuery, ConsoleSettlementPositionsQueryVariables>;
export const ConsoleRunSettlementDocument = new TypedDocumentString(`
    mutation ConsoleRunSettlement($period: String!) {
  runSettlement(period: $period) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ConsoleRunSettlementMutation, ConsoleRunSettlementMutationVariables>;
export const ConsoleFinalizeSettlementDocument = new TypedDocumentString(`
    mutation ConsoleFinalizeSettlement($id: ID!) {
  finalizeSettlement(id: $id) {
    id
    status
    finalizedAt
  }
}
    `) as unknown as TypedDocumentString<ConsoleFinalizeSettlementMutation, ConsoleFinalizeSettlementMutationVariables>;
export const ConsoleMyStatementDocument = new TypedDocumentString(`
    query ConsoleMyStatement($period: String!) {
  myStatement(period: $period) {
    status
    databaseAsOf
    ...ConsoleStatementFields
  }
}
    fragment ConsoleStatementFields on MerchantStatement {
  merchant {
    id
    name
  }
  status
  topUps {
    amount
  }
  bonusGranted {
    amount
  }
  redeemedOwnValue {
    amount
  }
  acquiredFromOthers {
    amount
  }
  redeemedElsewhere {
    amount
  }
  commission {
    amount
  }
  pointsCost {
    amount
  }
  pointsCredit {
    amount
  }
  couponCredit {
    amount
  }
  couponCost {
    amount
  }
  net {
    amount
  }
  outstandingFloat {
    amount
  }
  pointsIssued
  pointsRedeemed
}`) as unknown as TypedDocumentString<ConsoleMyStatementQuery, ConsoleMyStatementQueryVariables>;
export const ConsoleCreateBenefitDocument = new TypedDocumentString(`
    mutation ConsoleCreateBenefit($input: BenefitInput!) {
  createBenefit(input: $input) {
    benefit {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateBenefitMutation, ConsoleCreateBenefitMutationVariables>;
export const ConsoleUpdateBenefitDocument = new TypedDocumentString(`
    mutation ConsoleUpdateBenefit($id: ID!, $input: UpdateBenefitInput!) {
  updateBenefit(id: $id, input: $input) {
    benefit {
      id
      active
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleUpdateBenefitMutation, ConsoleUpdateBenefitMutationVariables>;
export const ConsoleCreateCouponTemplateDocument = new TypedDocumentString(`
    mutation ConsoleCreateCouponTemplate($input: CouponTemplateInput!) {
  createCouponTemplate(input: $input) {
    template {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateCouponTemplateMutation, ConsoleCreateCouponTemplateMutationVariables>;
export const ConsoleCreateCampaignDocument = new TypedDocumentString(`
    mutation ConsoleCreateCampaign($input: CampaignInput!) {
  createCampaign(input: $input) {
    campaign {
      id
      name
      status
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateCampaignMutation, ConsoleCreateCampaignMutationVariables>;
export const ConsoleCreateTaskDocument = new TypedDocumentString(`
    mutation ConsoleCreateTask($input: TaskInput!) {
  createTask(input: $input) {
    task {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateTaskMutation, ConsoleCreateTaskMutationVariables>;
export const ConsoleUpdateTaskDocument = new TypedDocumentString(`
    mutation ConsoleUpdateTask($id: ID!, $input: UpdateTaskInput!) {
  updateTask(id: $id, input: $input) {
    task {
      id
      active
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleUpdateTaskMutation, ConsoleUpdateTaskMutationVariables>;