/**
 * A member's referral code (docs/tasks.md "Referrals"): 8 characters of an alphabet without 0, 1, I and O, which are
 * read wrongly; typed by people, so matched without regard to case or surrounding spaces. 32^8 (about 10^12) codes:
 * a new member's is drawn at random, and drawn again in the rare case it is taken.
 */
import { randomInt } from 'node:crypto';
import { userInputError } from '../../../lib/errors.js';

export const REFERRAL_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const CODE = /^[2-9A-HJ-NP-Z]{8}$/;

export function newReferralCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += REFERRAL_ALPHABET[randomInt(REFERRAL_ALPHABET.length)];
  return code;
}

/** A code as typed, in its stored form; BAD_USER_INPUT on `field` if it cannot be one. */
export function normaliseReferralCode(raw: string, field: string): string {
  const code = raw.trim().toUpperCase();
  if (!CODE.test(code)) throw userInputError('a referral code is 8 letters and digits, like 7KQ2MXPA', field);
  return code;
}
