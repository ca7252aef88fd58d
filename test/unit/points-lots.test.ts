/**
 * The points purse (wallet/points/points-lots.ts) on its own: the order of docs/programme.md "Points"
 * of lots for burns, give-backs and take-backs, and the debt a refund can
 * leave, checked by example and under random sequences of moves.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PointsPurse, burnStillOut, type PointsLot } from '../../subgraphs/wallet/programme/points/points-lots.js';

const AT = new Date('2027-06-01T00:00:00Z');
const lot = (id: string, expires: string, remaining: bigint): PointsLot => ({ id, expiresAt: new Date(expires), remaining });
const LOTS = () => [lot('26', '2027-12-31T16:00:00Z', 300n), lot('27', '2028-12-31T16:00:00Z', 500n), lot('25', '2026-12-31T16:00:00Z', 40n)];
/** What the postings leave in each lot, and the debt. */
function after(purse: PointsPurse, lots: PointsLot[]) {
  const remaining = new Map(lots.map((l) => [l.id, l.remaining]));
  let debt = 0n;
  for (const p of purse.postings) {
    if (p.pointsLotId === null) debt += p.amount;
    else remaining.set(p.pointsLotId, (remaining.get(p.pointsLotId) ?? 0n) - p.amount);
  }
  return { remaining: Object.fromEntries(remaining), debt };
}

describe('the points purse', () => {
  it('burns the soonest-expiring live lot first, never an expired one', () => {
    const purse = new PointsPurse(LOTS(), 800n, AT);
    expect(purse.spendable()).toBe(800n); // the 2025 lot has expired
    expect(purse.burn(350n)).toEqual([
      { pointsLotId: '26', amount: 300n },
      { pointsLotId: '27', amount: 50n },
    ]);
    expect(after(purse, LOTS()).remaining).toEqual({ 26: 0n, 27: 450n, 25: 40n });
  });

  it('takes back from the lot the points went into, then soonest-expiring, and owes the rest', () => {
    const purse = new PointsPurse(LOTS(), 800n, AT);
    purse.takeBack(900n, '27');
    expect(after(purse, LOTS())).toEqual({ remaining: { 26: 0n, 27: 0n, 25: 40n }, debt: 100n });
    expect(purse.spendable()).toBe(0n); // no burning while owed
  });

  it('repays a debt before crediting a lot; gives back to the lots burned, last first; expired lots expire again', () => {
    const purse = new PointsPurse(LOTS(), -100n, AT);
    purse.credit(30n, '27');
    purse.giveBack(200n, [
      { pointsLotId: '25', amount: 100n },
      { pointsLotId: '26', amount: 150n },
    ]);
    // 70 still owed after the credit: the give-back repays it, then 130 go to lot 26 (burned last); nothing reaches the expired 25.
    expect(after(purse, LOTS())).toEqual({ remaining: { 26: 430n, 27: 500n, 25: 40n }, debt: -100n });
    expect(purse.expiredAgain).toEqual([]);
    const late = new PointsPurse(LOTS(), 800n, AT);
    late.giveBack(120n, [
      { pointsLotId: '25', amount: 100n },
      { pointsLotId: '26', amount: 20n },
    ]);
    expect(late.expiredAgain).toEqual([{ pointsLotId: '25', amount: 100n }]);
    expect(after(late, LOTS()).remaining).toEqual({ 26: 320n, 27: 500n, 25: 40n });
  });

  it('what earlier refunds left of a burn: they gave back from its end', () => {
    const burned = [
      { pointsLotId: 'a', amount: 100n },
      { pointsLotId: 'b', amount: 50n },
    ];
    expect(burnStillOut(burned, 70n)).toEqual([{ pointsLotId: 'a', amount: 80n }]);
    expect(burnStillOut(burned, 0n)).toEqual(burned);
    expect(burnStillOut(burned, 150n)).toEqual([]);
  });

  it('property: balance = live and expired points less the debt, lots never negative, debt and live points never together', () => {
    const move = fc.oneof(
      fc.record({ kind: fc.constant('burn' as const), points: fc.bigInt({ min: 1n, max: 900n }) }),
      fc.record({ kind: fc.constant('credit' as const), points: fc.bigInt({ min: 1n, max: 400n }), lot: fc.constantFrom('26', '27', 'new') }),
      fc.record({ kind: fc.constant('takeBack' as const), points: fc.bigInt({ min: 1n, max: 900n }), lot: fc.constantFrom('26', '27', null) }),
    );
    fc.assert(
      fc.property(fc.array(move, { maxLength: 12 }), (moves) => {
        const lots = LOTS();
        const purse = new PointsPurse(lots, 840n, AT);
        let balance = 840n;
        for (const m of moves) {
          if (m.kind === 'burn') {
            if (m.points > purse.spendable()) continue;
            const taken = purse.burn(m.points);
            expect(taken.every((t) => t.pointsLotId !== '25')).toBe(true);
            balance -= m.points;
          } else if (m.kind === 'credit') {
            purse.credit(m.points, m.lot);
            balance += m.points;
          } else {
            purse.takeBack(m.points, m.lot);
            balance -= m.points;
          }
          const { remaining, debt } = after(purse, lots);
          const held = Object.values(remaining).reduce((s, r) => s + r, 0n);
          expect(held - debt).toBe(balance); // debt postings are debits: a positive sum is owed
          for (const r of Object.values(remaining)) expect(r >= 0n).toBe(true);
          const live = (remaining['26'] ?? 0n) + (remaining['27'] ?? 0n) + (remaining.new ?? 0n);
          expect(debt > 0n && live > 0n).toBe(false);
        }
      }),
    );
  });
});
