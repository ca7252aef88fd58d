import { executeSql, sql } from '../../../lib/sql.js';
import { randomUUID } from 'node:crypto';
import { EntitySchema, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../../lib/clock.js';
import { domainError, notFound, userInputError } from '../../../lib/errors.js';
import { recordEvents } from '../../../lib/outbox.js';
import { requireUuid } from '../../../lib/ids.js';
import { newCardNumber } from './card.js';
import { newReferralCode, normaliseReferralCode } from './referral-code.js';
import { storeMerchant } from '../directory/index.js';

export type CardStatus = 'ACTIVE' | 'FROZEN' | 'LOST' | 'CLOSED';

export class MemberRecord {
  id!: string;
  /** Null once erased (data-rights.ts). */
  name!: string | null;
  phone!: string | null;
  birthday?: string | null;
  registeredStoreId!: string;
  registeredMerchantId!: string;
  registeredAt!: Date;
  erasedAt?: Date | null;
  /** Marketing consent (consent.ts); null `marketingConsentUpdatedAt` until first given or withdrawn. */
  marketingConsent!: boolean;
  marketingConsentUpdatedAt?: Date | null;
  /** Its own code to invite others with (referral-code.ts), and who invited it (null: nobody), set at registration only. */
  referralCode!: string;
  invitedBy?: string | null;
}

export class CardRecord {
  number!: string;
  memberId!: string;
  status!: CardStatus;
  issuedAt!: Date;
}

export class MembershipRecord {
  memberId!: string;
  merchantId!: string;
  joinedAt!: Date;
}

export const MemberEntity = new EntitySchema<MemberRecord>({
  class: MemberRecord,
  name: 'Member',
  tableName: 'member',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'text', nullable: true },
    phone: { type: 'text', nullable: true },
    birthday: { type: 'date', nullable: true },
    registeredStoreId: { type: 'uuid' },
    registeredMerchantId: { type: 'uuid' },
    registeredAt: { type: 'datetime' },
    erasedAt: { type: 'datetime', nullable: true },
    marketingConsent: { type: 'boolean' },
    marketingConsentUpdatedAt: { type: 'datetime', nullable: true },
    referralCode: { type: 'text' },
    invitedBy: { type: 'uuid', nullable: true },
  },
});

export const CardEntity = new EntitySchema<CardRecord>({
  class: CardRecord,
  name: 'Card',
  tableName: 'card',
  properties: {
    number: { type: 'text', primary: true },
    memberId: { type: 'uuid' },
    status: { type: 'text' },
    issuedAt: { type: 'datetime' },
  },
});

export const MembershipEntity = new EntitySchema<MembershipRecord>({
  class: MembershipRecord,
  name: 'Membership',
  tableName: 'membership',
  properties: {
    memberId: { type: 'uuid', primary: true },
    merchantId: { type: 'uuid', primary: true },
    joinedAt: { type: 'datetime' },
  },
});

/** Mainland mobile numbers, stored as +86 and 11 digits. */
export function normalisePhone(raw: string): string {
  const digits = raw.replace(/[\s()-]/g, '').replace(/^(\+86|0086|86(?=1\d{10}$))/, '');
  if (!/^1[3-9]\d{9}$/.test(digits)) throw userInputError('phone must be a mainland mobile number like 138 0013 8000', 'phone');
  return `+86${digits}`;
}

export function cleanMemberName(raw: string): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name.length === 0 || [...name].length > 60) throw userInputError('name must be 1 to 60 characters', 'name');
  return name;
}

export function checkBirthday(raw: string | null | undefined, today: Date): string | null {
  if (raw == null || raw === '') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const date = match ? new Date(`${raw}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== raw || date > today || date.getUTCFullYear() < 1900) {
    throw userInputError('birthday must be a past date like 1990-05-17', 'birthday');
  }
  return raw;
}

/** First character shown, the rest hidden: 张三丰 -> 张**, Alice -> A****. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/**
 * A phone already registered. The marker `phoneTaken` is for the lock-out
 * and never reaches a client (only public extensions do, lib/errors.ts).
 */
const phoneTaken = () => domainError('BAD_USER_INPUT', 'This phone cannot be registered', { field: 'phone', phoneTaken: true });
export const isPhoneTaken = (error: unknown) => (error as { extensions?: { phoneTaken?: unknown } }).extensions?.phoneTaken === true;

/**
 * Whether a phone belongs to a member is nobody's business but HQ's: a
 * terminal, or a back office's merchant, that is refused five phones in an
 * hour registers no more for an hour. (The refusal itself cannot be hidden
 * while a registration answers with the member it made: the lock-out bounds
 * how often anyone but HQ may ask.)
 */
export const REGISTRATION_LOCKOUT = { name: 'registration', maxFailures: 5, windowSeconds: 3600, lockSeconds: 3600 };

export interface Registration {
  phone: string;
  name: string;
  birthday?: string | null;
  storeId: string;
  /** Given at the till when the member says yes; withdrawn or given later in the app. */
  marketingConsent?: boolean | null;
  /** The code of the member who invited this one (邀请有礼); an unknown code registers nobody. */
  referralCode?: string | null;
}

/**
 * Registers a member at a store: the member, its card, and its membership of
 * the store's merchant, with the event the wallet needs, in one transaction.
 */
export async function registerMember(em: EntityManager, clock: Clock, input: Registration): Promise<MemberRecord> {
  const phone = normalisePhone(input.phone);
  const name = cleanMemberName(input.name);
  const now = clock.now();
  const birthday = checkBirthday(input.birthday, now);
  const storeId = requireUuid(input.storeId, 'storeId');
  const merchantId = await storeMerchant(em, storeId);
  if (!merchantId) throw notFound('Store');
  const invitedBy = input.referralCode == null || input.referralCode.trim() === '' ? null : await inviterOf(em, input.referralCode);
  // A new code taken already (about one in a million at a million members) is drawn again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await registerOnce(em, clock, { phone, name, birthday, storeId, merchantId, invitedBy, marketingConsent: input.marketingConsent === true, now });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException && /referral_code/.test(error.message) && attempt < 5) continue;
      if (error instanceof UniqueConstraintViolationException && /phone/.test(error.message)) throw phoneTaken();
      throw error;
    }
  }
}

/** The member a code names; an erased member's code names nobody. */
async function inviterOf(em: EntityManager, raw: string): Promise<string> {
  const code = normaliseReferralCode(raw, 'referralCode');
  const rows: { id: string }[] = await executeSql(em, sql`select id from member.member where referral_code = ${code} and erased_at is null`);
  if (!rows[0]) throw userInputError('no member has this referral code', 'referralCode');
  return rows[0].id;
}

async function registerOnce(
  em: EntityManager,
  clock: Clock,
  r: {
    phone: string;
    name: string;
    birthday: string | null;
    storeId: string;
    merchantId: string;
    invitedBy: string | null;
    marketingConsent: boolean;
    now: Date;
  },
): Promise<MemberRecord> {
  const { phone, name, birthday, storeId, merchantId, invitedBy, now } = r;
  return em.transactional(async (tx) => {
    const member = tx.create(MemberEntity, {
      id: randomUUID(),
      name,
      phone,
      birthday,
      registeredStoreId: storeId,
      registeredMerchantId: merchantId,
      registeredAt: now,
      marketingConsent: r.marketingConsent,
      marketingConsentUpdatedAt: r.marketingConsent ? now : null,
      referralCode: newReferralCode(),
      invitedBy,
    });
    await tx.flush(); // the entity schemas declare no relations, so the member goes first explicitly
    tx.create(CardEntity, { number: newCardNumber(), memberId: member.id, status: 'ACTIVE', issuedAt: now });
    tx.create(MembershipEntity, { memberId: member.id, merchantId, joinedAt: now });
    await tx.flush();
    await recordEvents(
      tx,
      'member',
      [
        {
          type: 'member.registered',
          memberId: member.id,
          merchantId,
          storeId,
          marketingConsent: member.marketingConsent,
          registeredAt: now.toISOString(),
          ...(invitedBy ? { invitedBy } : {}),
          ...(birthday ? { birthMonth: Number(birthday.slice(5, 7)) } : {}),
        },
      ],
      clock,
    );
    return member;
  });
}

export async function joinMerchant(em: EntityManager, clock: Clock, memberId: string, merchantId: string): Promise<void> {
  await em.transactional(async (tx) => {
    const known = await executeSql(tx, sql`select 1 from member.merchant_directory where merchant_id = ${merchantId}`);
    if (known.length === 0) throw notFound('Merchant');
    const joined = await executeSql(
      tx,
      sql`insert into member.membership (member_id, merchant_id, joined_at) values (${memberId}, ${merchantId}, ${clock.now()}) on conflict do nothing returning member_id`,
    );
    if (joined.length > 0) await recordEvents(tx, 'member', [{ type: 'member.joined', memberId, merchantId }], clock);
  });
}
