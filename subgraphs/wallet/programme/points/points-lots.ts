/**
 * Which points lots a movement takes points from and gives them to (docs/programme.md
 * "Points"), as a pure function of the member's lots and balance, so the
 * rules can be property-tested without a database:
 * - points are held in lots, one per earning year, each expiring at the end
 *   of the year after (points-expiry.ts);
 * - a burn takes the soonest-expiring lot first, and only while the balance
 *   is not negative;
 * - any credit (earnings, gifts, sign-in, points given back) repays a
 *   negative balance (a debt) first;
 * - a refund gives burned points back to the lots they came from, last
 *   burned first; points given back to a lot already expired expire again
 *   at once;
 * - a refund takes earned points back from the lot they went into, then
 *   soonest-expiring first; what is missing becomes a debt.
 *
 * The purse answers in postings on the member's points: debits (points
 * leaving the member) positive, credits negative; `pointsLotId` null is the
 * debt; EARNING_YEAR_LOT (ledger/journal/movement.ts) the lot of the present earning
 * year, which the ledger opens if the member has none yet.
 */

export interface PointsLot {
  id: string;
  expiresAt: Date;
  remaining: bigint;
}

export interface MemberPointsPosting {
  pointsLotId: string | null;
  amount: bigint;
}

export interface PointsTaken {
  pointsLotId: string;
  amount: bigint;
}

export class PointsPurse {
  private readonly lots: PointsLot[];
  private debt: bigint;
  readonly postings: MemberPointsPosting[] = [];
  /** Points given back to expired lots in this movement: they expire again at once. */
  readonly expiredAgain: PointsTaken[] = [];

  /** `lots`: those the movement may touch (locked); `balance`: the member's points balance, negative while a debt is owed. */
  constructor(
    lots: readonly PointsLot[],
    balance: bigint,
    private readonly at: Date,
  ) {
    // Ids are bigserial numbers as text: shorter is smaller.
    this.lots = lots
      .map((l) => ({ ...l }))
      .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || a.id.length - b.id.length || (a.id < b.id ? -1 : 1));
    this.debt = balance < 0n ? -balance : 0n;
  }

  /** Points a burn may use now: none while a debt is owed, else the unexpired lots' points. */
  spendable(): bigint {
    if (this.debt > 0n) return 0n;
    return this.lots.filter((l) => this.live(l)).reduce((sum, l) => sum + l.remaining, 0n);
  }

  /** Takes points soonest-expiring first; returns the lots used, in the order used. */
  burn(points: bigint): PointsTaken[] {
    if (points > this.spendable()) throw new RangeError('the lots do not cover the burn');
    const taken: PointsTaken[] = [];
    let left = points;
    for (const lot of this.lots) {
      if (left === 0n) break;
      if (!this.live(lot) || lot.remaining === 0n) continue;
      const used = lot.remaining < left ? lot.remaining : left;
      this.move(lot, used);
      taken.push({ pointsLotId: lot.id, amount: used });
      left -= used;
    }
    return taken;
  }

  /**
   * Credits points to a lot (an id, or EARNING_YEAR_LOT), repaying a debt
   * first. A lot the purse was not given (the earning year's, not read) is
   * held from then on like the others, expiring last.
   */
  credit(points: bigint, pointsLotId: string): void {
    const rest = this.repay(points);
    if (rest === 0n) return;
    let lot = this.lots.find((l) => l.id === pointsLotId);
    if (!lot) {
      lot = { id: pointsLotId, expiresAt: new Date(8.64e15), remaining: 0n };
      this.lots.push(lot);
    }
    this.move(lot, -rest);
  }

  /** Gives burned points back to the lots they came from (`burned` in the order burned), last burned first. */
  giveBack(points: bigint, burned: readonly PointsTaken[]): void {
    let left = this.repay(points);
    for (const source of [...burned].reverse()) {
      if (left === 0n) break;
      const back = source.amount < left ? source.amount : left;
      const lot = this.lots.find((l) => l.id === source.pointsLotId);
      if (!lot) throw new RangeError(`points lot ${source.pointsLotId} was not read`);
      this.move(lot, -back);
      if (!this.live(lot)) {
        this.move(lot, back);
        this.expiredAgain.push({ pointsLotId: lot.id, amount: back });
      }
      left -= back;
    }
    if (left > 0n) throw new RangeError('more points given back than were burned');
  }

  /** Takes points back: from `preferredLotId` first, then soonest-expiring; what is missing becomes a debt. */
  takeBack(points: bigint, preferredLotId: string | null): void {
    let left = points;
    const preferred = this.lots.filter((l) => l.id === preferredLotId && this.live(l));
    for (const lot of [...preferred, ...this.lots.filter((l) => l.id !== preferredLotId && this.live(l))]) {
      if (left === 0n) break;
      const used = lot.remaining < left ? lot.remaining : left;
      if (used === 0n) continue;
      this.move(lot, used);
      left -= used;
    }
    if (left > 0n) {
      this.debt += left;
      this.post(null, left);
    }
  }

  private live(lot: PointsLot): boolean {
    return lot.expiresAt.getTime() > this.at.getTime();
  }

  private repay(points: bigint): bigint {
    const repaid = this.debt < points ? this.debt : points;
    if (repaid > 0n) {
      this.debt -= repaid;
      this.post(null, -repaid);
    }
    return points - repaid;
  }

  private move(lot: PointsLot, amount: bigint): void {
    lot.remaining -= amount;
    this.post(lot.id, amount);
  }

  /** Postings on the same lot are merged: one statement changes a lot once. */
  private post(pointsLotId: string | null, amount: bigint): void {
    const same = this.postings.find((p) => p.pointsLotId === pointsLotId && Math.sign(Number(p.amount)) === Math.sign(Number(amount)));
    if (same) same.amount += amount;
    else this.postings.push({ pointsLotId, amount });
  }
}

/**
 * What earlier refunds gave back of a checkout's burn, per lot, from their
 * total: they gave back last burned first, so the total covers the burn from
 * its end.
 */
export function burnStillOut(burned: readonly PointsTaken[], givenBack: bigint): PointsTaken[] {
  let left = givenBack;
  const out: PointsTaken[] = [];
  for (const source of [...burned].reverse()) {
    const back = source.amount < left ? source.amount : left;
    left -= back;
    if (source.amount - back > 0n) out.unshift({ pointsLotId: source.pointsLotId, amount: source.amount - back });
  }
  return out;
}
