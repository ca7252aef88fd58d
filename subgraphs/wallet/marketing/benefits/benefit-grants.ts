/**
 * Coupon packs granted on their occasions (权益券包, docs/benefits.md "Packs and gifts"). An occasion is an instance, each
 * granted at most once per member and benefit (benefit_grant's key): a month for MONTHLY, a tier cycle for ON_REACHING.
 * - MONTHLY: the month's holders by a job (set-based, idempotent, run every few minutes and at start, so it catches up
 *   after downtime and reaches a benefit's new holders within minutes), and at once for a member who comes to hold it
 *   later in the month by reaching a tier (in the movement that upgraded it).
 * - BIRTHDAY and ANNIVERSARY: a year, granted in the member's birth month, or the month of its registration from the
 *   first anniversary on, by the same job, and at once to a member who comes to hold the benefit in that month.
 * - ON_REACHING a tier: in the movement that reached it, from the benefits held after it (a tier skipped gives none).
 * A grant that meets the template's total budget, or the benefit's monthly budget at face value, grants the whole
 * coupons that fit and the rest is lost for that occasion; pack coupons do not count against the template's
 * per-member limit. A MONTHLY pack's coupons are valid to the month's end, or their template's own end if sooner.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Fen } from '../../../../lib/money.js';
import { executeSql, sql, sqlArray, type Sql } from '../../../../lib/sql.js';
import { monthStart, periodOf, zonedParts, type Period } from '../../ledger/index.js';
import { planIsValid, type ProgrammeRecord } from '../../programme/index.js';
import { validityOf } from '../coupons/coupon-issuance.js';
import { lockTemplate, type CouponTemplateRecord } from '../coupons/coupon-template.js';
import { benefitsByIds, heldWith, type BenefitRecord } from './benefit.js';

/** What one coupon of a template counts at against a benefit's budget: its amount off, a gift's value, a percentage's cap. */
export function faceValueOf(template: CouponTemplateRecord): Fen {
  return template.amountOff ?? template.giftValue ?? template.maxDiscount ?? 0n;
}

export interface PackGrant {
  members: number;
  coupons: number;
}

/**
 * Grants a pack benefit's occasion to the members `selection` names (a select of member_id) who have not had it: in
 * member order, `count` coupons each while the template's budget and the benefit's month budget last.
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
    const spent: { value: string }[] = await executeSql(
      em,
      sql`select coalesce(sum(value), 0) as value from wallet.benefit_grant where benefit_id = ${benefit.id} and month = ${month.label + '-01'}::date`,
    );
    const byBudget = (benefit.monthlyBudget - BigInt(spent[0]!.value)) / face;
    if (byBudget < fits) fits = byBudget;
  }
  // A template no longer valid gives nothing, and the occasion is still spent (granting it later would be a new occasion).
  if (validUntil <= now || fits < 0n) fits = 0n;
  const rows: { members: string; coupons: string }[] = await executeSql(
    em,
    sql`with due as (
       select distinct s.member_id from (${selection}) s
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
  const codes = programme.tiers.map((t) => t.code);
  return sql`select w.member_id from wallet.wallet w
    where ((${sqlArray(codes)}::text[])[least(w.tier_rank, ${codes.length - 1}) + 1] = any(${sqlArray(benefit.tiers)}::text[])
       or (w.plan_code = any(${sqlArray(benefit.plans)}::text[]) and w.plan_valid_until > ${now})) and ${also}`;
}

/** The job: every active pack whose occasion the month of `now` brings, to its holders; what it granted, per benefit. */
export async function grantDuePacks(
  em: EntityManager,
  programme: ProgrammeRecord,
  now: Date,
  timeZone: string,
): Promise<(PackGrant & { benefitId: string })[]> {
  const month = periodOf(now, timeZone);
  const ids: { id: string }[] = await executeSql(
    em,
    sql`select id from wallet.benefit where active and kind = 'COUPON_PACK' and occasion in ('MONTHLY', 'BIRTHDAY', 'ANNIVERSARY') order by created_at, id`,
  );
  const granted: (PackGrant & { benefitId: string })[] = [];
  for (const benefit of await benefitsByIds(
    em,
    ids.map((r) => r.id),
  )) {
    const due = occasionOf(benefit!, month)!;
    const result = await em.transactional((tx) => grantPack(tx, benefit!, holdersOf(benefit!, programme, now, due.members), due.occasion, month, now));
    granted.push({ benefitId: benefit!.id, ...result });
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

/**
 * What reaching a tier grants at once, in the movement's transaction: the MONTHLY packs the member now holds and has not
 * had this month, and the ON_REACHING packs of the tier it reached (once per tier cycle), from the benefits it holds
 * after the movement.
 */
export async function grantOnReaching(em: EntityManager, memberId: string, tierCode: string, at: Date, timeZone: string): Promise<void> {
  const [wallet] = (await executeSql(em, sql`select plan_code, plan_valid_until, cycle_starts_at from wallet.wallet where member_id = ${memberId}`)) as {
    plan_code: string | null;
    plan_valid_until: Date | null;
    cycle_starts_at: Date;
  }[];
  const planValidUntil = wallet!.plan_valid_until && new Date(wallet!.plan_valid_until);
  const holding = { tierCode, planCode: planIsValid({ planValidUntil }, at) ? wallet!.plan_code : null };
  const rows: { id: string }[] = await executeSql(
    em,
    sql`select b.id from wallet.benefit b where b.kind = 'COUPON_PACK' and ${heldWith(holding)} order by b.created_at, b.id`,
  );
  if (rows.length === 0) return;
  const month = periodOf(at, timeZone);
  const member = sql`select ${memberId}::uuid as member_id`;
  for (const benefit of await benefitsByIds(
    em,
    rows.map((r) => r.id),
  )) {
    // This month's occasion, if it is the member's (its birth month, its registration's): as the job would grant it.
    const due = occasionOf(benefit!, month);
    if (due)
      await grantPack(
        em,
        benefit!,
        sql`select w.member_id from wallet.wallet w where w.member_id = ${memberId}::uuid and ${due.members}`,
        due.occasion,
        month,
        at,
      );
    // A tier-carried ON_REACHING pack, once per cycle of the tier reached.
    if (benefit!.occasion === 'ON_REACHING' && benefit!.tiers.includes(tierCode))
      await grantPack(em, benefit!, member, `tier:${tierCode}:${new Date(wallet!.cycle_starts_at).toISOString()}`, month, at);
  }
}
