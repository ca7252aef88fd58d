/**
 * Dynamic pay codes: 18 digits, valid 60 seconds, single use. Only an HMAC of
 * the code is stored, so a database reader cannot spend a live code.
 */
import { executeSql, sql, type Sql } from '../../../../lib/sql.js';
import { createHmac, randomInt } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../../../lib/clock.js';
import { domainError } from '../../../../lib/errors.js';
import { ensureWallet } from '../directory/directory.js';

export const PAY_CODE_TTL_MS = 60_000;

/**
 * A terminal that scans ten unknown codes within ten minutes is locked out
 * of pay codes for fifteen: a real till misreads a code now and then, a
 * guessing script does nothing else. (Guessing 17 random digits is hopeless
 * anyway; the lock-out also keeps the guessing off the database.)
 */
export const PAY_CODE_LOCKOUT = { name: 'paycode', maxFailures: 10, windowSeconds: 600, lockSeconds: 900 };

export interface PayCodeRecord {
  code: string;
  expiresAt: Date;
}

export interface PayCodeLookupRecord {
  expiresAt: Date;
  memberId: string;
}

export function hashPayCode(code: string, key: Uint8Array): string {
  return createHmac('sha256', key).update(`paycode:${code}`).digest('hex');
}

function newPayCode(): string {
  // 18 digits starting with 6 so it never collides with a 16-digit card number read by the same scanner.
  let code = '6';
  while (code.length < 18) code += String(randomInt(10));
  return code;
}

export async function issuePayCode(em: EntityManager, clock: Clock, key: Uint8Array, memberId: string): Promise<PayCodeRecord> {
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + PAY_CODE_TTL_MS);
  await ensureWallet(em, memberId, now);
  for (;;) {
    const code = newPayCode();
    const inserted = await executeSql(
      em,
      sql`insert into wallet.pay_code (code_hash, member_id, issued_at, expires_at) values (${hashPayCode(code, key)}, ${memberId}, ${now}, ${expiresAt}) on conflict do nothing returning code_hash`,
    );
    if (inserted.length === 1) return { code, expiresAt };
  }
}

const PAY_CODE_FORMAT = /^\d{18}$/;

function checkFormat(code: string): void {
  if (!PAY_CODE_FORMAT.test(code)) throw domainError('PAY_CODE_INVALID', 'Not a pay code');
}

async function explainUnusable(em: EntityManager, codeHash: string, now: Date): Promise<never> {
  const rows: { expires_at: Date; used_at: Date | null }[] = await executeSql(
    em,
    sql`select expires_at, used_at from wallet.pay_code where code_hash = ${codeHash}`,
  );
  const row = rows[0];
  if (row && !row.used_at && new Date(row.expires_at) <= now) throw domainError('PAY_CODE_EXPIRED', 'This pay code has expired; ask the member for a new one');
  throw domainError('PAY_CODE_INVALID', 'Unknown or already used pay code');
}

/** A terminal's look-up: who is paying. Leaves the code usable. */
export async function lookupPayCode(em: EntityManager, clock: Clock, key: Uint8Array, code: string): Promise<PayCodeLookupRecord> {
  checkFormat(code);
  const codeHash = hashPayCode(code, key);
  const now = clock.now();
  const rows: { member_id: string; expires_at: Date }[] = await executeSql(
    em,
    sql`select member_id, expires_at from wallet.pay_code where code_hash = ${codeHash} and used_at is null and expires_at > ${now}`,
  );
  if (!rows[0]) return explainUnusable(em, codeHash, now);
  return { memberId: rows[0].member_id, expiresAt: new Date(rows[0].expires_at) };
}

/**
 * A code's use, inside the caller's transaction (if that transaction fails, the code stays usable), for a statement
 * that carries it (ledger/terms/terms.ts openAtStore): a CTE `used (member_id)` that uses the code up (no row if it was not
 * usable, or not a pay code: `codeHash` null), and the member it names, or the refusal (memberOfUsedCode).
 */
export const usePayCodeSql = (codeHash: string | null, now: Date, onlyIf: Sql = sql`true`): Sql =>
  sql`used as (update wallet.pay_code set used_at = ${now} where code_hash = ${codeHash} and used_at is null and expires_at > ${now} and ${onlyIf} returning member_id)`;

/** The code's hash, or null if it is not a pay code at all (memberOfUsedCode refuses it then). */
export const payCodeHashOf = (code: string, key: Uint8Array): string | null => (PAY_CODE_FORMAT.test(code) ? hashPayCode(code, key) : null);

/** The member a used code named, or why the code was not usable. */
export async function memberOfUsedCode(em: EntityManager, codeHash: string | null, now: Date, member: string | null | undefined): Promise<string> {
  if (member) return member;
  if (codeHash === null) throw domainError('PAY_CODE_INVALID', 'Not a pay code');
  return explainUnusable(em, codeHash, now);
}
