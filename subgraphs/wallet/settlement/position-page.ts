/**
 * A settlement run's positions a page at a time (issue 12: a month has some
 * 40,000 of them, too many for one answer to a page or a table), largest
 * amount first, then by acquirer and issuer, optionally those of one
 * merchant (as acquirer or issuer). Keyset pagination: the cursor is the
 * last position's (amount, acquirer, issuer), so a page costs the same
 * however deep it is.
 */
import { executeSql, sql } from '../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { userInputError } from '../../../lib/errors.js';
import { requireUuid } from '../../../lib/ids.js';
import type { PositionRecord } from './settlement.js';

export interface PositionPage {
  edges: { cursor: string; node: PositionRecord }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export const MAX_POSITIONS_PAGE = 500;

const encode = (p: PositionRecord) => Buffer.from(`${p.amount}|${p.acquirerId}|${p.issuerId}`).toString('base64url');

function decode(cursor: string): [string, string, string] {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (parts.length !== 3 || !/^-?\d{1,19}$/.test(parts[0]!)) throw userInputError('after is not a cursor of this list', 'after');
  return [parts[0]!, requireUuid(parts[1]!, 'after'), requireUuid(parts[2]!, 'after')];
}

export async function positionPageOf(
  em: EntityManager,
  runId: string,
  args: { first?: number | null; after?: string | null; merchantId?: string | null },
): Promise<PositionPage> {
  const first = args.first ?? 50;
  if (!Number.isInteger(first) || first < 1 || first > MAX_POSITIONS_PAGE) throw userInputError(`first must be 1 to ${MAX_POSITIONS_PAGE}`, 'first');
  const merchantId = args.merchantId == null ? null : requireUuid(args.merchantId, 'merchantId');
  const after = args.after ? decode(args.after) : null;
  const rows: { acquirer_id: string; issuer_id: string; amount: string; commission: string; total: string }[] = await executeSql(
    em,
    sql`with pairs as (
       select acquirer_id, issuer_id, amount, commission from wallet.settlement_pair
       where run_id = ${runId} and (${merchantId}::uuid is null or acquirer_id = ${merchantId}::uuid or issuer_id = ${merchantId}::uuid))
     select p.*, (select count(*) from pairs) as total from pairs p
     where ${after?.[0] ?? null}::bigint is null or p.amount < ${after?.[0] ?? null}::bigint or (p.amount = ${after?.[0] ?? null}::bigint and (p.acquirer_id, p.issuer_id) > (${after?.[1] ?? null}::uuid, ${after?.[2] ?? null}::uuid))
     order by p.amount desc, p.acquirer_id, p.issuer_id limit ${first + 1}`,
  );
  const nodes = rows
    .slice(0, first)
    .map((r) => ({ acquirerId: r.acquirer_id, issuerId: r.issuer_id, amount: BigInt(r.amount), commission: BigInt(r.commission) }));
  const edges = nodes.map((node) => ({ cursor: encode(node), node }));
  const total = rows[0]
    ? Number(rows[0].total)
    : Number(
        (
          (await executeSql(
            em,
            sql`select count(*) as n from wallet.settlement_pair where run_id = ${runId} and (${merchantId}::uuid is null or acquirer_id = ${merchantId}::uuid or issuer_id = ${merchantId}::uuid)`,
          )) as { n: string }[]
        )[0]!.n,
      );
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: total };
}
