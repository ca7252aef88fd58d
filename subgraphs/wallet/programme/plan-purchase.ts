/**
 * A member buys or renews a paid plan (付费会员) from the brand app. The fee
 * is paid outside the hub; the app's payment reference is kept (one purchase
 * per reference), and the purchase is idempotent per key. A renewal of the
 * same plan extends from the present end if still valid, else from now, by
 * the plan's period on the coalition calendar; another plan while one is
 * valid is refused. It moves no value: a journal transaction without entries.
 */
import { executeSql, sql } from '../../../lib/sql.js';
import { requireRole } from '../../../lib/auth.js';
import { isUniqueViolation, userInputError } from '../../../lib/errors.js';
import { addCalendarMonths, recordMovement, NO_DETAILS, type WalletRecord, ledgerOf, walletAfter, type MovementDeps } from '../ledger/index.js';
import { programmeInForce } from './programme.js';
import { checkText } from '../../../lib/input-checks.js';
import { planIsValid, presentStanding } from './standing.js';
import type { MembershipPlanRecord, PlanPeriod } from './membership-plan.js';

export interface BuyMembershipPlanInput {
  planCode: string;
  paymentRef: string;
  idempotencyKey: string;
}

const MONTHS: Record<PlanPeriod, number> = { MONTH: 1, QUARTER: 3, YEAR: 12 };

export async function buyMembershipPlan(deps: MovementDeps, input: BuyMembershipPlanInput): Promise<WalletRecord> {
  const caller = requireRole(deps.caller, 'MEMBER');
  const planCode = input.planCode.trim();
  const paymentRef = checkText(input.paymentRef, 'paymentRef', 1, 100);
  const ledger = ledgerOf(deps);
  // Two members racing with one payment reference pass the check above together; the unique index decides, and the
  // loser is told what the check would have told it (a client mistake, not an internal error).
  return recordMovement(
    ledger,
    { operation: 'buyMembershipPlan', caller, idempotencyKey: input.idempotencyKey, input: { planCode, paymentRef } },
    {
      replay: (em, prior) => walletAfter(em, prior),
      async prepare(em, occurredAt) {
        const plans: { code: string; price: string; period: PlanPeriod; active: boolean }[] = await executeSql(
          em,
          sql`select code, price, period, active from wallet.membership_plan where code = ${planCode}`,
        );
        const plan = plans[0];
        if (!plan?.active) throw userInputError('no plan on sale has this code', 'planCode');
        // The key table's unique index (the journal, by month, would try every month).
        const used = await executeSql(em, sql`select 1 from wallet.journal_transaction_key where payment_ref = ${paymentRef}`);
        if (used.length > 0) throw userInputError('this payment reference has already bought a plan', 'paymentRef');
        return {
          memberId: caller.subject,
          occurredAt,
          plan: { ...plan, price: BigInt(plan.price) } as Pick<MembershipPlanRecord, 'code' | 'price' | 'period'>,
          programme: await programmeInForce(em, occurredAt),
        };
      },
      async plan(em, { occurredAt, plan, programme }, holder) {
        const valid = planIsValid(holder, occurredAt);
        if (valid && holder.planCode !== plan.code)
          throw userInputError(`plan ${holder.planCode} is valid until ${holder.planValidUntil!.toISOString()}; buy another after it ends`, 'planCode');
        const validUntil = addCalendarMonths(valid ? holder.planValidUntil! : occurredAt, MONTHS[plan.period], ledger.timeZone);
        const present = await presentStanding(em, holder, programme, occurredAt, ledger.timeZone);
        return {
          header: { ...NO_DETAILS, kind: 'PLAN_PURCHASE', planCode: plan.code, planPrice: plan.price, paymentRef, planValidUntil: validUntil },
          postings: [],
          standing: {
            tierRank: present.rank,
            cycleStartsAt: present.cycleStartsAt,
            cycleGrowth: present.cycleGrowth,
            planCode: plan.code,
            planValidUntil: validUntil,
            gifts: [],
          },
        };
      },
      answer: (_transaction, holder) => holder,
    },
  ).catch((error: unknown) => {
    if (isUniqueViolation(error, 'journal_transaction_key_payment_ref')) throw userInputError('this payment reference has already bought a plan', 'paymentRef');
    throw error;
  });
}
