import { signToken, type ClaimsOf, type SignedToken } from '../../../lib/auth.js';
import type { KeyRing } from '../../../lib/keys.js';
import type { Clock } from '../../../lib/clock.js';
import { forbidden, notFound } from '../../../lib/errors.js';
import type { MemberRecord } from '../membership/index.js';

export const MEMBER_SESSION_TTL_SECONDS = 30 * 60;

/**
 * A back office opens a MEMBER session for a member who joined its merchant:
 * how a brand app acts for its logged-in user. HQ may open one for anyone.
 */
export async function openMemberSession(
  caller: ClaimsOf<'HQ' | 'MERCHANT'>,
  member: MemberRecord | null,
  merchantsOfMember: string[],
  keys: KeyRing,
  clock: Clock,
): Promise<SignedToken> {
  if (!member || member.erasedAt) throw notFound('Member');
  if (caller.role === 'MERCHANT' && !merchantsOfMember.includes(caller.merchantId)) throw forbidden('This member has not joined your merchant');
  // The session names who opened it, so that what a back office does through it is audited as both (issue 21).
  const openedBy = { role: caller.role, subject: caller.subject, merchantId: caller.role === 'MERCHANT' ? caller.merchantId : null } as const;
  return signToken({ role: 'MEMBER', subject: member.id, openedBy }, keys, clock, MEMBER_SESSION_TTL_SECONDS);
}
