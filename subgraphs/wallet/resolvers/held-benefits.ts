/**
 * The benefits a member holds now (docs/benefits.md "What people see"), for its home, a back office and a till: by the
 * member's tier and a plan valid now, read from the wallet (a cycle that ended since the nightly job is ended by the
 * next movement, not by a read).
 */
import { emptyWallet, periodOf, COALITION_TIME_ZONE } from '../ledger/index.js';
import { executeSql, sql } from '../../../lib/sql.js';
import { benefitsHeld, holdingAt, nextGrantAt, BENEFIT_KINDS, type BenefitRecord, type HeldBenefitRecord } from '../marketing/index.js';
import { tierAt } from '../programme/index.js';
import type { WalletContext } from '../context.js';

type Kind = (typeof BENEFIT_KINDS)[number];

async function holdingOf(ctx: WalletContext, memberId: string) {
  const [programme, wallet] = await Promise.all([ctx.programme(), ctx.walletByMember.load(memberId)]);
  const held = wallet ?? emptyWallet(memberId);
  const now = ctx.clock.now();
  const rank = tierAt(programme, held.tierRank).rank;
  return {
    ...holdingAt(programme, { ...held, rank }, now),
    nextTierCode: programme.tiers[rank + 1]?.code ?? null,
    monthStartsAt: periodOf(now, COALITION_TIME_ZONE).startsAt,
  };
}

/** What the member holds now of `kinds`, only what `honouredBy`'s stores honour when it is given. */
export async function heldBenefitsOf(ctx: WalletContext, memberId: string, kinds: readonly Kind[], honouredBy: string | null): Promise<HeldBenefitRecord[]> {
  const holding = await holdingOf(ctx, memberId);
  const held = await benefitsHeld(ctx.em, memberId, holding, { kinds, honouredBy, monthStartsAt: holding.monthStartsAt });
  if (!held.some((h) => h.benefit.occasion !== null)) return held;
  // Packs and gifts: when the next comes, by the member's birth month and registration.
  const rows: { birth_month: number | null; created_at: Date }[] = await executeSql(
    ctx.em,
    sql`select birth_month, created_at from wallet.wallet where member_id = ${memberId}`,
  );
  const member = { birthMonth: rows[0]?.birth_month ?? null, registeredAt: new Date(rows[0]?.created_at ?? ctx.clock.now()) };
  return held.map((h) => ({ ...h, nextGrantAt: nextGrantAt(h.benefit, member, ctx.clock.now(), COALITION_TIME_ZONE) }));
}

/** What the next tier carries that the member does not hold already (none at the top). */
export async function nextTierBenefitsOf(ctx: WalletContext, memberId: string, honouredBy: string | null): Promise<BenefitRecord[]> {
  const holding = await holdingOf(ctx, memberId);
  if (holding.nextTierCode === null) return [];
  const opts = { kinds: BENEFIT_KINDS, honouredBy, monthStartsAt: holding.monthStartsAt };
  const [now, next] = await Promise.all([
    benefitsHeld(ctx.em, memberId, holding, opts),
    benefitsHeld(ctx.em, memberId, { tierCode: holding.nextTierCode, planCode: null }, opts),
  ]);
  const heldIds = new Set(now.map((h) => h.benefit.id));
  return next.filter((h) => !heldIds.has(h.benefit.id)).map((h) => h.benefit);
}
