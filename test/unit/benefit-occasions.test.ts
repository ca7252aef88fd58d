import { describe, expect, it } from 'vitest';
import { nextGrantAt } from '../../subgraphs/wallet/marketing/benefits/benefit-grants.js';
import type { BenefitRecord } from '../../subgraphs/wallet/marketing/benefits/benefit.js';

const TZ = 'Asia/Shanghai';
const pack = (occasion: BenefitRecord['occasion']) => ({ kind: 'COUPON_PACK', occasion }) as BenefitRecord;
const at = (iso: string) => new Date(iso);
/** The start of a month in Shanghai, as an instant. */
const start = (month: string) => new Date(`${month}-01T00:00:00+08:00`).toISOString();

describe("a benefit's next grant (docs/benefits.md)", () => {
  const member = { birthMonth: 3, registeredAt: at('2026-06-15T12:00:00+08:00') };
  it('MONTHLY: the next month, across a year end', () => {
    expect(nextGrantAt(pack('MONTHLY'), member, at('2026-11-20T10:00:00+08:00'), TZ)?.toISOString()).toBe(start('2026-12'));
    expect(nextGrantAt(pack('MONTHLY'), member, at('2026-12-31T23:30:00+08:00'), TZ)?.toISOString()).toBe(start('2027-01'));
  });
  it('BIRTHDAY: the next birth month, next year once it has come; none for a birthday the hub does not know', () => {
    expect(nextGrantAt(pack('BIRTHDAY'), member, at('2026-02-10T10:00:00+08:00'), TZ)?.toISOString()).toBe(start('2026-03'));
    expect(nextGrantAt(pack('BIRTHDAY'), member, at('2026-03-10T10:00:00+08:00'), TZ)?.toISOString()).toBe(start('2027-03'));
    expect(nextGrantAt(pack('BIRTHDAY'), { ...member, birthMonth: null }, at('2026-02-10T10:00:00+08:00'), TZ)).toBeNull();
  });
  it('ANNIVERSARY: the month of registration, a year after it at the earliest', () => {
    expect(nextGrantAt(pack('ANNIVERSARY'), member, at('2026-07-01T10:00:00+08:00'), TZ)?.toISOString()).toBe(start('2027-06'));
    expect(nextGrantAt(pack('ANNIVERSARY'), member, at('2026-06-20T10:00:00+08:00'), TZ)?.toISOString()).toBe(start('2027-06'));
    expect(nextGrantAt(pack('ANNIVERSARY'), member, at('2027-06-20T10:00:00+08:00'), TZ)?.toISOString()).toBe(start('2028-06'));
  });
  it('none for ON_REACHING, nor for what is not granted', () => {
    expect(nextGrantAt(pack('ON_REACHING'), member, at('2026-06-20T10:00:00+08:00'), TZ)).toBeNull();
    expect(nextGrantAt({ kind: 'DISCOUNT', occasion: null } as BenefitRecord, member, at('2026-06-20T10:00:00+08:00'), TZ)).toBeNull();
  });
});
