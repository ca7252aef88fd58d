/**
 * Paid membership plans (付费会员), defined by HQ: a price paid outside the
 * hub, a period of a month, a quarter or a year, and a points multiplier.
 * A plan's price and terms apply to purchases from the moment they change;
 * a purchase keeps what it paid. An inactive plan can no longer be bought.
 */
import { executeSql, sql } from '../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../../lib/clock.js';
import { userInputError } from '../../../lib/errors.js';
import { parseAmount, type Fen, type MoneyInput } from '../../../lib/money.js';
import { checkCode, checkText, wholeNumber } from '../../../lib/input-checks.js';

export type PlanPeriod = 'MONTH' | 'QUARTER' | 'YEAR';

export interface MembershipPlanRecord {
  code: string;
  name: string;
  price: Fen;
  period: PlanPeriod;
  pointsMultiplierBps: number;
  active: boolean;
}

export interface MembershipPlanInput {
  code: string;
  name: string;
  price: MoneyInput;
  period: PlanPeriod;
  pointsMultiplierBps: number;
  active?: boolean | null;
}

interface PlanRow {
  code: string;
  name: string;
  price: string;
  period: PlanPeriod;
  points_multiplier_bps: number;
  active: boolean;
}

const toPlan = (row: PlanRow): MembershipPlanRecord => ({
  code: row.code,
  name: row.name,
  price: BigInt(row.price),
  period: row.period,
  pointsMultiplierBps: row.points_multiplier_bps,
  active: row.active,
});

/** Creates or changes the plan with this code. */
export async function setMembershipPlan(em: EntityManager, clock: Clock, input: MembershipPlanInput): Promise<MembershipPlanRecord> {
  const code = checkCode(input.code, 'code', 'PLUS_YEAR');
  const name = checkText(input.name, 'name', 1, 40);
  const price = parseAmount(input.price, 'price');
  if (!['MONTH', 'QUARTER', 'YEAR'].includes(input.period)) throw userInputError('period must be MONTH, QUARTER or YEAR', 'period');
  const pointsMultiplierBps = wholeNumber(input.pointsMultiplierBps, 'pointsMultiplierBps', 10000, 100000);
  const rows: PlanRow[] = await executeSql(
    em,
    sql`insert into wallet.membership_plan (code, name, price, period, points_multiplier_bps, active, updated_at) values (${code}, ${name}, ${price.toString()}, ${input.period}, ${pointsMultiplierBps}, ${input.active ?? true}, ${clock.now()})
     on conflict (code) do update set name = excluded.name, price = excluded.price, period = excluded.period,
       points_multiplier_bps = excluded.points_multiplier_bps, active = excluded.active, updated_at = excluded.updated_at
     returning code, name, price, period, points_multiplier_bps, active`,
  );
  return toPlan(rows[0]!);
}

/** Every plan (HQ), or the ones on sale (anyone else). */
export async function listMembershipPlans(em: EntityManager, opts: { includeInactive: boolean }): Promise<MembershipPlanRecord[]> {
  const rows: PlanRow[] = await em.execute(
    `select code, name, price, period, points_multiplier_bps, active from wallet.membership_plan ${opts.includeInactive ? '' : 'where active'} order by price, code`,
  );
  return rows.map(toPlan);
}
