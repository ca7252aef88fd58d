import { sqlArray, executeSql, sql, trustedSql } from '../../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { domainError } from '../../../../lib/errors.js';
import type { Fen } from '../../../../lib/money.js';
import { HOLDER_COLUMNS, NEVER_COUNTED, toHolder, type HolderRecord, type HolderRow } from '../journal/movement.js';

export type WalletStatus = HolderRecord['status'];

export interface MemberReference {
  id: string;
}

/** A member's wallet row: what a movement locks (the ledger's holder), and what the API shows of it. */
export type WalletRecord = HolderRecord;

/** A member the wallet has not met yet (no event, no pay code): nothing held, the lowest tier. */
export const emptyWallet = (memberId: string): WalletRecord => ({
  memberId,
  status: 'ACTIVE',
  balance: 0n,
  pointsBalance: 0n,
  tierRank: 0,
  cycleStartsAt: NEVER_COUNTED,
  cycleGrowth: 0n,
  planCode: null,
  planValidUntil: null,
});

export interface IssuerBalanceRecord {
  issuerId: string;
  balance: Fen;
}

export function requireSpendable(wallet: WalletRecord): void {
  if (wallet.status === 'FROZEN') throw domainError('WALLET_FROZEN', 'This wallet is frozen; no spending until it is unfrozen');
}

export async function walletsByMember(em: EntityManager, memberIds: readonly string[]): Promise<(WalletRecord | null)[]> {
  const rows: HolderRow[] = await executeSql(
    em,
    sql`select ${trustedSql(HOLDER_COLUMNS)} from wallet.wallet where member_id = any(${sqlArray(memberIds)}::uuid[])`,
  );
  const byMember = new Map(rows.map((r) => [r.member_id, toHolder(r)]));
  return memberIds.map((id) => byMember.get(id) ?? null);
}

export async function issuerBalancesByMember(em: EntityManager, memberIds: readonly string[]): Promise<IssuerBalanceRecord[][]> {
  const rows: { member_id: string; issuer_id: string; balance: string }[] = await executeSql(
    em,
    sql`select member_id, issuer_id, sum(remaining) as balance from wallet.issuer_lot
     where member_id = any(${sqlArray(memberIds)}::uuid[]) and remaining > 0 group by member_id, issuer_id order by member_id, balance desc, issuer_id`,
  );
  return memberIds.map((id) => rows.filter((r) => r.member_id === id).map((r) => ({ issuerId: r.issuer_id, balance: BigInt(r.balance) })));
}
