/**
 * What the console shows for the graph's codes (issue 23: TOP_UP, AMOUNT_OFF, SCHEDULED ... were shown as they are),
 * in Chinese and English, by enum. test/unit/console-labels.test.ts holds that every value of each enum here has both
 * words, read from the composed supergraph, so a new value cannot appear raw.
 */
export const ENUM_LABELS = {
  TransactionKind: {
    TOP_UP: ['充值', 'Top-up'],
    CHECKOUT: ['消费', 'Checkout'],
    REFUND: ['退款', 'Refund'],
    SIGN_IN: ['签到', 'Sign-in'],
    POINTS_EXPIRY: ['积分过期', 'Points expired'],
    PLAN_PURCHASE: ['购买付费会员', 'Plan bought'],
    POINTS_EXCHANGE: ['积分兑换', 'Points exchanged'],
    CAMPAIGN_POINTS: ['活动赠送积分', 'Campaign points'],
    BENEFIT_USE: ['权益核销', 'Benefit used'],
    BENEFIT_POINTS: ['权益赠分', 'Benefit points'],
    TASK_REWARD: ['任务奖励', 'Task reward'],
    REFERRAL_REWARD: ['邀请奖励', 'Referral reward'],
    REWARD_TAKEN_BACK: ['奖励收回', 'Reward taken back'],
  },
  CouponKind: { AMOUNT_OFF: ['满减券', 'Amount off'], PERCENT_OFF: ['折扣券', 'Percent off'], GIFT: ['礼品券', 'Gift'] },
  CouponStatus: {
    USABLE: ['可用', 'Usable'],
    USED: ['已使用', 'Used'],
    EXPIRED: ['已过期', 'Expired'],
    NOT_YET_VALID: ['未生效', 'Not yet valid'],
    VOIDED: ['已作废', 'Voided'],
  },
  CampaignStatus: { SCHEDULED: ['待开始', 'Scheduled'], RUNNING: ['发放中', 'Running'], ACTIVE: ['进行中', 'Active'], COMPLETED: ['已结束', 'Completed'] },
  CampaignTriggerKind: {
    NOW: ['立即', 'Now'],
    SCHEDULE: ['定时', 'On a schedule'],
    REGISTERED: ['注册时', 'On registration'],
    BIRTHDAY: ['生日', 'Birthday'],
    TIER_UPGRADED: ['升级时', 'On a tier upgrade'],
    PURCHASE: ['消费时', 'On a purchase'],
    INACTIVE: ['沉睡时', 'When inactive'],
  },
  CampaignActionKind: {
    ISSUE_COUPON: ['发券', 'Issue a coupon'],
    NOTIFY: ['通知', 'Notify'],
    GRANT_POINTS: ['送积分', 'Grant points'],
    POINTS_MULTIPLIER: ['积分倍数', 'Points multiplier'],
  },
  TagKind: { MANUAL: ['手动', 'By hand'], RULE: ['规则', 'By rule'] },
  BenefitKind: {
    DISCOUNT: ['会员折扣', 'Member discount'],
    COUPON_PACK: ['券包', 'Coupon pack'],
    POINTS_GIFT: ['赠积分', 'Points gift'],
    SERVICE: ['服务', 'Service'],
  },
  BenefitOccasion: {
    MONTHLY: ['每月', 'Monthly'],
    BIRTHDAY: ['生日月', 'Birthday month'],
    ANNIVERSARY: ['入会纪念月', 'Anniversary month'],
    ON_REACHING: ['达到时', 'On reaching'],
  },
  BenefitSource: { TIER: ['等级', 'Tier'], PLAN: ['付费会员', 'Paid plan'] },
  TaskKind: {
    SIGN_IN_STREAK: ['连续签到', 'Sign-in streak'],
    PURCHASES: ['消费次数', 'Purchases'],
    SPEND: ['消费金额', 'Spend'],
    NEW_MERCHANTS: ['探索新商户', 'New merchants'],
    REFERRALS: ['邀请好友', 'Referrals'],
  },
  TaskWindow: { ONCE: ['一次性', 'Once'], MONTH: ['每月', 'Monthly'], CYCLE: ['每个等级周期', 'Each tier cycle'] },
  PlanPeriod: { MONTH: ['月卡', 'Monthly'], QUARTER: ['季卡', 'Quarterly'], YEAR: ['年卡', 'Yearly'] },
} as const satisfies Record<string, Record<string, readonly [string, string]>>;

export type LabelledEnum = keyof typeof ENUM_LABELS;
