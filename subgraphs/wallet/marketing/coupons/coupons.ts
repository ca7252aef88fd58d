/**
 * A member's coupons: each used once (redemptions less restorations is 0 or
 * 1, held by PostgreSQL), valid over [validFrom, validUntil), usable at the
 * stores of the merchants that accept its template.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { executeSql, joinSql, sql, sqlArray, trustedSql, type Sql } from '../../../../lib/sql.js';
import type { CouponSource } from './coupon-issuance.js';
import { TEMPLATE_SELECT, toTemplate, type CouponTemplateRecord } from './coupon-template.js';

export type CouponStatus = 'USABLE' | 'USED' | 'EXPIRED' | 'NOT_YET_VALID' | 'VOIDED';

export interface CouponRecord {
  id: string;
  templateId: string;
  memberId: string;
  source: CouponSource;
  issuedAt: Date;
  validFrom: Date;
  validUntil: Date;
  used: boolean;
  /** When the full refund that took back the task reward it was voided with (unused, never to be used). */
  voidedAt: Date | null;
}

interface CouponRow {
  id: string;
  template_id: string;
  member_id: string;
  source: CouponSource;
  issued_at: Date;
  valid_from: Date;
  valid_until: Date;
  redemptions: number;
  restorations: number;
  voided_at: Date | null;
}

const toCoupon = (r: CouponRow): CouponRecord => ({
  id: r.id,
  templateId: r.template_id,
  memberId: r.member_id,
  source: r.source,
  issuedAt: new Date(r.issued_at),
  validFrom: new Date(r.valid_from),
  validUntil: new Date(r.valid_until),
  used: r.redemptions > r.restorations,
  voidedAt: r.voided_at ? new Date(r.voided_at) : null,
});

/**
 * A coupon's status, the one definition: a checkout refuses by it (applyCoupon), the graph shows it, and the SQL
 * that lists a member's coupons by status (couponsOfMember) is held to it by test/coupon-properties.test.ts.
 */
export function couponStatus(coupon: CouponRecord, now: Date): CouponStatus {
  if (coupon.used) return 'USED';
  if (coupon.voidedAt !== null) return 'VOIDED';
  if (now >= coupon.validUntil) return 'EXPIRED';
  if (now < coupon.validFrom) return 'NOT_YET_VALID';
  return 'USABLE';
}

/**
 * A member's coupons, soonest to expire first: all, or those with a status;
 * `acceptedAt` keeps those a merchant's stores take.
 */
export async function couponsOfMember(
  em: EntityManager,
  memberId: string,
  now: Date,
  opts: { status?: CouponStatus | null; acceptedAt?: string | null } = {},
): Promise<CouponRecord[]> {
  const where = [sql`c.member_id = ${memberId}`];
  const status = opts.status ?? null;
  if (status === 'USABLE') where.push(sql`c.redemptions = c.restorations and c.voided_at is null and c.valid_from <= ${now} and c.valid_until > ${now}`);
  if (status === 'USED') where.push(sql`c.redemptions > c.restorations`);
  if (status === 'VOIDED') where.push(sql`c.redemptions = c.restorations and c.voided_at is not null`);
  if (status === 'EXPIRED') where.push(sql`c.redemptions = c.restorations and c.voided_at is null and c.valid_until <= ${now}`);
  if (status === 'NOT_YET_VALID') where.push(sql`c.redemptions = c.restorations and c.voided_at is null and c.valid_from > ${now}`);
  if (opts.acceptedAt)
    where.push(sql`exists (select 1 from wallet.coupon_acceptor a where a.template_id = c.template_id and a.merchant_id = ${opts.acceptedAt})`);
  const query = sql`select c.* from wallet.coupon c where ${joinSql(where, ' and ')} order by c.valid_until, c.id limit 200`;
  const rows = await executeSql<CouponRow>(em, query);
  return rows.map(toCoupon);
}

/** Coupons by id, for a DataLoader. */
export async function couponsByIds(em: EntityManager, ids: readonly string[]): Promise<(CouponRecord | null)[]> {
  const rows: CouponRow[] = await executeSql(em, sql`select * from wallet.coupon where id = any(${sqlArray(ids)}::uuid[])`);
  const byId = new Map(rows.map((r) => [r.id, toCoupon(r)]));
  return ids.map((id) => byId.get(id) ?? null);
}

/**
 * The coupon a checkout applies, locked, with its template, as one JSON value (null if there is no such coupon): a
 * scalar subquery the checkout's holder statement carries, so it is read and locked once the member's wallet is locked
 * (ledger/journal/movement.ts, readAlongside), in no round trip of its own; couponForCheckoutOf reads it. Whether it
 * applies is applyCoupon's (coupon-applicability.ts). The row lock and PostgreSQL's check on redemptions keep two
 * checkouts from both using it.
 */
export const couponForCheckoutSql = (couponId: string): Sql =>
  sql`(select row_to_json(x) from (
     select c.*, (select row_to_json(y) from (select ${trustedSql(TEMPLATE_SELECT)} from wallet.coupon_template t where t.id = c.template_id) y) as template
     from wallet.coupon c where c.id = ${couponId}::uuid for update of c) x)`;

export function couponForCheckoutOf(value: unknown): { coupon: CouponRecord; template: CouponTemplateRecord } | null {
  if (value === null || value === undefined) return null;
  const row = value as CouponRow & { template: Parameters<typeof toTemplate>[0] };
  return { coupon: toCoupon(row), template: toTemplate(row.template) };
}
