/**
 * Which lots a checkout spends and which a refund refills: pure functions,
 * so the rules can be tested exhaustively without a database.
 */
import type { Fen } from '../../../../lib/money.js';

export interface SpendableLot {
  id: string;
  issuerId: string;
  createdAt: Date;
  remaining: Fen;
}

export interface LotMovement {
  lotId: string;
  issuerId: string;
  amount: Fen;
}

/**
 * Spending order (docs/ledger.md): the acquirer's own lots first, oldest first, then
 * other issuers' lots oldest first. Keeps as much as possible out of settlement.
 */
export function allocateLots(lots: SpendableLot[], acquirerId: string, amount: Fen): LotMovement[] {
  const ordered = [...lots]
    .filter((lot) => lot.remaining > 0n)
    .sort(
      (a, b) =>
        Number(b.issuerId === acquirerId) - Number(a.issuerId === acquirerId) ||
        a.createdAt.getTime() - b.createdAt.getTime() ||
        (BigInt(a.id) < BigInt(b.id) ? -1 : 1),
    );
  const plan: LotMovement[] = [];
  let left = amount;
  for (const lot of ordered) {
    if (left === 0n) break;
    const used = lot.remaining < left ? lot.remaining : left;
    plan.push({ lotId: lot.id, issuerId: lot.issuerId, amount: used });
    left -= used;
  }
  if (left > 0n) throw new RangeError('lots do not cover the amount');
  return plan;
}

/**
 * A refund refills the lots the checkout used in reverse order of their
 * consumption (the last lot used is refilled first), never beyond what the
 * checkout took from each lot net of earlier refunds.
 */
export function refillPlan(consumed: LotMovement[], alreadyRefilled: Map<string, Fen>, amount: Fen): LotMovement[] {
  const plan: LotMovement[] = [];
  let left = amount;
  for (const movement of [...consumed].reverse()) {
    if (left === 0n) break;
    const open = movement.amount - (alreadyRefilled.get(movement.lotId) ?? 0n);
    if (open <= 0n) continue;
    const refill = open < left ? open : left;
    plan.push({ lotId: movement.lotId, issuerId: movement.issuerId, amount: refill });
    left -= refill;
  }
  if (left > 0n) throw new RangeError('refund exceeds what the checkout took');
  return plan;
}
