/**
 * Daily sign-in (docs/programme.md "Growth value"): once per coalition-time-zone day a
 * member earns signInGrowth and signInPoints, funded by HQ:
 *   Dr POINTS_GRANTED / Cr MEMBER_POINTS (the earning year's lot, after any debt)
 * and the growth may upgrade the member at once, with the tier's gift.
 */
import { executeSql, sql } from '../../../lib/sql.js';
import { requireRole } from '../../../lib/auth.js';
import { domainError } from '../../../lib/errors.js';
import { localDay, recordMovement, NO_DETAILS, type TransactionRecord, type WalletRecord, ledgerOf, type MovementDeps } from '../ledger/index.js';
import { hqGrantPostings } from './points/points-account.js';
import { programmeInForce } from './programme.js';
import { giftPoints, presentStanding, standingAfter } from './standing.js';

export interface SignInResult {
  transaction: TransactionRecord;
  growthEarned: bigint;
  pointsEarned: bigint;
  wallet: WalletRecord;
}

const alreadySignedIn = () => domainError('ALREADY_SIGNED_IN', 'Already signed in today; come back tomorrow');

export async function signIn(deps: MovementDeps): Promise<SignInResult> {
  const caller = requireRole(deps.caller, 'MEMBER');
  const ledger = ledgerOf(deps);
  const day = localDay(deps.clock.now(), ledger.timeZone);
  // The day is the request: a second sign-in the same day meets the first's key (and, across sessions, the day's unique key).
  return recordMovement(
    ledger,
    { operation: 'signIn', caller, idempotencyKey: `sign-in:${day}`, input: { day } },
    {
      replay: () => Promise.reject(alreadySignedIn()),
      async prepare(em, occurredAt) {
        return { memberId: caller.subject, occurredAt, programme: await programmeInForce(em, occurredAt) };
      },
      async plan(em, { occurredAt, programme }, holder) {
        const signedIn = await executeSql(em, sql`select 1 from wallet.journal_transaction_key where member_id = ${holder.memberId} and sign_in_day = ${day}`);
        if (signedIn.length > 0) throw alreadySignedIn();
        const present = await presentStanding(em, holder, programme, occurredAt, ledger.timeZone);
        const standing = await standingAfter(em, holder.memberId, present, programme, BigInt(programme.signInGrowth));
        const granted = hqGrantPostings(holder, BigInt(programme.signInPoints) + giftPoints(standing), occurredAt, ledger.timeZone);
        return {
          header: {
            ...NO_DETAILS,
            kind: 'SIGN_IN',
            signInDay: day,
            pointsEarned: BigInt(programme.signInPoints),
            growth: standing.cycleGrowth - present.cycleGrowth,
          },
          postings: granted.postings,
          earningYearLot: granted.earningYearLot,
          standing,
        };
      },
      answer: (transaction, holder) => ({ transaction, wallet: holder, growthEarned: transaction.growth, pointsEarned: transaction.pointsEarned ?? 0n }),
    },
  );
}
