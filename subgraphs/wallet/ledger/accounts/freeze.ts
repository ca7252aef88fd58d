/**
 * Freezes (docs/ledger.md "Freezes": no spending while frozen; issue 21). A wallet may
 * stand under several freezes at once, each recorded with who set it, and is
 * FROZEN while any stands (PostgreSQL computes `wallet.status` from them).
 *
 * The one table of who may set and lift each kind. A member lifts only the
 * freeze it set itself; HQ lifts any but erasure's, which is final: an erased
 * member's value is HQ's to settle outside the hub, and spending it in the
 * hub as well would pay it twice. A lost card freezes nothing: the card is
 * reissued in the same transaction, and the member's sessions end instead
 * (lib/session-end.ts).
 */
import { executeSql, sql, trustedSql } from '../../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../../../lib/clock.js';
import { forbidden, notFound } from '../../../../lib/errors.js';
import { HOLDER_COLUMNS, toHolder, type HolderRow } from '../journal/movement.js';
import type { WalletRecord } from './wallet.js';

export type FreezeReason = 'MEMBER' | 'HQ' | 'ERASURE';
/** Who acts on a freeze: a caller's role, or the hub itself on an event (erasure). */
export type FreezeActor = 'MEMBER' | 'HQ' | 'ERASURE';

export const FREEZE_RULES: Record<FreezeReason, { column: string; setBy: FreezeActor; liftedBy: readonly FreezeActor[] }> = {
  MEMBER: { column: 'frozen_by_member_at', setBy: 'MEMBER', liftedBy: ['MEMBER', 'HQ'] },
  HQ: { column: 'frozen_by_hq_at', setBy: 'HQ', liftedBy: ['HQ'] },
  ERASURE: { column: 'frozen_by_erasure_at', setBy: 'ERASURE', liftedBy: [] },
};

const REASONS = Object.keys(FREEZE_RULES) as FreezeReason[];

export interface WalletFreezeRecord {
  reason: FreezeReason;
  since: Date;
}

/** The freeze an actor sets. */
export function freezeSetBy(actor: FreezeActor): FreezeReason {
  return REASONS.find((reason) => FREEZE_RULES[reason].setBy === actor)!;
}

/** Sets the actor's freeze (again: the first instant stays). */
export async function freezeWallet(em: EntityManager, clock: Clock, memberId: string, actor: FreezeActor): Promise<WalletRecord> {
  const column = FREEZE_RULES[freezeSetBy(actor)].column;
  const rows: HolderRow[] = await executeSql(
    em,
    sql`update wallet.wallet set ${trustedSql(column)} = coalesce(${trustedSql(column)}, ${clock.now()}) where member_id = ${memberId} returning ${trustedSql(HOLDER_COLUMNS)}`,
  );
  if (!rows[0]) throw notFound('Wallet');
  return toHolder(rows[0]);
}

/**
 * Lifts every freeze the actor may lift; if a freeze it may not lift stands, FORBIDDEN and nothing changes (lifting
 * the member's own freeze under HQ's would answer FROZEN and look like a failure of something else).
 */
export async function liftFreezes(em: EntityManager, memberId: string, actor: FreezeActor): Promise<WalletRecord> {
  const standing = await freezesOf(em, memberId, true);
  if (!standing) throw notFound('Wallet');
  const kept = standing.filter((f) => !FREEZE_RULES[f.reason].liftedBy.includes(actor));
  if (kept.length > 0) {
    throw forbidden(kept.some((f) => f.reason === 'ERASURE') ? "An erased member's wallet stays frozen" : `Only HQ lifts a freeze HQ set`);
  }
  const lifted = standing.map((f) => `${FREEZE_RULES[f.reason].column} = null`);
  const rows: HolderRow[] = await executeSql(
    em,
    sql`update wallet.wallet set ${trustedSql(lifted.length > 0 ? lifted.join(', ') : 'member_id = member_id')} where member_id = ${memberId} returning ${trustedSql(HOLDER_COLUMNS)}`,
  );
  return toHolder(rows[0]!);
}

const FREEZE_COLUMNS = REASONS.map((reason) => FREEZE_RULES[reason].column).join(', ');

/** The freezes standing on a wallet, oldest first; null if the wallet does not exist. `lock` holds the row until commit. */
export async function freezesOf(em: EntityManager, memberId: string, lock = false): Promise<WalletFreezeRecord[] | null> {
  const rows: Record<string, Date | null>[] = await executeSql(
    em,
    sql`select ${trustedSql(FREEZE_COLUMNS)} from wallet.wallet where member_id = ${memberId}${trustedSql(lock ? ' for no key update' : '')}`,
  );
  if (!rows[0]) return null;
  const row = rows[0];
  return REASONS.flatMap((reason) => {
    const since = row[FREEZE_RULES[reason].column];
    return since ? [{ reason, since: new Date(since) }] : [];
  }).sort((a, b) => a.since.getTime() - b.since.getTime());
}
