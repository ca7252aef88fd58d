import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocateLots, refillPlan, type SpendableLot } from '../../subgraphs/wallet/payments/checkout/lot-allocation.js';

const lot = (id: number, issuerId: string, day: number, remaining: bigint): SpendableLot => ({
  id: String(id),
  issuerId,
  createdAt: new Date(Date.UTC(2026, 9, day)),
  remaining,
});

describe('spending order', () => {
  it("uses the acquirer's own lots first, oldest first, then others oldest first", () => {
    const lots = [lot(1, 'K', 1, 1000n), lot(2, 'A', 5, 300n), lot(3, 'B', 2, 500n), lot(4, 'A', 3, 200n)];
    expect(allocateLots(lots, 'A', 1200n)).toEqual([
      { lotId: '4', issuerId: 'A', amount: 200n },
      { lotId: '2', issuerId: 'A', amount: 300n },
      { lotId: '1', issuerId: 'K', amount: 700n },
    ]);
  });

  it('refunds refill the last lot used first', () => {
    const used = [
      { lotId: '4', issuerId: 'A', amount: 200n },
      { lotId: '1', issuerId: 'K', amount: 700n },
    ];
    expect(refillPlan(used, new Map(), 800n)).toEqual([
      { lotId: '1', issuerId: 'K', amount: 700n },
      { lotId: '4', issuerId: 'A', amount: 100n },
    ]);
    expect(refillPlan(used, new Map([['1', 700n]]), 150n)).toEqual([{ lotId: '4', issuerId: 'A', amount: 150n }]);
    expect(() => refillPlan(used, new Map([['1', 700n]]), 201n)).toThrow(RangeError);
  });

  const lotsArb = fc
    .array(fc.record({ issuer: fc.constantFrom('A', 'B', 'C'), day: fc.integer({ min: 1, max: 28 }), remaining: fc.bigInt({ min: 0n, max: 100_000n }) }), {
      maxLength: 12,
    })
    .map((rows) => rows.map((r, i) => lot(i + 1, r.issuer, r.day, r.remaining)));

  it('property: takes exactly the amount, never more than a lot holds, own issuer before others', () => {
    fc.assert(
      fc.property(lotsArb, fc.constantFrom('A', 'B', 'D'), fc.double({ min: 0, max: 1, noNaN: true }), (lots, acquirer, share) => {
        const total = lots.reduce((s, l) => s + l.remaining, 0n);
        const amount = BigInt(Math.floor(Number(total) * share));
        const plan = allocateLots(lots, acquirer, amount);
        expect(plan.reduce((s, p) => s + p.amount, 0n)).toBe(amount);
        for (const p of plan) {
          expect(p.amount).toBeGreaterThan(0n);
          expect(p.amount).toBeLessThanOrEqual(lots.find((l) => l.id === p.lotId)!.remaining);
        }
        const firstForeign = plan.findIndex((p) => p.issuerId !== acquirer);
        if (firstForeign >= 0) {
          expect(plan.slice(firstForeign).every((p) => p.issuerId !== acquirer)).toBe(true);
          // Foreign lots are only touched once every own lot is empty.
          const ownLeft = lots.filter((l) => l.issuerId === acquirer).reduce((s, l) => s + l.remaining, 0n);
          expect(plan.filter((p) => p.issuerId === acquirer).reduce((s, p) => s + p.amount, 0n)).toBe(ownLeft);
        }
        // Refunding everything in any split gives each lot back exactly what it lost.
        const half = amount / 2n;
        const first = refillPlan(plan, new Map(), half);
        const refilled = new Map<string, bigint>();
        for (const r of first) refilled.set(r.lotId, (refilled.get(r.lotId) ?? 0n) + r.amount);
        for (const r of refillPlan(plan, refilled, amount - half)) refilled.set(r.lotId, (refilled.get(r.lotId) ?? 0n) + r.amount);
        for (const p of plan) expect(refilled.get(p.lotId)).toBe(p.amount);
      }),
      { numRuns: 500 },
    );
  });
});
