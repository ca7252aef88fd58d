/**
 * Referrals (邀请有礼, docs/tasks.md "Referrals"). The member subgraph links an invitee to its inviter at registration
 * and tells the wallet (wallet.invited_by, registered_at). The invitee's first checkout paying at least the programme's
 * minFirstPurchase within windowDays × 24 h of registering converts the invitation, in that checkout's transaction:
 * the invitee gets inviteePoints and the inviter inviterPoints (both REFERRAL_REWARD movements funded by HQ), the
 * inviter within its monthly cap of rewarded conversions (beyond it the conversion still counts, without points), and
 * the inviter's REFERRALS tasks count it. A full refund of the converting checkout undoes the conversion: both
 * rewards are taken back, its place under the cap is free again, and a later qualifying checkout may convert again.
 *
 * Two wallets move: the invitee's is locked by its checkout, the inviter's after it. An invitation only ever points
 * from a member to one registered before it, so these locks are always taken from the later member to the earlier and
 * can never wait on each other in a cycle (docs/decisions.md).
 */
import { randomUUID } from 'node:crypto';
import { executeSql, sql, sqlArray } from '../../../../lib/sql.js';
import { NO_DETAILS, periodOf, recordMovement, type LedgerDeps, type TransactionRecord } from '../../ledger/index.js';
import { hqGrantPostings, type ProgrammeRecord } from '../../programme/index.js';
import { completeTasks, takeBackReward } from '../tasks/task-rewards.js';

const DAY_MS = 86_400_000;

/** Converts the checking-out member's invitation if this checkout qualifies; whether it did. */
export async function convertReferral(ledger: LedgerDeps, programme: ProgrammeRecord, checkout: TransactionRecord): Promise<boolean> {
  const { em } = ledger;
  const rules = programme.referral;
  const paid = checkout.amount + (checkout.amountDue ?? 0n);
  if (paid < rules.minFirstPurchase) return false;
  const pending: { invited_by: string; registered_at: Date }[] = await executeSql(
    em,
    sql`select w.invited_by, w.registered_at from wallet.wallet w
     where w.member_id = ${checkout.memberId} and w.invited_by is not null and w.registered_at is not null
       and not exists (select 1 from wallet.referral_conversion c where c.invitee_id = w.member_id and c.taken_back_by is null)`,
  );
  const invitation = pending[0];
  if (!invitation) return false;
  const at = checkout.occurredAt;
  if (at.getTime() >= new Date(invitation.registered_at).getTime() + rules.windowDays * DAY_MS) return false;
  const inviterId = invitation.invited_by;

  // The inviter's row is the queue for its monthly cap: two of its invitees converting at once count one after the other.
  const month = periodOf(at, ledger.timeZone);
  const counted: { n: string }[] = await executeSql(
    em,
    sql`select (select count(*) from wallet.referral_conversion c where c.inviter_id = ${inviterId} and c.inviter_rewarded and c.taken_back_by is null
        and c.converted_at >= ${month.startsAt} and c.converted_at < ${month.endsAt}) as n
     from wallet.wallet where member_id = ${inviterId} for no key update`,
  );
  if (!counted[0]) return false;
  const inviterRewarded = Number(counted[0].n) < rules.monthlyCap;
  const id = randomUUID();
  const inviterPoints = inviterRewarded ? rules.inviterPoints : 0n;
  const inserted: unknown[] = await executeSql(
    em,
    sql`insert into wallet.referral_conversion (id, invitee_id, inviter_id, checkout_id, acquirer_id, converted_at, inviter_rewarded, inviter_points, invitee_points)
     values (${id}, ${checkout.memberId}, ${inviterId}, ${checkout.id}, ${checkout.acquirerId}, ${at}, ${inviterRewarded}, ${inviterPoints}, ${rules.inviteePoints})
     on conflict do nothing returning id`,
  );
  if (inserted.length === 0) return false;
  const invitee = rules.inviteePoints > 0n ? await giveReferralPoints(ledger, checkout.memberId, rules.inviteePoints, `referral:${id}:invitee`, at) : null;
  const inviter = inviterPoints > 0n ? await giveReferralPoints(ledger, inviterId, inviterPoints, `referral:${id}:inviter`, at) : null;
  await executeSql(em, sql`update wallet.referral_conversion set invitee_transaction_id = ${invitee}, inviter_transaction_id = ${inviter} where id = ${id}`);
  // The conversion counts toward the inviter's REFERRALS tasks, completed in this same transaction.
  await completeTasks(ledger, programme, inviterId, checkout.id, at, { kinds: ['REFERRALS'], merchantId: checkout.acquirerId });
  return true;
}

/** One side's reward: HQ's points into the member's lot of the earning year (paying down a debt first). */
function giveReferralPoints(ledger: LedgerDeps, memberId: string, points: bigint, key: string, at: Date): Promise<string> {
  return recordMovement(
    ledger,
    { operation: 'referralReward', caller: { role: 'HQ', subject: 'referrals' }, idempotencyKey: key, input: { memberId, points } },
    {
      replay: async (_, prior) => prior.id,
      prepare: async () => ({ memberId }),
      async plan(_, __, holder) {
        const granted = hqGrantPostings(holder, points, at, ledger.timeZone);
        return { header: { ...NO_DETAILS, kind: 'REFERRAL_REWARD', pointsEarned: points }, postings: granted.postings, earningYearLot: granted.earningYearLot };
      },
      answer: (transaction) => transaction.id,
    },
  );
}

/** Undoes the conversion a checkout made, `refund` having completed its refund in full (the caller checks: isRefundedInFull); whether it did. */
export async function takeBackReferral(ledger: LedgerDeps, programme: ProgrammeRecord, refund: TransactionRecord): Promise<boolean> {
  const { em } = ledger;
  const rows: {
    id: string;
    invitee_id: string;
    inviter_id: string;
    invitee_points: string;
    inviter_points: string;
    invitee_transaction_id: string | null;
    inviter_transaction_id: string | null;
  }[] = await executeSql(
    em,
    sql`select c.id, c.invitee_id, c.inviter_id, c.invitee_points, c.inviter_points, c.invitee_transaction_id, c.inviter_transaction_id
     from wallet.referral_conversion c
     where c.checkout_id = ${refund.refundOf} and c.taken_back_by is null
     for update of c`,
  );
  const conversion = rows[0];
  if (!conversion) return false;
  const at = refund.occurredAt;
  const back = (memberId: string, points: string, rewardTransactionId: string | null, side: string) =>
    rewardTransactionId
      ? takeBackReward(ledger, programme, {
          memberId,
          ownerId: null,
          points: BigInt(points),
          growth: 0n,
          rewardTransactionId,
          key: `referral:${conversion.id}:${side}:back`,
          at,
        })
      : Promise.resolve(null);
  const invitee = await back(conversion.invitee_id, conversion.invitee_points, conversion.invitee_transaction_id, 'invitee');
  const inviter = await back(conversion.inviter_id, conversion.inviter_points, conversion.inviter_transaction_id, 'inviter');
  await executeSql(
    em,
    sql`update wallet.referral_conversion set taken_back_by = ${refund.id}, taken_back_at = ${at},
      invitee_take_back_transaction_id = ${invitee}, inviter_take_back_transaction_id = ${inviter} where id = ${conversion.id}`,
  );
  return true;
}

/** Whether a checkout converted its member's invitation (the checkout's referralConverted). */
export async function convertedBy(em: LedgerDeps['em'], checkoutId: string): Promise<boolean> {
  const rows = await executeSql(em, sql`select 1 from wallet.referral_conversion where checkout_id = ${checkoutId} limit 1`);
  return rows.length > 0;
}

export interface MemberReferralRecord {
  memberId: string;
  invited: number;
  converted: number;
  pointsEarned: bigint;
}

/** What each member's invitations brought, for a DataLoader. */
export async function referralsOfMembers(em: LedgerDeps['em'], memberIds: readonly string[]): Promise<MemberReferralRecord[]> {
  // One statement for the batch, in the order asked (a dataloader's batch; one member's is a batch of one).
  const rows: { invited: string; converted: string; points: string }[] = await executeSql(
    em,
    sql`select
        (select count(*) from wallet.wallet w where w.invited_by = m.member_id) as invited,
        (select count(*) from wallet.referral_conversion c where c.inviter_id = m.member_id and c.taken_back_by is null) as converted,
        (select coalesce(sum(c.inviter_points), 0) from wallet.referral_conversion c where c.inviter_id = m.member_id and c.taken_back_by is null) as points
      from unnest(${sqlArray(memberIds)}::uuid[]) with ordinality as m(member_id, n) order by m.n`,
  );
  return rows.map((r, i) => ({ memberId: memberIds[i]!, invited: Number(r.invited), converted: Number(r.converted), pointsEarned: BigInt(r.points) }));
}
