/**
 * For tests of the wallet's domain functions without the hub: merchants,
 * stores and members as the wallet learns them from the other subgraphs'
 * events, with each merchant's terms, and a terminal's claims at a store.
 */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Claims } from '../../lib/auth.js';
import type { Clock } from '../../lib/clock.js';
import { applyHubEvent } from '../../subgraphs/wallet/ledger/directory/directory.js';
import { setSettlementTerms } from '../../subgraphs/wallet/ledger/terms/terms.js';
import { MOVEMENT_HOOKS } from '../../subgraphs/wallet/marketing/index.js';

export interface WalletMerchant {
  merchantId: string;
  storeId: string;
  kind?: 'BRAND' | 'ALLY';
  canIssue?: boolean;
  canAccept?: boolean;
  commissionBps?: number;
}

/** A merchant with one store and its terms (by default a brand that issues and accepts, at 150 bps). `em` gives a fresh EntityManager. */
export async function addWalletMerchant(em: () => EntityManager, clock: Clock, m: WalletMerchant): Promise<void> {
  await applyHubEvent(em(), { type: 'merchant.created', merchantId: m.merchantId, kind: m.kind ?? 'BRAND' }, clock.now());
  await applyHubEvent(em(), { type: 'store.created', storeId: m.storeId, merchantId: m.merchantId }, clock.now());
  await setSettlementTerms(em(), clock, {
    merchantId: m.merchantId,
    canIssue: m.canIssue ?? true,
    canAccept: m.canAccept ?? true,
    commissionBps: m.commissionBps ?? 150,
  });
}

/** A member registered at a store, which opens its wallet; `invitedBy`: the member whose referral code it registered with; `marketingConsent`: given then. */
export async function addWalletMember(
  em: () => EntityManager,
  clock: Clock,
  memberId: string,
  at: { merchantId: string; storeId: string; invitedBy?: string; marketingConsent?: boolean },
): Promise<void> {
  await applyHubEvent(
    em(),
    {
      type: 'member.registered',
      memberId,
      merchantId: at.merchantId,
      storeId: at.storeId,
      invitedBy: at.invitedBy,
      marketingConsent: at.marketingConsent,
    },
    clock.now(),
  );
}

/** A store terminal's claims. */
export const terminalAt = (storeId: string, merchantId: string): Claims => ({ role: 'TERMINAL', subject: `tm-${storeId}`, storeId, merchantId });

/** What a till's movement (topUp, checkout, refund) is given: its own EntityManager, the clock, the pay-code key, the terminal's claims and the hooks. */
export const tillDeps = (orm: MikroORM, clock: Clock, payCodeKey: Buffer, storeId: string, merchantId: string) => ({
  em: orm.em.fork(),
  clock,
  payCodeKey,
  caller: terminalAt(storeId, merchantId),
  hooks: MOVEMENT_HOOKS,
});

/** The code of a domain error a function threw (its GraphQL error's); anything else is rethrown, as a bug. */
export function errorCode(error: unknown): string {
  const code = (error as { extensions?: { code?: string } }).extensions?.code;
  if (!code) throw error;
  return code;
}
