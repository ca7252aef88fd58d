/**
 * A run's positions as an acquirer × issuer matrix (issue 12's heat map). A month of 40,000 positions is some 200
 * merchants each way: too many rows for a person to read, and too many to send a page. The `top` acquirers and issuers
 * by amount get a row and a column each; the rest are summed into one "others" row and column, so every fen of the
 * run is in the matrix and its cells add up to the run's cross-redemptions.
 */
import { executeSql, sql } from '../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { userInputError } from '../../../lib/errors.js';
import type { Fen } from '../../../lib/money.js';

export const MAX_MATRIX_TOP = 50;

/** A null id is the others' row or column. */
export interface PositionCellRecord {
  acquirerId: string | null;
  issuerId: string | null;
  amount: Fen;
  positions: number;
}

export interface PositionMatrixRecord {
  acquirerIds: string[];
  issuerIds: string[];
  cells: PositionCellRecord[];
}

export async function positionMatrixOf(em: EntityManager, runId: string, top = 20): Promise<PositionMatrixRecord> {
  if (!Number.isInteger(top) || top < 1 || top > MAX_MATRIX_TOP) throw userInputError(`top must be 1 to ${MAX_MATRIX_TOP}`, 'top');
  const rows: { side: 'A' | 'I' | 'C'; acquirer_id: string | null; issuer_id: string | null; amount: string; positions: number }[] = await executeSql(
    em,
    sql`with pairs as (select acquirer_id, issuer_id, amount from wallet.settlement_pair where run_id = ${runId}),
     acquirers as (select acquirer_id as id, sum(amount) as amount from pairs group by 1 order by 2 desc, 1 limit ${top}),
     issuers as (select issuer_id as id, sum(amount) as amount from pairs group by 1 order by 2 desc, 1 limit ${top})
     select 'A' as side, id as acquirer_id, null::uuid as issuer_id, amount::text, 0 as positions from acquirers
     union all
     select 'I', null, id, amount::text, 0 from issuers
     union all
     select 'C', a.id, i.id, sum(p.amount)::text, count(*)::int
     from pairs p left join acquirers a on a.id = p.acquirer_id left join issuers i on i.id = p.issuer_id
     group by a.id, i.id`,
  );
  const byAmount = (side: 'A' | 'I') =>
    rows.filter((r) => r.side === side).sort((x, y) => (BigInt(y.amount) > BigInt(x.amount) ? 1 : BigInt(y.amount) < BigInt(x.amount) ? -1 : 0));
  return {
    acquirerIds: byAmount('A').map((r) => r.acquirer_id!),
    issuerIds: byAmount('I').map((r) => r.issuer_id!),
    cells: rows
      .filter((r) => r.side === 'C')
      .map((r) => ({ acquirerId: r.acquirer_id, issuerId: r.issuer_id, amount: BigInt(r.amount), positions: r.positions })),
  };
}
