/**
 * Coupon packs (权益券包) and points gifts granted on their occasions (docs/benefits.md "Packs and gifts"). An occasion
 * is an instance, each granted at most once per member and benefit (benefit_grant's key): a month for MONTHLY, a year
 * for BIRTHDAY and ANNIVERSARY, a tier cycle or a plan's purchase for ON_REACHING.
 * - MONTHLY: the month's holders by a job (idempotent, run every few minutes and at start, so it catches up after
 *   downtime and reaches a benefit's new holders within minutes), and at once for a member who comes to hold it later
 *   in the month by reaching a tier or buying a plan (in the movement that did it).
 * - BIRTHDAY and ANNIVERSARY: a year, granted in the member's birth month, or the month of its registration from the
 *   first anniversary on, by the same job, and at once to a member who comes to hold the benefit in that month.
 * - ON_REACHING: in the movement that reached a tier (from the benefits held after it: a tier skipped gives none), or
 *   that bought or renewed a plan.
 * Both set-based: packs a statement per benefit and range of 20,000 members; gifts the same, through the ledger's bulk
 * movement path, each member's gift its own journal transaction (points-gifts.ts).
 * A pack grant that meets the template's total budget, or the benefit's monthly budget at face value, grants the whole
 * coupons that fit and the rest is lost for that occasion; pack coupons do not count against the template's
 * per-member limit. A MONTHLY pack's coupons are valid to the month's end, or their template's own end if sooner.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Fen } from '../../../../lib/money.js';
import { executeSql, sql, type Sql } from '../../../../lib/sql.js';
import { forEachMemberRange, inRange, monthStart, periodOf, zonedParts, type BulkMovementResult, type LedgerDeps, type Period } from '../../ledger/index.js';
import type { ProgrammeRecord } from '../../programme/index.js';
import { validityOf } from '../coupons/coupon-issuance.js';
import { lockTemplate, type CouponTemplateRecord } from '../coupons/coupon-template.js';
import { monthSpent } from './benefit-budget.js';
import { benefitsByIds, heldByWallet, type BenefitRecord } from './benefit.js';
import { givePointsGift, givePointsGifts } from './points-gifts.js';

/** What one coupon of a template counts at against a benefit's budget: its amount off, a gift's value, a percentage's cap. */
export function faceValueOf(template: CouponTemplateRecord): Fen {
  return template.amountOff ?? template.giftValue ?? template.maxDiscount ?? 0n;
}

export interface PackGrant {
  members: number;
  coupons: number;
}

/** What the job granted of one benefit: members reached, and the coupons (a pack) or points (a gift) they were given. */
export interface BenefitGrants extends PackGrant {
  benefitId: string;
  points: number;
}

/**
 * Grants a pack benefit's occasion to the members `selection` names (a select of member_id, each member once) who have
 * not had it: in member order, `count` coupons each while the template's budget and the benefit's month budget last.
 */
export async function grantPack(em: EntityManager, benefit: BenefitRecord, selection: Sql, occasion: string, month: Period, now: Date): Promise<PackGrant> {
  // The benefit's row first, then the template's: grants of one benefit queue here, so its month budget holds.
  await executeSql(em, sql`select 1 from wallet.benefit where id = ${benefit.id} for update`);
  const template = await lockTemplate(em, benefit.couponTemplateId!);
  if (!template) return { members: 0, coupons: 0 };
  const validity = validityOf(template, now);
  const validUntil = benefit.occasion === 'MONTHLY' && month.endsAt < validity.validUntil ? month.endsAt : validity.validUntil;
  const face = faceValueOf(template);
  let fits = BigInt(template.budget - template.issued);
  if (benefit.monthlyBudget !== null && face > 0n) {
    const byBudget = (benefit.monthlyBudget - (await monthSpent(em, benefit.id, month))) / face;
    if (byBudget < fits) fits = byBudget;
  }
  // A template no longer valid gives nothing, and the occasion is still spent (granting it later would be a new occasion).
  if (validUntil <= now || fits < 0n) fits = 0n;
  const rows: { members: string; coupons: string }[] = await executeSql(
    em,
    sql`with due as (
       select s.member_id from (${selection}) s
       where not exists (select 1 from wallet.benefit_grant g where g.benefit_id = ${benefit.id}::uuid and g.member_id = s.member_id and g.occasion = ${occasion})),
     shares as (
       select member_id, greatest(0, least(${benefit.count!}::bigint, ${fits.toString()}::bigint - (row_number() over (order by member_id) - 1) * ${benefit.count!}))::int as coupons
       from due),
     granted as (
       insert into wallet.benefit_grant (benefit_id, member_id, occasion, month, granted_at, coupons, value)
       select ${benefit.id}::uuid, member_id, ${occasion}, ${month.label + '-01'}::date, ${now}, coupons, coupons * ${face.toString()}::bigint from shares
       on conflict do nothing
       returning member_id, coupons),
     coupons as (
       insert into wallet.coupon (id, template_id, member_id, source, issued_at, valid_from, valid_until, benefit_id)
       select gen_random_uuid(), ${template.id}::uuid, g.member_id, 'BENEFIT', ${now}, ${validity.validFrom}, ${validUntil}, ${benefit.id}::uuid
       from granted g cross join lateral generate_series(1, g.coupons)
       returning 1),
     counted as (update wallet.coupon_template set issued = issued + (select count(*) from coupons) where id = ${template.id}::uuid returning 1)
     select (select count(*) from granted) as members, (select count(*) from coupons) as coupons from counted`,
  );
  return { members: Number(rows[0]?.members ?? 0), coupons: Number(rows[0]?.coupons ?? 0) };
}

/**
 * The occasion of a month's grant of a benefit, and which members it is for (a condition on `w`, wallet.wallet): the
 * month itself for MONTHLY; the year, for members born in the month (BIRTHDAY) or registered in it in an earlier year
 * (ANNIVERSARY). Null for ON_REACHING, which no month brings.
 */
function occasionOf(benefit: BenefitRecord, month: Period): { occasion: string; members: Sql } | null {
  const registered = sql`(w.created_at at time zone ${month.timeZone})`;
  switch (benefit.occasion) {
    case 'MONTHLY':
      return { occasion: month.label, members: sql`true` };
    case 'BIRTHDAY':
      return { occasion: `birthday:${month.year}`, members: sql`w.birth_month = ${month.month}` };
    case 'ANNIVERSARY':
      return {
        occasion: `anniversary:${month.year}`,
        members: sql`extract(month from ${registered}) = ${month.month} and extract(year from ${registered}) < ${month.year}`,
      };
    default:
      return null;
  }
}

/** The members holding a benefit now, by the tier on their wallet or a plan valid now, who meet `also` (a select of member_id). */
function holdersOf(benefit: BenefitRecord, programme: ProgrammeRecord, now: Date, also: Sql): Sql {
  return sql`select w.member_id from wallet.wallet w, wallet.benefit b where b.id = ${benefit.id}::uuid and ${heldByWallet(programme, 'w', now)} and ${also}`;
}

/**
 * Members one statement grants a pack to, in a transaction of its own: a range of member ids, found first, so each
 * statement reads its range by index and stays well within the statement timeout (one statement over a million
 * members did not: each of its two million rows checks its wallet's key).
 */
const PACK_BATCH = 20_000;
/** What the bulk path moved for a gift, as the job's figures: members, and the points given (each member the benefit's). */
const giftsOf = (benefit: BenefitRecord, moved: BulkMovementResult): BenefitGrants => ({
  benefitId: benefit.id,
  members: moved.members,
  coupons: 0,
  points: Number(moved.points),
});

/**
 * The job: every active pack and gift whose occasion the month of `now` brings, to its holders; what it granted, per
 * benefit. A statement per range of 20,000 members, each in a transaction of its own, in member order, with
 * `onProgress` after each.
 */
export async function grantDueBenefits(
  ledger: LedgerDeps,
  programme: ProgrammeRecord,
  onProgress: (granted: BenefitGrants) => void = () => undefined,
): Promise<BenefitGrants[]> {
  const { em, clock, timeZone } = ledger;
  const now = clock.now();
  const month = periodOf(now, timeZone);
  const ids: { id: string }[] = await executeSql(
    em,
    sql`select id from wallet.benefit where active and kind in ('COUPON_PACK', 'POINTS_GIFT') and occasion in ('MONTHLY', 'BIRTHDAY', 'ANNIVERSARY')
     order by created_at, id`,
  );
  const granted: BenefitGrants[] = [];
  for (const benefit of (await benefitsByIds(
    em,
    ids.map((r) => r.id),
  )) as BenefitRecord[]) {
    const due = occasionOf(benefit, month)!;
    const holders = holdersOf(benefit, programme, now, due.members);
    if (benefit.kind === 'COUPON_PACK') {
      const packs: BenefitGrants = { benefitId: benefit.id, members: 0, coupons: 0, points: 0 };
      await forEachMemberRange(em, holders, PACK_BATCH, async (range) => {
        const inBatch = sql`select h.member_id from (${holders}) h where ${inRange(sql`h.member_id`, range)}`;
        const batch = await em.transactional((tx) => grantPack(tx, benefit, inBatch, due.occasion, month, now));
        packs.members += batch.members;
        packs.coupons += batch.coupons;
        onProgress(packs);
      });
      granted.push(packs);
      continue;
    }
    const given = await givePointsGifts(ledger, benefit, holders, due.occasion, month, programme.pointsPerYuanBurn, (sofar) =>
      onProgress(giftsOf(benefit, sofar)),
    );
    const gifts = giftsOf(benefit, given);
    granted.push(gifts);
  }
  return granted;
}

/**
 * When a held benefit's next grant comes (docs/benefits.md "What people see"): the start of the next month (MONTHLY), of
 * the member's next birth month, or of the next month of its registration (a year after it at the earliest); null for
 * ON_REACHING, for the kinds not granted, and for a birthday the hub does not know.
 */
export function nextGrantAt(benefit: BenefitRecord, member: { birthMonth: number | null; registeredAt: Date }, now: Date, timeZone: string): Date | null {
  const { year, month } = zonedParts(now, timeZone) as { year: number; month: number };
  const nextOf = (m: number) => (m > month ? monthStart(year, m, timeZone) : monthStart(year + 1, m, timeZone));
  switch (benefit.kind === 'COUPON_PACK' || benefit.kind === 'POINTS_GIFT' ? benefit.occasion : null) {
    case 'MONTHLY':
      return month === 12 ? monthStart(year + 1, 1, timeZone) : monthStart(year, month + 1, timeZone);
    case 'BIRTHDAY':
      return member.birthMonth === null ? null : nextOf(member.birthMonth);
    case 'ANNIVERSARY': {
      const registered = zonedParts(member.registeredAt, timeZone) as { year: number; month: number };
      const next = nextOf(registered.month);
      return zonedParts(next, timeZone).year! > registered.year ? next : monthStart(registered.year + 1, registered.month, timeZone);
    }
    default:
      return null;
  }
}

/** What a member reached: a tier (in the movement that upgraded it), or a plan bought or renewed (its PLAN_PURCHASE). */
export type Reaching = { tierCode: string } | { planCode: string; purchaseId: string };

/**
 * What reaching a tier or buying a plan grants at once, in the movement's transaction, from the benefits the member
 * holds after it: the packs and gifts of this month's occasion that it has not had (as the job would grant them), and
 * the ON_REACHING ones of what it reached: once per cycle of a tier, at each purchase or renewal of a plan.
 */
export async function grantOnReaching(ledger: LedgerDeps, programme: ProgrammeRecord, memberId: string, reaching: Reaching, at: Date): Promise<void> {
  const { em, timeZone } = ledger;
  // The packs and gifts its wallet holds after the movement, with the cycle it is in (an ON_REACHING tier's occasion).
  const rows: { id: string; cycle_starts_at: Date }[] = await executeSql(
    em,
    sql`select b.id, w.cycle_starts_at from wallet.wallet w, wallet.benefit b
     where w.member_id = ${memberId}::uuid and b.kind in ('COUPON_PACK', 'POINTS_GIFT') and ${heldByWallet(programme, 'w', at)} order by b.created_at, b.id`,
  );
  if (rows.length === 0) return;
  const month = periodOf(at, timeZone);
  /** The member, if it meets `also` (a condition on `w`, its wallet): a pack's selection, a gift's check. */
  const member = (also: Sql) => sql`select w.member_id from wallet.wallet w where w.member_id = ${memberId}::uuid and ${also}`;
  const grant = async (benefit: BenefitRecord, occasion: string, also?: Sql) => {
    if (benefit.kind === 'COUPON_PACK') await grantPack(em, benefit, member(also ?? sql`true`), occasion, month, at);
    else if (!also || (await executeSql(em, member(also))).length > 0)
      await givePointsGift(ledger, benefit, memberId, occasion, month, programme.pointsPerYuanBurn);
  };
  for (const benefit of (await benefitsByIds(
    em,
    rows.map((r) => r.id),
  )) as BenefitRecord[]) {
    // This month's occasion, if it is the member's (its birth month, its registration's): as the job would grant it.
    const due = occasionOf(benefit, month);
    if (due) await grant(benefit, due.occasion, due.members);
    if (benefit.occasion !== 'ON_REACHING') continue;
    if ('tierCode' in reaching && benefit.tiers.includes(reaching.tierCode))
      await grant(benefit, `tier:${reaching.tierCode}:${new Date(rows[0]!.cycle_starts_at).toISOString()}`);
    if ('planCode' in reaching && benefit.plans.includes(reaching.planCode)) await grant(benefit, `plan:${reaching.planCode}:${reaching.purchaseId}`);
  }
}
