/**
 * The console speaks Chinese first (zh-CN) with an English switch. The choice is a preference, not a secret, so it is
 * kept in localStorage. Error codes from the graph are explained here, in a clerk's words, with the graph's own
 * message and code shown beside them (parts/ErrorNotice.tsx).
 */
import { createContext, useContext, useState, type ReactNode } from 'react';
import { ENUM_LABELS, type LabelledEnum } from './enum-labels';

export type Language = 'zh-CN' | 'en';

const zh = {
  appName: '联盟卡管理后台', signIn: '登录', signOut: '退出登录', clientId: '客户端 ID', clientSecret: '客户端密钥',
  signInHint: '使用总部或商户后台的 API 客户端凭证登录。', expired: '登录已过期，请重新登录。', signedOut: '您已退出登录。',
  overview: '概览', settlement: '结算', members: '会员', programme: '会员计划', marketing: '营销',
  from: '开始日期', to: '结束日期', apply: '查询', loading: '加载中…', totalMembers: '会员总数', joinedInPeriod: '期间新增',
  active30: '30 天活跃', active90: '90 天活跃', newMembersPerDay: '每日新增会员', purchasesPerDay: '每日会员消费笔数',
  tierDistribution: '等级分布', rfmPyramid: 'RFM 金字塔', penetration: '渗透率', membersShare: '会员占比', purchasesShare: '会员消费占比',
  conversion: '转化率', firstPurchase: '注册→首购', freeToPaid: '免费→付费', renewal: '续费率', repurchase: '复购率',
  storedValueFloat: '储值余额', pointsLiability: '积分负债', floatPerIssuer: '各发卡商户储值余额', merchant: '商户',
  period: '结算期', runSettlement: '运行结算', rerunSettlement: '重新计算', running: '正在结算，请稍候…', noRun: '该期尚未结算。',
  status: '状态', DRAFT: '草稿', FINALIZED: '已确认', finalize: '确认结算', finalizeConfirm: '确认后不可更改。确定确认 {period} 的结算吗？',
  finalizing: '正在确认…', statements: '商户对账单', positions: '跨店核销头寸', heatMap: '收单方 × 发卡方', conservation: '守恒校验',
  conserved: '守恒：各商户净额之和 + 总部收入 = 0', notConserved: '不守恒：相差 {amount}', exportCsv: '导出 CSV', exporting: '正在导出 {done}/{total}…',
  topUps: '充值', bonusGranted: '赠送', redeemedOwnValue: '本店核销', acquiredFromOthers: '代收他店储值', redeemedElsewhere: '在他店核销',
  commission: '佣金', pointsCost: '积分成本', pointsCredit: '积分结算', couponCredit: '券补贴收入', couponCost: '券补贴支出', net: '净额',
  outstandingFloat: '未用储值', acquirer: '收单方', issuer: '发卡方', amount: '金额', others: '其他', search: '搜索',
  searchMerchant: '按商户筛选', allMerchants: '全部商户', previous: '上一页', next: '下一页', pageOf: '共 {total} 条',
  hqIncome: '总部收入', crossRedemptions: '跨店核销', myStatement: '本店对账单',
  phone: '手机号', cardNumber: '卡号', findMember: '查找会员', noMemberFound: '未找到会员（商户只能查到加入本店的会员）。',
  memberSince: '注册时间', tier: '等级', growth: '成长值', toNextTier: '距下一等级', points: '积分', pointsValue: '积分价值', nextExpiry: '即将过期',
  coupons: '优惠券', wallet: '钱包', balance: '余额', byIssuer: '按发卡方', transactions: '交易记录', freezeWallet: '冻结钱包',
  unfreezeWallet: '解冻钱包', freezeConfirm: '冻结后该会员无法使用储值消费。确定冻结吗？', ACTIVE: '正常', FROZEN: '已冻结',
  kind: '类型', time: '时间', store: '门店', tiers: '等级阶梯', threshold: '门槛（成长值）', multiplier: '积分倍率', giftPoints: '升级礼积分',
  benefits: '权益', plans: '付费会员', price: '价格', pointsRates: '各商户积分规则', pointsPerYuan: '每元积分', earnCost: '每百积分成本',
  burnValue: '每百积分抵扣', save: '保存', saved: '已保存', saving: '保存中…', name: '名称', code: '代码', cycle: '周期',
  growthPerYuan: '每元成长值', pointsPerYuanBurn: '抵扣 1 元所需积分', signInGrowth: '每次签到成长值', signInPoints: '每次签到积分',
  hqIncomeMade: '总部收入 {income} = 佣金 {commission} + 积分成本 {pointsCost} − 积分结算 {pointsCredit} − 总部出资的券补贴 {coupons}',
  pointsTotals: '本期积分：发放 {issued}，核销 {redeemed}；期末未用 {outstanding}（负债 {liability}）',
  statementDraft: '草稿：总部确认前可能重新计算。', statementFinal: '已确认：本期对账单不再变化。',
  netMeaning: '净额为正：总部应付本店；为负：本店应付总部。',
  issueReachHq: '券只发给同意接收营销信息的会员，每人不超过该券的限领数量。',
  issueReachMerchant: '人群按在本店消费过的所有会员计算；券只发给加入本店、且同意接收营销信息的会员，每人不超过限领数量，其余计为跳过。',
  rfmCountsMerchant: 'RFM 计入在本店消费过的所有会员（包括其他商户的会员），因此可能多于本店会员总数。',
  heatMapMore: '多', heatMapLess: '少',
  paidPlan: '付费会员', until: '至', noCoupons: '暂无优惠券', notAtAStore: '线上（非门店）', moreTransactions: '更早的交易记录',
  cycleYEAR: '按年', cycleQUARTER: '按季度', cycleMONTH: '按月', tags: '标签', segments: '人群', campaign: '活动', notForMerchant: '此页面仅总部可用。', language: 'English',
  retry: '重试', errorCode: '错误代码', tagKind: '类型', membersCount: '人数', rfmSegment: '分群', share: '占比',
  couponTemplates: '优惠券模板', owner: '所属', issued: '已发放', budget: '预算', redeemed: '已核销', campaigns: '营销活动', trigger: '触发',
  reached: '触达', heldOut: '对照组', results: '效果', issueTemplate: '发放模板', issue: '发放给所选人群', issuing: '正在发放，请稍候…',
  issuedOutcome: '已发放 {issued} 张，跳过 {skipped} 人', buyers: '购买人数', purchases: '消费笔数', paid: '消费金额', uplift: '提升',
  reachedGroup: '触达组（{days} 天）', controlGroup: '对照组（{days} 天）',
  amountOff: '减免金额', minOrder: '最低消费', percentOff: '折扣 %', giftValue: '礼品价值', validDays: '有效天数', pointsPrice: '兑换积分',
  createTemplate: '新建模板', created: '已创建：{name}', action: '动作', message: '消息', createCampaign: '新建活动', addTag: '添加标签', acceptedBy: '可用商户', controlGroupBps: '对照组比例 (bp)',
};

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  appName: 'Unicard console', signIn: 'Sign in', signOut: 'Sign out', clientId: 'Client ID', clientSecret: 'Client secret',
  signInHint: "Sign in with an HQ or merchant back-office API client's credentials.", expired: 'Your session expired. Please sign in again.', signedOut: 'You have signed out.',
  overview: 'Overview', settlement: 'Settlement', members: 'Members', programme: 'Programme', marketing: 'Marketing',
  from: 'From', to: 'To', apply: 'Show', loading: 'Loading…', totalMembers: 'Members', joinedInPeriod: 'Joined in period',
  active30: 'Active in 30 days', active90: 'Active in 90 days', newMembersPerDay: 'New members per day', purchasesPerDay: 'Member purchases per day',
  tierDistribution: 'Tier distribution', rfmPyramid: 'RFM pyramid', penetration: 'Penetration', membersShare: 'Members share', purchasesShare: 'Purchases share',
  conversion: 'Conversion', firstPurchase: 'Registered → first purchase', freeToPaid: 'Free → paid', renewal: 'Renewal', repurchase: 'Repurchase',
  storedValueFloat: 'Stored-value float', pointsLiability: 'Points liability', floatPerIssuer: 'Stored-value float per issuer', merchant: 'Merchant',
  period: 'Period', runSettlement: 'Run settlement', rerunSettlement: 'Recompute', running: 'Settling, please wait…', noRun: 'This period has not been settled.',
  status: 'Status', DRAFT: 'Draft', FINALIZED: 'Finalised', finalize: 'Finalise', finalizeConfirm: 'A finalised run cannot change. Finalise {period}?',
  finalizing: 'Finalising…', statements: 'Statements', positions: 'Cross-redemption positions', heatMap: 'Acquirer × issuer', conservation: 'Conservation check',
  conserved: "Conserved: the merchants' nets plus HQ's income are 0", notConserved: 'Not conserved: off by {amount}', exportCsv: 'Export CSV', exporting: 'Exporting {done}/{total}…',
  topUps: 'Top-ups', bonusGranted: 'Bonus', redeemedOwnValue: 'Own value redeemed', acquiredFromOthers: "Others' value taken", redeemedElsewhere: 'Redeemed elsewhere',
  commission: 'Commission', pointsCost: 'Points cost', pointsCredit: 'Points credit', couponCredit: 'Coupon credit', couponCost: 'Coupon cost', net: 'Net',
  outstandingFloat: 'Outstanding float', acquirer: 'Acquirer', issuer: 'Issuer', amount: 'Amount', others: 'Others', search: 'Search',
  searchMerchant: 'Filter by merchant', allMerchants: 'All merchants', previous: 'Previous', next: 'Next', pageOf: '{total} in all',
  hqIncome: "HQ's income", crossRedemptions: 'Cross-redemptions', myStatement: 'My statement',
  phone: 'Phone', cardNumber: 'Card number', findMember: 'Find member', noMemberFound: 'No member found (a merchant finds only members who joined it).',
  memberSince: 'Registered', tier: 'Tier', growth: 'Growth', toNextTier: 'To next tier', points: 'Points', pointsValue: 'Points value', nextExpiry: 'Next expiry',
  coupons: 'Coupons', wallet: 'Wallet', balance: 'Balance', byIssuer: 'By issuer', transactions: 'Transactions', freezeWallet: 'Freeze wallet',
  unfreezeWallet: 'Unfreeze wallet', freezeConfirm: 'A frozen wallet cannot pay with stored value. Freeze it?', ACTIVE: 'Active', FROZEN: 'Frozen',
  kind: 'Kind', time: 'Time', store: 'Store', tiers: 'Tier ladder', threshold: 'Threshold (growth)', multiplier: 'Points multiplier', giftPoints: 'Upgrade gift points',
  benefits: 'Benefits', plans: 'Paid plans', price: 'Price', pointsRates: "Points rates in each merchant's terms", pointsPerYuan: 'Points per yuan', earnCost: 'Cost per 100 points',
  burnValue: 'Value per 100 points', save: 'Save', saved: 'Saved', saving: 'Saving…', name: 'Name', code: 'Code', cycle: 'Cycle',
  growthPerYuan: 'Growth per yuan', pointsPerYuanBurn: 'Points to pay 1 yuan', signInGrowth: 'Growth per sign-in', signInPoints: 'Points per sign-in',
  hqIncomeMade: "HQ's income {income} = commission {commission} + points cost {pointsCost} − points credit {pointsCredit} − coupon shares HQ funds {coupons}",
  pointsTotals: 'Points this month: {issued} issued, {redeemed} redeemed; {outstanding} outstanding at its end (liability {liability})',
  statementDraft: 'Draft: HQ may recompute it before finalising.', statementFinal: 'Final: this statement will not change.',
  netMeaning: 'A positive net is what HQ pays this merchant; a negative one, what this merchant pays HQ.',
  issueReachHq: 'Coupons reach only members who consent to marketing, up to the coupon’s limit per member.',
  issueReachMerchant: 'A segment counts everyone who bought at your stores; coupons reach only those of them who joined you and consent to marketing, up to the limit per member; the rest are skipped.',
  rfmCountsMerchant: 'RFM counts everyone who bought at your stores, members of other merchants included, so it can exceed your member count.',
  heatMapMore: 'more', heatMapLess: 'less',
  paidPlan: 'Paid plan', until: 'until', noCoupons: 'No coupons', notAtAStore: 'Online (not at a store)', moreTransactions: 'Older transactions',
  cycleYEAR: 'Yearly', cycleQUARTER: 'Quarterly', cycleMONTH: 'Monthly', tags: 'Tags', segments: 'Segments', campaign: 'Campaign', notForMerchant: 'This page is for HQ only.', language: '中文',
  retry: 'Retry', errorCode: 'Error code', tagKind: 'Kind', membersCount: 'Members', rfmSegment: 'Segment', share: 'Share',
  couponTemplates: 'Coupon templates', owner: 'Owner', issued: 'Issued', budget: 'Budget', redeemed: 'Redeemed', campaigns: 'Campaigns', trigger: 'Trigger',
  reached: 'Reached', heldOut: 'Held out', results: 'Results', issueTemplate: 'Template to issue', issue: 'Issue to the chosen segments', issuing: 'Issuing, please wait…',
  issuedOutcome: '{issued} issued, {skipped} skipped', buyers: 'Buyers', purchases: 'Purchases', paid: 'Paid', uplift: 'Uplift',
  reachedGroup: 'Reached ({days} days)', controlGroup: 'Control ({days} days)',
  amountOff: 'Amount off', minOrder: 'Minimum order', percentOff: 'Percent off', giftValue: 'Gift value', validDays: 'Valid days', pointsPrice: 'Points price',
  createTemplate: 'Create template', created: 'Created: {name}', action: 'Action', message: 'Message', createCampaign: 'Create campaign', addTag: 'Add tag', acceptedBy: 'Accepted by', controlGroupBps: 'Control group (bp)',
};

/** What each of the graph's codes means to a clerk (docs/access.md, errors). */
const codes: Record<Language, Record<string, string>> = {
  'zh-CN': {
    UNAUTHENTICATED: '凭证无效或登录已过期。', FORBIDDEN: '您的账号无权进行此操作或查看此数据。', BAD_USER_INPUT: '输入有误，请检查标出的字段。',
    NOT_FOUND: '未找到。', PERIOD_NOT_ENDED: '该结算期尚未结束，不能结算。', PERIOD_FINALIZED: '该结算期已确认，不能再更改。',
    SETTLEMENT_UNBALANCED: '结算不守恒，未能确认。', NETWORK: '无法连接到联盟卡服务。', SERVICE_UNAVAILABLE: '服务暂时不可用，请稍后重试。',
    RATE_LIMITED: '操作过于频繁，请稍后重试。', INTERNAL_SERVER_ERROR: '服务出错，请稍后重试。',
  },
  en: {
    UNAUTHENTICATED: 'The credentials are wrong or the session expired.', FORBIDDEN: 'Your account may not do this or see this data.', BAD_USER_INPUT: 'Something entered is not right: see the field marked.',
    NOT_FOUND: 'Not found.', PERIOD_NOT_ENDED: 'The period has not ended yet, so it cannot be settled.', PERIOD_FINALIZED: 'The period is finalised and cannot change.',
    SETTLEMENT_UNBALANCED: 'The settlement does not conserve value; it was not finalised.', NETWORK: 'The hub cannot be reached.', SERVICE_UNAVAILABLE: 'The hub is busy or restarting; try again shortly.',
    RATE_LIMITED: 'Too many attempts; wait a moment.', INTERNAL_SERVER_ERROR: 'Something went wrong in the hub; try again.',
  },
};

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t(key: Key, values?: Record<string, string | number>): string;
  explain(code: string): string;
  /** The words for one of the graph's codes (parts/enum-labels.ts); the code itself if it has none yet. */
  label(enumName: LabelledEnum, value: string): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() => (localStorage.getItem('unicard.language') === 'en' ? 'en' : 'zh-CN'));
  const value: I18n = {
    language,
    setLanguage(next) {
      localStorage.setItem('unicard.language', next);
      document.documentElement.lang = next;
      setLanguageState(next);
    },
    t(key, values = {}) {
      const text = (language === 'en' ? en : zh)[key];
      return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
    },
    explain: (code) => codes[language][code] ?? codes[language].INTERNAL_SERVER_ERROR!,
    label: (enumName, value) => (ENUM_LABELS[enumName] as Record<string, readonly [string, string]>)[value]?.[language === 'en' ? 1 : 0] ?? value,
  };
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
