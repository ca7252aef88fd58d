import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLuhnValid, luhnCheckDigit, newCardNumber } from '../../subgraphs/member/membership/card.js';
import { checkBirthday, maskName, normalisePhone } from '../../subgraphs/member/membership/member.js';
import { intlZonedParts, parsePeriod, periodKey, periodOf, zonedParts } from '../../subgraphs/wallet/ledger/journal/accounting-period.js';
import { clockStartingAt } from '../../lib/clock.js';

describe('cards', () => {
  it('computes Luhn check digits', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3); // the textbook example 79927398713
    expect(isLuhnValid('79927398713')).toBe(true);
    expect(isLuhnValid('79927398710')).toBe(false);
    expect(isLuhnValid('4111111111111111')).toBe(true);
  });

  it('issues 16-digit Luhn-valid numbers that catch any single-digit typo', () => {
    for (let i = 0; i < 200; i++) {
      const number = newCardNumber();
      expect(number).toMatch(/^8860\d{12}$/);
      expect(isLuhnValid(number)).toBe(true);
      const pos = i % 16;
      const typo = number.slice(0, pos) + String((Number(number[pos]) + 1 + (i % 9)) % 10) + number.slice(pos + 1);
      expect(isLuhnValid(typo)).toBe(false);
    }
  });
});

describe('member identity', () => {
  it('normalises mainland mobile numbers', () => {
    expect(normalisePhone('138 0013 8000')).toBe('+8613800138000');
    expect(normalisePhone('+86-138-0013-8000')).toBe('+8613800138000');
    expect(normalisePhone('008613800138000')).toBe('+8613800138000');
    expect(normalisePhone('8613800138000')).toBe('+8613800138000');
    for (const bad of ['12345', '23800138000', '1380013800', '+1 415 555 0100', 'phone']) expect(() => normalisePhone(bad)).toThrow(/mobile/);
  });

  it('masks names after the first character', () => {
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('李华')).toBe('李*');
    expect(maskName('Alice')).toBe('A****');
    expect(maskName('张')).toBe('张*');
  });

  it('accepts only real past birthdays', () => {
    const today = new Date('2026-11-22T00:00:00Z');
    expect(checkBirthday('1990-05-17', today)).toBe('1990-05-17');
    expect(checkBirthday(null, today)).toBeNull();
    for (const bad of ['1990-02-30', '2027-01-01', '17/05/1990', '1800-01-01']) expect(() => checkBirthday(bad, today)).toThrow(/birthday/);
  });
});

describe('settlement periods', () => {
  it('are calendar months in Asia/Shanghai, half-open', () => {
    const october = parsePeriod('2026-10');
    expect(october.startsAt.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(october.endsAt.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(periodOf(new Date('2026-10-31T15:59:59.999Z')).label).toBe('2026-10');
    expect(periodOf(new Date('2026-10-31T16:00:00.000Z')).label).toBe('2026-11');
    expect(parsePeriod('2026-12').endsAt.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(periodKey(new Date('2026-12-31T16:00:00.000Z'))).toBe(202701);
  });

  it('follow daylight saving where the zone has it', () => {
    const march = parsePeriod('2026-03', 'Europe/Berlin');
    expect(march.startsAt.toISOString()).toBe('2026-02-28T23:00:00.000Z');
    expect(march.endsAt.toISOString()).toBe('2026-03-31T22:00:00.000Z');
  });

  it.each(['2026-13', '2026-00', '26-10', '2026-1', 'October', '2026-10-01'])('rejects %j', (label) => {
    expect(() => parsePeriod(label)).toThrow(/period must be a month/);
  });
});

describe('clock', () => {
  it('starts at UNICARD_NOW and advances in real time', () => {
    let real = 1_000_000;
    const clock = clockStartingAt(new Date('2026-10-15T02:00:00Z'), () => real);
    expect(clock.now().toISOString()).toBe('2026-10-15T02:00:00.000Z');
    real += 1500;
    expect(clock.now().toISOString()).toBe('2026-10-15T02:00:01.500Z');
  });
});

describe('property: period bounds contain exactly their instants', () => {
  it('holds for any instant', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2001-01-01'), max: new Date('2199-01-01'), noInvalidDate: true }), (at) => {
        const p = periodOf(at);
        return p.startsAt <= at && at < p.endsAt;
      }),
    );
  });
});

describe('property: what a zone shows at an instant', () => {
  // Zones with daylight saving (New York, Berlin), a half-hour change (Lord Howe), quarter-hour offsets (Kathmandu,
  // Chatham, with its summer time) and the coalition's own; instants near a change are drawn as often as any others.
  const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham'];
  const CHANGES = ['2026-03-08T07:00:00Z', '2026-03-29T01:00:00Z', '2026-04-04T15:00:00Z', '2026-10-03T15:30:00Z', '2026-09-26T14:00:00Z'].map(Date.parse);
  const instant = fc.oneof(
    fc.date({ min: new Date('2000-01-01'), max: new Date('2199-01-01'), noInvalidDate: true }),
    fc.tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -3_600_000, max: 3_600_000 })).map(([change, ms]) => new Date(change + ms)),
  );

  it('is what Intl says, to the second, remembered per quarter hour or not', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONES), (at, zone) => {
        expect(zonedParts(at, zone)).toEqual(intlZonedParts(at, zone));
      }),
      { numRuns: 2000 },
    );
  });
});
