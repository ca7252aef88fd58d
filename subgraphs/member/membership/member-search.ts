/**
 * A back office or HQ finds a member by what a person at a counter has in hand: a phone number or a card. Exact
 * matches only (no "phones starting with 138"): a search that lists strangers' numbers is a leak, not a feature.
 * A merchant finds only members who joined it, and one it may not see is simply not found, so the answer does not tell
 * it that a phone belongs to somebody else's member.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { userInputError } from '../../../lib/errors.js';
import type { Claims } from '../../../lib/auth.js';
import { CardEntity, MemberEntity, MembershipEntity, normalisePhone, type MemberRecord } from './member.js';

export interface MemberSearch {
  phone?: string | null;
  cardNumber?: string | null;
}

export async function searchMembers(em: EntityManager, caller: Claims, search: MemberSearch): Promise<MemberRecord[]> {
  const phone = search.phone?.trim() || null;
  const cardNumber = search.cardNumber?.replace(/\s/g, '') || null;
  if ((phone === null) === (cardNumber === null)) throw userInputError('give a phone or a card number (one of the two)', phone ? 'cardNumber' : 'phone');
  if (cardNumber !== null && !/^\d{1,32}$/.test(cardNumber)) throw userInputError('a card number is digits only', 'cardNumber');
  const memberIds =
    phone !== null
      ? (await em.find(MemberEntity, { phone: normalisePhone(phone) }, { fields: ['id'] })).map((member) => member.id)
      : (await em.find(CardEntity, { number: cardNumber! }, { fields: ['memberId'] })).map((card) => card.memberId);
  if (memberIds.length === 0) return [];
  const visible =
    caller.role === 'HQ'
      ? memberIds
      : caller.role === 'MERCHANT'
        ? (await em.find(MembershipEntity, { memberId: { $in: memberIds }, merchantId: caller.merchantId })).map((m) => m.memberId)
        : [];
  return visible.length === 0 ? [] : em.find(MemberEntity, { id: { $in: visible } }, { orderBy: { registeredAt: 'asc' } });
}
