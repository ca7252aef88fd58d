/**
 * The rewards catalogue (积分商城): templates with a points price, which a
 * member buys with points. The exchange is a value movement like a checkout:
 *   Dr MEMBER_POINTS (lots, soonest-expiring first) /
 *   Cr POINTS_BURNED at the template's owner (settled as points it redeemed,
 *      at its burn rate) or, for HQ's templates, Cr POINTS_EXCHANGED (HQ's)
 * and the coupon issued with it, under the template's budget and the
 * member's limit. Idempotent per session and key.
 */
import { executeSql, sql, trustedSql } from '../../../../lib/sql.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requireRole } from '../../../../lib/auth.js';
import { domainError, notFound } from '../../../../lib/errors.js';
import { requireUuid } from '../../../../lib/ids.js';
import {
  recordMovement,
  type Posting,
  NO_DETAILS,
  type TransactionRecord,
  ledgerOf,
  walletAfter,
  type MovementDeps,
  termsInForce,
  requireSpendable,
  type WalletRecord,
} from '../../ledger/index.js';
import { memberPointsPostings, earningYearOf, PointsPurse } from '../../programme/index.js';
import { issueToSelection, validityOf } from './coupon-issuance.js';
import { lockTemplate, TEMPLATE_SELECT, toTemplate, type CouponTemplateRecord } from './coupon-template.js';

export interface ExchangePointsInput {
  templateId: string;
  idempotencyKey: string;
}

/** The coupon is the transaction's (couponId), resolved by the payload's resolver. */
export interface ExchangePointsResult {
  transaction: TransactionRecord;
  wallet: WalletRecord;
}

export interface CatalogueItemRecord {
  template: CouponTemplateRecord;
  pointsPrice: bigint;
  remaining: number;
}

/** What can be bought with points now: priced, still valid, with coupons left. */
export async function rewardsCatalogue(em: EntityManager, now: Date): Promise<CatalogueItemRecord[]> {
  const rows: Parameters<typeof toTemplate>[0][] = await executeSql(
    em,
    sql`select ${trustedSql(TEMPLATE_SELECT)} from wallet.coupon_template t
     where t.points_price is not null and t.issued < t.budget and (t.valid_until is null or t.valid_until > ${now})
     order by t.points_price, t.created_at, t.id limit 200`,
  );
  return rows.map(toTemplate).map((template) => ({ template, pointsPrice: template.pointsPrice!, remaining: template.budget - template.issued }));
}

export async function exchangePoints(deps: MovementDeps, input: ExchangePointsInput): Promise<ExchangePointsResult> {
  const caller = requireRole(deps.caller, 'MEMBER');
  const templateId = requireUuid(input.templateId, 'templateId');
  const ledger = ledgerOf(deps);
  return recordMovement(
    ledger,
    { operation: 'exchangePoints', caller, idempotencyKey: input.idempotencyKey, input: { templateId } },
    {
      replay: async (em, prior) => ({ transaction: prior, wallet: await walletAfter(em, prior) }),
      async prepare(_em, occurredAt) {
        return { memberId: caller.subject, occurredAt };
      },
      // Its points lots locked with the wallet (a lot is only ever locked under its wallet's lock, so before the template).
      lotsToHold: () => ({ pointsLots: true }),
      async plan(em, { occurredAt }, holder, _alongside, lots) {
        requireSpendable(holder);
        // After the wallet's lock, as every movement takes them: wallet, then template.
        const template = await lockTemplate(em, templateId);
        if (!template || template.pointsPrice === null) throw notFound('Catalogue item');
        if (template.issued >= template.budget) throw domainError('BUDGET_EXHAUSTED', 'No coupons of this item are left');
        if (validityOf(template, occurredAt).validUntil <= occurredAt) throw domainError('COUPON_EXPIRED', 'This item is no longer valid');
        const price = template.pointsPrice;
        const purse = new PointsPurse(lots.pointsLots ?? [], holder.pointsBalance, occurredAt);
        if (price > purse.spendable()) throw domainError('INSUFFICIENT_POINTS', `This item costs ${price} points`);
        purse.burn(price);
        const { issued, couponIds } = await issueToSelection(em, template, sql`select ${holder.memberId}::uuid as member_id`, 'EXCHANGE', occurredAt);
        if (issued === 0)
          throw domainError('COUPON_NOT_APPLICABLE', `A member may hold at most ${template.perMemberLimit} of this coupon`, { field: 'templateId' });
        const postings: Posting[] = template.ownerId
          ? [
              {
                account: 'POINTS_BURNED',
                merchantId: template.ownerId,
                lotId: null,
                pointsRate: (await termsInForce(em, template.ownerId, occurredAt)).burnValuePer100Points,
                amount: -price,
              },
            ]
          : [{ account: 'POINTS_EXCHANGED', merchantId: null, lotId: null, amount: -price }];
        const member = memberPointsPostings(purse, earningYearOf(occurredAt, ledger.timeZone));
        return {
          header: { ...NO_DETAILS, kind: 'POINTS_EXCHANGE', pointsUsed: price, couponId: couponIds[0]! },
          postings: [...postings, ...member.postings],
          earningYearLot: member.earningYearLot,
        };
      },
      answer: (transaction, holder) => ({ transaction, wallet: holder }),
    },
  );
}
