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
import { sqlArray } from '../../../../lib/sql.js';
import { rfmMembersSql, segmentFlags, SEGMENTS, type RfmSegmentCode } from '../analytics/rfm.js';
import { COALITION_TIME_ZONE } from '../../ledger/index.js';
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

export interface AudienceSelection {
  /** A select of one column, member_id. */
  sql: string;
  params: unknown[];
}

export async function audienceOf(em: EntityManager, now: Date, caller: Claims, input: AudienceInput): Promise<AudienceSelection> {
  const where: string[] = ['w.marketing_consent', "w.status = 'ACTIVE'"];
  const params: unknown[] = [];
  let scope: string | null = null;
  if (caller.role === 'MERCHANT') {
    if (input.joinedMerchantId != null && input.joinedMerchantId.toLowerCase() !== caller.merchantId)
      throw forbidden("A merchant's audience is among its own members");
    scope = caller.merchantId;
  } else if (input.joinedMerchantId != null) {
    scope = requireUuid(input.joinedMerchantId, 'audience.joinedMerchantId');
  }
  if (scope !== null) {
    where.push('exists (select 1 from wallet.membership j where j.member_id = w.member_id and j.merchant_id = ?)');
    params.push(scope);
  }
  if (input.tiers?.length) {
    const programme = await programmeInForce(em, now);
    const ranks = input.tiers.map((code, i) => {
      const rank = programme.tiers.findIndex((t) => t.code === code);
      if (rank < 0) throw userInputError(`no tier ${code} in the programme in force`, `audience.tiers.${i}`);
      return rank;
    });
    where.push('w.tier_rank = any(?::int[])');
    params.push(sqlArray(ranks));
  }
  if (input.tags?.length) {
    const tagged = taggedMembersSql(caller, input.tags);
    where.push(`w.member_id in (${tagged.sql})`);
    params.push(...tagged.params);
  }
  let from = 'wallet.wallet w';
  if (input.rfmSegments?.length) {
    for (const [i, code] of input.rfmSegments.entries()) {
      if (!SEGMENTS.some((s) => s.segment === code)) throw userInputError(`no RFM segment ${code}`, `audience.rfmSegments.${i}`);
    }
    const rfm = rfmMembersSql(now, COALITION_TIME_ZONE, caller.role === 'MERCHANT' ? caller.merchantId : null);
    const flags = segmentFlags(input.rfmSegments);
    from = `(${rfm.sql}) rfm join wallet.wallet w using (member_id)`;
    where.push(`(rfm.r, rfm.f, rfm.m) in (${flags.map(() => '(?, ?, ?)').join(', ')})`);
    params.unshift(...rfm.params);
    params.push(...flags.flatMap((s) => [s.r, s.f, s.m]));
  }
  return { sql: `select w.member_id from ${from} where ${where.join(' and ')}`, params };
}
