/**
 * A member's standing in the programme (会员等级, later growth and paid
 * plan): kept on its wallet row, which every movement locks, so a checkout
 * reads and changes it in the same transaction as the value it moves.
 */
import { sqlArray } from '../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';

export interface StandingRecord {
  memberId: string;
  /** Rank on the ladder, 0 the lowest (programme.ts tierAt). */
  tierRank: number;
}

/** Members the wallet has not met yet (no pay code, no event) stand at the bottom. */
export async function standingsByMember(em: EntityManager, memberIds: readonly string[]): Promise<StandingRecord[]> {
  const rows: { member_id: string; tier_rank: number }[] = await em.execute('select member_id, tier_rank from wallet.wallet where member_id = any(?::uuid[])', [sqlArray(memberIds)]);
  const byMember = new Map(rows.map((r) => [r.member_id, r.tier_rank]));
  return memberIds.map((memberId) => ({ memberId, tierRank: byMember.get(memberId) ?? 0 }));
}
