/**
 * Growth from top-ups (充值会员, docs/programme.md "Growth"): a top-up's principal, not its bonus, earns
 * floor(principal × growthPerYuanTopUp / 100) growth, principal in fen. It counts beside the growth of spending what
 * was bought (HQ's choice: both may be set).
 */
import type { Fen } from '../../../../lib/money.js';

export function growthOfTopUp(principal: Fen, growthPerYuanTopUp: number): bigint {
  if (principal <= 0n || growthPerYuanTopUp <= 0) return 0n;
  return (principal * BigInt(growthPerYuanTopUp)) / 100n;
}
