/**
 * Members: registration, cards, memberships of merchants, consent, search and data rights. Built on the directory.
 * The area's one public entry: other areas import from here only (test/unit/layers.test.ts).
 */
export { setMarketingConsent } from './consent.js';
export { type ErasedMemberRecord, type MemberDataExportRecord, eraseMember, exportMemberData, reportCardLost } from './data-rights.js';
export { searchMembers } from './member-search.js';
export {
  CardEntity,
  type CardRecord,
  MemberEntity,
  type MemberRecord,
  MembershipEntity,
  type MembershipRecord,
  REGISTRATION_LOCKOUT,
  isPhoneTaken,
  joinMerchant,
  maskName,
  registerMember,
} from './member.js';
