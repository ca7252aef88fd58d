/**
 * A points multiplier over a window (a double-points day, docs/marketing.md
 * "Targeted campaigns"): a checkout at `at` by a member the campaign reached (not held
 * out), at the owner's stores (HQ's: anywhere), earns the extra points the
 * multiplier adds on top of what the member earns anyway. Several at once:
 * the largest applies, never their product. Under a budget of points the
 * campaign's row is locked and its count raised in the checkout's
 * transaction, and the extra is cut to what the budget has left.
 */
import { executeSql, sql, type Sql } from '../../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';

export interface PointsMultiplier {
  campaignId: string;
  ownerId: string | null;
  multiplierBps: number;
  budgeted: boolean;
}

/**
 * The multiplier a checkout by the member at the acquirer's store gets at `at`, as a scalar subquery giving one JSON
 * object or null (the checkout reads it with the holder's lock: checkout.ts); multiplierOf reads its value.
 */
export function multiplierSql(memberId: string, acquirerId: string, at: Date): Sql {
  return sql`select json_build_object('campaignId', c.id, 'ownerId', c.owner_id, 'multiplierBps', c.multiplier_bps, 'budgeted', c.budget_points is not null)
          from wallet.campaign c
          where c.action_kind = 'POINTS_MULTIPLIER' and c.window_until > ${at} and c.window_from <= ${at}
            and (c.owner_id is null or c.owner_id = ${acquirerId}) and (c.budget_points is null or c.points_spent < c.budget_points)
            and exists (select 1 from wallet.campaign_member g where g.campaign_id = c.id and g.member_id = ${memberId} and not g.held_out)
          order by c.multiplier_bps desc, c.id limit 1`;
}

export function multiplierOf(value: unknown): PointsMultiplier | null {
  if (value === null || value === undefined) return null;
  const v = (typeof value === 'string' ? JSON.parse(value) : value) as PointsMultiplier;
  return { campaignId: v.campaignId, ownerId: v.ownerId, multiplierBps: Number(v.multiplierBps), budgeted: Boolean(v.budgeted) };
}

/** Takes up to `points` from the campaign's budget (one statement, under its row lock); returns what it gave. */
export async function spendMultiplierBudget(em: EntityManager, campaignId: string, points: bigint): Promise<bigint> {
  const rows: { given: string }[] = await executeSql(
    em,
    sql`with before as (select id, least(${points.toString()}::bigint, budget_points - points_spent) as given from wallet.campaign where id = ${campaignId} for update)
     update wallet.campaign c set points_spent = c.points_spent + b.given from before b where c.id = b.id returning b.given`,
  );
  return rows[0] ? BigInt(rows[0].given) : 0n;
}
