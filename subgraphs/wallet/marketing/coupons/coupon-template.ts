/**
 * Coupon templates (docs/marketing.md "Coupons"): what a coupon takes off,
 * where it is accepted, who funds it, how long it is valid, how many may be
 * issued (the budget) and to one member (the per-member limit), and its
 * points price in the rewards catalogue. A merchant's template is valid at
 * its own stores and funded by it; HQ's names the merchants that accept it
 * and its funders (HQ by default).
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Claims } from '../../../../lib/auth.js';
import { requireRole } from '../../../../lib/auth.js';
import { forbidden, userInputError } from '../../../../lib/errors.js';
import { parseAmount, type Fen, type MoneyInput } from '../../../../lib/money.js';
import { sqlArray, executeSql, sql, trustedSql } from '../../../../lib/sql.js';
import { checkText, wholeNumber } from '../../../../lib/input-checks.js';
import type { CouponKind, CouponTerms } from './coupon-discount.js';
import type { CouponFunderRecord } from './coupon-funding.js';
import { hqFunding, ownFunding } from './co-funding.js';

export interface CouponTemplateRecord extends CouponTerms {
  id: string;
  /** Null: HQ. */
  ownerId: string | null;
  name: string;
  description: string;
  validFrom: Date | null;
  validUntil: Date | null;
  validDays: number | null;
  budget: number;
  issued: number;
  perMemberLimit: number;
  pointsPrice: bigint | null;
  /** The merchants whose stores take it: the owner, or those HQ named. */
  acceptedBy: string[];
  funders: CouponFunderRecord[];
  createdAt: Date;
}

export interface CouponTemplateInput {
  name: string;
  description?: string | null;
  kind: CouponKind;
  amountOff?: MoneyInput | null;
  minOrder?: MoneyInput | null;
  percentOff?: number | null;
  maxDiscount?: MoneyInput | null;
  giftValue?: MoneyInput | null;
  validFrom?: string | null;
  validUntil?: string | null;
  validDays?: number | null;
  budget: number;
  perMemberLimit?: number | null;
  pointsPrice?: number | null;
  acceptedBy?: readonly string[] | null;
  funders?: readonly { merchantId?: string | null; shareBps: number }[] | null;
}

const KINDS: readonly CouponKind[] = ['AMOUNT_OFF', 'PERCENT_OFF', 'GIFT'];

const instantOf = (text: string | null | undefined, field: string): Date | null => {
  if (text === null || text === undefined) return null;
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) throw userInputError(`${field} must be an ISO-8601 instant`, field);
  return at;
};

/** Only the fields of the template's kind may be given. */
function only(input: CouponTemplateInput, kind: CouponKind, allowed: readonly (keyof CouponTemplateInput)[]) {
  for (const field of ['amountOff', 'percentOff', 'maxDiscount', 'giftValue'] as const) {
    if (!allowed.includes(field) && input[field] !== null && input[field] !== undefined)
      throw userInputError(`${field} does not apply to a ${kind} coupon`, field);
  }
}

export async function createCouponTemplate(em: EntityManager, now: Date, claims: Claims | null, input: CouponTemplateInput): Promise<CouponTemplateRecord> {
  const caller = requireRole(claims, 'HQ', 'MERCHANT');
  const ownerId = caller.role === 'MERCHANT' ? caller.merchantId : null;
  const name = checkText(input.name, 'name', 1, 60);
  const description = checkText(input.description ?? '', 'description', 0, 500);
  if (!KINDS.includes(input.kind)) throw userInputError('kind must be AMOUNT_OFF, PERCENT_OFF or GIFT', 'kind');
  const minOrder = input.minOrder ? parseAmount(input.minOrder, 'minOrder', { allowZero: true }) : 0n;
  let amountOff: Fen | null = null;
  let percentOff: number | null = null;
  let maxDiscount: Fen | null = null;
  let giftValue: Fen | null = null;
  if (input.kind === 'AMOUNT_OFF') {
    only(input, input.kind, ['amountOff']);
    if (!input.amountOff) throw userInputError('an AMOUNT_OFF coupon needs amountOff', 'amountOff');
    amountOff = parseAmount(input.amountOff, 'amountOff');
  } else if (input.kind === 'PERCENT_OFF') {
    only(input, input.kind, ['percentOff', 'maxDiscount']);
    percentOff = wholeNumber(input.percentOff ?? 0, 'percentOff', 1, 99);
    if (!input.maxDiscount) throw userInputError('a PERCENT_OFF coupon needs maxDiscount, its cap', 'maxDiscount');
    maxDiscount = parseAmount(input.maxDiscount, 'maxDiscount');
  } else {
    only(input, input.kind, ['giftValue']);
    if (!input.giftValue) throw userInputError('a GIFT coupon needs giftValue, the declared value of the item', 'giftValue');
    giftValue = parseAmount(input.giftValue, 'giftValue');
  }

  const validFrom = instantOf(input.validFrom, 'validFrom');
  const validUntil = instantOf(input.validUntil, 'validUntil');
  const validDays = input.validDays ?? null;
  if ((validUntil === null) === (validDays === null)) throw userInputError('give either validUntil (fixed dates) or validDays (days from issue)', 'validUntil');
  if (validDays !== null) {
    wholeNumber(validDays, 'validDays', 1, 3660);
    if (validFrom !== null) throw userInputError('validFrom goes with validUntil; a coupon valid for validDays starts when issued', 'validFrom');
  }
  if (validUntil !== null && validUntil <= (validFrom ?? now)) throw userInputError('validUntil must be after validFrom (or now)', 'validUntil');
  const budget = wholeNumber(input.budget, 'budget', 1, 100_000_000);
  const perMemberLimit = wholeNumber(input.perMemberLimit ?? 1, 'perMemberLimit', 1, 1000);
  const pointsPrice =
    input.pointsPrice === null || input.pointsPrice === undefined ? null : BigInt(wholeNumber(input.pointsPrice, 'pointsPrice', 1, 1_000_000_000));

  // Acceptance and funding: the owner's own for a merchant; HQ names them.
  let acceptedBy: string[];
  let funders: CouponFunderRecord[];
  if (ownerId !== null) {
    if (input.acceptedBy?.length) throw forbidden("A merchant's coupon is valid at its own stores: only HQ names accepting merchants");
    if (input.funders?.length) throw forbidden('A merchant funds its own coupons: only HQ names funders');
    ({ acceptedBy, funders } = ownFunding(ownerId));
  } else {
    ({ acceptedBy, funders } = await hqFunding(em, input, "HQ's coupon names the merchants that accept it"));
  }

  const id = randomUUID();
  await executeSql(
    em,
    sql`with template as (
       insert into wallet.coupon_template (id, owner_id, name, description, kind, amount_off, min_order, percent_off, max_discount, gift_value,
         valid_from, valid_until, valid_days, budget, per_member_limit, points_price, created_at)
       values (${id}, ${ownerId}, ${name}, ${description}, ${input.kind}, ${amountOff?.toString() ?? null}, ${minOrder.toString()}, ${percentOff}, ${maxDiscount?.toString() ?? null}, ${giftValue?.toString() ?? null}, ${validFrom}, ${validUntil}, ${validDays}, ${budget}, ${perMemberLimit}, ${pointsPrice?.toString() ?? null}, ${now})),
     acceptors as (insert into wallet.coupon_acceptor (template_id, merchant_id) select ${id}::uuid, unnest(${sqlArray(acceptedBy)}::uuid[]))
     insert into wallet.coupon_funder (template_id, position, merchant_id, share_bps)
     select ${id}::uuid, f.position, f.merchant_id, f.share_bps from unnest(${sqlArray(funders.map((f) => f.merchantId))}::uuid[], ${sqlArray(funders.map((f) => f.shareBps))}::int[]) with ordinality as f(merchant_id, share_bps, position)`,
  );
  return {
    id,
    ownerId,
    name,
    description,
    kind: input.kind,
    amountOff,
    minOrder,
    percentOff,
    maxDiscount,
    giftValue,
    validFrom,
    validUntil,
    validDays,
    budget,
    issued: 0,
    perMemberLimit,
    pointsPrice,
    acceptedBy,
    funders,
    createdAt: now,
  };
}

interface TemplateRow {
  id: string;
  owner_id: string | null;
  name: string;
  description: string;
  kind: CouponKind;
  amount_off: string | null;
  min_order: string;
  percent_off: number | null;
  max_discount: string | null;
  gift_value: string | null;
  valid_from: Date | null;
  valid_until: Date | null;
  valid_days: number | null;
  budget: number;
  issued: number;
  per_member_limit: number;
  points_price: string | null;
  created_at: Date;
  accepted_by: string[];
  funder_ids: (string | null)[];
  funder_shares: number[];
}

const big = (v: string | null) => (v === null ? null : BigInt(v));

export const toTemplate = (r: TemplateRow): CouponTemplateRecord => ({
  id: r.id,
  ownerId: r.owner_id,
  name: r.name,
  description: r.description,
  kind: r.kind,
  amountOff: big(r.amount_off),
  minOrder: BigInt(r.min_order),
  percentOff: r.percent_off,
  maxDiscount: big(r.max_discount),
  giftValue: big(r.gift_value),
  validFrom: r.valid_from && new Date(r.valid_from),
  validUntil: r.valid_until && new Date(r.valid_until),
  validDays: r.valid_days,
  budget: r.budget,
  issued: r.issued,
  perMemberLimit: r.per_member_limit,
  pointsPrice: big(r.points_price),
  createdAt: new Date(r.created_at),
  acceptedBy: r.accepted_by,
  funders: r.funder_ids.map((merchantId, i) => ({ merchantId, shareBps: r.funder_shares[i]! })),
});

/** A template's columns with its acceptors and funders (in funding order), for `from wallet.coupon_template t`. */
export const TEMPLATE_SELECT = `t.*,
  array(select a.merchant_id from wallet.coupon_acceptor a where a.template_id = t.id order by a.merchant_id) as accepted_by,
  array(select f.merchant_id from wallet.coupon_funder f where f.template_id = t.id order by f.position) as funder_ids,
  array(select f.share_bps from wallet.coupon_funder f where f.template_id = t.id order by f.position) as funder_shares`;

export async function templatesByIds(em: EntityManager, ids: readonly string[]): Promise<(CouponTemplateRecord | null)[]> {
  const rows: TemplateRow[] = await executeSql(
    em,
    sql`select ${trustedSql(TEMPLATE_SELECT)} from wallet.coupon_template t where t.id = any(${sqlArray(ids)}::uuid[])`,
  );
  const byId = new Map(rows.map((r) => [r.id, toTemplate(r)]));
  return ids.map((id) => byId.get(id) ?? null);
}

/**
 * The console's list, newest first: HQ every template, a merchant its own. Not those it only accepts: their budget and
 * funding are HQ's and the owner's business (the template's fields refuse them), and one by id still shows what it may see.
 */
export const MAX_TEMPLATES_LISTED = 200;
export async function templatesFor(em: EntityManager, claims: Claims): Promise<CouponTemplateRecord[]> {
  const merchantId = claims.role === 'MERCHANT' ? claims.merchantId : null;
  const rows: TemplateRow[] = await executeSql(
    em,
    sql`select ${trustedSql(TEMPLATE_SELECT)} from wallet.coupon_template t where ${merchantId}::uuid is null or t.owner_id = ${merchantId}::uuid order by t.created_at desc, t.id limit ${MAX_TEMPLATES_LISTED}`,
  );
  return rows.map(toTemplate);
}

/** Locks a template for issuing (every issuance of one template queues here, so its budget and limits hold). */
export async function lockTemplate(em: EntityManager, id: string): Promise<CouponTemplateRecord | null> {
  const rows: TemplateRow[] = await executeSql(em, sql`select ${trustedSql(TEMPLATE_SELECT)} from wallet.coupon_template t where t.id = ${id} for update`);
  return rows[0] ? toTemplate(rows[0]) : null;
}

/** Coupons of a template used and not given back. */
export async function redeemedOf(em: EntityManager, ids: readonly string[]): Promise<number[]> {
  const rows: { template_id: string; redeemed: string }[] = await executeSql(
    em,
    sql`select template_id, sum(redemptions - restorations) as redeemed from wallet.coupon where template_id = any(${sqlArray(ids)}::uuid[]) group by template_id`,
  );
  const byId = new Map(rows.map((r) => [r.template_id, Number(r.redeemed)]));
  return ids.map((id) => byId.get(id) ?? 0);
}

/** Who may see a template: HQ, its owner, and merchants that accept it. */
export function canSeeTemplate(claims: Claims, template: CouponTemplateRecord): boolean {
  if (claims.role === 'HQ') return true;
  if (claims.role === 'MERCHANT') return template.ownerId === claims.merchantId || template.acceptedBy.includes(claims.merchantId!);
  return false;
}

export interface CreateCouponTemplateResult {
  template: CouponTemplateRecord;
}
