/**
 * The demo coalition: HQ, two brands and three allies with stores, clients
 * and terms, a few hundred members (most with marketing consent), and last
 * month's activity (top-ups with bonuses, checkouts across merchants, some
 * with coupons, a few refunds), so that settling last month shows real
 * statements; and its marketing: coupon templates (a brand's 满减, HQ's
 * co-funded 九折 at every merchant, catalogue items for points), a campaign
 * with a control group whose results show, tags by hand and by rule; and the
 * tiers' and the plan's benefits (HQ's 银卡 98折 at the brands, free parking
 * at the cinema for 钻石, 麦芳's 95折 for PLUS, 蓝山's monthly coffees for 金卡,
 * HQ's birthday points by tier), used through the month. It drives the same domain functions the
 * subgraphs serve, with a clock set into last month, and delivers their
 * events in-process through each consumer's own inbox.
 */
import { executeSql, sql } from '../lib/sql.js';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Claims } from '../lib/auth.js';
import { FixedClock, clockFromEnv } from '../lib/clock.js';
import { createOrm, migrate, type SubgraphSchema } from '../lib/database.js';
import { OutboxRelay, applyToInbox, type EventSender } from '../lib/outbox.js';
import { createLogger } from '../lib/logger.js';
import { merchantMigrations } from '../migrations/merchant/index.js';
import { memberMigrations } from '../migrations/member/index.js';
import { migrateWalletJobs } from '../subgraphs/wallet/jobs/jobs.js';
import { setMembershipPlan, signIn, buyMembershipPlan, programmeInForce } from '../subgraphs/wallet/programme/index.js';
import { walletMigrations } from '../migrations/wallet/index.js';
import { merchantEntities } from '../subgraphs/merchant/index.js';
import { memberEntities } from '../subgraphs/member/index.js';
import { createApiClient, type ApiClientKind } from '../subgraphs/merchant/access/index.js';
import { createMerchant, type MerchantKind, createStore } from '../subgraphs/merchant/participant/index.js';
import { registerMember } from '../subgraphs/member/membership/index.js';
import { applyMerchantEvent } from '../subgraphs/member/directory/index.js';
import { applyHubEvent, setSettlementTerms, issuePayCode, periodOf, COALITION_TIME_ZONE } from '../subgraphs/wallet/ledger/index.js';
import { topUp, checkout, refund } from '../subgraphs/wallet/payments/index.js';
import { payCodeKeyFromEnv } from '../subgraphs/wallet/index.js';
import { formatDecimal } from '../lib/money.js';
import {
  MOVEMENT_HOOKS,
  createCouponTemplate,
  couponDiscount,
  issueCoupons,
  couponsOfMember,
  exchangePoints,
  createCampaign,
  runDueCampaigns,
  createTagRule,
  tagMembers,
  rebuildRuleTags,
  refreshRuleTagsOf,
  createBenefit,
  discountsHeldAt,
  holdingAt,
  memberDiscountOf,
  redeemBenefit,
  createTask,
} from '../subgraphs/wallet/marketing/index.js';

export interface DemoCredentials {
  lastPeriod: string;
  clients: { kind: ApiClientKind; label: string; clientId: string; clientSecret: string }[];
  /** A member to try things with, and the store it joined at, whose till and back office may serve it (seeds before issue 23 have none). */
  example?: { memberId: string; phone: string; storeId: string; store: string; merchant: string };
}

interface DemoMerchant {
  name: string;
  kind: MerchantKind;
  stores: [string, string][];
  terms: { canIssue: boolean; canAccept: boolean; commissionBps: number };
}

const COALITION: DemoMerchant[] = [
  {
    name: '蓝山咖啡 Lanshan Coffee',
    kind: 'BRAND',
    stores: [
      ['静安店', '上海'],
      ['徐汇店', '上海'],
      ['西湖店', '杭州'],
    ],
    terms: { canIssue: true, canAccept: true, commissionBps: 150 },
  },
  {
    name: '麦芳烘焙 Maifang Bakery',
    kind: 'BRAND',
    stores: [
      ['南京西路店', '上海'],
      ['滨江店', '杭州'],
    ],
    terms: { canIssue: true, canAccept: true, commissionBps: 150 },
  },
  { name: '星光影城 Starlight Cinema', kind: 'ALLY', stores: [['环球港影城', '上海']], terms: { canIssue: true, canAccept: true, commissionBps: 200 } },
  { name: '墨香书店 Inkwell Books', kind: 'ALLY', stores: [['福州路店', '上海']], terms: { canIssue: false, canAccept: true, commissionBps: 150 } },
  { name: '闪亮洗车 Sparkle Car Wash', kind: 'ALLY', stores: [['古北店', '上海']], terms: { canIssue: false, canAccept: true, commissionBps: 100 } },
];

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华'];

/** Deterministic, so every new user sees the same demo. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]! };
}

export interface SeedOptions {
  payCodeSecret: string;
  now?: string;
  progress: (line: string) => void;
  members?: number;
}

/** Every subgraph's schema in one database, migrated, as the subgraphs themselves would on start. The caller closes them. */
export async function openMigratedSchemas(databaseUrl: string, poolSize: number): Promise<Record<SubgraphSchema, MikroORM>> {
  const orms = {
    merchant: await createOrm({ url: databaseUrl, schema: 'merchant', entities: merchantEntities, migrations: merchantMigrations, poolSize }),
    member: await createOrm({ url: databaseUrl, schema: 'member', entities: memberEntities, migrations: memberMigrations, poolSize }),
    wallet: await createOrm({ url: databaseUrl, schema: 'wallet', entities: [], migrations: walletMigrations, poolSize }),
  };
  try {
    for (const [name, orm] of Object.entries(orms)) await migrate(orm, name as SubgraphSchema);
    await migrateWalletJobs(databaseUrl);
  } catch (error) {
    await Promise.all(Object.values(orms).map((orm) => orm.close()));
    throw error;
  }
  return orms;
}

export async function seedDemoIfEmpty(databaseUrl: string, credentialsFile: URL, opts: SeedOptions): Promise<DemoCredentials> {
  const orms = await openMigratedSchemas(databaseUrl, 4);
  try {
    const existing = await orms.merchant.em.fork().execute('select count(*)::int as n from merchant.merchant');
    if (existing[0]!.n > 0) {
      if (existsSync(credentialsFile)) return JSON.parse(readFileSync(credentialsFile, 'utf8')) as DemoCredentials;
      throw new Error(
        'The database has data but no .unicard/demo-credentials.json: start over with npm run reset, or create an HQ client with npm run create-hq-client',
      );
    }
    const credentials = await seed(orms, opts);
    writeFileSync(credentialsFile, JSON.stringify(credentials, null, 2), { mode: 0o600 });
    return credentials;
  } finally {
    await Promise.all(Object.values(orms).map((orm) => orm.close()));
  }
}

async function seed(orms: Record<SubgraphSchema, MikroORM>, opts: SeedOptions): Promise<DemoCredentials> {
  const now = clockFromEnv(opts.now ? { UNICARD_NOW: opts.now } : {}).now();
  const thisPeriod = periodOf(now);
  const last = periodOf(new Date(thisPeriod.startsAt.getTime() - 1));
  const clock = new FixedClock(new Date(last.startsAt.getTime() + 3600_000));
  const rng = random(20261101);
  const log = createLogger('seed');
  log.level = 'warn';
  const inbox =
    (schema: 'member' | 'wallet'): EventSender =>
    (envelopes) =>
      applyToInbox(orms[schema], schema, envelopes, schema === 'member' ? applyMerchantEvent : (em, event, at) => applyHubEvent(em, event, at));
  const relays = {
    merchant: new OutboxRelay(orms.merchant, 'merchant', { member: inbox('member'), wallet: inbox('wallet') }, log),
    member: new OutboxRelay(orms.member, 'member', { wallet: inbox('wallet') }, log),
  };
  const payCodeKey = payCodeKeyFromEnv({ UNICARD_PAYCODE_SECRET: opts.payCodeSecret });

  opts.progress(`seeding the demo coalition with activity in ${last.label} ...`);
  const clients: DemoCredentials['clients'] = [];
  const mem = orms.merchant.em.fork();
  const hq = await createApiClient(mem, clock, { kind: 'HQ', label: 'Headquarters' });
  clients.push(hq);
  const stores: { storeId: string; merchantId: string; label: string; merchant: string; terminal: Claims; canIssue: boolean; canAccept: boolean }[] = [];
  const offices = new Map<string, string>();
  for (const m of COALITION) {
    const merchant = await createMerchant(mem, clock, { name: m.name, kind: m.kind });
    const backOffice = await createApiClient(mem, clock, { kind: 'MERCHANT', merchantId: merchant.id, label: `${m.name.split(' ')[0]} back office` });
    clients.push(backOffice);
    offices.set(merchant.id, backOffice.clientId);
    await relays.merchant.flush(); // the wallet learns of the merchant from its event before HQ sets its terms
    await setSettlementTerms(orms.wallet.em.fork(), clock, { merchantId: merchant.id, ...m.terms });
    for (const [name, city] of m.stores) {
      const store = await createStore(mem, clock, { merchantId: merchant.id, name, city });
      const terminal = await createApiClient(mem, clock, {
        kind: 'TERMINAL',
        merchantId: merchant.id,
        storeId: store.id,
        label: `${m.name.split(' ')[0]} ${name} till`,
      });
      clients.push(terminal);
      stores.push({
        storeId: store.id,
        merchantId: merchant.id,
        label: `${m.name.split(' ')[0]} ${name}`,
        merchant: m.name,
        terminal: { role: 'TERMINAL', subject: terminal.clientId, merchantId: merchant.id, storeId: store.id },
        ...m.terms,
      });
    }
  }
  await relays.merchant.flush();
  // The programme: the default ladder of docs/programme.md is the migrations' (in force since -infinity); HQ adds a paid plan.
  await setMembershipPlan(orms.wallet.em.fork(), clock, {
    code: 'PLUS',
    name: '会员PLUS 年卡',
    price: { amount: '99' },
    period: 'YEAR',
    pointsMultiplierBps: 15000,
  });

  const memberCount = opts.members ?? 300;
  const members: string[] = [];
  const registeredAt: string[] = [];
  const codes: string[] = [];
  let invited = 0;
  let example: DemoCredentials['example'];
  for (let i = 0; i < memberCount; i++) {
    clock.set(new Date(last.startsAt.getTime() + 2 * 3600_000 + rng.int(5 * 86400_000)));
    const store = rng.pick(stores);
    const member = await registerMember(orms.member.em.fork(), clock, {
      phone: `+86138${String(10_000_000 + i * 7919).slice(-8)}`,
      name: rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.next() < 0.5 ? rng.pick(GIVEN) : ''),
      birthday: `19${60 + rng.int(40)}-${String(1 + rng.int(12)).padStart(2, '0')}-1${rng.int(9)}`,
      storeId: store.storeId,
      marketingConsent: rng.next() < 0.7,
      // One in eight brought by a member who joined before it (邀请有礼): converted by a first checkout of ¥30 or more.
      referralCode: i >= 8 && i % 8 === 0 ? codes[i - 1 - rng.int(8)] : null,
    });
    if (member.invitedBy) invited++;
    codes.push(member.referralCode);
    members.push(member.id);
    registeredAt.push(store.merchantId);
    example ??= { memberId: member.id, phone: member.phone ?? '', storeId: store.storeId, store: store.label, merchant: store.merchant };
  }
  await relays.member.flush();
  opts.progress(`  ${COALITION.length} merchants, ${stores.length} stores, ${members.length} members (${invited} invited by another)`);

  // Marketing, a week into the month: templates, a brand campaign with its control group, HQ's coupon to every consenting member.
  clock.set(new Date(last.startsAt.getTime() + 6 * 86400_000));
  const merchantIds = [...new Set(stores.map((s) => s.merchantId))];
  const [lanshan, maifang] = merchantIds as [string, string];
  const hqCaller: Claims = { role: 'HQ', subject: hq.clientId };
  const office = (merchantId: string): Claims => ({ role: 'MERCHANT', subject: offices.get(merchantId)!, merchantId });
  const wallet = () => orms.wallet.em.fork();
  const manjian = await createCouponTemplate(wallet(), clock.now(), office(lanshan), {
    name: '满100减20',
    description: '蓝山咖啡 满¥100减¥20',
    kind: 'AMOUNT_OFF',
    amountOff: { amount: '20' },
    minOrder: { amount: '100' },
    validDays: 30,
    budget: 1000,
  });
  const allied = await createCouponTemplate(wallet(), clock.now(), hqCaller, {
    name: '联盟九折',
    description: '全联盟九折，最高减¥15',
    kind: 'PERCENT_OFF',
    percentOff: 10,
    maxDiscount: { amount: '15' },
    validDays: 20,
    budget: 2000,
    acceptedBy: merchantIds,
    funders: [{ shareBps: 5000 }, { merchantId: lanshan, shareBps: 2500 }, { merchantId: maifang, shareBps: 2500 }],
  });
  await createCouponTemplate(wallet(), clock.now(), hqCaller, {
    name: '咖啡一杯',
    description: '任意中杯咖啡',
    kind: 'GIFT',
    giftValue: { amount: '28' },
    validDays: 30,
    budget: 200,
    pointsPrice: 800,
    acceptedBy: [lanshan],
  });
  const cake = await createCouponTemplate(wallet(), clock.now(), office(maifang), {
    name: '蛋糕八折',
    description: '麦芳烘焙 蛋糕八折',
    kind: 'PERCENT_OFF',
    percentOff: 20,
    maxDiscount: { amount: '30' },
    validDays: 30,
    budget: 300,
    pointsPrice: 300,
  });
  const campaign = await createCampaign({ em: wallet(), clock }, office(lanshan), {
    name: '蓝山回馈月',
    trigger: { kind: 'NOW' },
    audience: {},
    action: { kind: 'ISSUE_COUPON', couponTemplateId: manjian.id },
    idempotencyKey: 'demo-campaign',
  });
  // HQ's double-points weekend in the middle of the month, and 100 points in each member's birthday month (looked at daily).
  const weekend = last.startsAt.getTime() + 13 * 86400_000;
  const doubled = await createCampaign({ em: wallet(), clock }, hqCaller, {
    name: '双倍积分周末',
    trigger: { kind: 'NOW' },
    audience: {},
    action: { kind: 'POINTS_MULTIPLIER', multiplierBps: 20000, from: new Date(weekend).toISOString(), until: new Date(weekend + 2 * 86400_000).toISOString() },
    idempotencyKey: 'demo-double-points',
  });
  await createCampaign({ em: wallet(), clock }, hqCaller, {
    name: '生日送积分',
    trigger: { kind: 'BIRTHDAY' },
    audience: {},
    action: { kind: 'GRANT_POINTS', points: 100 },
    idempotencyKey: 'demo-birthday',
  });
  // What the wallet's campaign-run job would do once the hub is up, done here so that the activity below finds them run.
  await runDueCampaigns({ em: wallet(), clock, timeZone: COALITION_TIME_ZONE, hooks: MOVEMENT_HOOKS });
  // Benefits (权益): HQ's 98折 for 银卡 and up at the two brands, free parking at the cinema for 钻石, 麦芳's own 95折 for PLUS.
  const cinema = stores.find((s) => s.merchant.startsWith('星光影城'))!;
  await createBenefit(wallet(), clock.now(), hqCaller, {
    name: '银卡98折',
    description: '银卡及以上会员在蓝山、麦芳享98折',
    kind: 'DISCOUNT',
    tiers: ['SILVER', 'GOLD', 'DIAMOND'],
    percentOff: 2,
    acceptedBy: [lanshan, maifang],
  });
  const parking = await createBenefit(wallet(), clock.now(), hqCaller, {
    name: '免费停车',
    description: '钻石会员在星光影城每月两次免费停车（每次¥10）',
    kind: 'SERVICE',
    tiers: ['DIAMOND'],
    usesPerMonth: 2,
    costPerUse: { amount: '10' },
    acceptedBy: [cinema.merchantId],
  });
  await createBenefit(wallet(), clock.now(), office(maifang), {
    name: 'PLUS会员95折',
    description: '会员PLUS 在麦芳烘焙享95折',
    kind: 'DISCOUNT',
    plans: ['PLUS'],
    percentOff: 5,
    maxDiscount: { amount: '20' },
  });
  // 蓝山's two coffees a month for 金卡 and 钻石 (given as a member reaches the tier, and on each month's first day), and
  // HQ's birthday points by tier (given in the birth month: here, to those who reach the tier in it).
  const coffee = await createCouponTemplate(wallet(), clock.now(), office(lanshan), {
    name: '金卡咖啡券',
    description: '蓝山咖啡 满¥30减¥15，金卡每月两张',
    kind: 'AMOUNT_OFF',
    amountOff: { amount: '15' },
    minOrder: { amount: '30' },
    validDays: 31,
    budget: 1000,
  });
  await createBenefit(wallet(), clock.now(), office(lanshan), {
    name: '金卡每月咖啡',
    description: '金卡及以上会员每月两张蓝山咖啡券',
    kind: 'COUPON_PACK',
    tiers: ['GOLD', 'DIAMOND'],
    couponTemplateId: coffee.id,
    count: 2,
    occasion: 'MONTHLY',
  });
  for (const [tier, name, points] of [
    ['SILVER', '银卡', 100],
    ['GOLD', '金卡', 300],
    ['DIAMOND', '钻石', 800],
  ] as const) {
    await createBenefit(wallet(), clock.now(), hqCaller, {
      name: `${name}生日礼`,
      description: `${name}会员生日当月赠${points}积分`,
      kind: 'POINTS_GIFT',
      tiers: [tier],
      points,
      occasion: 'BIRTHDAY',
    });
  }
  // Tasks (任务): HQ's seven-day sign-in streak and "try three allies this year", 蓝山's three coffees a month.
  await createTask(wallet(), clock.now(), hqCaller, {
    name: '连续签到7天',
    kind: 'SIGN_IN_STREAK',
    goal: 7,
    window: 'MONTH',
    reward: { points: 50, badge: { code: 'STREAK7', name: '签到达人', description: '连续签到7天' } },
  });
  await createTask(wallet(), clock.now(), hqCaller, {
    name: '尝鲜联盟：今年逛三家',
    kind: 'NEW_MERCHANTS',
    goal: 3,
    window: 'CYCLE',
    reward: { points: 200, growth: 100, badge: { code: 'EXPLORER', name: '联盟探索家', description: '一年内在三家新商户消费' } },
  });
  await createTask(wallet(), clock.now(), office(lanshan), {
    name: '本月三杯',
    kind: 'PURCHASES',
    goal: 3,
    minPaid: { amount: '20' },
    window: 'MONTH',
    reward: { growth: 30, couponTemplateId: coffee.id },
  });
  const templates = new Map([manjian, allied, coffee].map((t) => [t.id, t]));
  const hqIssue = await issueCoupons(wallet(), () => clock.now(), hqCaller, { templateId: allied.id, audience: {}, idempotencyKey: 'demo-allied' });
  await tagMembers(wallet(), clock.now(), office(maifang), {
    tag: '蛋糕爱好者',
    memberIds: members.filter((_, i) => registeredAt[i] === maifang).slice(0, 12),
  });
  opts.progress(
    `  coupons: ${manjian.name}, ${allied.name}, 2 in the catalogue; campaigns ${campaign.name}, ${doubled.name}, 生日送积分; ${hqIssue.issued} members got ${allied.name}`,
  );

  // Plan the month's operations, then run them in time order.
  const monthMs = last.endsAt.getTime() - last.startsAt.getTime();
  // Most members spend a little; one in ten spends more, one in fifty a lot: most stay 普通, a few reach the top.
  type Plan = { at: number; memberId: string; kind: 'topUp' | 'checkout' | 'signIn' | 'buyPlan'; spend: number };
  const plans: Plan[] = [];
  for (const [i, memberId] of members.entries()) {
    const spend = i % 50 === 0 ? 40 : i % 10 === 0 ? 6 : 1;
    const start = last.startsAt.getTime() + 6 * 86400_000;
    plans.push({ at: start + rng.int(5 * 86400_000), memberId, kind: 'topUp', spend });
    if (rng.next() < 0.3) plans.push({ at: start + rng.int(monthMs - 7 * 86400_000), memberId, kind: 'topUp', spend });
    for (let k = 2 + rng.int(5); k > 0; k--) plans.push({ at: start + 5 * 86400_000 + rng.int(monthMs - 12 * 86400_000), memberId, kind: 'checkout', spend });
    if (rng.next() < 0.3)
      for (let d = 0; d < 3 + rng.int(10); d++) plans.push({ at: start + d * 86400_000 + rng.int(3600_000), memberId, kind: 'signIn', spend });
    if (i % 20 === 1) plans.push({ at: start + rng.int(5 * 86400_000), memberId, kind: 'buyPlan', spend });
  }
  plans.sort((a, b) => a.at - b.at);
  const issuers = stores.filter((s) => s.canIssue);
  const acceptors = stores.filter((s) => s.canAccept);
  const counts = { topUps: 0, checkouts: 0, refunds: 0, signIns: 0, plans: 0, pointsBurned: 0n, coupons: 0, memberDiscounts: 0, parking: 0 };
  let done = 0;
  for (const plan of plans) {
    clock.set(new Date(plan.at));
    const em = orms.wallet.em.fork();
    const member = { role: 'MEMBER', subject: plan.memberId } as Claims;
    if (plan.kind === 'signIn') {
      await signIn({ em, clock, payCodeKey, caller: member, hooks: MOVEMENT_HOOKS }).then(
        () => counts.signIns++,
        () => undefined,
      ); // twice the same day: refused
      done++;
      continue;
    }
    if (plan.kind === 'buyPlan') {
      await buyMembershipPlan(
        { em, clock, payCodeKey, caller: member, hooks: MOVEMENT_HOOKS },
        { planCode: 'PLUS', paymentRef: `APP-PAY-${done}`, idempotencyKey: `seed-plan-${done}` },
      );
      counts.plans++;
      done++;
      continue;
    }
    const { code } = await issuePayCode(em, clock, payCodeKey, plan.memberId);
    if (plan.kind === 'topUp') {
      const store = rng.pick(issuers);
      const amount = rng.pick([100, 200, 300, 500, 1000]);
      const bonus = amount >= 500 ? amount / 10 : amount >= 300 ? 20 : 0;
      await topUp(
        { em, clock, payCodeKey, caller: store.terminal, hooks: MOVEMENT_HOOKS },
        { payCode: code, storeId: store.storeId, amount: { amount: `${amount}` }, bonus: { amount: `${bonus}` }, idempotencyKey: `seed-${done}` },
      );
      counts.topUps++;
    } else {
      const store = rng.pick(acceptors);
      const order = BigInt((1500 + rng.int(25000)) * plan.spend);
      const wallet: { balance: string; points_balance: string; tier_rank: number; plan_code: string | null; plan_valid_until: Date | null }[] =
        await executeSql(em, sql`select balance, points_balance, tier_rank, plan_code, plan_valid_until from wallet.wallet where member_id = ${plan.memberId}`);
      // The member discount the till will give first (marketing/benefits/member-discount.ts): what the rest is paid on.
      const { tier_rank: rank, plan_code: planCode, plan_valid_until: validUntil } = wallet[0]!;
      const holding = holdingAt(await programmeInForce(em, clock.now()), { rank, planCode, planValidUntil: validUntil && new Date(validUntil) }, clock.now());
      const memberDiscount = memberDiscountOf(await discountsHeldAt(em, holding, store.merchantId), order, store.merchantId)?.discount ?? 0n;
      // A quarter of the checkouts of members holding points burn some (whole yuan's worth, at most half the order).
      const held = BigInt(wallet[0]!.points_balance);
      const points = held >= 500n && rng.next() < 0.25 ? ([held, order / 2n, 3000n].reduce((a, b) => (a < b ? a : b)) / 100n) * 100n : 0n;
      const balance = BigInt(wallet[0]!.balance);
      // Half the time, a coupon the member holds that this store takes, if the order is big enough for it.
      const usable = rng.next() < 0.5 ? await couponsOfMember(em, plan.memberId, clock.now(), { status: 'USABLE', acceptedAt: store.merchantId }) : [];
      const coupon = usable.find((c) => templates.has(c.templateId) && couponDiscount(templates.get(c.templateId)!, order - memberDiscount) !== null);
      const discount = coupon ? couponDiscount(templates.get(coupon.templateId)!, order - memberDiscount)! : 0n;
      const pointsPaid = points > order - memberDiscount - discount ? 0n : points;
      const left = order - memberDiscount - discount - pointsPaid;
      const stored = balance < left ? balance : left;
      {
        const result = await checkout(
          { em, clock, payCodeKey, caller: store.terminal, hooks: MOVEMENT_HOOKS },
          {
            payCode: code,
            storeId: store.storeId,
            orderAmount: { amount: formatDecimal(order) },
            couponId: coupon?.id,
            points: Number(pointsPaid),
            storedValue: { amount: formatDecimal(stored) },
            orderRef: `POS-${done}`,
            idempotencyKey: `seed-${done}`,
          },
        );
        if (coupon) counts.coupons++;
        if (result.memberDiscount > 0n) counts.memberDiscounts++;
        counts.pointsBurned += pointsPaid;
        counts.checkouts++;
        if (rng.next() < 0.05) {
          clock.advance(3600_000);
          const returned = rng.next() < 0.5 ? order : order / 2n || order;
          await refund(
            { em: orms.wallet.em.fork(), clock, payCodeKey, caller: store.terminal, hooks: MOVEMENT_HOOKS },
            { transactionId: result.transaction.id, orderAmount: { amount: formatDecimal(returned) }, idempotencyKey: `seed-refund-${done}` },
          );
          counts.refunds++;
        }
      }
    }
    done++;
    if (done % Math.ceil(plans.length / 10) === 0) opts.progress(`  activity ${Math.round((100 * done) / plans.length)}% (${done}/${plans.length})`);
  }
  opts.progress(
    `  ${counts.topUps} top-ups, ${counts.checkouts} checkouts (${counts.pointsBurned} points burned, ${counts.coupons} with a coupon), ${counts.refunds} refunds, ${counts.signIns} sign-ins, ${counts.plans} paid plans in ${last.label}`,
  );
  // Near the month's end, 钻石 members park at the cinema (the use its settlement reimburses from HQ).
  clock.set(new Date(last.endsAt.getTime() - 3 * 86400_000));
  const diamonds: { member_id: string }[] = await executeSql(wallet(), sql`select member_id from wallet.wallet where tier_rank = 3 order by member_id`);
  for (const { member_id: memberId } of diamonds) {
    clock.advance(3600_000);
    const { code } = await issuePayCode(wallet(), clock, payCodeKey, memberId);
    await redeemBenefit(
      { em: wallet(), clock, payCodeKey, caller: cinema.terminal, hooks: MOVEMENT_HOOKS },
      { payCode: code, storeId: cinema.storeId, benefitId: parking.id, idempotencyKey: `demo-parking-${memberId}` },
    );
    counts.parking++;
  }
  opts.progress(`  benefits: ${counts.memberDiscounts} checkouts with a member discount, ${counts.parking} free parkings at ${cinema.label}`);
  const [rewards] = (await executeSql(
    wallet(),
    sql`select (select count(*) from wallet.task_completion where taken_back_by is null) as tasks,
      (select count(*) from wallet.member_badge) as badges,
      (select count(*) from wallet.referral_conversion where taken_back_by is null) as conversions`,
  )) as { tasks: string; badges: string; conversions: string }[];
  opts.progress(`  tasks: ${rewards!.tasks} completed, ${rewards!.badges} badges held; referrals: ${rewards!.conversions} of ${invited} converted`);
  // At the month's end: members with points exchange them in the catalogue; rule tags are built over the month.
  clock.set(new Date(last.endsAt.getTime() - 2 * 3600_000));
  let exchanged = 0;
  for (const memberId of members) {
    const [w] = (await executeSql(wallet(), sql`select points_balance from wallet.wallet where member_id = ${memberId}`)) as { points_balance: string }[];
    if (BigInt(w!.points_balance) < 1200n || exchanged >= 20) continue;
    await exchangePoints(
      { em: wallet(), clock, payCodeKey, caller: { role: 'MEMBER', subject: memberId }, hooks: MOVEMENT_HOOKS },
      { templateId: cake.id, idempotencyKey: `demo-exchange-${memberId}` },
    );
    await refreshRuleTagsOf(wallet(), clock.now(), memberId);
    exchanged++;
  }
  await createTagRule(wallet(), clock.now(), office(lanshan), { tag: '大客户', rule: { minSpend: { days: 30, amount: { amount: '500' } } } });
  await createTagRule(wallet(), clock.now(), hqCaller, { tag: '沉睡会员', rule: { inactiveDays: 14 } });
  await rebuildRuleTags(wallet(), clock.now());
  opts.progress(`  ${exchanged} points exchanges for ${cake.name}; tags 蛋糕爱好者 (by hand), 大客户 and 沉睡会员 (by rule)`);
  const tiers: { rank: number; n: number }[] = await orms.wallet.em
    .fork()
    .execute('select tier_rank as rank, count(*)::int as n from wallet.wallet group by 1 order by 1');
  opts.progress(`  members per tier (lowest first): ${tiers.map((t) => t.n).join(' / ')}`);
  return { lastPeriod: last.label, clients, example };
}
