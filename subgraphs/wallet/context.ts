import { sqlArray, executeSql, sql } from '../../lib/sql.js';
import DataLoader from 'dataloader';
import { requireClaims, type Claims } from '../../lib/auth.js';
import { hasCode } from '../../lib/rate-limits.js';
import {
  PAY_CODE_LOCKOUT,
  transactionsByIds,
  type TransactionRecord,
  currentTermsOf,
  type SettlementTermsRecord,
  issuerBalancesByMember,
  walletsByMember,
  type IssuerBalanceRecord,
  type WalletRecord,
  type MovementDeps,
} from './ledger/index.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../lib/subgraph.js';
import type { Clock } from '../../lib/clock.js';
import { positionsOfRuns, statementsOfRuns, type PositionRecord, type StatementRecord } from './settlement/index.js';
import {
  programmeInForce,
  type ProgrammeRecord,
  nextExpiriesOf,
  projectionsOf,
  type PointsExpiryRecord,
  type PointsProjectionRecord,
  listMembershipPlans,
  type MembershipPlanRecord,
  badgesByCodes,
  type BadgeRecord,
} from './programme/index.js';
import {
  MOVEMENT_HOOKS,
  redeemedOf,
  templatesByIds,
  benefitsByIds,
  type BenefitRecord,
  type CouponTemplateRecord,
  couponsByIds,
  type CouponRecord,
  campaignCountsByIds,
  type CampaignCountsRecord,
  tasksByIds,
  taskResultsByIds,
  type TaskRecord,
  type TaskResultsRecord,
  referralsOfMembers,
  type MemberReferralRecord,
} from './marketing/index.js';

export interface WalletContext extends RequestContext {
  payCodeKey: Uint8Array;
  walletByMember: DataLoader<string, WalletRecord | null>;
  issuerBalancesByMember: DataLoader<string, IssuerBalanceRecord[]>;
  transactionById: DataLoader<string, TransactionRecord | null>;
  termsByMerchant: DataLoader<string, SettlementTermsRecord>;
  statementsByRun: DataLoader<string, StatementRecord[]>;
  positionsByRun: DataLoader<string, PositionRecord[]>;
  membershipsOfMember: DataLoader<string, string[]>;
  /** The programme in force now, read once per request. */
  programme: () => Promise<ProgrammeRecord>;
  nextPointsExpiryByMember: DataLoader<string, PointsExpiryRecord | null>;
  pointsProjectionByMember: DataLoader<string, PointsProjectionRecord>;
  planByCode: DataLoader<string, MembershipPlanRecord | null>;
  couponTemplateById: DataLoader<string, CouponTemplateRecord | null>;
  benefitById: DataLoader<string, BenefitRecord | null>;
  couponById: DataLoader<string, CouponRecord | null>;
  redeemedByTemplate: DataLoader<string, number>;
  campaignCountsById: DataLoader<string, CampaignCountsRecord>;
  taskById: DataLoader<string, TaskRecord | null>;
  taskResultsById: DataLoader<string, TaskResultsRecord>;
  badgeByCode: DataLoader<string, BadgeRecord | null>;
  referralByMember: DataLoader<string, MemberReferralRecord>;
}

type WalletLoaders = Omit<WalletContext, keyof RequestContext | 'payCodeKey'>;

/**
 * The request's context with its loaders, each made when a resolver first reads it: a request reads two or three of
 * these twenty, and making all of them for every request was 1% of the wallet's CPU per checkout.
 */
export function walletContext(base: RequestContext, payCodeKey: Uint8Array): WalletContext {
  const context = { ...base, payCodeKey } as WalletContext;
  for (const [name, make] of Object.entries(walletLoaders(base.em, base.clock))) {
    Object.defineProperty(context, name, {
      configurable: true,
      enumerable: true,
      get() {
        const value: unknown = make();
        Object.defineProperty(context, name, { value, enumerable: true });
        return value;
      },
    });
  }
  return context;
}

/** How each loader is made (walletContext makes it on first use). */
function walletLoaders(em: EntityManager, clock: Clock): { [K in keyof WalletLoaders]: () => WalletLoaders[K] } {
  return {
    programme: () => {
      let programme: Promise<ProgrammeRecord> | undefined;
      return () => (programme ??= programmeInForce(em, clock.now()));
    },
    nextPointsExpiryByMember: () => new DataLoader((ids: readonly string[]) => nextExpiriesOf(em, ids, clock.now())),
    pointsProjectionByMember: () => new DataLoader((ids: readonly string[]) => projectionsOf(em, ids, clock.now())),
    planByCode: () =>
      new DataLoader(async (codes: readonly string[]) => {
        const plans = await listMembershipPlans(em, { includeInactive: true });
        return codes.map((code) => plans.find((p) => p.code === code) ?? null);
      }),
    walletByMember: () => new DataLoader((ids: readonly string[]) => walletsByMember(em, ids)),
    couponTemplateById: () => new DataLoader((ids: readonly string[]) => templatesByIds(em, ids)),
    benefitById: () => new DataLoader((ids: readonly string[]) => benefitsByIds(em, ids)),
    couponById: () => new DataLoader((ids: readonly string[]) => couponsByIds(em, ids)),
    redeemedByTemplate: () => new DataLoader((ids: readonly string[]) => redeemedOf(em, ids)),
    campaignCountsById: () => new DataLoader((ids: readonly string[]) => campaignCountsByIds(em, ids)),
    taskById: () => new DataLoader((ids: readonly string[]) => tasksByIds(em, ids)),
    taskResultsById: () => new DataLoader((ids: readonly string[]) => taskResultsByIds(em, ids)),
    badgeByCode: () => new DataLoader((codes: readonly string[]) => badgesByCodes(em, codes)),
    referralByMember: () => new DataLoader((ids: readonly string[]) => referralsOfMembers(em, ids)),
    issuerBalancesByMember: () => new DataLoader((ids: readonly string[]) => issuerBalancesByMember(em, ids)),
    transactionById: () => new DataLoader((ids: readonly string[]) => transactionsByIds(em, ids)),
    termsByMerchant: () => new DataLoader((ids: readonly string[]) => currentTermsOf(em, ids, clock.now())),
    statementsByRun: () => new DataLoader((ids: readonly string[]) => statementsOfRuns(em, ids)),
    positionsByRun: () => new DataLoader((ids: readonly string[]) => positionsOfRuns(em, ids)),
    membershipsOfMember: () =>
      new DataLoader(async (ids: readonly string[]) => {
        const rows: { member_id: string; merchant_id: string }[] = await executeSql(
          em,
          sql`select member_id, merchant_id from wallet.membership where member_id = any(${sqlArray(ids)}::uuid[])`,
        );
        return ids.map((id) => rows.filter((r) => r.member_id === id).map((r) => r.merchant_id));
      }),
  };
}

/** Runs work that scans a pay code under the caller's pay-code lock-out (paycode.ts). */
export function guardPayCodes<T>(ctx: WalletContext, caller: Claims, work: () => Promise<T>): Promise<T> {
  return ctx.lockout(PAY_CODE_LOCKOUT).guard(caller.subject, 'Too many unknown pay codes from this client', hasCode('PAY_CODE_INVALID'), work);
}

export function movementDeps(ctx: WalletContext): MovementDeps {
  return { em: ctx.em, clock: ctx.clock, payCodeKey: ctx.payCodeKey, caller: requireClaims(ctx.claims), session: ctx.session, hooks: MOVEMENT_HOOKS };
}
