import DataLoader from 'dataloader';
import type { KeyRing } from '../../lib/keys.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../lib/subgraph.js';
import { CardEntity, MemberEntity, MembershipEntity, type CardRecord, type MemberRecord } from './membership/index.js';

export interface MemberContext extends RequestContext {
  /** The keys this subgraph signs member sessions with. */
  keys: KeyRing;
  /** Members this request registered: a terminal may read back what it just registered (resolvers/identity-access.ts). */
  registeredInThisRequest: Set<string>;
  memberById: DataLoader<string, MemberRecord | null>;
  cardByMember: DataLoader<string, CardRecord | null>;
  merchantsOfMember: DataLoader<string, string[]>;
}

export function memberLoaders(em: EntityManager) {
  return {
    memberById: new DataLoader<string, MemberRecord | null>(async (ids) => {
      const rows = await em.find(MemberEntity, { id: { $in: [...ids] } });
      const byId = new Map(rows.map((m) => [m.id, m]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    cardByMember: new DataLoader<string, CardRecord | null>(async (memberIds) => {
      const cards = await em.find(CardEntity, { memberId: { $in: [...memberIds] }, status: { $in: ['ACTIVE', 'FROZEN'] } });
      const byMember = new Map(cards.map((c) => [c.memberId, c]));
      return memberIds.map((id) => byMember.get(id) ?? null);
    }),
    merchantsOfMember: new DataLoader<string, string[]>(async (memberIds) => {
      const rows = await em.find(MembershipEntity, { memberId: { $in: [...memberIds] } }, { orderBy: { joinedAt: 'asc' } });
      return memberIds.map((id) => rows.filter((r) => r.memberId === id).map((r) => r.merchantId));
    }),
  };
}
