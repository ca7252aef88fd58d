/**
 * The membership programme's configuration (the rules above), owned by
 * HQ: the growth cycle, growth and points rates, sign-in rewards and the
 * tier ladder. Versioned by the instant it takes effect, like settlement
 * terms: a change applies from now, and what happened before is judged by
 * the version in force then. The migration seeds the defaults of docs/programme.md as the
 * version in force since -infinity.
 */
import { executeSql, joinSql, sql, sqlArray, type Sql } from '../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../../lib/clock.js';
import { userInputError } from '../../../lib/errors.js';
import { checkCode, checkText, wholeNumber } from '../../../lib/input-checks.js';
import { requireUuid } from '../../../lib/ids.js';
import { parseAmount, type Fen, type MoneyInput } from '../../../lib/money.js';
import { checkBadge, defineBadge, type BadgeInput } from './badges.js';

export type ProgrammeCycle = 'YEAR' | 'QUARTER' | 'MONTH';

export interface TierRecord {
  rank: number;
  code: string;
  name: string;
  /** Growth within a cycle that reaches this tier. */
  threshold: bigint;
  pointsMultiplierBps: number;
  upgradeGiftPoints: bigint;
  /** An HQ coupon template a member reaching this tier is given one of, beside the points. */
  upgradeGiftCouponTemplateId: string | null;
  /** What the tier gives, in words (its benefits are the catalogue's: marketing/benefits/benefit.ts). */
  description: string;
  /** The badge given on first reaching this tier (badges.ts), if HQ names one. */
  badgeCode: string | null;
}

/** The programme's referral rules (docs/tasks.md "Referrals"), HQ's. */
export interface ReferralRulesRecord {
  inviterPoints: bigint;
  inviteePoints: bigint;
  /** What the invitee's converting checkout must pay, fen. */
  minFirstPurchase: Fen;
  windowDays: number;
  /** Conversions an inviter is rewarded for per calendar month. */
  monthlyCap: number;
}

export interface ProgrammeRecord {
  effectiveFrom: Date | null;
  cycle: ProgrammeCycle;
  growthPerYuan: number;
  /** Growth per yuan of a top-up's principal (0: none). */
  growthPerYuanTopUp: number;
  pointsPerYuanBurn: number;
  signInGrowth: number;
  signInPoints: number;
  /** Lowest first; the first has threshold 0. */
  tiers: TierRecord[];
  referral: ReferralRulesRecord;
}

interface ProgrammeRow {
  effective_from: Date | string;
  cycle: ProgrammeCycle;
  growth_per_yuan: number;
  growth_per_yuan_top_up: number;
  points_per_yuan_burn: number;
  sign_in_growth: number;
  sign_in_points: number;
  referral_inviter_points: string | number;
  referral_invitee_points: string | number;
  referral_min_first_purchase: string | number;
  referral_window_days: number;
  referral_monthly_cap: number;
  tiers: {
    rank: number;
    code: string;
    name: string;
    threshold: string | number;
    points_multiplier_bps: number;
    upgrade_gift_points: string | number;
    upgrade_gift_coupon_template_id: string | null;
    benefits: string;
    badge_code: string | null;
  }[];
}

/**
 * What each entity manager (a request's, or a movement's transaction) has read of the programme, by instant: a
 * checkout reads it before the holder's lock, and what follows the movement (tasks, referrals, a tier's gifts) reads
 * it again at the same instant, in the same transaction. Dropped with the entity manager; setProgramme clears its own.
 */
const READ = new WeakMap<EntityManager, Map<number, Promise<ProgrammeRecord>>>();

/** The version in force at an instant, with its ladder, in one statement (once per entity manager and instant). */
export function programmeInForce(em: EntityManager, at: Date): Promise<ProgrammeRecord> {
  const key = at.getTime();
  let read = READ.get(em)?.get(key);
  if (!read) {
    read = readProgramme(em, at);
    const byInstant = remember(em, key, read);
    read.catch(() => byInstant.delete(key));
  }
  return read;
}

/** Keeps a read of the programme at an instant for the entity manager; its reads by instant. */
function remember(em: EntityManager, key: number, read: Promise<ProgrammeRecord>): Map<number, Promise<ProgrammeRecord>> {
  let byInstant = READ.get(em);
  if (!byInstant) READ.set(em, (byInstant = new Map()));
  // A long-lived entity manager (a job's) asks at many instants: keep the last few only.
  if (byInstant.size >= 16) byInstant.clear();
  byInstant.set(key, read);
  return byInstant;
}

/** The version in force at an instant with its ladder, as one JSON value: a scalar subquery another statement may carry. */
export const programmeInForceSql = (at: Date): Sql =>
  sql`(select to_json(v) from (select p.*, (select json_agg(t order by t.rank) from wallet.programme_tier t where t.effective_from = p.effective_from) as tiers
     from wallet.programme p where p.effective_from <= ${at} order by p.effective_from desc limit 1) v)`;

/** The programme another statement read (programmeInForceSql's value), kept as this entity manager's read at that instant. */
export function programmeReadAlongside(em: EntityManager, at: Date, value: unknown): ProgrammeRecord {
  const programme = toProgramme(value as ProgrammeRow | null);
  remember(em, at.getTime(), Promise.resolve(programme));
  return programme;
}

async function readProgramme(em: EntityManager, at: Date): Promise<ProgrammeRecord> {
  const rows: { programme: ProgrammeRow | null }[] = await executeSql(em, sql`select ${programmeInForceSql(at)} as programme`);
  return toProgramme(rows[0]!.programme);
}

function toProgramme(row: ProgrammeRow | null): ProgrammeRecord {
  if (!row) throw new Error('no programme in force: the wallet migrations seed one');
  const from = row.effective_from instanceof Date ? row.effective_from : new Date(row.effective_from);
  return {
    effectiveFrom: Number.isFinite(from.getTime()) ? from : null,
    cycle: row.cycle,
    growthPerYuan: row.growth_per_yuan,
    growthPerYuanTopUp: row.growth_per_yuan_top_up,
    pointsPerYuanBurn: row.points_per_yuan_burn,
    signInGrowth: row.sign_in_growth,
    signInPoints: row.sign_in_points,
    tiers: row.tiers.map((t) => ({
      rank: t.rank,
      code: t.code,
      name: t.name,
      threshold: BigInt(t.threshold),
      pointsMultiplierBps: t.points_multiplier_bps,
      upgradeGiftPoints: BigInt(t.upgrade_gift_points),
      upgradeGiftCouponTemplateId: t.upgrade_gift_coupon_template_id,
      description: t.benefits,
      badgeCode: t.badge_code,
    })),
    referral: {
      inviterPoints: BigInt(row.referral_inviter_points),
      inviteePoints: BigInt(row.referral_invitee_points),
      minFirstPurchase: BigInt(row.referral_min_first_purchase),
      windowDays: row.referral_window_days,
      monthlyCap: row.referral_monthly_cap,
    },
  };
}

/** A member's tier on the ladder in force: its rank, or the top if a shorter ladder came in since. */
export function tierAt(programme: ProgrammeRecord, rank: number): TierRecord {
  return programme.tiers[Math.min(rank, programme.tiers.length - 1)]!;
}

/** The same in SQL: the code of the tier at a rank (an expression, a wallet row's `tier_rank` say). */
export function tierCodeSql(programme: ProgrammeRecord, rank: Sql): Sql {
  const codes = programme.tiers.map((t) => t.code);
  return sql`(${sqlArray(codes)}::text[])[least(${rank}, ${codes.length - 1}) + 1]`;
}

export interface TierInput {
  code: string;
  name: string;
  threshold: number;
  pointsMultiplierBps: number;
  upgradeGiftPoints: number;
  upgradeGiftCouponTemplateId?: string | null;
  /** The tier's words, up to 500 characters. */
  description?: string | null;
  badge?: BadgeInput | null;
}

export interface ReferralInput {
  inviterPoints: number;
  inviteePoints: number;
  minFirstPurchase: MoneyInput;
  windowDays: number;
  monthlyCap: number;
}

export interface ProgrammeInput {
  cycle: ProgrammeCycle;
  growthPerYuan: number;
  growthPerYuanTopUp?: number | null;
  pointsPerYuanBurn: number;
  signInGrowth: number;
  signInPoints: number;
  tiers: TierInput[];
  /** Left out: the rules in force stay (the console's ladder page does not name them). */
  referral?: ReferralInput | null;
}

/**
 * The rules for a ladder (docs/programme.md): 3 to 5 tiers, thresholds rising from 0,
 * multipliers at least ×1.0 (10000 bps) and never falling up the ladder,
 * codes unique.
 */
export function checkProgramme(input: ProgrammeInput): Omit<ProgrammeRecord, 'effectiveFrom' | 'referral'> & { referral: ReferralRulesRecord | null } {
  if (!['YEAR', 'QUARTER', 'MONTH'].includes(input.cycle)) throw userInputError('cycle must be YEAR, QUARTER or MONTH', 'cycle');
  const growthPerYuan = wholeNumber(input.growthPerYuan, 'growthPerYuan', 0, 10000);
  const growthPerYuanTopUp = wholeNumber(input.growthPerYuanTopUp ?? 0, 'growthPerYuanTopUp', 0, 1000);
  const pointsPerYuanBurn = wholeNumber(input.pointsPerYuanBurn, 'pointsPerYuanBurn', 1, 10000);
  const signInGrowth = wholeNumber(input.signInGrowth, 'signInGrowth', 0, 100000);
  const signInPoints = wholeNumber(input.signInPoints, 'signInPoints', 0, 100000);
  if (!Array.isArray(input.tiers) || input.tiers.length < 3 || input.tiers.length > 5) throw userInputError('a ladder has 3 to 5 tiers', 'tiers');
  const tiers = input.tiers.map((t, rank): TierRecord => {
    const at = `tiers.${rank}`;
    return {
      rank,
      code: checkCode(t.code, `${at}.code`, 'GOLD'),
      name: checkText(t.name, `${at}.name`, 1, 20),
      description: checkText(t.description ?? '', `${at}.description`, 0, 500),
      threshold: BigInt(wholeNumber(t.threshold, `${at}.threshold`, 0, 1_000_000_000)),
      pointsMultiplierBps: wholeNumber(t.pointsMultiplierBps, `${at}.pointsMultiplierBps`, 10000, 100000),
      upgradeGiftPoints: BigInt(wholeNumber(t.upgradeGiftPoints, `${at}.upgradeGiftPoints`, 0, 10_000_000)),
      upgradeGiftCouponTemplateId:
        t.upgradeGiftCouponTemplateId == null ? null : requireUuid(t.upgradeGiftCouponTemplateId, `${at}.upgradeGiftCouponTemplateId`),
      badgeCode: t.badge == null ? null : checkBadge(t.badge, `${at}.badge`).code,
    };
  });
  if (tiers[0]!.threshold !== 0n) throw userInputError('the lowest tier starts at threshold 0', 'tiers.0.threshold');
  for (let i = 1; i < tiers.length; i++) {
    if (tiers[i]!.threshold <= tiers[i - 1]!.threshold) throw userInputError('thresholds must rise from one tier to the next', `tiers.${i}.threshold`);
    if (tiers[i]!.pointsMultiplierBps < tiers[i - 1]!.pointsMultiplierBps)
      throw userInputError('a higher tier cannot earn at a lower multiplier', `tiers.${i}.pointsMultiplierBps`);
  }
  const codes = new Set(tiers.map((t) => t.code));
  if (codes.size !== tiers.length) throw userInputError('tier codes must be unique', 'tiers');
  const referral = input.referral == null ? null : checkReferral(input.referral);
  return { cycle: input.cycle, growthPerYuan, growthPerYuanTopUp, pointsPerYuanBurn, signInGrowth, signInPoints, tiers, referral };
}

function checkReferral(input: ReferralInput): ReferralRulesRecord {
  return {
    inviterPoints: BigInt(wholeNumber(input.inviterPoints, 'referral.inviterPoints', 0, 1_000_000)),
    inviteePoints: BigInt(wholeNumber(input.inviteePoints, 'referral.inviteePoints', 0, 1_000_000)),
    minFirstPurchase: parseAmount(input.minFirstPurchase, 'referral.minFirstPurchase', { allowZero: true }),
    windowDays: wholeNumber(input.windowDays, 'referral.windowDays', 1, 365),
    monthlyCap: wholeNumber(input.monthlyCap, 'referral.monthlyCap', 0, 1000),
  };
}

/** A new version, in force from now. */
export async function setProgramme(em: EntityManager, clock: Clock, input: ProgrammeInput): Promise<ProgrammeRecord> {
  const checked = checkProgramme(input);
  const effectiveFrom = clock.now();
  return em.transactional(async (tx) => {
    // A client that does not name the top-up rate or the referral rules (the console's ladder page) keeps those in force.
    // So does a tier whose badge is left out (null removes it): the badge of the tier of the same code in force.
    const inForce = await programmeInForce(tx, effectiveFrom);
    const programme: Omit<ProgrammeRecord, 'effectiveFrom'> = {
      ...checked,
      growthPerYuanTopUp: input.growthPerYuanTopUp == null ? inForce.growthPerYuanTopUp : checked.growthPerYuanTopUp,
      referral: checked.referral ?? inForce.referral,
      tiers: checked.tiers.map((tier, rank) =>
        input.tiers[rank]!.badge === undefined ? { ...tier, badgeCode: inForce.tiers.find((t) => t.code === tier.code)?.badgeCode ?? null } : tier,
      ),
    };
    for (const [rank, tier] of input.tiers.entries()) {
      if (tier.badge != null) await defineBadge(tx, checkBadge(tier.badge, `tiers.${rank}.badge`), `tiers.${rank}.badge`, effectiveFrom);
    }
    const referral = programme.referral;
    for (const tier of programme.tiers) {
      if (tier.upgradeGiftCouponTemplateId === null) continue;
      const field = `tiers.${tier.rank}.upgradeGiftCouponTemplateId`;
      const template: { owner_id: string | null }[] = await executeSql(
        tx,
        sql`select owner_id from wallet.coupon_template where id = ${tier.upgradeGiftCouponTemplateId}`,
      );
      if (!template[0]) throw userInputError('no such coupon template', field);
      if (template[0].owner_id !== null) throw userInputError("a tier's gift is a coupon of HQ's own templates", field);
    }
    // Two changes within one millisecond: the later replaces the earlier.
    await executeSql(tx, sql`delete from wallet.programme_tier where effective_from = ${effectiveFrom}`);
    await executeSql(
      tx,
      sql`insert into wallet.programme (effective_from, cycle, growth_per_yuan, growth_per_yuan_top_up, points_per_yuan_burn, sign_in_growth, sign_in_points,
         referral_inviter_points, referral_invitee_points, referral_min_first_purchase, referral_window_days, referral_monthly_cap)
       values (${effectiveFrom}, ${programme.cycle}, ${programme.growthPerYuan}, ${programme.growthPerYuanTopUp}, ${programme.pointsPerYuanBurn}, ${programme.signInGrowth}, ${programme.signInPoints},
         ${referral.inviterPoints}, ${referral.inviteePoints}, ${referral.minFirstPurchase}, ${referral.windowDays}, ${referral.monthlyCap})
       on conflict (effective_from) do update set cycle = excluded.cycle, growth_per_yuan = excluded.growth_per_yuan, growth_per_yuan_top_up = excluded.growth_per_yuan_top_up,
         points_per_yuan_burn = excluded.points_per_yuan_burn, sign_in_growth = excluded.sign_in_growth, sign_in_points = excluded.sign_in_points,
         referral_inviter_points = excluded.referral_inviter_points, referral_invitee_points = excluded.referral_invitee_points,
         referral_min_first_purchase = excluded.referral_min_first_purchase, referral_window_days = excluded.referral_window_days,
         referral_monthly_cap = excluded.referral_monthly_cap`,
    );
    const rows = programme.tiers.map(
      (t) =>
        sql`(${effectiveFrom}, ${t.rank}, ${t.code}, ${t.name}, ${t.threshold.toString()}, ${t.pointsMultiplierBps}, ${t.upgradeGiftPoints.toString()}, ${t.upgradeGiftCouponTemplateId}, ${t.description}, ${t.badgeCode})`,
    );
    await executeSql(
      tx,
      sql`insert into wallet.programme_tier (effective_from, rank, code, name, threshold, points_multiplier_bps, upgrade_gift_points, upgrade_gift_coupon_template_id, benefits, badge_code)
       values ${joinSql(rows, ', ')}`,
    );
    // A tier the new ladder no longer has carries no benefit (docs/benefits.md): dropped from each benefit's tiers.
    const codes = programme.tiers.map((t) => t.code);
    await executeSql(
      tx,
      sql`update wallet.benefit set tiers = array(select code from unnest(tiers) code where code = any(${sqlArray(codes)}::text[]))
       where not tiers <@ ${sqlArray(codes)}::text[]`,
    );
    READ.delete(tx);
    return { ...programme, effectiveFrom };
  });
}
