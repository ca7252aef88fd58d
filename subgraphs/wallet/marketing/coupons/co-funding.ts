/**
 * What HQ names for what it offers across the coalition, a coupon template or a benefit given at a till
 * (docs/marketing.md "Coupons", docs/benefits.md): the merchants that accept it, and its funders (HQ alone by default,
 * or HQ and merchants in basis-point shares adding up to 10,000; the first takes the rounding remainder). Each refusal
 * is BAD_USER_INPUT naming the field. A merchant's own offer is accepted at its stores and funded by it alone.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { userInputError } from '../../../../lib/errors.js';
import { requireUuid } from '../../../../lib/ids.js';
import { wholeNumber } from '../../../../lib/input-checks.js';
import { executeSql, sql, sqlArray } from '../../../../lib/sql.js';
import { WHOLE_BPS, type CouponFunderRecord } from './coupon-funding.js';

export interface CoFundingInput {
  acceptedBy?: readonly string[] | null;
  funders?: readonly { merchantId?: string | null; shareBps: number }[] | null;
}

/** A merchant's own: accepted at its stores, funded by it alone. */
export const ownFunding = (merchantId: string) => ({ acceptedBy: [merchantId], funders: [{ merchantId, shareBps: WHOLE_BPS }] });

/** HQ's acceptors (required: `missing` says why) and funders, checked, and every merchant named known. */
export async function hqFunding(em: EntityManager, input: CoFundingInput, missing: string): Promise<{ acceptedBy: string[]; funders: CouponFunderRecord[] }> {
  if (!input.acceptedBy?.length) throw userInputError(missing, 'acceptedBy');
  if (input.acceptedBy.length > 500) throw userInputError('at most 500 accepting merchants', 'acceptedBy');
  const acceptedBy = [...new Set(input.acceptedBy.map((id, i) => requireUuid(id, `acceptedBy.${i}`)))];
  const funders = (input.funders?.length ? input.funders : [{ merchantId: null, shareBps: WHOLE_BPS }]).map((f, i) => ({
    merchantId: f.merchantId == null ? null : requireUuid(f.merchantId, `funders.${i}.merchantId`),
    shareBps: wholeNumber(f.shareBps, `funders.${i}.shareBps`, 1, WHOLE_BPS),
  }));
  if (funders.length > 20) throw userInputError('at most 20 funders', 'funders');
  if (new Set(funders.map((f) => f.merchantId)).size !== funders.length) throw userInputError('each funder once', 'funders');
  if (funders.reduce((sum, f) => sum + f.shareBps, 0) !== WHOLE_BPS) throw userInputError("funders' shares must add up to 10000 basis points", 'funders');
  const named = [...acceptedBy, ...funders.flatMap((f) => (f.merchantId ? [f.merchantId] : []))];
  const rows: { id: string }[] = await executeSql(em, sql`select id from wallet.merchant where id = any(${sqlArray(named)}::uuid[])`);
  const known = new Set(rows.map((r) => r.id));
  const unknown = named.find((id) => !known.has(id));
  if (unknown) throw userInputError(`no merchant ${unknown}`, acceptedBy.includes(unknown) ? 'acceptedBy' : 'funders');
  return { acceptedBy, funders };
}
