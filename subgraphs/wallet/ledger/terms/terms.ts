/**
 * Settlement terms per merchant, set by HQ and versioned by the instant they
 * take effect, so each transaction is settled on the terms in force when it
 * happened.
 */
import { sqlArray, executeSql, sql, trustedSql, type Sql } from '../../../../lib/sql.js';
import type { Claims } from '../../../../lib/auth.js';
import type { CallerSession } from '../../../../lib/session-end.js';
import { requireStoreOfCaller, storeIdForCaller } from '../directory/directory.js';
import { memberOfUsedCode, payCodeHashOf, usePayCodeSql } from '../paycode/paycode.js';
import { checkOpening, type MovementOpening } from '../journal/transaction.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../../../lib/clock.js';
import { notFound, userInputError } from '../../../../lib/errors.js';

export interface MerchantReference {
  id: string;
}

export interface SettlementTermsRecord {
  merchantId: string;
  canIssue: boolean;
  canAccept: boolean;
  commissionBps: number;
  /** Points a checkout earns per yuan paid, before the member's multiplier. */
  pointsPerYuan: number;
  /** Fen the merchant pays HQ per 100 points its customers earn. */
  earnCostPer100Points: number;
  /** Fen HQ pays the merchant per 100 points burned at its stores. */
  burnValuePer100Points: number;
  effectiveFrom: Date | null;
}

export interface SettlementTermsInput {
  merchantId: string;
  canIssue: boolean;
  canAccept: boolean;
  commissionBps: number;
  pointsPerYuan?: number | null;
  earnCostPer100Points?: number | null;
  burnValuePer100Points?: number | null;
}

/** The default points rates (docs/settlement.md), for a merchant whose terms do not set them. */
const DEFAULT_POINTS_TERMS = { pointsPerYuan: 1, earnCostPer100Points: 100, burnValuePer100Points: 100 };

/**
 * Until HQ says otherwise a merchant may accept coalition value but not issue
 * it: issuing prepaid value is a liability HQ must agree to first.
 */
export function defaultTerms(merchantId: string): SettlementTermsRecord {
  return { merchantId, canIssue: false, canAccept: true, commissionBps: 150, ...DEFAULT_POINTS_TERMS, effectiveFrom: null };
}

interface TermsRow {
  merchant_id: string;
  can_issue: boolean;
  can_accept: boolean;
  commission_bps: number;
  points_per_yuan: number;
  earn_cost_per_100_points: number;
  burn_value_per_100_points: number;
  effective_from: Date;
}

const toTerms = (row: TermsRow): SettlementTermsRecord => ({
  merchantId: row.merchant_id,
  canIssue: row.can_issue,
  canAccept: row.can_accept,
  commissionBps: row.commission_bps,
  pointsPerYuan: row.points_per_yuan,
  earnCostPer100Points: row.earn_cost_per_100_points,
  burnValuePer100Points: row.burn_value_per_100_points,
  effectiveFrom: new Date(row.effective_from),
});

const TERMS_COLUMNS =
  'merchant_id, can_issue, can_accept, commission_bps, points_per_yuan, earn_cost_per_100_points, burn_value_per_100_points, effective_from';

/** The terms in force at `at` for the merchant `merchantId` names (a bound id, or a column of the statement around it). */
const termsInForceSql = (merchantId: Sql, at: Date) =>
  sql`select ${trustedSql(TERMS_COLUMNS)} from wallet.settlement_terms
     where merchant_id = ${merchantId} and effective_from <= ${at} order by effective_from desc limit 1`;

export async function termsInForce(em: EntityManager, merchantId: string, at: Date): Promise<SettlementTermsRecord> {
  const rows: TermsRow[] = await executeSql(em, termsInForceSql(sql`${merchantId}`, at));
  return rows[0] ? toTerms(rows[0]) : defaultTerms(merchantId);
}

/** What a till's movement reads before the holder's lock (openAtStore); each check refuses when it is asked, in the caller's order. */
export interface AtStore {
  /** The store the caller moves value at and its merchant's terms in force; refuses a store it may not (directory.ts). */
  store(): { store: { storeId: string; merchantId: string }; terms: SettlementTermsRecord };
  /** The member whose pay code the statement used up (in the caller's transaction); refuses a code that was not usable. */
  payCodeMember(): Promise<string>;
  /** The command's own read, evaluated in the same statement (null if it gave none). */
  alongside: unknown;
}

/**
 * What a till's movement (a checkout, a top-up, a service used) reads before the holder's lock, in one statement (issue
 * 25, fewer round trips): the store, its merchant and the merchant's terms in force, the member's pay code used up if
 * there is one, and the command's own read alongside (a scalar subquery: the programme in force). The refusals wait
 * until the caller asks, so that it refuses in the order it always did; a refusal rolls the code's use back with the
 * caller's transaction.
 */
export async function openAtStore(
  em: EntityManager,
  caller: Claims,
  storeIdInput: string,
  at: Date,
  opts: {
    payCode?: { code: string; key: Uint8Array };
    alongside?: Sql;
    opening?: MovementOpening | null;
    /** The caller's session check, when the request left it to this statement (lib/session-end.ts CallerSession). */
    session?: CallerSession;
  } = {},
): Promise<AtStore> {
  let storeId: string | null = null;
  let refusal: unknown = null;
  try {
    storeId = storeIdForCaller(caller, storeIdInput);
  } catch (error) {
    refusal = error;
  }
  const codeHash = opts.payCode ? payCodeHashOf(opts.payCode.code, opts.payCode.key) : null;
  // The movement's opening first (its locks; a request seen before uses no pay code), then the rest.
  const opened = opts.opening ? sql`opened as materialized (select ${opts.opening.sql} as answer)` : sql`opened as (select '{}'::jsonb as answer)`;
  const carried = opts.session?.carried() ?? null;
  const rows: (Omit<TermsRow, 'merchant_id'> & {
    merchant_id: string | null;
    store_merchant_id: string | null;
    pay_code_member: string | null;
    alongside: unknown;
    opened: unknown;
  })[] = await executeSql(
    em,
    sql`with ${opened}, ${usePayCodeSql(codeHash, at, sql`(select answer from opened) = '{}'::jsonb`)}
      select (select answer from opened) as opened, s.merchant_id as store_merchant_id, t.*, (select member_id from used) as pay_code_member,
        ${opts.alongside ?? sql`null`} as alongside${carried ? sql`, ${carried}` : sql``}
      from (select 1) one left join wallet.store s on s.id = ${storeId}::uuid
        left join lateral (${termsInForceSql(trustedSql('s.merchant_id'), at)}) t on true`,
  );
  const row = rows[0]!;
  // The session's refusal first, before anything the statement read is used (its transaction rolls back the code's use).
  if (carried) await opts.session!.settle(row as Record<string, unknown>);
  if (opts.opening) checkOpening(opts.opening, row.opened);
  return {
    store() {
      if (refusal) throw refusal;
      const store = requireStoreOfCaller(caller, storeId!, row.store_merchant_id);
      return { store, terms: row.merchant_id ? toTerms({ ...row, merchant_id: row.merchant_id }) : defaultTerms(store.merchantId) };
    },
    payCodeMember: () => memberOfUsedCode(em, codeHash, at, opts.payCode ? row.pay_code_member : null),
    alongside: row.alongside,
  };
}

export async function currentTermsOf(em: EntityManager, merchantIds: readonly string[], at: Date): Promise<SettlementTermsRecord[]> {
  const rows: TermsRow[] = await executeSql(
    em,
    sql`select distinct on (merchant_id) ${trustedSql(TERMS_COLUMNS)} from wallet.settlement_terms
     where merchant_id = any(${sqlArray(merchantIds)}::uuid[]) and effective_from <= ${at} order by merchant_id, effective_from desc`,
  );
  const byMerchant = new Map(rows.map((r) => [r.merchant_id, toTerms(r)]));
  return merchantIds.map((id) => byMerchant.get(id) ?? defaultTerms(id));
}

const rate = (value: number, field: string, max: number) => {
  if (!Number.isInteger(value) || value < 0 || value > max) throw userInputError(`${field} must be a whole number from 0 to ${max}`, field);
  return value;
};

/** New terms in force from now; points rates left out are the defaults. */
export async function setSettlementTerms(em: EntityManager, clock: Clock, input: SettlementTermsInput): Promise<SettlementTermsRecord> {
  const terms = {
    merchantId: input.merchantId,
    canIssue: input.canIssue,
    canAccept: input.canAccept,
    commissionBps: rate(input.commissionBps, 'commissionBps', 10000),
    pointsPerYuan: rate(input.pointsPerYuan ?? DEFAULT_POINTS_TERMS.pointsPerYuan, 'pointsPerYuan', 10000),
    earnCostPer100Points: rate(input.earnCostPer100Points ?? DEFAULT_POINTS_TERMS.earnCostPer100Points, 'earnCostPer100Points', 100000),
    burnValuePer100Points: rate(input.burnValuePer100Points ?? DEFAULT_POINTS_TERMS.burnValuePer100Points, 'burnValuePer100Points', 100000),
  };
  const known = await executeSql(em, sql`select 1 from wallet.merchant where id = ${input.merchantId}`);
  if (known.length === 0) throw notFound('Merchant');
  const effectiveFrom = clock.now();
  await executeSql(
    em,
    sql`insert into wallet.settlement_terms (${trustedSql(TERMS_COLUMNS)}) values (${terms.merchantId}, ${terms.canIssue}, ${terms.canAccept}, ${terms.commissionBps}, ${terms.pointsPerYuan}, ${terms.earnCostPer100Points}, ${terms.burnValuePer100Points}, ${effectiveFrom})
     on conflict (merchant_id, effective_from) do update set can_issue = excluded.can_issue, can_accept = excluded.can_accept, commission_bps = excluded.commission_bps,
       points_per_yuan = excluded.points_per_yuan, earn_cost_per_100_points = excluded.earn_cost_per_100_points, burn_value_per_100_points = excluded.burn_value_per_100_points`,
  );
  return { ...terms, effectiveFrom };
}
