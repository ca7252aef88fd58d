/** Referral codes (subgraphs/member/membership/referral-code.ts): drawn from the alphabet people read without mistakes, typed in any case. */
import { describe, expect, it } from 'vitest';
import { REFERRAL_ALPHABET, newReferralCode, normaliseReferralCode } from '../../subgraphs/member/membership/referral-code.js';

describe('a referral code', () => {
  it('is 8 characters of 23456789ABCDEFGHJKLMNPQRSTUVWXYZ, drawn at random', () => {
    expect(REFERRAL_ALPHABET).toHaveLength(32);
    const codes = Array.from({ length: 2000 }, newReferralCode);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(new Set(codes).size).toBe(codes.length);
    // Every character of the alphabet turns up (2000 × 8 draws of 32).
    expect(new Set(codes.join('')).size).toBe(32);
  });

  it('is matched without regard to case or spaces; what cannot be one names the field', () => {
    expect(normaliseReferralCode(' 7kq2mxpa ', 'referralCode')).toBe('7KQ2MXPA');
    for (const typo of ['7KQ2MXP', '7KQ2MXPAA', '7KQ2MXP0', 'OKQ2MXPA', '1KQ2MXPA', 'IKQ2MXPA', '7KQ2 MXPA']) {
      expect(() => normaliseReferralCode(typo, 'referralCode'), typo).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ field: 'referralCode' }) }),
      );
    }
  });
});
