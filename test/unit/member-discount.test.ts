import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { discountOf, memberDiscountOf, type DiscountTerms } from '../../subgraphs/wallet/marketing/benefits/member-discount.js';

const terms = (id: string, ownerId: string | null, percentOff: number, extra: Partial<DiscountTerms> = {}): DiscountTerms => ({
  id,
  ownerId,
  percentOff,
  maxDiscount: null,
  minOrder: 0n,
  createdAt: new Date(Date.UTC(2026, 10, 1)),
  ...extra,
});

describe('the member discount (docs/benefits.md)', () => {
  it('is round_half_away(order × percent / 100), capped, and nothing under the minimum order', () => {
    expect(discountOf(terms('a', null, 10), 12345n)).toBe(1235n); // 1234.5 rounds away from zero
    expect(discountOf(terms('a', null, 5), 12345n)).toBe(617n); // 617.25
    expect(discountOf(terms('a', null, 10, { maxDiscount: 800n }), 12345n)).toBe(800n);
    expect(discountOf(terms('a', null, 10, { minOrder: 2000n }), 1999n)).toBe(0n);
    expect(discountOf(terms('a', null, 10, { minOrder: 2000n }), 2000n)).toBe(200n);
    expect(discountOf(terms('a', null, 1), 4n)).toBe(0n); // 0.04 fen
  });

  it('applies the largest; a tie goes to the store’s own merchant, then to the one created first', () => {
    const hq = terms('hq', null, 10, { maxDiscount: 800n });
    const own = terms('own', 'A', 10, { maxDiscount: 800n, createdAt: new Date(Date.UTC(2026, 10, 2)) });
    const small = terms('small', 'A', 5);
    expect(memberDiscountOf([hq, small], 12345n, 'B')).toEqual({ benefit: hq, discount: 800n });
    expect(memberDiscountOf([hq, own, small], 10000n, 'A')).toEqual({ benefit: own, discount: 800n });
    expect(memberDiscountOf([own, hq], 10000n, 'B')).toEqual({ benefit: hq, discount: 800n }); // neither is B's: the older
    expect(memberDiscountOf([terms('min', null, 10, { minOrder: 2000n }), small], 1500n, 'A')).toEqual({ benefit: small, discount: 75n });
    expect(memberDiscountOf([], 10000n, 'A')).toBeNull();
  });

  it('never takes more than the order, never a negative amount, and is the most any one benefit gives, whatever the order of the list', () => {
    const termsArb = fc.record({
      ownerId: fc.constantFrom(null, 'A', 'B'),
      percentOff: fc.integer({ min: 1, max: 50 }),
      maxDiscount: fc.option(fc.bigInt({ min: 1n, max: 100_000n }), { nil: null }),
      minOrder: fc.bigInt({ min: 0n, max: 100_000n }),
      day: fc.integer({ min: 1, max: 28 }),
    });
    fc.assert(
      fc.property(fc.array(termsArb, { maxLength: 6 }), fc.bigInt({ min: 0n, max: 10_000_000n }), fc.constantFrom('A', 'B', 'C'), (rows, order, store) => {
        const held = rows.map((r, i) =>
          terms(`b${i}`, r.ownerId, r.percentOff, { maxDiscount: r.maxDiscount, minOrder: r.minOrder, createdAt: new Date(Date.UTC(2026, 10, r.day)) }),
        );
        const chosen = memberDiscountOf(held, order, store);
        const best = held.reduce((max, b) => (discountOf(b, order) > max ? discountOf(b, order) : max), 0n);
        expect(chosen?.discount ?? 0n).toBe(best);
        if (chosen) {
          expect(chosen.discount).toBeGreaterThan(0n);
          expect(chosen.discount).toBeLessThanOrEqual(order);
          expect(memberDiscountOf([...held].reverse(), order, store)?.benefit.id).toBe(chosen.benefit.id);
        }
      }),
    );
  });
});
