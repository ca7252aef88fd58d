/**
 * An audience (docs/marketing.md "Targeted campaigns"): the members a marketing action
 * reaches, as one SQL selection of member ids. Every condition given must
 * hold (tags: any of those named). Marketing consent always: nobody is reached without it. A merchant's
 * audience is among its own members only (those who joined it).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Claims } from '../../../../lib/auth.js';
import { forbidden, userInputError } from '../../../../lib/errors.js';
import { requireUuid } from '../../../../lib/ids.js';
import { joinSql, sql, sqlArray, type Sql } from '../../../../lib/sql.js';
import { rfmMembersSql, segmentFlags, SEGMENTS, type RfmSegmentCode } from '../analytics/rfm.js';
import { programmeInForce } from '../../programme/index.js';
import { taggedMembersSql } from '../tags/tags.js';

export interface AudienceInput {
  /** Tier codes of the programme in force. */
  tiers?: readonly string[] | null;
  joinedMerchantId?: string | null;
  /** RFM segments over the coalition (HQ) or the merchant's own purchases (a merchant). */
  rfmSegments?: readonly RfmSegmentCode[] | null;
  /** Names of the caller's own tags (HQ's, or the merchant's): members holding any of them. */
  tags?: readonly string[] | null;
}

/** A select of one column, member_id, with its values bound where they are written (lib/sql.ts). */
export type AudienceSelection = Sql;

export async function audienceOf(em: EntityManager, now: Date, caller: Claims, input: AudienceInput): Promise<AudienceSelection> {
  const where: Sql[] = [sql`w.marketing_consent`, sql`w.status = 'ACTIVE'`];
  let scope: string | null = null;
  if (caller.role === 'MERCHANT') {
    if (input.joinedMerchantId != null && input.joinedMerchantId.toLowerCase() !== caller.merchantId)
      throw forbidden("A merchant's audience is among its own members");
    scope = caller.merchantId;
  } else if (input.joinedMerchantId != null) {
    scope = requireUuid(input.joinedMerchantId, 'audience.joinedMerchantId');
  }
  if (scope !== null) where.push(sql`exists (select 1 from wallet.membership j where j.member_id = w.member_id and j.merchant_id = ${scope})`);
  if (input.tiers?.length) {
    const programme = await programmeInForce(em, now);
    const ranks = input.tiers.map((code, i) => {
      const rank = programme.tiers.findIndex((t) => t.code === code);
      if (rank < 0) throw userInputError(`no tier ${code} in the programme in force`, `audience.tiers.${i}`);
      return rank;
    });
    where.push(sql`w.tier_rank = any(${sqlArray(ranks)}::int[])`);
  }
  if (input.tags?.length) where.push(sql`w.member_id in (${taggedMembersSql(caller, input.tags)})`);
  let from = sql`wallet.wallet w`;
  if (input.rfmSegments?.length) {
    for (const [i, code] of input.rfmSegments.entries()) {
      if (!SEGMENTS.some((s) => s.segment === code)) throw userInputError(`no RFM segment ${code}`, `audience.rfmSegments.${i}`);
    }
    // The latest refresh's segments (analytics/rfm.ts), as the pyramid the caller looked at shows them.
    const rfm = await rfmMembersSql(em, caller.role === 'MERCHANT' ? caller.merchantId : null);
    const flags = segmentFlags(input.rfmSegments).map((s) => sql`(${s.r}, ${s.f}, ${s.m})`);
    from = sql`(${rfm}) rfm join wallet.wallet w using (member_id)`;
    where.push(sql`(rfm.r, rfm.f, rfm.m) in (${joinSql(flags, ', ')})`);
  }
  return sql`select w.member_id from ${from} where ${joinSql(where, ' and ')}`;
}
