/**
 * RFM (docs/marketing.md "RFM"): for
 * a scope (the coalition, or one merchant's own purchases) and the 365 days
 * up to an instant, per member with at least one purchase in the window:
 *   R = days since the last purchase (calendar days in the coalition time zone),
 *   F = purchases, M = amount paid (stored value and what was paid outside,
 *       not points), net of what refunds paid back.
 * Each is high or low against the scope's average over those members: R is
 * high when the days are fewer than average, F and M when above it. The
 * comparisons are exact (x × n against the sum), never through a rounded
 * average. A checkout refunded in whole is no purchase.
 *
 * The rule is this file's SQL; SEGMENTS names the eight combinations.
 */
import { ANALYTICAL_TIMEOUT, HASH_WORK_MEM, executeSql, sql, trustedSql, type Sql } from '../../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Fen } from '../../../../lib/money.js';
import { divideRoundHalfAwayFromZero } from '../../../../lib/money.js';
import { paidIn } from '../../ledger/index.js';

export const RFM_WINDOW_DAYS = 365;

export type RfmSegmentCode =
  'IMPORTANT_VALUE' | 'IMPORTANT_WINBACK' | 'IMPORTANT_DEVELOP' | 'IMPORTANT_RETAIN' | 'POTENTIAL' | 'NEW' | 'GENERAL_MAINTAIN' | 'LOST';

/** The seeds' eight segments, by which of R, F and M are high, in the pyramid's order. */
export const SEGMENTS: readonly { segment: RfmSegmentCode; name: string; r: boolean; f: boolean; m: boolean }[] = [
  { segment: 'IMPORTANT_VALUE', name: '重要价值客户', r: true, f: true, m: true },
  { segment: 'IMPORTANT_WINBACK', name: '重要唤回客户', r: false, f: true, m: true },
  { segment: 'IMPORTANT_DEVELOP', name: '重要深耕客户', r: true, f: false, m: true },
  { segment: 'IMPORTANT_RETAIN', name: '重要挽留客户', r: false, f: false, m: true },
  { segment: 'POTENTIAL', name: '潜力客户', r: true, f: true, m: false },
  { segment: 'NEW', name: '新客户', r: true, f: false, m: false },
  { segment: 'GENERAL_MAINTAIN', name: '一般维持客户', r: false, f: true, m: false },
  { segment: 'LOST', name: '流失客户', r: false, f: false, m: false },
];

export interface RfmAveragesRecord {
  recencyDays: number;
  frequency: number;
  monetary: Fen;
}

export interface RfmRecord {
  asOf: Date;
  windowDays: number;
  /** Members with a purchase in the window. */
  members: number;
  averages: RfmAveragesRecord;
  segments: { segment: RfmSegmentCode; name: string; members: number; share: number }[];
}

/**
 * The RFM pyramid of a scope as of `asOf`: the coalition (merchantId null) or
 * the purchases at one merchant's stores. Set-based: one statement.
 */
/**
 * The scope's members with a purchase in the window (per_member: recency,
 * frequency, monetary) and their totals (one row: n and the sums), as
 * common table expressions, with their parameters.
 */
function rfmScope(asOf: Date, timeZone: string, merchantId: string | null): Sql {
  const windowStart = new Date(asOf.getTime() - RFM_WINDOW_DAYS * 86_400_000);
  // The checkouts are read once, joined to their refunds' sums (refunds are few): not materialised twice. A refund is
  // after its checkout, so one in the window refunds a checkout from the window or just before it, which the join drops.
  return sql`returned as (
       select r.refund_of as id, sum(r.order_amount) as order_returned, sum(${trustedSql(paidIn('r'))}) as paid_back
       from wallet.journal_transaction r
       where r.kind = 'REFUND' and r.occurred_at > ${windowStart}::timestamptz and r.occurred_at <= ${asOf}::timestamptz
         and (${merchantId}::uuid is null or r.acquirer_id = ${merchantId}::uuid)
       group by r.refund_of),
     purchases as (
       select c.member_id, c.occurred_at, ${trustedSql(paidIn('c'))} - coalesce(x.paid_back, 0) as paid
       from wallet.journal_transaction c left join returned x on x.id = c.id
       where c.kind = 'CHECKOUT' and c.occurred_at > ${windowStart}::timestamptz and c.occurred_at <= ${asOf}::timestamptz
         and (${merchantId}::uuid is null or c.acquirer_id = ${merchantId}::uuid) and coalesce(x.order_returned, 0) < c.order_amount),
     per_member as (
       select member_id,
         ((${asOf}::timestamptz at time zone ${timeZone})::date - (max(occurred_at) at time zone ${timeZone})::date)::bigint as recency,
         count(*)::bigint as frequency, sum(paid)::bigint as monetary
       from purchases group by member_id),
     totals as (
       select count(*)::bigint as n, coalesce(sum(recency), 0)::bigint as sum_r, coalesce(sum(frequency), 0)::bigint as sum_f,
         coalesce(sum(monetary), 0)::bigint as sum_m
       from per_member)`;
}

/** High or low, per member of per_member `p` against totals `t`: exact, never through a rounded average. */
const RFM_FLAGS = 'p.recency * t.n < t.sum_r as r, p.frequency * t.n > t.sum_f as f, p.monetary * t.n > t.sum_m as m';

/** Each member of the scope with a purchase in the window, and whether its R, F and M are high (the audience of a segment). */
export function rfmMembersSql(asOf: Date, timeZone: string, merchantId: string | null): Sql {
  return sql`with ${rfmScope(asOf, timeZone, merchantId)} select p.member_id, ${trustedSql(RFM_FLAGS)} from per_member p, totals t`;
}

/** The segments' codes that have R, F and M as given. */
export const segmentFlags = (codes: readonly RfmSegmentCode[]) => SEGMENTS.filter((s) => codes.includes(s.segment));

export async function rfmOf(em: EntityManager, asOf: Date, timeZone: string, merchantId: string | null): Promise<RfmRecord> {
  const scope = rfmScope(asOf, timeZone, merchantId);
  type Row = { r: boolean | null; f: boolean | null; m: boolean | null; members: string; n: string; sum_r: string; sum_f: string; sum_m: string };
  // Enough memory to hash a million members rather than sort them on disk (bench/README.md), for this statement only.
  const rows: Row[] = await em.transactional(async (tx) => {
    await tx.execute(HASH_WORK_MEM);
    await tx.execute(ANALYTICAL_TIMEOUT);
    return executeSql<Row>(
      tx,
      sql`with ${scope}
     select p.r, p.f, p.m, count(p.*) as members, t.n, t.sum_r, t.sum_f, t.sum_m
     from totals t left join lateral (select ${trustedSql(RFM_FLAGS)} from per_member p) p on true
     group by p.r, p.f, p.m, t.n, t.sum_r, t.sum_f, t.sum_m`,
    );
  });
  // `totals` is always one row, so the answer has at least one (with null flags and no members when nobody bought).
  const totals = rows[0]!;
  const n = Number(totals.n);
  const count = (r: boolean, f: boolean, m: boolean) => Number(rows.find((row) => row.r === r && row.f === f && row.m === m)?.members ?? 0);
  return {
    asOf,
    windowDays: RFM_WINDOW_DAYS,
    members: n,
    averages: {
      recencyDays: n === 0 ? 0 : Number(totals.sum_r) / n,
      frequency: n === 0 ? 0 : Number(totals.sum_f) / n,
      monetary: n === 0 ? 0n : divideRoundHalfAwayFromZero(BigInt(totals.sum_m), BigInt(n)),
    },
    segments: SEGMENTS.map(({ segment, name, r, f, m }) => {
      const members = count(r, f, m);
      return { segment, name, members, share: n === 0 ? 0 : members / n };
    }),
  };
}
