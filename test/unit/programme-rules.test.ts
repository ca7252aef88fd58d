/** The programme's pure rules (issue 10), exhaustively by property where a rule has one. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { refundShare } from '../../subgraphs/wallet/payments/refund/refund-proportion.js';
import { tierCycleOf } from '../../subgraphs/wallet/programme/tier-cycle.js';
import { rankAfterCycleEnd, rankReached, tierProgress, upgradeFor } from '../../subgraphs/wallet/programme/tier-evaluation.js';
import { growthEarned, multiplierBps, pointsEarned, pointsValue } from '../../subgraphs/wallet/programme/earning.js';
import type { TierRecord } from '../../subgraphs/wallet/programme/programme.js';

const tier = (rank: number, threshold: number, bps: number, gift: number): TierRecord => ({
  rank,
  code: `T${rank}`,
  name: `t${rank}`,
  threshold: BigInt(threshold),
  pointsMultiplierBps: bps,
  upgradeGiftPoints: BigInt(gift),
  upgradeGiftCouponTemplateId: null,
  description: '',
  badgeCode: null,
});
/** The default ladder (docs/programme.md). */
const LADDER = [tier(0, 0, 10000, 0), tier(1, 1000, 12000, 500), tier(2, 5000, 15000, 2000), tier(3, 20000, 20000, 5000)];

describe("a cycle's end", () => {
  it('keeps the tier on its threshold or a valid plan, else drops exactly one, never below the first; tierProgress agrees', () => {
    const thresholds = LADDER.map((t) => t.threshold);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.bigInt({ min: 0n, max: 30_000n }), fc.boolean(), (rank, growth, planValid) => {
        const after = rankAfterCycleEnd(thresholds, rank, growth, planValid);
        const keeps = tierProgress(LADDER, rank, growth, 0n, planValid).keepsTier;
        expect(after).toBe(rank === 0 || keeps ? rank : rank - 1);
        expect(keeps).toBe(planValid || growth >= thresholds[rank]!);
      }),
    );
    expect(rankAfterCycleEnd(thresholds, 2, 4_999n, false)).toBe(1); // 金卡 short of 5,000: 银卡, not lower
    expect(rankAfterCycleEnd(thresholds, 2, 0n, true)).toBe(2); // a valid plan keeps it
    expect(rankAfterCycleEnd(thresholds, 0, 0n, false)).toBe(0);
  });
});

describe('refund proportion', () => {
  it('gives back the cumulative shares of docs/ledger.md: money rounds half away, points floor', () => {
    // Order 100.00, stored value 33.33 of it; refunds of 50.00 then the other 50.00.
    expect(refundShare(3333n, 10000n, 0n, 5000n, 'HALF_AWAY')).toBe(1667n); // round(1666.5)
    expect(refundShare(3333n, 10000n, 5000n, 10000n, 'HALF_AWAY')).toBe(1666n);
    expect(refundShare(33n, 10000n, 0n, 5000n, 'FLOOR')).toBe(16n);
    expect(refundShare(33n, 10000n, 5000n, 10000n, 'FLOOR')).toBe(17n);
    expect(() => refundShare(100n, 1000n, 500n, 1001n, 'FLOOR')).toThrow(RangeError);
  });

  it('property: the refunds of a checkout add up to exactly the part, each between 0 and the part', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10_000_000n }),
        fc.bigInt({ min: 0n, max: 10_000_000n }),
        fc.array(fc.bigInt({ min: 1n, max: 1000n }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom('HALF_AWAY' as const, 'FLOOR' as const),
        (orderAmount, partRaw, weights, rounding) => {
          const part = partRaw % (orderAmount + 1n);
          // Cumulative returns rising to the whole order.
          const total = weights.reduce((a, b) => a + b, 0n);
          let before = 0n;
          let given = 0n;
          let weightSoFar = 0n;
          for (const w of weights) {
            weightSoFar += w;
            const after = weightSoFar === total ? orderAmount : (orderAmount * weightSoFar) / total;
            const s = refundShare(part, orderAmount, before, after, rounding);
            expect(s >= 0n && s <= part).toBe(true);
            given += s;
            before = after;
          }
          expect(given).toBe(part);
        },
      ),
    );
  });
});

describe('tier cycles', () => {
  it('are calendar years, quarters or months in the coalition time zone', () => {
    const at = new Date('2026-05-10T02:00:00Z');
    expect(tierCycleOf(at, 'YEAR', 'Asia/Shanghai')).toEqual({ startsAt: new Date('2025-12-31T16:00:00Z'), endsAt: new Date('2026-12-31T16:00:00Z') });
    expect(tierCycleOf(at, 'QUARTER', 'Asia/Shanghai')).toEqual({ startsAt: new Date('2026-03-31T16:00:00Z'), endsAt: new Date('2026-06-30T16:00:00Z') });
    expect(tierCycleOf(new Date('2026-12-31T16:30:00Z'), 'MONTH', 'Asia/Shanghai')).toEqual({
      startsAt: new Date('2026-12-31T16:00:00Z'),
      endsAt: new Date('2027-01-31T16:00:00Z'),
    });
  });

  it('property: an instant lies in its cycle, and each cycle starts where the one before ends', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }),
        fc.constantFrom('YEAR' as const, 'QUARTER' as const, 'MONTH' as const),
        fc.constantFrom('Asia/Shanghai', 'Europe/Berlin', 'UTC'),
        (at, cycle, zone) => {
          const c = tierCycleOf(at, cycle, zone);
          expect(c.startsAt.getTime() <= at.getTime() && at.getTime() < c.endsAt.getTime()).toBe(true);
          expect(tierCycleOf(c.endsAt, cycle, zone).startsAt).toEqual(c.endsAt);
        },
      ),
    );
  });
});

describe('tier evaluation', () => {
  it('upgrades at once to the highest tier reached, skipping tiers, with the gift of each tier reached once per cycle', () => {
    expect(rankReached(LADDER, 4999n)).toBe(1);
    expect(upgradeFor(LADDER, 0, 6000n, new Set())).toEqual({
      rank: 2,
      gifts: [
        { rank: 1, points: 500n },
        { rank: 2, points: 2000n },
      ],
    });
    expect(upgradeFor(LADDER, 0, 6000n, new Set([1]))).toEqual({ rank: 2, gifts: [{ rank: 2, points: 2000n }] });
    expect(upgradeFor(LADDER, 2, 1200n, new Set())).toEqual({ rank: 2, gifts: [] }); // never down, no gift below
  });

  it('property: growth never lowers a rank, and gifts only tiers above it not gifted this cycle', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.bigInt({ min: 0n, max: 50_000n }), fc.subarray([1, 2, 3]), (rank, growth, gifted) => {
        const up = upgradeFor(LADDER, rank, growth, new Set(gifted));
        expect(up.rank).toBe(Math.max(rank, rankReached(LADDER, growth)));
        for (const gift of up.gifts) expect(gift.rank > rank && gift.rank <= up.rank && !gifted.includes(gift.rank)).toBe(true);
      }),
    );
  });

  it("shows progress: this cycle's growth, the next tier, what it needs and the weeks at the last 84 days' pace", () => {
    expect(tierProgress(LADDER, 1, 600n, 300n, false)).toEqual({
      growth: 600n,
      keepsTier: false,
      nextTier: LADDER[2],
      growthToNextTier: 4400n,
      weeksToNextTier: 176,
    });
    expect(tierProgress(LADDER, 1, 4900n, 300n, false)).toMatchObject({ keepsTier: true, growthToNextTier: 100n, weeksToNextTier: 4 }); // ceil(100 × 12 / 300)
    expect(tierProgress(LADDER, 1, 0n, 0n, true)).toMatchObject({ keepsTier: true, weeksToNextTier: null });
    expect(tierProgress(LADDER, 3, 0n, 500n, false)).toMatchObject({ nextTier: null, growthToNextTier: null, weeksToNextTier: null });
  });
});

describe('earning', () => {
  it('growth and points round down; the larger multiplier applies; burned points must be whole fen', () => {
    expect(growthEarned(12_345n, 1)).toBe(123n);
    expect(pointsEarned(12_345n, 1, 12000)).toBe(148n); // floor(148.14)
    expect(pointsEarned(99n, 1, 10000)).toBe(0n);
    expect(multiplierBps(12000, 15000)).toBe(15000);
    expect(multiplierBps(20000, 15000)).toBe(20000);
    expect(multiplierBps(12000, null)).toBe(12000);
    expect(pointsValue(150n, 100)).toBe(150n);
    expect(pointsValue(4n, 200)).toBe(2n);
    expect(pointsValue(3n, 200)).toBeNull();
  });
});
