import { sqlArray } from '../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { domainError, notFound } from '../../../lib/errors.js';
import type { Fen } from '../../../lib/money.js';

export type WalletStatus = 'ACTIVE' | 'FROZEN';

export interface MemberReference {
  id: string;
}

export interface WalletRecord {
  memberId: string;
  status: WalletStatus;
  balance: Fen;
}

export interface IssuerBalanceRecord {
  issuerId: string;
  balance: Fen;
}

interface WalletRow {
  member_id: string;
  status: WalletStatus;
  balance: string;
}

const toWallet = (row: WalletRow): WalletRecord => ({ memberId: row.member_id, status: row.status, balance: BigInt(row.balance) });

export function requireSpendable(wallet: WalletRecord): void {
  if (wallet.status === 'FROZEN') throw domainError('WALLET_FROZEN', 'This wallet is frozen; no spending until it is unfrozen');
}

export async function setWalletStatus(em: EntityManager, memberId: string, status: WalletStatus): Promise<WalletRecord> {
  const rows: WalletRow[] = await em.execute('update wallet.wallet set status = ? where member_id = ? returning member_id, status, balance', [status, memberId]);
  if (!rows[0]) throw notFound('Wallet');
  return toWallet(rows[0]);
}

export async function walletsByMember(em: EntityManager, memberIds: readonly string[]): Promise<(WalletRecord | null)[]> {
  const rows: WalletRow[] = await em.execute('select member_id, status, balance from wallet.wallet where member_id = any(?::uuid[])', [sqlArray(memberIds)]);
  const byMember = new Map(rows.map((r) => [r.member_id, toWallet(r)]));
  return memberIds.map((id) => byMember.get(id) ?? null);
}

export async function issuerBalancesByMember(em: EntityManager, memberIds: readonly string[]): Promise<IssuerBalanceRecord[][]> {
  const rows: { member_id: string; issuer_id: string; balance: string }[] = await em.execute(
    `select member_id, issuer_id, sum(remaining) as balance from wallet.issuer_lot
     where member_id = any(?::uuid[]) and remaining > 0 group by member_id, issuer_id order by member_id, balance desc, issuer_id`,
    [sqlArray(memberIds)],
  );
  return memberIds.map((id) => rows.filter((r) => r.member_id === id).map((r) => ({ issuerId: r.issuer_id, balance: BigInt(r.balance) })));
}
