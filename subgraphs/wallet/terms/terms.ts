/**
 * Settlement terms per merchant, set by HQ and versioned by the instant they
 * take effect, so each transaction is settled on the terms in force when it
 * happened.
 */
import { sqlArray } from '../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../../lib/clock.js';
import { notFound, userInputError } from '../../../lib/errors.js';

export interface MerchantReference {
  id: string;
}

export interface SettlementTermsRecord {
  merchantId: string;
  canIssue: boolean;
  canAccept: boolean;
  commissionBps: number;
  effectiveFrom: Date | null;
}

/**
 * Until HQ says otherwise a merchant may accept coalition value but not issue
 * it: issuing prepaid value is a liability HQ must agree to first.
 */
export function defaultTerms(merchantId: string): SettlementTermsRecord {
  return { merchantId, canIssue: false, canAccept: true, commissionBps: 150, effectiveFrom: null };
}

interface TermsRow {
  merchant_id: string;
  can_issue: boolean;
  can_accept: boolean;
  commission_bps: number;
  effective_from: Date;
}

const toTerms = (row: TermsRow): SettlementTermsRecord => ({
  merchantId: row.merchant_id, canIssue: row.can_issue, canAccept: row.can_accept, commissionBps: row.commission_bps, effectiveFrom: new Date(row.effective_from),
});

export async function termsInForce(em: EntityManager, merchantId: string, at: Date): Promise<SettlementTermsRecord> {
  const rows: TermsRow[] = await em.execute(
    `select merchant_id, can_issue, can_accept, commission_bps, effective_from from wallet.settlement_terms
     where merchant_id = ? and effective_from <= ? order by effective_from desc limit 1`,
    [merchantId, at],
  );
  return rows[0] ? toTerms(rows[0]) : defaultTerms(merchantId);
}

export async function currentTermsOf(em: EntityManager, merchantIds: readonly string[], at: Date): Promise<SettlementTermsRecord[]> {
  const rows: TermsRow[] = await em.execute(
    `select distinct on (merchant_id) merchant_id, can_issue, can_accept, commission_bps, effective_from from wallet.settlement_terms
     where merchant_id = any(?::uuid[]) and effective_from <= ? order by merchant_id, effective_from desc`,
    [sqlArray(merchantIds), at],
  );
  const byMerchant = new Map(rows.map((r) => [r.merchant_id, toTerms(r)]));
  return merchantIds.map((id) => byMerchant.get(id) ?? defaultTerms(id));
}

export async function setSettlementTerms(
  em: EntityManager,
  clock: Clock,
  input: { merchantId: string; canIssue: boolean; canAccept: boolean; commissionBps: number },
): Promise<SettlementTermsRecord> {
  if (!Number.isInteger(input.commissionBps) || input.commissionBps < 0 || input.commissionBps > 10000) {
    throw userInputError('commissionBps must be a whole number from 0 to 10000', 'commissionBps');
  }
  const known = await em.execute('select 1 from wallet.merchant where id = ?', [input.merchantId]);
  if (known.length === 0) throw notFound('Merchant');
  const effectiveFrom = clock.now();
  await em.execute(
    `insert into wallet.settlement_terms (merchant_id, effective_from, can_issue, can_accept, commission_bps) values (?, ?, ?, ?, ?)
     on conflict (merchant_id, effective_from) do update set can_issue = excluded.can_issue, can_accept = excluded.can_accept, commission_bps = excluded.commission_bps`,
    [input.merchantId, effectiveFrom, input.canIssue, input.canAccept, input.commissionBps],
  );
  return { ...input, effectiveFrom };
}
