/**
 * Property test of the money core, without HTTP: random sequences of
 * top-ups, checkouts (some burning points), refunds by order amount,
 * sign-ins, freezes, commission changes, month ends (which are also the
 * programme's cycle ends here: a monthly cycle with a low ladder, so
 * upgrades, gifts and downgrades happen often), a jump past a year end that
 * expires the points (and every cycle end missed on the way) and settlement
 * runs (some finalised) across merchants, run through the wallet's domain
 * functions against PostgreSQL and checked against a small in-memory model
 * after every step: each issuer's stored value, each member's points, growth
 * and tier. Checkouts take a member discount when one is held (docs/benefits.md):
 * HQ's 5% (at most ¥3) for 银卡 and up at merchants 0 to 2, co-funded by
 * merchant 3, and merchant 1's own 3% for everyone. Tills redeem HQ's parking
 * service (银卡 and up, twice a month, ¥1.50 a use, at merchants 0 to 2,
 * co-funded as the discount): held, honoured and within its quota, or refused
 * with the model's code. HQ's task "two purchases a month" rewards 25
 * points and 10 growth in the checkout that completes it, and a full refund
 * of that checkout takes both back (docs/tasks.md). Reaching 银卡 or higher
 * brings HQ's welcome pack (two coupons) and reaching 金卡 or higher HQ's gift
 * of 7 points, once per tier reached and cycle, in the movement that reached
 * it (a top-up's growth, a checkout, a sign-in, a task's reward). Members 1
 * and 2 registered with member 0's referral code: the first checkout of each
 * paying ¥30 within 30 days converts, with 100 points for it and 200 for
 * member 0 within a cap of one rewarded conversion a month, and a full refund
 * of the converting checkout undoes it (docs/tasks.md "Referrals"). Each
 * settlement run is
 * compared with the model's
 * R(A, I), points lines, benefit lines (discounts and service uses) and
 * expired points for its month; at the end every month of the sequence is
 * settled.
 */
import { MOVEMENT_HOOKS, completionsOfEvent, convertedBy, createTask, rewardsTakenBackBy, updateTask } from '../subgraphs/wallet/marketing/index.js';
import { copyOfDatabase, testDatabase } from './support/database.js';
import { randomUUID, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IsolationLevel, type MikroORM } from '@mikro-orm/postgresql';
import { FixedClock } from '../lib/clock.js';
import { createOrm, migrate } from '../lib/database.js';
import { divideRoundHalfAwayFromZero, formatDecimal } from '../lib/money.js';
import type { Claims } from '../lib/auth.js';
import { walletMigrations } from '../migrations/wallet/index.js';
import { setSettlementTerms } from '../subgraphs/wallet/ledger/terms/terms.js';
import { addWalletMember, addWalletMerchant, errorCode, terminalAt } from './support/wallet-directory.js';
import { issuePayCode } from '../subgraphs/wallet/ledger/paycode/paycode.js';
import { topUp } from '../subgraphs/wallet/payments/topup/topup.js';
import { checkout } from '../subgraphs/wallet/payments/checkout/checkout.js';
import { refund } from '../subgraphs/wallet/payments/refund/refund.js';
import { freezeWallet, liftFreezes } from '../subgraphs/wallet/ledger/accounts/freeze.js';
import { finalizeSettlement, runSettlement, positionsOfRuns, statementsOfRuns } from '../subgraphs/wallet/settlement/settlement.js';
import { verifyLedger } from '../subgraphs/wallet/settlement/index.js';
import { setProgramme, programmeInForce } from '../subgraphs/wallet/programme/programme.js';
import { endTierCycles, rankAfterCycleEnd } from '../subgraphs/wallet/programme/tier-evaluation.js';
import { expireDuePoints } from '../subgraphs/wallet/programme/points/points-expiry.js';
import { earningYearCredit, earningYearCreditSql } from '../subgraphs/wallet/programme/points/points-account.js';
import { EARNING_YEAR_LOT } from '../subgraphs/wallet/ledger/journal/movement.js';
import { executeSql, joinSql, sql } from '../lib/sql.js';
import { signIn } from '../subgraphs/wallet/programme/sign-in.js';
import { COALITION_TIME_ZONE, localDay } from '../subgraphs/wallet/ledger/journal/accounting-period.js';
import { programmeInput } from './support/programme.js';
import { createBenefit, updateBenefit } from '../subgraphs/wallet/marketing/benefits/benefit.js';
import { createCouponTemplate } from '../subgraphs/wallet/marketing/coupons/coupon-template.js';
import { redeemBenefit } from '../subgraphs/wallet/marketing/benefits/service-use.js';

let orm: MikroORM;
/** How much real work the sequences did, so the test fails if the generator stops exercising anything. */
const done = {
  checkouts: 0,
  refunds: 0,
  crossRedemptions: 0,
  settledMidSequence: 0,
  finalisedMidSequence: 0,
  refundsAcrossFinalisedMonth: 0,
  pointsBurns: 0,
  signIns: 0,
  upgrades: 0,
  downgrades: 0,
  negativePoints: 0,
  yearEnds: 0,
  pointsExpired: 0,
  refundsToExpiredLots: 0,
  hqDiscounts: 0,
  ownDiscounts: 0,
  discountsRefunded: 0,
  serviceUses: 0,
  servicesExhausted: 0,
  servicesNotHeld: 0,
  tasksCompleted: 0,
  tasksTakenBack: 0,
  tasksCompletedAgain: 0,
  packsGranted: 0,
  giftsGiven: 0,
  referralsConverted: 0,
  referralsOverCap: 0,
  referralsUndone: 0,
  referralsConvertedAgain: 0,
};

/** The property test's programme: a monthly cycle and a low ladder (the rules of docs/programme.md, other numbers). */
const LADDER = [
  { code: 'T0', name: '普通', threshold: 0, pointsMultiplierBps: 10000, upgradeGiftPoints: 0 },
  { code: 'T1', name: '银卡', threshold: 300, pointsMultiplierBps: 12000, upgradeGiftPoints: 50 },
  { code: 'T2', name: '金卡', threshold: 800, pointsMultiplierBps: 15000, upgradeGiftPoints: 100 },
  { code: 'T3', name: '钻石', threshold: 2000, pointsMultiplierBps: 20000, upgradeGiftPoints: 200 },
];
let databaseUrl: string;
/**
 * The task and the benefits on reaching a tier of the sequence running: HQ's reach every member, so each sequence retires
 * the ones before it (its discounts and its service need not be: one discount applies, and a service counts its own uses).
 */
let sequenceTask: string | null = null;
let sequenceRewards: string[] = [];
const payCodeKey = randomBytes(32);

/**
 * Each sequence runs in a database of its own, copied from the file's template (the migrated schema, the programme and
 * the months the sequences move in, 2019-12 to 2020-06 and 2021-12 to 2022-04): its months are then the only ones the journal has, as in a
 * hub, where one database holding every sequence's would have hundreds of months (sequences never share one) and every
 * statement that reads a member's history across them would plan each.
 */
let fileTemplate: string;
async function sequenceDatabase(): Promise<void> {
  await orm?.close();
  databaseUrl = await copyOfDatabase(fileTemplate, 'unicard_prop');
  orm = await createOrm({ url: databaseUrl, schema: 'wallet', entities: [], migrations: walletMigrations, poolSize: 4 });
  sequenceTask = null;
  sequenceRewards = [];
}

beforeAll(async () => {
  const templateUrl = await testDatabase('unicard_prop_template');
  fileTemplate = new URL(templateUrl).pathname.slice(1);
  const template = await createOrm({ url: templateUrl, schema: 'wallet', entities: [], migrations: walletMigrations, poolSize: 4 });
  await migrate(template, 'wallet');
  await setProgramme(template.em.fork(), new FixedClock(new Date('2019-12-01T00:00:00Z')), {
    ...programmeInput({ tiers: LADDER.map((t) => ({ ...t, description: '' })) }),
    cycle: 'MONTH',
    // A top-up's principal earns a growth point per yuan too (payments/topup/topup-growth.ts).
    growthPerYuanTopUp: 1,
    // The default rewards, a cap of one rewarded conversion a month so that two invitees reach it.
    referral: { inviterPoints: 200, inviteePoints: 100, minFirstPurchase: { amount: '30.00' }, windowDays: 30, monthlyCap: 1 },
  });
  for (const [from, through] of [
    ['2019-12-15', '2020-06-15'],
    ['2021-12-15', '2022-04-15'],
  ])
    await executeSql(template.em.fork(), sql`select wallet.make_journal_partitions(${from}::timestamptz, ${through}::timestamptz, ${COALITION_TIME_ZONE})`);
  await template.close();
  await sequenceDatabase();
});
afterAll(async () => orm?.close());

type Command =
  | { kind: 'topUp'; member: number; merchant: number; amount: bigint; bonus: bigint }
  | { kind: 'checkout'; member: number; merchant: number; perMille: bigint; pointsPerMille: bigint }
  | { kind: 'signIn'; member: number }
  | { kind: 'redeem'; member: number; merchant: number }
  | { kind: 'refund'; checkout: number; oldest: boolean; perMille: bigint }
  | { kind: 'freeze'; member: number; frozen: boolean }
  | { kind: 'terms'; merchant: number; bps: number }
  | { kind: 'nextMonth' }
  | { kind: 'yearEnd' }
  | { kind: 'settle'; monthsBack: number; finalize: boolean };

const MERCHANTS = 4;
const MEMBERS = 3;
/**
 * The months a sequence may act in: up to three in a row, and one more after
 * its jump past a year end (to the January two years on, when everything
 * earned so far has expired). Each sequence lives in its own block of
 * calendar months, so sequences never share a period.
 */
const MONTHS_PER_SEQUENCE = 4;
/** Sequences start in January 2020 and move on by the months they used; no jump goes past this year (earning years end at 2200). */
const LAST_JUMP_YEAR = 2190;
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('topUp' as const),
      member: fc.nat(MEMBERS - 1),
      merchant: fc.nat(MERCHANTS - 1),
      amount: fc.bigInt({ min: 1n, max: 50_000n }),
      bonus: fc.bigInt({ min: 0n, max: 5_000n }),
    }),
  },
  // Amounts as a share (per mille) of what is there, so most succeed and some overreach. Weight 6 (was 5 before the
  // year end took its share): the checkouts and burns the counts at the end ask for stay as frequent as they were.
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('checkout' as const),
      member: fc.nat(MEMBERS - 1),
      merchant: fc.nat(MERCHANTS - 1),
      perMille: fc.bigInt({ min: 1n, max: 1100n }),
      // Points to burn as a share of those held: none half the time, sometimes more than held.
      pointsPerMille: fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 1100n })),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('signIn' as const), member: fc.nat(MEMBERS - 1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('redeem' as const), member: fc.nat(MEMBERS - 1), merchant: fc.nat(MERCHANTS - 1) }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('refund' as const), checkout: fc.nat(20), oldest: fc.boolean(), perMille: fc.bigInt({ min: 1n, max: 1200n }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('freeze' as const), member: fc.nat(MEMBERS - 1), frozen: fc.nat(3).map((n) => n === 0) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('terms' as const), merchant: fc.nat(MERCHANTS - 1), bps: fc.integer({ min: 0, max: 1000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('nextMonth' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('yearEnd' as const) }) },
  // monthsBack 0 is the month still running: settling it must be refused.
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('settle' as const), monthsBack: fc.constantFrom(0, 1, 1, 1, 2), finalize: fc.constantFrom(true, true, false) }),
  },
);

/** Every member starts with some value, so early checkouts (in the first month) mostly go through. */
const withOpeningTopUps = (commands: Command[]): Command[] => [
  ...Array.from({ length: MEMBERS }, (_, member): Command => ({ kind: 'topUp', member, merchant: member % 2, amount: 20_000n, bonus: 0n })),
  ...commands,
];

/** The model: lots and rules, written independently of the implementation. */
interface ModelLot {
  issuer: number;
  remaining: bigint;
  seq: number;
}
interface ModelCheckout {
  id: string;
  month: number;
  member: number;
  acquirer: number;
  bps: number;
  orderAmount: bigint;
  used: { lot: ModelLot; amount: bigint }[];
  returned: bigint;
  burned: bigint;
  earned: bigint;
  growth: bigint;
  amountDue: bigint;
  /** The member discount: which benefit, and its funders' shares (HQ's and merchant 3's for HQ's; merchant 1 alone for its own). */
  discount: { benefit: 'HQ' | 'OWN'; amount: bigint; hqShare: bigint; m3Share: bigint } | null;
  /** Made before the sequence's year-end jump: the points lots it burned from and earned into have expired since. */
  lotsExpired: boolean;
  /** The task window it counts in (member and calendar month), and whether it completed the task there. */
  window: string;
  completedTask: boolean;
  /** It converted its member's invitation (a refund in full undoes that). */
  converted: boolean;
}
/** A member's standing in the model: points (negative while owed), this cycle's growth, tier, gifts given this cycle, last sign-in day. */
interface ModelStanding {
  points: bigint;
  growth: bigint;
  rank: number;
  gifted: Set<number>;
  signedIn: string | null;
  /** The welcome pack's coupons held, and the tiers whose benefits on reaching were given this cycle. */
  packCoupons: number;
  reachedThisCycle: Set<number>;
}

/** Growth rising to `growth` upgrades at once to the highest tier reached, with each tier's gift once per cycle. */
function upgrade(member: ModelStanding): bigint {
  let gifts = 0n;
  const reached = LADDER.reduce((r, t, i) => (member.growth >= BigInt(t.threshold) ? i : r), 0);
  for (let r = member.rank + 1; r <= reached; r++) {
    if (!member.gifted.has(r)) {
      gifts += BigInt(LADDER[r]!.upgradeGiftPoints);
      member.gifted.add(r);
    }
  }
  if (reached > member.rank) {
    member.rank = reached;
    done.upgrades++;
    // The benefits on reaching a tier: those the tier reached carries (not a tier skipped on the way), once per tier and
    // cycle: the pack from 银卡 up (again on reaching 金卡 in the same cycle), the gift from 金卡 up.
    if (!member.reachedThisCycle.has(reached)) {
      member.reachedThisCycle.add(reached);
      member.packCoupons += 2;
      done.packsGranted++;
      if (reached >= 2) {
        gifts += 7n;
        done.giftsGiven++;
      }
    }
  }
  member.points += gifts;
  return gifts;
}
/**
 * The member discount the model expects (docs/benefits.md, written again here): HQ's 5% capped at 300 fen for ranks 1
 * and up at merchants 0-2, merchant 1's own 3% for everyone at its stores; the larger applies, a tie to the store's own.
 * Half away from zero, for positive amounts: (x × 2 + 100) / 200.
 */
function modelDiscount(rank: number, merchant: number, order: bigint): { benefit: 'HQ' | 'OWN'; amount: bigint } | null {
  const pct = (p: bigint) => (order * p * 2n + 100n) / 200n;
  const hq = rank >= 1 && merchant <= 2 ? (pct(5n) > 300n ? 300n : pct(5n)) : 0n;
  const own = merchant === 1 ? pct(3n) : 0n;
  if (hq === 0n && own === 0n) return null;
  return own >= hq ? { benefit: 'OWN', amount: own } : { benefit: 'HQ', amount: hq };
}
const floorShare = (part: bigint, before: bigint, after: bigint, total: bigint) => (part * after) / total - (part * before) / total;
const f2 = (part: bigint, before: bigint, after: bigint, total: bigint) =>
  divideRoundHalfAwayFromZero(part * after, total) - divideRoundHalfAwayFromZero(part * before, total);

describe('the ledger under random operations', () => {
  it('matches the model after every step, stays consistent, and settles to the model with value conserved', async () => {
    let period = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 15, maxLength: 45, size: 'max' }).map(withOpeningTopUps), async (commands) => {
        // Each sequence settles its own months, so earlier sequences do not mix in: in a database of its own, from January 2020.
        await sequenceDatabase();
        period = 0;
        const first = period;
        // Moved on as each month is used (not at the end), so that a failing sequence's months are not used again while shrinking.
        period = first + 1;
        /** The calendar month (from `first`) of each of the sequence's months; the first is `first` itself. */
        const calendar = [0];
        const calendarStart = (offset: number) => new Date(Date.UTC(2020 + Math.floor((first + offset) / 12), (first + offset) % 12, 1, 0, 0, 0));
        const monthStart = (k: number) => calendarStart(calendar[k]!);
        const monthLabel = (k: number) => {
          const d = monthStart(k);
          return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
        };
        // Periods are in Asia/Shanghai: from the 2nd (UTC) on, the model's timestamps all fall inside their month.
        const clock = new FixedClock(new Date(monthStart(0).getTime() + 86_400_000));
        let month = 0;
        let jumped = false;
        const em = () => orm.em.fork();
        const terms = [
          { canIssue: true, canAccept: true, bps: 150 },
          { canIssue: true, canAccept: true, bps: 200 },
          { canIssue: false, canAccept: true, bps: 100 },
          { canIssue: true, canAccept: false, bps: 0 },
        ];
        const merchants: string[] = terms.map(() => randomUUID());
        const stores = merchants.map(() => randomUUID());
        const members = Array.from({ length: MEMBERS }, () => randomUUID());
        for (let i = 0; i < MERCHANTS; i++) {
          await addWalletMerchant(em, clock, {
            merchantId: merchants[i]!,
            storeId: stores[i]!,
            canIssue: terms[i]!.canIssue,
            canAccept: terms[i]!.canAccept,
            commissionBps: terms[i]!.bps,
          });
        }
        // Member 0 first; members 1 and 2 register with its referral code, a second apart.
        const registeredAt: number[] = [];
        for (const [i, memberId] of members.entries()) {
          clock.advance(1000);
          registeredAt.push(clock.now().getTime());
          await addWalletMember(em, clock, memberId, { merchantId: merchants[0]!, storeId: stores[0]!, invitedBy: i > 0 ? members[0] : undefined });
        }
        /** Each invitee's live conversion: the calendar month it counts in for the cap, and whether the inviter was rewarded. */
        const conversions: ({ calendarMonth: number; inviterRewarded: boolean } | null)[] = members.map(() => null);
        const undoneFor = new Set<number>();
        // The sequence's member discounts (modelDiscount): HQ's, older, then merchant 1's own.
        await createBenefit(em(), clock.now(), { role: 'HQ', subject: 'hq' } as Claims, {
          name: '银卡95折',
          kind: 'DISCOUNT',
          tiers: ['T1', 'T2', 'T3'],
          percentOff: 5,
          maxDiscount: { amount: '3.00' },
          acceptedBy: merchants.slice(0, 3),
          funders: [{ shareBps: 6000 }, { merchantId: merchants[3]!, shareBps: 4000 }],
        });
        clock.advance(1000);
        await createBenefit(em(), clock.now(), { role: 'MERCHANT', subject: 'office-1', merchantId: merchants[1]! } as Claims, {
          name: '会员97折',
          kind: 'DISCOUNT',
          tiers: LADDER.map((t) => t.code),
          percentOff: 3,
        });
        // HQ's parking (the model's service): 银卡 and up, at merchants 0-2, twice a calendar month, ¥1.50 a use, co-funded as above.
        const parking = await createBenefit(em(), clock.now(), { role: 'HQ', subject: 'hq' } as Claims, {
          name: '停车',
          kind: 'SERVICE',
          tiers: ['T1', 'T2', 'T3'],
          usesPerMonth: 2,
          costPerUse: { amount: '1.50' },
          acceptedBy: merchants.slice(0, 3),
          funders: [{ shareBps: 6000 }, { merchantId: merchants[3]!, shareBps: 4000 }],
        });
        /** Uses of the parking per member and calendar month (the quota's month). */
        const serviceUses = new Map<string, number>();
        // HQ's task: two purchases in a calendar month, for 25 points (HQ's) and 10 growth, in the checkout that makes the second.
        if (sequenceTask) await updateTask(em(), { role: 'HQ', subject: 'hq' } as Claims, sequenceTask, { active: false });
        const task = await createTask(em(), clock.now(), { role: 'HQ', subject: 'hq' } as Claims, {
          name: '每月两笔',
          kind: 'PURCHASES',
          goal: 2,
          window: 'MONTH',
          reward: { points: 25, growth: 10 },
        });
        sequenceTask = task.id;
        // HQ's benefits on reaching a tier: two coupons of its welcome template from 银卡 up, 7 points from 金卡 up.
        const welcome = await createCouponTemplate(em(), clock.now(), { role: 'HQ', subject: 'hq' } as Claims, {
          name: '升级礼券',
          kind: 'AMOUNT_OFF',
          amountOff: { amount: '5.00' },
          minOrder: { amount: '50.00' },
          validDays: 30,
          budget: 1_000,
          acceptedBy: merchants.slice(0, 3),
        });
        for (const id of sequenceRewards) await updateBenefit(em(), clock.now(), { role: 'HQ', subject: 'hq' } as Claims, id, { active: false });
        const pack = await createBenefit(em(), clock.now(), { role: 'HQ', subject: 'hq' } as Claims, {
          name: '升级礼包',
          kind: 'COUPON_PACK',
          tiers: ['T1', 'T2', 'T3'],
          couponTemplateId: welcome.id,
          count: 2,
          occasion: 'ON_REACHING',
        });
        const gift = await createBenefit(em(), clock.now(), { role: 'HQ', subject: 'hq' } as Claims, {
          name: '金卡礼分',
          kind: 'POINTS_GIFT',
          tiers: ['T2', 'T3'],
          points: 7,
          occasion: 'ON_REACHING',
        });
        sequenceRewards = [pack.id, gift.id];
        /** Per task window (member and calendar month): the checkouts counting (not refunded in full), and whether it stands completed. */
        const purchases = new Map<string, number>();
        const taskCompleted = new Set<string>();
        const takenBackIn = new Set<string>();
        const terminal = (i: number): Claims => terminalAt(stores[i]!, merchants[i]!);

        const lots: ModelLot[][] = members.map(() => []);
        const standing: ModelStanding[] = members.map(() => ({
          points: 0n,
          growth: 0n,
          rank: 0,
          gifted: new Set(),
          signedIn: null,
          packCoupons: 0,
          reachedThisCycle: new Set(),
        }));
        // Per month of the sequence and merchant: points issued (earned - taken back) and redeemed (burned - given back).
        const pointsFlows = Array.from({ length: MONTHS_PER_SEQUENCE }, () => merchants.map(() => ({ issued: 0n, redeemed: 0n })));
        // Per month of the sequence: the members' points that expired (at the year end, and given back to an expired lot).
        const pointsExpired = Array.from({ length: MONTHS_PER_SEQUENCE }, () => 0n);
        // Per month of the sequence: benefit reimbursements (credit and cost per merchant, HQ's shares), in the month they happen.
        const benefitFlows = Array.from({ length: MONTHS_PER_SEQUENCE }, () => ({ credit: merchants.map(() => 0n), cost: merchants.map(() => 0n), hq: 0n }));
        const reimburse = (acquirer: number, hqShare: bigint, m3Share: bigint) => {
          const b = benefitFlows[month]!;
          b.credit[acquirer]! += hqShare + m3Share;
          b.cost[3]! += m3Share;
          b.hq += hqShare;
        };
        const frozen = members.map(() => false);
        const checkouts: ModelCheckout[] = [];
        // Per month of the sequence: "acquirer|issuer|bps" -> R part. A movement counts in the month it happens.
        const flows = Array.from({ length: MONTHS_PER_SEQUENCE }, () => new Map<string, bigint>());
        const finalised = new Set<number>();
        const flow = (a: number, i: number, bps: number, amount: bigint) => {
          if (a === i) return;
          const key = `${a}|${i}|${bps}`;
          flows[month]!.set(key, (flows[month]!.get(key) ?? 0n) + amount);
        };
        /** Runs settlement for month k, checks it against the model, and finalises it if asked. */
        const settleAndCompare = async (k: number, finalize: boolean) => {
          const run = await runSettlement(em(), clock, monthLabel(k));
          const [positions] = await positionsOfRuns(em(), [run.id]);
          const [statements] = await statementsOfRuns(em(), [run.id]);
          const expected = new Map<string, { amount: bigint; commission: bigint }>();
          for (const [key, r] of flows[k]!) {
            const [a, i, bps] = key.split('|').map(Number) as [number, number, number];
            const pair = `${merchants[a]}|${merchants[i]}`;
            const sum = expected.get(pair) ?? { amount: 0n, commission: 0n };
            sum.amount += r;
            sum.commission += divideRoundHalfAwayFromZero(r * BigInt(bps), 10_000n);
            expected.set(pair, sum);
          }
          for (const [pair, sum] of expected) if (sum.amount === 0n && sum.commission === 0n) expected.delete(pair);
          const actual = new Map(
            positions!
              .filter((p) => merchants.includes(p.acquirerId))
              .map((p) => [`${p.acquirerId}|${p.issuerId}`, { amount: p.amount, commission: p.commission }]),
          );
          expect(actual).toEqual(expected);
          const ours = statements!.filter((s) => merchants.includes(s.merchantId));
          const income = [...expected.values()].reduce((s, p) => s + p.commission, 0n);
          // The stored-value part of each net (points and benefits have their own lines), and all of it with HQ's income.
          expect(ours.reduce((s, st) => s + st.net - st.pointsCredit + st.pointsCost - st.benefitCredit + st.benefitCost, 0n) + income).toBe(0n);
          // Member discounts reimbursed to the store by HQ and merchant 3, net of refunds in the month.
          const benefitLines = merchants.map((merchantId) => {
            const st = statements!.find((x) => x.merchantId === merchantId)!;
            return [st.benefitCredit, st.benefitCost];
          });
          expect(benefitLines).toEqual(merchants.map((_, i) => [benefitFlows[k]!.credit[i]!, benefitFlows[k]!.cost[i]!]));
          expect(run.totals.benefitCostsFundedByHq).toBe(benefitFlows[k]!.hq);
          expect(statements!.reduce((s, st) => s + st.net, 0n) + run.totals.hqIncome).toBe(0n);
          // Points at 100 fen per 100 points both ways: cost and credit are the points themselves, in fen.
          for (const [i, merchantId] of merchants.entries()) {
            const st = statements!.find((x) => x.merchantId === merchantId)!;
            const want = pointsFlows[k]![i]!;
            expect({ issued: st.pointsIssued, cost: st.pointsCost, redeemed: st.pointsRedeemed, credit: st.pointsCredit }).toEqual({
              issued: want.issued,
              cost: want.issued,
              redeemed: want.redeemed,
              credit: want.redeemed,
            });
          }
          // HQ's breakage: the sequence's members', and at its month changes any earlier sequence's lots then due.
          expect(run.totals.pointsExpired).toBe(pointsExpired[k]);
          if (finalize) {
            await finalizeSettlement(em(), clock, run.id);
            finalised.add(k);
          }
        };
        let seq = 0;

        for (const [step, command] of commands.entries()) {
          clock.advance(60_000);
          const key = `${period}-${step}`;
          if (command.kind === 'topUp') {
            const bonus = command.bonus > command.amount ? command.amount : command.bonus;
            const expected = !terms[command.merchant]!.canIssue ? 'ISSUING_NOT_ALLOWED' : 'ok';
            const code = await issuePayCode(em(), clock, payCodeKey, members[command.member]!);
            const got = await topUp(
              { em: em(), clock, payCodeKey, caller: terminal(command.merchant), hooks: MOVEMENT_HOOKS },
              {
                payCode: code.code,
                storeId: stores[command.merchant]!,
                amount: { amount: formatDecimal(command.amount) },
                bonus: { amount: formatDecimal(bonus) },
                idempotencyKey: key,
              },
            ).then(() => 'ok', errorCode);
            expect(got).toBe(expected);
            if (got === 'ok') {
              lots[command.member]!.push({ issuer: command.merchant, remaining: command.amount + bonus, seq: seq++ });
              // Growth on the principal, never the bonus: floor(fen × 1 / 100), upgrading at once.
              standing[command.member]!.growth += command.amount / 100n;
              upgrade(standing[command.member]!);
            }
          } else if (command.kind === 'checkout') {
            const memberLots = lots[command.member]!;
            const balance = memberLots.reduce((s, l) => s + l.remaining, 0n);
            const storedValue = (balance * command.perMille) / 1000n || 1n;
            const member = standing[command.member]!;
            const held = member.points > 0n ? member.points : 0n;
            const burn = command.pointsPerMille === 0n ? 0n : (held * command.pointsPerMille) / 1000n || 1n;
            const expected = !terms[command.merchant]!.canAccept
              ? 'ACCEPTING_NOT_ALLOWED'
              : frozen[command.member]
                ? 'WALLET_FROZEN'
                : storedValue > balance
                  ? 'INSUFFICIENT_FUNDS'
                  : burn > 0n && (member.points < 0n || burn > member.points)
                    ? 'INSUFFICIENT_POINTS'
                    : 'ok';
            const code = await issuePayCode(em(), clock, payCodeKey, members[command.member]!);
            // The order: the points' worth (1 point = 1 fen here), the stored value, about 1.00 paid outside, and what a member
            // discount takes off (on the larger order it is larger still: the order grows until at least 0.50 is left to pay).
            const base = burn + storedValue + 100n;
            let orderAmount = base + (modelDiscount(member.rank, command.merchant, base)?.amount ?? 0n);
            const leftToPay = (order: bigint) => order - (modelDiscount(member.rank, command.merchant, order)?.amount ?? 0n) - burn - storedValue;
            while (leftToPay(orderAmount) < 50n) orderAmount += 100n;
            const discount = modelDiscount(member.rank, command.merchant, orderAmount);
            const memberDiscount = discount?.amount ?? 0n;
            const result = await checkout(
              { em: em(), clock, payCodeKey, caller: terminal(command.merchant), hooks: MOVEMENT_HOOKS },
              {
                payCode: code.code,
                storeId: stores[command.merchant]!,
                orderAmount: { amount: formatDecimal(orderAmount) },
                points: Number(burn),
                storedValue: { amount: formatDecimal(storedValue) },
                idempotencyKey: key,
              },
            ).catch((error) => errorCode(error));
            expect(typeof result === 'string' ? result : 'ok').toBe(expected);
            if (typeof result !== 'string') {
              // The model's spending order: the acquirer's own lots, then everyone's, oldest first.
              const order = [...memberLots.filter((l) => l.issuer === command.merchant), ...memberLots.filter((l) => l.issuer !== command.merchant)];
              let left = storedValue;
              const used: ModelCheckout['used'] = [];
              for (const lot of order) {
                const take = lot.remaining < left ? lot.remaining : left;
                if (take === 0n) continue;
                lot.remaining -= take;
                left -= take;
                used.push({ lot, amount: take });
                flow(command.merchant, lot.issuer, terms[command.merchant]!.bps, take);
              }
              done.checkouts++;
              if (used.some((u) => u.lot.issuer !== command.merchant)) done.crossRedemptions++;
              // Growth and points on what was paid (stored value + amount due), at the multiplier when the checkout started.
              const amountDue = orderAmount - memberDiscount - burn - storedValue;
              const paid = storedValue + amountDue;
              expect(result.memberDiscount).toBe(memberDiscount);
              let shares: ModelCheckout['discount'] = null;
              if (discount?.benefit === 'HQ') {
                // HQ first takes the remainder; merchant 3 its 40% rounded half away.
                const m3Share = (discount.amount * 4000n * 2n + 10_000n) / 20_000n;
                shares = { benefit: 'HQ', amount: discount.amount, hqShare: discount.amount - m3Share, m3Share };
                reimburse(command.merchant, shares.hqShare, m3Share);
                done.hqDiscounts++;
              } else if (discount) {
                shares = { benefit: 'OWN', amount: discount.amount, hqShare: 0n, m3Share: 0n };
                done.ownDiscounts++;
              }
              const growth = paid / 100n;
              const earned = (paid * BigInt(LADDER[member.rank]!.pointsMultiplierBps)) / 1_000_000n;
              member.points += earned - burn;
              member.growth += growth;
              upgrade(member);
              // The task counts this checkout in its month; the one that reaches the goal (again, after a take-back) completes it.
              const window = `${command.member}|${calendar[month]}`;
              purchases.set(window, (purchases.get(window) ?? 0) + 1);
              const completesTask = !taskCompleted.has(window) && purchases.get(window)! >= 2;
              if (completesTask) {
                taskCompleted.add(window);
                member.points += 25n;
                member.growth += 10n;
                upgrade(member);
                done.tasksCompleted++;
                if (takenBackIn.has(window)) done.tasksCompletedAgain++;
              }
              expect((await completionsOfEvent(em(), result.transaction)).length).toBe(completesTask ? 1 : 0);
              // An invitee's first checkout paying ¥30 within 30 days of registering converts its invitation (or the next, after
              // a refund in full undid it): 100 points to it, 200 to member 0 unless a conversion this month was rewarded already.
              const converts =
                command.member > 0 &&
                conversions[command.member] === null &&
                paid >= 3000n &&
                clock.now().getTime() < registeredAt[command.member]! + 30 * 86_400_000;
              if (converts) {
                const calendarMonth = calendar[month]!;
                const inviterRewarded = !conversions.some((c) => c !== null && c.inviterRewarded && c.calendarMonth === calendarMonth);
                conversions[command.member] = { calendarMonth, inviterRewarded };
                member.points += 100n;
                if (inviterRewarded) standing[0]!.points += 200n;
                else done.referralsOverCap++;
                done.referralsConverted++;
                if (undoneFor.has(command.member)) done.referralsConvertedAgain++;
              }
              expect(await convertedBy(em(), result.transaction.id)).toBe(converts);
              if (burn > 0n) done.pointsBurns++;
              pointsFlows[month]![command.merchant]!.issued += earned;
              pointsFlows[month]![command.merchant]!.redeemed += burn;
              expect({ burned: result.pointsUsed, earned: result.pointsEarned }).toEqual({ burned: burn, earned });
              checkouts.push({
                id: result.transaction.id,
                month,
                member: command.member,
                acquirer: command.merchant,
                bps: terms[command.merchant]!.bps,
                orderAmount,
                used,
                returned: 0n,
                burned: burn,
                earned,
                growth,
                amountDue,
                discount: shares,
                lotsExpired: false,
                window,
                completedTask: completesTask,
                converted: converts,
              });
            }
          } else if (command.kind === 'refund') {
            // Half the time the oldest checkout with something left, which reaches back into settled months.
            const target = command.oldest ? checkouts.find((c) => c.returned < c.orderAmount) : checkouts[command.checkout % Math.max(1, checkouts.length)];
            if (!target) continue;
            // A part of the order comes back; the stored value in proportion, cumulatively rounded (docs/ledger.md "Refund").
            const total = target.orderAmount;
            const amount = (total * command.perMille) / 1000n || 1n;
            const expected = target.returned + amount > total ? 'REFUND_EXCEEDS_REMAINING' : 'ok';
            const got = await refund(
              { em: em(), clock, payCodeKey, caller: terminal(target.acquirer), hooks: MOVEMENT_HOOKS },
              { transactionId: target.id, orderAmount: { amount: formatDecimal(amount) }, idempotencyKey: key },
            ).catch(errorCode);
            expect(typeof got === 'string' ? got : 'ok').toBe(expected);
            if (typeof got !== 'string') {
              const used = target.used.reduce((sum, u) => sum + u.amount, 0n);
              const f = (c: bigint) => divideRoundHalfAwayFromZero(used * c, total);
              const storedValueBack = f(target.returned + amount) - f(target.returned);
              const share = (part: bigint) => floorShare(part, target.returned, target.returned + amount, total);
              const restored = share(target.burned);
              const takenBack = share(target.earned);
              const growthBack = share(target.growth);
              expect({
                storedValueBack: got.storedValueBack,
                restored: got.pointsRestored,
                takenBack: got.pointsTakenBack,
                dueBack: got.amountDueBack,
              }).toEqual({ storedValueBack, restored, takenBack, dueBack: f2(target.amountDue, target.returned, target.returned + amount, total) });
              // Every refund gives back the discount's shares in proportion, each rounded on its own; the till is told f on the whole.
              const back = (part: bigint) => f2(part, target.returned, target.returned + amount, total);
              expect(got.memberDiscountBack).toBe(back(target.discount?.amount ?? 0n));
              if (target.discount?.benefit === 'HQ') {
                reimburse(target.acquirer, -back(target.discount.hqShare), -back(target.discount.m3Share));
                done.discountsRefunded++;
              }
              // Points given back, earned points taken back (the balance may go negative), growth of this cycle taken back (not below zero).
              // Given back first: they repay a debt first; what is left goes to the lots burned from, and expires again at once if they have expired.
              const member = standing[target.member]!;
              const debt = member.points < 0n ? -member.points : 0n;
              const repaid = restored < debt ? restored : debt;
              if (target.lotsExpired) {
                member.points += repaid;
                pointsExpired[month] = pointsExpired[month]! + restored - repaid;
                if (restored > repaid) done.refundsToExpiredLots++;
              } else {
                member.points += restored;
              }
              member.points -= takenBack;
              if (member.points < 0n) done.negativePoints++;
              member.growth = member.growth > growthBack ? member.growth - growthBack : 0n;
              pointsFlows[month]![target.acquirer]!.issued -= takenBack;
              pointsFlows[month]![target.acquirer]!.redeemed -= restored;
              // Refill the last lot used first, up to what each gave net of earlier refunds.
              let left = storedValueBack;
              for (const use of [...target.used].reverse()) {
                const refillable = use.amount - ((use as { back?: bigint }).back ?? 0n);
                const back = refillable < left ? refillable : left;
                if (back <= 0n) continue;
                use.lot.remaining += back;
                (use as { back?: bigint }).back = ((use as { back?: bigint }).back ?? 0n) + back;
                left -= back;
                flow(target.acquirer, use.lot.issuer, target.bps, -back);
              }
              target.returned += amount;
              // Refunded in full: the checkout counts no more, and if it completed the task the completion is taken back.
              let rewardBack = 0n;
              if (target.returned === total) {
                purchases.set(target.window, purchases.get(target.window)! - 1);
                if (target.completedTask) {
                  target.completedTask = false;
                  taskCompleted.delete(target.window);
                  takenBackIn.add(target.window);
                  member.points -= 25n;
                  member.growth = member.growth > 10n ? member.growth - 10n : 0n;
                  rewardBack = 25n;
                  done.tasksTakenBack++;
                }
                if (target.converted) {
                  target.converted = false;
                  if (conversions[target.member]!.inviterRewarded) standing[0]!.points -= 200n;
                  conversions[target.member] = null;
                  undoneFor.add(target.member);
                  member.points -= 100n;
                  rewardBack += 100n;
                  done.referralsUndone++;
                }
              }
              expect((await rewardsTakenBackBy(em(), got.transaction)).points).toBe(rewardBack);
              done.refunds++;
              if (finalised.has(target.month)) done.refundsAcrossFinalisedMonth++;
            }
          } else if (command.kind === 'signIn') {
            const member = standing[command.member]!;
            const day = localDay(clock.now(), COALITION_TIME_ZONE);
            const expected = member.signedIn === day ? 'ALREADY_SIGNED_IN' : 'ok';
            const got = await signIn({
              em: em(),
              clock,
              payCodeKey,
              caller: { role: 'MEMBER', subject: members[command.member]! } as Claims,
              hooks: MOVEMENT_HOOKS,
            }).then(() => 'ok', errorCode);
            expect(got).toBe(expected);
            if (got === 'ok') {
              member.signedIn = day;
              member.growth += 5n;
              member.points += 10n;
              upgrade(member);
              done.signIns++;
            }
          } else if (command.kind === 'redeem') {
            const member = standing[command.member]!;
            const useMonth = `${command.member}|${calendar[month]}`;
            const used = serviceUses.get(useMonth) ?? 0;
            // Checked in this order (docs/benefits.md "Services"): the wallet, held and honoured, the month's quota.
            const expected = frozen[command.member]
              ? 'WALLET_FROZEN'
              : member.rank < 1 || command.merchant > 2
                ? 'BENEFIT_NOT_APPLICABLE'
                : used >= 2
                  ? 'BENEFIT_EXHAUSTED'
                  : 'ok';
            const code = await issuePayCode(em(), clock, payCodeKey, members[command.member]!);
            const got = await redeemBenefit(
              { em: em(), clock, payCodeKey, caller: terminal(command.merchant), hooks: MOVEMENT_HOOKS },
              { payCode: code.code, storeId: stores[command.merchant]!, benefitId: parking.id, idempotencyKey: key },
            ).catch(errorCode);
            expect(typeof got === 'string' ? got : 'ok').toBe(expected);
            if (typeof got !== 'string') {
              serviceUses.set(useMonth, used + 1);
              expect(got.usesLeftThisMonth).toBe(1 - used);
              // ¥1.50 reimbursed to the store: merchant 3's 40% (60 fen), HQ the rest (90 fen), settled in the use's month.
              reimburse(command.merchant, 90n, 60n);
              done.serviceUses++;
            } else if (got === 'BENEFIT_EXHAUSTED') done.servicesExhausted++;
            else if (got === 'BENEFIT_NOT_APPLICABLE') done.servicesNotHeld++;
          } else if (command.kind === 'freeze') {
            await (command.frozen ? freezeWallet(em(), clock, members[command.member]!, 'HQ') : liftFreezes(em(), members[command.member]!, 'HQ'));
            frozen[command.member] = command.frozen;
          } else if (command.kind === 'nextMonth' || command.kind === 'yearEnd') {
            if (month === MONTHS_PER_SEQUENCE - 1 || (command.kind === 'nextMonth' && month === MONTHS_PER_SEQUENCE - 2 && !jumped)) continue;
            const from = calendar[month]!;
            // A year end: to January two years on, past the end of the year after the latest earning year (everything earned so far expires).
            const year = 2020 + Math.floor((first + from) / 12);
            if (command.kind === 'yearEnd' && (jumped || year + 2 > LAST_JUMP_YEAR)) continue;
            const to = command.kind === 'nextMonth' ? from + 1 : (year + 2 - 2020) * 12 - first;
            month++;
            calendar[month] = to;
            period = first + to + 1;
            clock.set(new Date(monthStart(month).getTime() + 86_400_000));
            // Each month passed was also a cycle, ended by the programme's own rule (tier-evaluation.ts; no paid plans here),
            // which the job applies in SQL: short of its tier's threshold, down one tier; the new cycle starts from zero.
            for (let cycle = from; cycle < to; cycle++) {
              for (const member of standing) {
                const rank = rankAfterCycleEnd(
                  LADDER.map((t) => BigInt(t.threshold)),
                  member.rank,
                  member.growth,
                  false,
                );
                if (rank < member.rank) done.downgrades++;
                member.rank = rank;
                member.growth = 0n;
                member.gifted = new Set();
                member.reachedThisCycle = new Set();
              }
            }
            // The wallet's jobs, as at the hub's start after being down: every cycle end missed, then the points due. Earlier
            // sequences' members may have lots due now too (checked by their own sequence, and untouched since): read from the lots.
            await endTierCycles(em(), await programmeInForce(em(), clock.now()), clock.now(), COALITION_TIME_ZONE);
            const others: { points: string }[] = await em().execute(
              'select coalesce(sum(remaining), 0)::text as points from wallet.points_lot where remaining > 0 and expires_at <= ? and member_id <> all(?::uuid[])',
              [clock.now(), `{${members.join(',')}}`],
            );
            const expired = await expireDuePoints({ em: em(), clock, timeZone: COALITION_TIME_ZONE, hooks: MOVEMENT_HOOKS });
            let expiring = 0n;
            pointsExpired[month] = pointsExpired[month]! + BigInt(others[0]!.points);
            if (command.kind === 'yearEnd') {
              jumped = true;
              done.yearEnds++;
              for (const member of standing) {
                // A positive balance is all in lots (a credit repays a debt first); a debt is no lot and does not expire.
                if (member.points > 0n) {
                  expiring += member.points;
                  member.points = 0n;
                  done.pointsExpired++;
                }
              }
              for (const c of checkouts) c.lotsExpired = true;
              pointsExpired[month] = pointsExpired[month]! + expiring;
            }
            expect(expired.points - BigInt(others[0]!.points)).toBe(expiring);
          } else if (command.kind === 'settle') {
            const k = month - command.monthsBack;
            if (k < 0) continue;
            if (k === month) {
              expect(await runSettlement(em(), clock, monthLabel(k)).then(() => 'ok', errorCode)).toBe('PERIOD_NOT_ENDED');
            } else if (finalised.has(k)) {
              expect(await runSettlement(em(), clock, monthLabel(k)).then(() => 'ok', errorCode)).toBe('PERIOD_FINALIZED');
            } else {
              await settleAndCompare(k, command.finalize);
              done.settledMidSequence++;
              if (command.finalize) done.finalisedMidSequence++;
            }
          } else {
            await setSettlementTerms(em(), clock, {
              merchantId: merchants[command.merchant]!,
              canIssue: terms[command.merchant]!.canIssue,
              canAccept: terms[command.merchant]!.canAccept,
              commissionBps: command.bps,
            });
            terms[command.merchant]!.bps = command.bps;
          }
          // After every step: each wallet and each of its issuers' balances equal the model's.
          const rows: { member_id: string; issuer_id: string; remaining: string }[] = await em().execute(
            `select member_id, issuer_id, sum(remaining)::text as remaining from wallet.issuer_lot where member_id = any(?::uuid[]) group by 1, 2`,
            [`{${members.join(',')}}`],
          );
          for (const [i, memberId] of members.entries()) {
            for (let issuer = 0; issuer < MERCHANTS; issuer++) {
              const actual = BigInt(rows.find((r) => r.member_id === memberId && r.issuer_id === merchants[issuer])?.remaining ?? '0');
              expect(actual).toBe(lots[i]!.filter((l) => l.issuer === issuer).reduce((s, l) => s + l.remaining, 0n));
            }
          }
          // ... and each member's points, this cycle's growth and tier equal the model's.
          const standings: { member_id: string; points_balance: string; cycle_growth: string; tier_rank: number }[] = await em().execute(
            'select member_id, points_balance, cycle_growth, tier_rank from wallet.wallet where member_id = any(?::uuid[])',
            [`{${members.join(',')}}`],
          );
          const packs: { member_id: string; coupons: number }[] = await em().execute(
            'select member_id, count(*)::int as coupons from wallet.coupon where template_id = ? group by 1',
            [welcome.id],
          );
          for (const [i, memberId] of members.entries()) {
            const row = standings.find((r) => r.member_id === memberId)!;
            const want = standing[i]!;
            expect({
              step,
              points: BigInt(row.points_balance),
              growth: BigInt(row.cycle_growth),
              rank: row.tier_rank,
              packCoupons: packs.find((r) => r.member_id === memberId)?.coupons ?? 0,
            }).toEqual({
              step,
              points: want.points,
              growth: want.growth,
              rank: want.rank,
              packCoupons: want.packCoupons,
            });
          }
        }

        // Close the sequence: every month not yet finalised is settled (a re-run replaces a draft) and finalised.
        clock.set(new Date(calendarStart(calendar[month]! + 1).getTime() + 86_400_000));
        for (let k = 0; k <= month; k++) if (!finalised.has(k)) await settleAndCompare(k, true);
        // The verifier over the sequence's database, through its own connection (scripts/verify-ledger.ts makes one more).
        const checks = await orm.em.fork().transactional((em) => verifyLedger(em), { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true });
        expect(checks.flatMap((check) => check.violations.map((v) => `${check.name}: ${v}`))).toEqual([]);
      }),
      {
        // fast-check counts the examples below among the runs: 34 keeps 25 random sequences beside the 9 examples.
        numRuns: 34,
        // Besides the random sequences, one that always refunds a checkout of a month already finalised
        // (random sequences reach that in most runs, not all).
        examples: [
          // Both invitees convert in the month (the second over the inviter's cap); the first's converting checkout refunded in
          // full undoes it and frees its place, and its next qualifying checkout converts again, rewarding the inviter.
          [
            withOpeningTopUps([
              { kind: 'checkout', member: 1, merchant: 0, perMille: 500n, pointsPerMille: 0n },
              { kind: 'checkout', member: 2, merchant: 1, perMille: 500n, pointsPerMille: 0n },
              { kind: 'refund', checkout: 0, oldest: false, perMille: 1000n },
              { kind: 'checkout', member: 1, merchant: 2, perMille: 500n, pointsPerMille: 0n },
            ]),
          ],
          // The task completed by a second checkout, taken back when that checkout is refunded in full, and completed again by
          // the month's next checkout.
          [
            withOpeningTopUps([
              { kind: 'checkout', member: 2, merchant: 0, perMille: 100n, pointsPerMille: 0n },
              { kind: 'checkout', member: 2, merchant: 1, perMille: 100n, pointsPerMille: 0n },
              { kind: 'refund', checkout: 1, oldest: false, perMille: 1000n },
              { kind: 'checkout', member: 2, merchant: 2, perMille: 100n, pointsPerMille: 0n },
            ]),
          ],
          // 银卡 from a top-up's growth; the parking used twice, refused a third time and at merchant 3 (which does not honour it),
          // refused to a member below 银卡, used by a second 银卡 member at another store, used again by both in the next month,
          // and both months settled with its reimbursements. Six uses here, whatever the random sequences reach.
          [
            withOpeningTopUps([
              { kind: 'topUp', member: 0, merchant: 0, amount: 50_000n, bonus: 0n },
              { kind: 'topUp', member: 2, merchant: 1, amount: 50_000n, bonus: 0n },
              ...Array.from({ length: 3 }, (): Command => ({ kind: 'redeem', member: 0, merchant: 0 })),
              { kind: 'redeem', member: 0, merchant: 3 },
              { kind: 'redeem', member: 1, merchant: 1 },
              { kind: 'redeem', member: 2, merchant: 1 },
              { kind: 'redeem', member: 2, merchant: 1 },
              { kind: 'nextMonth' },
              { kind: 'redeem', member: 0, merchant: 2 },
              { kind: 'redeem', member: 2, merchant: 0 },
              { kind: 'settle', monthsBack: 1, finalize: true },
            ]),
          ],
          // A large order at merchant 1 (its own 3%, uncapped): the discount on the order grown by the discount is larger
          // again, by more than the 1.00 paid outside (the model once let that go negative).
          [
            withOpeningTopUps([
              ...Array.from({ length: 4 }, (): Command => ({ kind: 'topUp', member: 0, merchant: 0, amount: 50_000n, bonus: 0n })),
              { kind: 'checkout', member: 0, merchant: 1, perMille: 1000n, pointsPerMille: 0n },
              { kind: 'refund', checkout: 0, oldest: true, perMille: 300n },
            ]),
          ],
          [
            withOpeningTopUps([
              { kind: 'checkout', member: 0, merchant: 2, perMille: 500n, pointsPerMille: 0n },
              { kind: 'nextMonth' },
              { kind: 'settle', monthsBack: 1, finalize: true },
              { kind: 'refund', checkout: 0, oldest: true, perMille: 500n },
            ]),
          ],
          // 银卡 reached, then three checkouts at merchant 2 with HQ's co-funded discount, each refunded in part: the discount's
          // shares given back (the coverage below counts these; random sequences reach fewer than three in some runs).
          [
            withOpeningTopUps([
              { kind: 'topUp', member: 0, merchant: 0, amount: 50_000n, bonus: 0n },
              { kind: 'checkout', member: 0, merchant: 0, perMille: 600n, pointsPerMille: 0n },
              ...Array.from({ length: 3 }, (): Command => ({ kind: 'checkout', member: 0, merchant: 2, perMille: 200n, pointsPerMille: 0n })),
              ...[1, 2, 3].map((checkout): Command => ({ kind: 'refund', checkout, oldest: false, perMille: 500n })),
            ]),
          ],
          // Points earned, then all burned, then the earning checkout refunded whole: the balance goes negative, and no burn until repaid.
          [
            withOpeningTopUps([
              { kind: 'checkout', member: 0, merchant: 0, perMille: 500n, pointsPerMille: 0n },
              { kind: 'checkout', member: 0, merchant: 1, perMille: 100n, pointsPerMille: 1000n },
              { kind: 'refund', checkout: 0, oldest: false, perMille: 1000n },
              { kind: 'checkout', member: 0, merchant: 1, perMille: 100n, pointsPerMille: 500n },
              { kind: 'signIn', member: 0 },
              { kind: 'settle', monthsBack: 0, finalize: false },
            ]),
          ],
          // An upgrade in a month (kept at its end), then a month without growth: one tier down at that cycle's end; a sign-in twice the same day.
          [
            withOpeningTopUps([
              { kind: 'topUp', member: 1, merchant: 1, amount: 50_000n, bonus: 0n },
              { kind: 'checkout', member: 1, merchant: 1, perMille: 1000n, pointsPerMille: 0n },
              { kind: 'signIn', member: 1 },
              { kind: 'signIn', member: 1 },
              { kind: 'nextMonth' },
              { kind: 'checkout', member: 1, merchant: 0, perMille: 1000n, pointsPerMille: 1000n },
              // Nothing left to spend this month: its growth stays under 银卡's threshold, and the month's end drops the member a tier.
              { kind: 'nextMonth' },
            ]),
          ],
          // Points earned, then burned at another merchant; a year end expires what is left; refunding the burn gives its points back to
          // lots that have expired (they expire again at once) and takes that checkout's own earnings back as a debt.
          [
            withOpeningTopUps([
              { kind: 'checkout', member: 0, merchant: 0, perMille: 500n, pointsPerMille: 0n },
              { kind: 'checkout', member: 0, merchant: 1, perMille: 100n, pointsPerMille: 1000n },
              { kind: 'yearEnd' },
              { kind: 'refund', checkout: 1, oldest: false, perMille: 1000n },
              { kind: 'settle', monthsBack: 1, finalize: true },
            ]),
          ],
        ],
      },
    );
    console.log(`ledger property over 34 sequences: ${JSON.stringify(done)}`);
    // Floors on what the sequences reached, so that a generator that stopped reaching something fails here. They sit at
    // about half the least seen in twelve runs on 2026-12-05 (checkouts 85–114, refunds 43–67, cross-redemptions 54–84,
    // settled mid-sequence 14–32, finalised 10–21, burns 23–39, sign-ins 34–59, year ends 14–21, expiries 19–32, tasks
    // completed 16–26, referrals converted 13–22), far below what one unlucky draw reaches; a floor near the least
    // seen failed a CI run once (service uses: 5, where 13–19 were usual). What the examples reach alone is kept as is.
    expect(done.checkouts).toBeGreaterThan(40);
    expect(done.crossRedemptions).toBeGreaterThan(25);
    expect(done.refunds).toBeGreaterThan(20);
    expect(done.settledMidSequence).toBeGreaterThan(6);
    expect(done.finalisedMidSequence).toBeGreaterThan(4);
    expect(done.refundsAcrossFinalisedMonth).toBeGreaterThan(0);
    expect(done.pointsBurns).toBeGreaterThan(10);
    expect(done.signIns).toBeGreaterThan(15);
    expect(done.upgrades).toBeGreaterThan(3);
    expect(done.downgrades).toBeGreaterThan(0);
    expect(done.negativePoints).toBeGreaterThan(0);
    expect(done.yearEnds).toBeGreaterThan(6);
    expect(done.pointsExpired).toBeGreaterThan(8);
    expect(done.refundsToExpiredLots).toBeGreaterThan(0);
    expect(done.hqDiscounts).toBeGreaterThan(5);
    expect(done.ownDiscounts).toBeGreaterThan(5);
    expect(done.discountsRefunded).toBeGreaterThan(2);
    expect(done.serviceUses).toBeGreaterThan(5);
    expect(done.servicesExhausted).toBeGreaterThan(0);
    expect(done.servicesNotHeld).toBeGreaterThan(5);
    expect(done.tasksCompleted).toBeGreaterThan(7);
    expect(done.tasksTakenBack).toBeGreaterThan(0);
    expect(done.tasksCompletedAgain).toBeGreaterThan(0);
    expect(done.packsGranted).toBeGreaterThan(10);
    expect(done.giftsGiven).toBeGreaterThan(3);
    expect(done.referralsConverted).toBeGreaterThan(6);
    expect(done.referralsOverCap).toBeGreaterThan(0);
    expect(done.referralsUndone).toBeGreaterThan(0);
    expect(done.referralsConvertedAgain).toBeGreaterThan(0);
    // 34 sequences, each in a database of its own (above): half a minute alone, twice that beside a full run.
  }, 150_000);
});

describe('a credit in bulk', () => {
  it('repays a debt first and credits the rest to the earning year, in SQL as the purse does, for every member of a statement', async () => {
    const at = new Date('2027-03-01T00:00:00Z');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.bigInt(-2_000n, 2_000n), { minLength: 1, maxLength: 8 }), fc.bigInt(1n, 1_500n), async (balances, points) => {
        const members = balances.map((balance) => ({ transactionId: randomUUID(), memberId: randomUUID(), balance }));
        const movers = joinSql(
          members.map(
            (m) => sql`select ${m.transactionId}::uuid as transaction_id, ${m.memberId}::uuid as member_id, ${m.balance.toString()}::bigint as points_balance`,
          ),
          ' union all ',
        );
        const rows: { transaction_id: string; member_id: string; account: string; points_lot_id: string | null; to_earning_year: boolean; amount: string }[] =
          await executeSql(orm.em.fork(), earningYearCreditSql(movers, points));
        const line = (l: { transaction_id: string; account: string; to_earning_year: boolean; points_lot_id: string | null; amount: bigint }) =>
          `${l.transaction_id} ${l.account} ${l.to_earning_year ? 'earning-year' : (l.points_lot_id ?? 'debt')} ${l.amount}`;
        const expected = members.flatMap((m) =>
          earningYearCredit({ pointsBalance: m.balance }, points, at, COALITION_TIME_ZONE).postings.map((p) =>
            line({
              transaction_id: m.transactionId,
              account: p.account,
              to_earning_year: p.pointsLotId === EARNING_YEAR_LOT,
              points_lot_id: p.pointsLotId ?? null,
              amount: p.amount,
            }),
          ),
        );
        expect(rows.map((r) => line({ ...r, amount: BigInt(r.amount) })).sort()).toEqual(expected.sort());
        expect(rows.every((r) => members.some((m) => m.memberId === r.member_id && m.transactionId === r.transaction_id))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
