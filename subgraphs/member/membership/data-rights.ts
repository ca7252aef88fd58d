/**
 * A member's rights over its data (个人信息保护法; docs/security.md "Member data rights"): a lost
 * card is blocked and reissued under a new number with everything kept (the
 * member id, which all value hangs on, does not change); a member may have a
 * copy of what the hub holds about it; HQ erases a member's identity on
 * request, while the ledger keeps its entries under the member's id alone.
 */
import { executeSql, sql } from '../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../../lib/clock.js';
import { notFound } from '../../../lib/errors.js';
import { recordEvents } from '../../../lib/outbox.js';
import { endSessions } from '../../../lib/session-end.js';
import { newCardNumber } from './card.js';
import { CardEntity, MemberEntity, MembershipEntity, type CardRecord, type CardStatus, type MemberRecord, type MembershipRecord } from './member.js';

export interface MemberDataExportRecord {
  exportedAt: Date;
  member: MemberRecord;
  cards: CardRecord[];
  memberships: MembershipRecord[];
}

export interface ErasedMemberRecord {
  id: string;
  erasedAt: Date;
}

/** Locks a member that is not erased, or NOT_FOUND. */
async function lockLivingMember(em: EntityManager, memberId: string): Promise<void> {
  const rows = await executeSql(em, sql`select 1 from member.member where id = ${memberId} and erased_at is null for update`);
  if (rows.length === 0) throw notFound('Member');
}

/** Blocks the card in use and issues a new number in the same state (a frozen card stays frozen); the member's sessions end. */
export async function reportCardLost(em: EntityManager, clock: Clock, memberId: string): Promise<CardRecord> {
  return em.transactional(async (tx) => {
    await lockLivingMember(tx, memberId);
    const lost: { status: CardStatus }[] = await executeSql(
      tx,
      sql`update member.card set status = 'LOST' where member_id = ${memberId} and status in ('ACTIVE', 'FROZEN') returning status`,
    );
    const card: CardRecord = { number: newCardNumber(), memberId, status: lost[0]?.status === 'FROZEN' ? 'FROZEN' : 'ACTIVE', issuedAt: clock.now() };
    await executeSql(
      tx,
      sql`insert into member.card (number, member_id, status, issued_at) values (${card.number}, ${card.memberId}, ${card.status}, ${card.issuedAt})`,
    );
    // Whoever holds the lost card may hold the phone with the app: every session ends, and the member signs in again.
    await endSessions(tx, 'member', clock, memberId, 'CARD_LOST');
    return card;
  });
}

export async function exportMemberData(em: EntityManager, clock: Clock, memberId: string): Promise<MemberDataExportRecord> {
  const member = await em.findOne(MemberEntity, { id: memberId });
  if (!member || member.erasedAt) throw notFound('Member');
  const [cards, memberships] = await Promise.all([
    em.find(CardEntity, { memberId }, { orderBy: { issuedAt: 'asc' } }),
    em.find(MembershipEntity, { memberId }, { orderBy: { joinedAt: 'asc' } }),
  ]);
  return { exportedAt: clock.now(), member, cards, memberships };
}

/**
 * Erases name, phone and birthday, closes the cards and tells the wallet to
 * freeze (what value is left is HQ's to settle with the person outside the
 * hub). Erasing an erased member again answers as the first time.
 */
export async function eraseMember(em: EntityManager, clock: Clock, memberId: string): Promise<ErasedMemberRecord> {
  return em.transactional(async (tx) => {
    const erased: { erased_at: Date }[] = await executeSql(
      tx,
      sql`update member.member set name = null, phone = null, birthday = null, marketing_consent = false, erased_at = ${clock.now()} where id = ${memberId} and erased_at is null returning erased_at`,
    );
    if (erased.length === 0) {
      const before: { erased_at: Date | null }[] = await executeSql(tx, sql`select erased_at from member.member where id = ${memberId}`);
      if (!before[0]?.erased_at) throw notFound('Member');
      return { id: memberId, erasedAt: new Date(before[0].erased_at) };
    }
    await executeSql(tx, sql`update member.card set status = 'CLOSED' where member_id = ${memberId} and status in ('ACTIVE', 'FROZEN')`);
    await recordEvents(tx, 'member', [{ type: 'member.erased', memberId }], clock);
    await endSessions(tx, 'member', clock, memberId, 'ERASED');
    return { id: memberId, erasedAt: new Date(erased[0]!.erased_at) };
  });
}
