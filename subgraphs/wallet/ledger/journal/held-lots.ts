/**
 * The lots a movement locks with its holder (wallet.lock_holder, Migration20261205000400): which ones, and in which
 * order, is written once there, in SQL; here they are read from the JSON it returns (ids and amounts as text, so no
 * bigint passes through a JSON number).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { executeSql, sql, sqlArray } from '../../../../lib/sql.js';
import type { Fen } from '../../../../lib/money.js';

/** A stored-value lot holding value, as a checkout may spend it. */
export interface HeldIssuerLot {
  id: string;
  issuerId: string;
  createdAt: Date;
  remaining: Fen;
}

/** A points lot holding points (or named by the movement), as a burn, an earning or a refund may move it. */
export interface HeldPointsLot {
  id: string;
  earningYear: number;
  expiresAt: Date;
  remaining: bigint;
}

/** The lots a command asked to hold with its holder; null where it did not ask. */
export interface HeldLots {
  issuerLots: HeldIssuerLot[] | null;
  pointsLots: HeldPointsLot[] | null;
}

/** Which of the holder's lots a command locks with it, in the holder's round trip. */
export interface LotsToHold {
  issuerLots?: boolean;
  pointsLots?: boolean;
}

const text = (value: unknown) => (value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value));
const rowsOf = (value: unknown): Record<string, unknown>[] => {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(parsed) ? (parsed as Record<string, unknown>[]) : [];
};

export const issuerLotsOf = (value: unknown): HeldIssuerLot[] | null =>
  value === null || value === undefined
    ? null
    : rowsOf(value).map((l) => ({
        id: text(l.id)!,
        issuerId: text(l.issuerId)!,
        createdAt: new Date(text(l.createdAt)!),
        remaining: BigInt(text(l.remaining)!),
      }));

export const pointsLotsOf = (value: unknown): HeldPointsLot[] | null =>
  value === null || value === undefined
    ? null
    : rowsOf(value).map((l) => ({
        id: text(l.id)!,
        earningYear: Number(l.earningYear),
        expiresAt: new Date(text(l.expiresAt)!),
        remaining: BigInt(text(l.remaining)!),
      }));

/**
 * Locks and reads the member's points lots a movement may touch after its holder's lock: those holding points, and
 * the ones named (a refund's, which may be empty or expired).
 */
export async function lockPointsLots(em: EntityManager, memberId: string, named: readonly string[] = []): Promise<HeldPointsLot[]> {
  const rows: { lots: unknown }[] = await executeSql(em, sql`select wallet.lock_points_lots(${memberId}, ${sqlArray(named)}::bigint[]) as lots`);
  return pointsLotsOf(rows[0]!.lots) ?? [];
}
