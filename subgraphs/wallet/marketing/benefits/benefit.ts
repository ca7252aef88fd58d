/**
 * The benefits catalogue (权益, docs/benefits.md): what a tier or a paid plan gives its members. A merchant's benefit is
 * valid at its own stores and funded by it; HQ's names the merchants that accept it and, for what it gives at a till
 * (DISCOUNT, SERVICE), who funds it (HQ by default, or merchants in shares, as coupons are). Packs and gifts have no
 * funders: a pack's coupons settle by their template's funders, a gift's points as the points they are. A benefit's
 * tiers, plans, budget and standing change; its terms do not, and it is retired, never deleted, so its past figures stay.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requireRole, type Claims } from '../../../../lib/auth.js';
import { forbidden, notFound, userInputError } from '../../../../lib/errors.js';
import { requireUuid } from '../../../../lib/ids.js';
import { checkText, wholeNumber } from '../../../../lib/input-checks.js';
import { parseAmount, type Fen, type MoneyInput } from '../../../../lib/money.js';
import { executeSql, sql, sqlArray, trustedSql, type Sql } from '../../../../lib/sql.js';
import { listMembershipPlans, planIsValid, planValidSql, programmeInForce, tierAt, tierCodeSql, type ProgrammeRecord } from '../../programme/index.js';
import type { CouponFunderRecord } from '../coupons/coupon-funding.js';
import { hqFunding, ownFunding } from '../coupons/co-funding.js';
import { templatesByIds } from '../coupons/coupon-template.js';
import type { DiscountTerms } from './member-discount.js';

export const BENEFIT_KINDS = ['DISCOUNT', 'COUPON_PACK', 'POINTS_GIFT', 'SERVICE'] as const;
export type BenefitKind = (typeof BENEFIT_KINDS)[number];
export const OCCASIONS = ['MONTHLY', 'BIRTHDAY', 'ANNIVERSARY', 'ON_REACHING'] as const;
export type BenefitOccasion = (typeof OCCASIONS)[number];

export interface BenefitRecord {
  id: string;
  /** Null: HQ's. */
  ownerId: string | null;
  name: string;
  description: string;
  kind: BenefitKind;
  /** The tier codes and plan codes that carry it. */
  tiers: string[];
  plans: string[];
  percentOff: number | null;
  maxDiscount: Fen | null;
  minOrder: Fen | null;
  couponTemplateId: string | null;
  count: number | null;
  points: bigint | null;
  occasion: BenefitOccasion | null;
  usesPerMonth: number | null;
  costPerUse: Fen | null;
  monthlyBudget: Fen | null;
  active: boolean;
  /** The merchants whose stores honour it: the owner, or those HQ named (none for packs and gifts). */
  acceptedBy: string[];
  /** Who funds what it gives at a till (DISCOUNT, SERVICE); none for packs and gifts. */
  funders: CouponFunderRecord[];
  createdAt: Date;
}

export interface BenefitInput {
  name: string;
  description?: string | null;
  kind: BenefitKind;
  tiers?: readonly string[] | null;
  plans?: readonly string[] | null;
  percentOff?: number | null;
  maxDiscount?: MoneyInput | null;
  minOrder?: MoneyInput | null;
  couponTemplateId?: string | null;
  count?: number | null;
  points?: number | null;
  occasion?: BenefitOccasion | null;
  usesPerMonth?: number | null;
  costPerUse?: MoneyInput | null;
  monthlyBudget?: MoneyInput | null;
  acceptedBy?: readonly string[] | null;
  funders?: readonly { merchantId?: string | null; shareBps: number }[] | null;
}

/** What can change: left out, it stays; a null budget removes it. */
export interface UpdateBenefitInput {
  tiers?: readonly string[] | null;
  plans?: readonly string[] | null;
  monthlyBudget?: MoneyInput | null;
  active?: boolean | null;
}

/** The terms each kind takes; any other given is refused, naming it. */
const TERMS_OF: Record<BenefitKind, readonly (keyof BenefitInput)[]> = {
  DISCOUNT: ['percentOff', 'maxDiscount', 'minOrder'],
  COUPON_PACK: ['couponTemplateId', 'count', 'occasion'],
  POINTS_GIFT: ['points', 'occasion'],
  SERVICE: ['usesPerMonth', 'costPerUse'],
};
const ALL_TERMS = [...new Set(Object.values(TERMS_OF).flat())];
/** What a till gives, and someone reimburses. */
const GIVEN_AT_A_TILL = (kind: BenefitKind) => kind === 'DISCOUNT' || kind === 'SERVICE';

const given = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

function required<T>(value: T | null | undefined, field: string, kind: BenefitKind): T {
  if (!given(value)) throw userInputError(`a ${kind} benefit needs ${field}`, field);
  return value;
}

/** Tier codes of the programme in force and plan codes that exist, each once. */
async function checkCarriers(em: EntityManager, now: Date, tiers: readonly string[] | null | undefined, plans: readonly string[] | null | undefined) {
  const tierCodes = [...new Set(tiers ?? [])];
  const planCodes = [...new Set(plans ?? [])];
  if (tierCodes.length) {
    const known = new Set((await programmeInForce(em, now)).tiers.map((t) => t.code));
    const unknown = tierCodes.find((code) => !known.has(code));
    if (unknown !== undefined) throw userInputError(`no tier ${unknown} in the programme in force`, 'tiers');
  }
  if (planCodes.length) {
    const known = new Set((await listMembershipPlans(em, { includeInactive: true })).map((p) => p.code));
    const unknown = planCodes.find((code) => !known.has(code));
    if (unknown !== undefined) throw userInputError(`no plan ${unknown}`, 'plans');
  }
  return { tiers: tierCodes, plans: planCodes };
}

const budgetOf = (input: MoneyInput | null | undefined) => (given(input) ? parseAmount(input, 'monthlyBudget') : null);

export async function createBenefit(em: EntityManager, now: Date, claims: Claims | null, input: BenefitInput): Promise<BenefitRecord> {
  const caller = requireRole(claims, 'HQ', 'MERCHANT');
  const ownerId = caller.role === 'MERCHANT' ? caller.merchantId : null;
  const name = checkText(input.name, 'name', 1, 60);
  const description = checkText(input.description ?? '', 'description', 0, 500);
  if (!BENEFIT_KINDS.includes(input.kind)) throw userInputError(`kind must be one of ${BENEFIT_KINDS.join(', ')}`, 'kind');
  const kind = input.kind;
  const extra = ALL_TERMS.find((field) => !TERMS_OF[kind].includes(field) && given(input[field]));
  if (extra) throw userInputError(`${extra} does not apply to a ${kind} benefit`, extra);

  const terms = {
    percentOff: null as number | null,
    maxDiscount: null as Fen | null,
    minOrder: null as Fen | null,
    couponTemplateId: null as string | null,
    count: null as number | null,
    points: null as bigint | null,
    occasion: null as BenefitOccasion | null,
    usesPerMonth: null as number | null,
    costPerUse: null as Fen | null,
  };
  if (kind === 'DISCOUNT') {
    terms.percentOff = wholeNumber(required(input.percentOff, 'percentOff', kind), 'percentOff', 1, 50);
    terms.maxDiscount = given(input.maxDiscount) ? parseAmount(input.maxDiscount, 'maxDiscount') : null;
    terms.minOrder = given(input.minOrder) ? parseAmount(input.minOrder, 'minOrder', { allowZero: true }) : 0n;
  } else if (kind === 'SERVICE') {
    terms.usesPerMonth = wholeNumber(required(input.usesPerMonth, 'usesPerMonth', kind), 'usesPerMonth', 1, 1000);
    terms.costPerUse = parseAmount(required(input.costPerUse, 'costPerUse', kind), 'costPerUse', { allowZero: true });
  } else {
    const occasion = required(input.occasion, 'occasion', kind);
    if (!OCCASIONS.includes(occasion)) throw userInputError(`occasion must be one of ${OCCASIONS.join(', ')}`, 'occasion');
    terms.occasion = occasion;
    if (kind === 'POINTS_GIFT') terms.points = BigInt(wholeNumber(required(input.points, 'points', kind), 'points', 1, 1_000_000_000));
    else {
      terms.count = wholeNumber(required(input.count, 'count', kind), 'count', 1, 100);
      const templateId = requireUuid(required(input.couponTemplateId, 'couponTemplateId', kind), 'couponTemplateId');
      const [template] = await templatesByIds(em, [templateId]);
      // A pack gives the owner's own coupons: their funding is the owner's already.
      if (!template || template.ownerId !== ownerId) throw userInputError("a pack's coupon template must be the benefit owner's own", 'couponTemplateId');
      terms.couponTemplateId = templateId;
    }
  }
  const monthlyBudget = budgetOf(input.monthlyBudget);
  const { tiers, plans } = await checkCarriers(em, now, input.tiers, input.plans);

  let acceptedBy: string[] = [];
  let funders: CouponFunderRecord[] = [];
  if (ownerId !== null) {
    if (input.acceptedBy?.length) throw forbidden("A merchant's benefit is valid at its own stores: only HQ names accepting merchants");
    if (input.funders?.length) throw forbidden('A merchant funds its own benefits: only HQ names funders');
    const own = ownFunding(ownerId);
    acceptedBy = own.acceptedBy;
    if (GIVEN_AT_A_TILL(kind)) funders = own.funders;
  } else if (GIVEN_AT_A_TILL(kind)) {
    ({ acceptedBy, funders } = await hqFunding(em, input, `HQ's ${kind} benefit names the merchants that honour it`));
  } else {
    // HQ's packs and gifts reach members wherever they shop: nothing is honoured at a till.
    if (input.acceptedBy?.length) throw userInputError(`a ${kind} benefit is granted, not honoured at a till: it has no acceptedBy`, 'acceptedBy');
    if (input.funders?.length) throw userInputError(`a ${kind} benefit has no funders: its coupons or points settle as they are`, 'funders');
  }

  const id = randomUUID();
  await executeSql(
    em,
    sql`with benefit as (
       insert into wallet.benefit (id, owner_id, name, description, kind, tiers, plans, percent_off, max_discount, min_order, coupon_template_id, count,
         points, occasion, uses_per_month, cost_per_use, monthly_budget, created_at)
       values (${id}, ${ownerId}, ${name}, ${description}, ${kind}, ${sqlArray(tiers)}::text[], ${sqlArray(plans)}::text[], ${terms.percentOff},
         ${terms.maxDiscount?.toString() ?? null}, ${terms.minOrder?.toString() ?? null}, ${terms.couponTemplateId}, ${terms.count},
         ${terms.points?.toString() ?? null}, ${terms.occasion}, ${terms.usesPerMonth}, ${terms.costPerUse?.toString() ?? null},
         ${monthlyBudget?.toString() ?? null}, ${now})),
     acceptors as (insert into wallet.benefit_acceptor (benefit_id, merchant_id) select ${id}::uuid, unnest(${sqlArray(acceptedBy)}::uuid[]))
     insert into wallet.benefit_funder (benefit_id, position, merchant_id, share_bps)
     select ${id}::uuid, f.position, f.merchant_id, f.share_bps
     from unnest(${sqlArray(funders.map((f) => f.merchantId))}::uuid[], ${sqlArray(funders.map((f) => f.shareBps))}::int[]) with ordinality as f(merchant_id, share_bps, position)`,
  );
  return { id, ownerId, name, description, kind, tiers, plans, ...terms, monthlyBudget, active: true, acceptedBy, funders, createdAt: now };
}

/** HQ changes any benefit; a merchant its own (another's is FORBIDDEN, whether or not it exists). */
export async function updateBenefit(em: EntityManager, now: Date, claims: Claims | null, id: string, input: UpdateBenefitInput): Promise<BenefitRecord> {
  const caller = requireRole(claims, 'HQ', 'MERCHANT');
  const benefitId = requireUuid(id, 'id');
  const rows: BenefitRow[] = await executeSql(em, sql`select ${BENEFIT_SELECT} from wallet.benefit b where b.id = ${benefitId} for update`);
  const current = rows[0] ? toBenefit(rows[0]) : null;
  if (caller.role === 'MERCHANT' && current?.ownerId !== caller.merchantId) throw forbidden('A merchant changes its own benefits only');
  if (!current) throw notFound('Benefit');
  const carriers = await checkCarriers(em, now, input.tiers ?? current.tiers, input.plans ?? current.plans);
  const monthlyBudget = input.monthlyBudget === undefined ? current.monthlyBudget : budgetOf(input.monthlyBudget);
  const active = input.active ?? current.active;
  await executeSql(
    em,
    sql`update wallet.benefit set tiers = ${sqlArray(carriers.tiers)}::text[], plans = ${sqlArray(carriers.plans)}::text[],
      monthly_budget = ${monthlyBudget?.toString() ?? null}, active = ${active} where id = ${benefitId}`,
  );
  return { ...current, ...carriers, monthlyBudget, active };
}

interface BenefitRow {
  id: string;
  owner_id: string | null;
  name: string;
  description: string;
  kind: BenefitKind;
  tiers: string[];
  plans: string[];
  percent_off: number | null;
  max_discount: string | null;
  min_order: string | null;
  coupon_template_id: string | null;
  count: number | null;
  points: string | null;
  occasion: BenefitOccasion | null;
  uses_per_month: number | null;
  cost_per_use: string | null;
  monthly_budget: string | null;
  active: boolean;
  created_at: Date;
  accepted_by: string[];
  funder_ids: (string | null)[];
  funder_shares: number[];
}

const big = (v: string | null) => (v === null ? null : BigInt(v));

function toBenefit(r: BenefitRow): BenefitRecord {
  return {
    id: r.id,
    ownerId: r.owner_id,
    name: r.name,
    description: r.description,
    kind: r.kind,
    tiers: r.tiers,
    plans: r.plans,
    percentOff: r.percent_off,
    maxDiscount: big(r.max_discount),
    minOrder: big(r.min_order),
    couponTemplateId: r.coupon_template_id,
    count: r.count,
    points: big(r.points),
    occasion: r.occasion,
    usesPerMonth: r.uses_per_month,
    costPerUse: big(r.cost_per_use),
    monthlyBudget: big(r.monthly_budget),
    active: r.active,
    acceptedBy: r.accepted_by,
    funders: r.funder_ids.map((merchantId, i) => ({ merchantId, shareBps: r.funder_shares[i]! })),
    createdAt: new Date(r.created_at),
  };
}

/** A benefit's columns with its acceptors and funders (in funding order), for `from wallet.benefit b`. */
const BENEFIT_SELECT = trustedSql(`b.*,
  array(select a.merchant_id from wallet.benefit_acceptor a where a.benefit_id = b.id order by a.merchant_id) as accepted_by,
  array(select f.merchant_id from wallet.benefit_funder f where f.benefit_id = b.id order by f.position) as funder_ids,
  array(select f.share_bps from wallet.benefit_funder f where f.benefit_id = b.id order by f.position) as funder_shares`);

export async function benefitsByIds(em: EntityManager, ids: readonly string[]): Promise<(BenefitRecord | null)[]> {
  const rows: BenefitRow[] = await executeSql(em, sql`select ${BENEFIT_SELECT} from wallet.benefit b where b.id = any(${sqlArray(ids)}::uuid[])`);
  const byId = new Map(rows.map((r) => [r.id, toBenefit(r)]));
  return ids.map((id) => byId.get(id) ?? null);
}

export const MAX_BENEFITS_LISTED = 500;

/**
 * The back office's list, oldest first: HQ every benefit, or one merchant's (`merchantId`); a merchant its own and HQ's
 * that it honours or funds (another merchant's id is FORBIDDEN).
 */
export async function benefitsFor(em: EntityManager, claims: Claims | null, merchantId: string | null | undefined): Promise<BenefitRecord[]> {
  const caller = requireRole(claims, 'HQ', 'MERCHANT');
  const named = given(merchantId) ? requireUuid(merchantId, 'merchantId') : null;
  if (caller.role === 'MERCHANT' && named !== null && named !== caller.merchantId) throw forbidden("A merchant sees its own benefits, not another's");
  const filter =
    caller.role === 'HQ'
      ? sql`${named}::uuid is null or b.owner_id = ${named}::uuid`
      : sql`b.owner_id = ${caller.merchantId}::uuid or (b.owner_id is null and (
          exists (select 1 from wallet.benefit_acceptor a where a.benefit_id = b.id and a.merchant_id = ${caller.merchantId}::uuid)
          or exists (select 1 from wallet.benefit_funder f where f.benefit_id = b.id and f.merchant_id = ${caller.merchantId}::uuid)))`;
  const rows: BenefitRow[] = await executeSql(
    em,
    sql`select ${BENEFIT_SELECT} from wallet.benefit b where ${filter} order by b.created_at, b.id limit ${MAX_BENEFITS_LISTED}`,
  );
  return rows.map(toBenefit);
}

/** The active benefits a tier of the programme in force carries, oldest first (the programme's tiers show them). */
export async function benefitsOfTier(em: EntityManager, tierCode: string): Promise<BenefitRecord[]> {
  const rows: BenefitRow[] = await executeSql(
    em,
    sql`select ${BENEFIT_SELECT} from wallet.benefit b where b.active and ${tierCode}::text = any(b.tiers) order by b.created_at, b.id limit ${MAX_BENEFITS_LISTED}`,
  );
  return rows.map(toBenefit);
}

/** The active benefits a plan carries, oldest first (the programme's plans show them). */
export async function benefitsOfPlan(em: EntityManager, planCode: string): Promise<BenefitRecord[]> {
  const rows: BenefitRow[] = await executeSql(
    em,
    sql`select ${BENEFIT_SELECT} from wallet.benefit b where b.active and ${planCode}::text = any(b.plans) order by b.created_at, b.id limit ${MAX_BENEFITS_LISTED}`,
  );
  return rows.map(toBenefit);
}

/** What a member holds benefits by: the code of its tier, and of its plan while that is valid (else null). */
export interface Holding {
  tierCode: string;
  planCode: string | null;
}

/** A member's holding at `at`: its tier on the ladder in force, and its plan if still valid then. */
export function holdingAt(programme: ProgrammeRecord, standing: { rank: number; planCode: string | null; planValidUntil: Date | null }, at: Date): Holding {
  return { tierCode: tierAt(programme, standing.rank).code, planCode: planIsValid(standing, at) ? standing.planCode : null };
}

/** The rule of holding, written once, for `from wallet.benefit b`: active, and carried by the member's tier or its valid plan. */
export const heldWith = (holding: Holding) => heldBy(sql`${holding.tierCode}`, sql`${holding.planCode}`);
/** The same rule with the tier's and the valid plan's codes as SQL expressions. */
const heldBy = (tierCode: Sql, planCode: Sql) => sql`b.active and (${tierCode}::text = any(b.tiers) or ${planCode}::text = any(b.plans))`;
/**
 * The same rule over a wallet row read in the statement (`row`: its alias): its tier on the ladder in force, its plan
 * while valid at `at` (holdingAt's, in SQL).
 */
export const heldByWallet = (programme: ProgrammeRecord, row: string, at: Date) =>
  heldBy(
    tierCodeSql(programme, sql`${trustedSql(row)}.tier_rank`),
    sql`case when ${planValidSql(sql`${trustedSql(row)}.plan_valid_until`, at)} then ${trustedSql(row)}.plan_code end`,
  );
/** For `from wallet.benefit b`: honoured at the stores of `merchantId`. */
const honouredAt = (merchantId: string) =>
  sql`exists (select 1 from wallet.benefit_acceptor a where a.benefit_id = b.id and a.merchant_id = ${merchantId}::uuid)`;

/** Whether the member holds a benefit (whatever its kind, wherever honoured). */
export async function holdsBenefit(em: EntityManager, benefitId: string, holding: Holding): Promise<boolean> {
  const rows: { held: boolean }[] = await executeSql(
    em,
    sql`select exists (select 1 from wallet.benefit b where b.id = ${benefitId} and ${heldWith(holding)}) as held`,
  );
  return rows[0]!.held;
}

/** A DISCOUNT benefit's terms and funding, as a checkout needs them. */
export interface DiscountBenefit extends DiscountTerms {
  name: string;
  funders: CouponFunderRecord[];
  /** The whole benefit as read: what the checkout answers with, without reading it again. */
  record: BenefitRecord;
}

/** The DISCOUNT benefits a member holds, honoured at stores of `merchantId`: the candidates of the member discount (member-discount.ts chooses). */
export async function discountsHeldAt(em: EntityManager, holding: Holding, merchantId: string): Promise<DiscountBenefit[]> {
  const rows: BenefitRow[] = await executeSql(
    em,
    sql`select ${BENEFIT_SELECT} from wallet.benefit b where b.kind = 'DISCOUNT' and ${heldWith(holding)} and ${honouredAt(merchantId)}`,
  );
  return rows.map(toDiscount);
}

/**
 * The same candidates as one JSON array, for a movement to read beside its holder's lock (ledger/journal/movement.ts
 * readAlongside) and save a round trip: the holding from the locked wallet row (`holder`) itself, its tier on the
 * ladder in force and its plan while valid at `at`. Read back with discountsOf.
 */
export function discountsHeldSql(programme: ProgrammeRecord, merchantId: string, at: Date): Sql {
  return sql`select coalesce(json_agg(d), '[]'::json) from (
    select ${BENEFIT_SELECT} from wallet.benefit b where b.kind = 'DISCOUNT' and ${heldByWallet(programme, 'holder', at)} and ${honouredAt(merchantId)}) d`;
}

export function discountsOf(value: unknown): DiscountBenefit[] {
  const rows = (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as BenefitRow[];
  return rows.map(toDiscount);
}

function toDiscount(row: BenefitRow): DiscountBenefit {
  const b = toBenefit(row);
  return {
    id: b.id,
    ownerId: b.ownerId,
    name: b.name,
    percentOff: b.percentOff!,
    maxDiscount: b.maxDiscount,
    minOrder: b.minOrder!,
    createdAt: b.createdAt,
    funders: b.funders,
    record: b,
  };
}

export type BenefitSource = 'TIER' | 'PLAN';

/** A benefit a member holds now, what holds it, and what it has left of its uses this month (services). */
export interface HeldBenefitRecord {
  benefit: BenefitRecord;
  source: BenefitSource;
  usesLeftThisMonth: number | null;
  /** When a pack or gift next comes (benefit-grants.ts nextGrantAt); null until the caller works it out, and for the others. */
  nextGrantAt: Date | null;
}

/**
 * The benefits a member holds, oldest first; only `kinds`, and only those honoured at `honouredBy`'s stores when it is
 * given. A service's uses are counted from `monthStartsAt`.
 */
export async function benefitsHeld(
  em: EntityManager,
  memberId: string,
  holding: Holding,
  opts: { kinds: readonly BenefitKind[]; honouredBy: string | null; monthStartsAt: Date },
): Promise<HeldBenefitRecord[]> {
  const rows: (BenefitRow & { uses: string })[] = await executeSql(
    em,
    sql`select ${BENEFIT_SELECT},
       (select count(*) from wallet.journal_transaction t
         where t.kind = 'BENEFIT_USE' and t.member_id = ${memberId}::uuid and t.benefit_id = b.id and t.occurred_at >= ${opts.monthStartsAt}) as uses
     from wallet.benefit b
     where b.kind = any(${sqlArray(opts.kinds)}::text[]) and ${heldWith(holding)} and ${opts.honouredBy === null ? sql`true` : honouredAt(opts.honouredBy)}
     order by b.created_at, b.id`,
  );
  return rows.map((r) => {
    const benefit = toBenefit(r);
    return {
      benefit,
      source: benefit.tiers.includes(holding.tierCode) ? 'TIER' : 'PLAN',
      usesLeftThisMonth: benefit.usesPerMonth === null ? null : Math.max(0, benefit.usesPerMonth - Number(r.uses)),
      nextGrantAt: null,
    };
  });
}

/** Who sees a benefit's commercial terms (budget, funders, acceptors): HQ, its owner, and the merchants it names. */
export function canSeeBenefitTerms(claims: Claims, benefit: BenefitRecord): boolean {
  if (claims.role === 'HQ') return true;
  if (claims.role !== 'MERCHANT') return false;
  const merchantId = claims.merchantId!;
  return benefit.ownerId === merchantId || benefit.acceptedBy.includes(merchantId) || benefit.funders.some((f) => f.merchantId === merchantId);
}
