import { requireClaims } from '../../../lib/auth.js';
import { forbidden } from '../../../lib/errors.js';
import type { MerchantResolvers } from '../generated/resolvers.js';

export const Merchant: MerchantResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  settlementTerms: (merchant, _, ctx) => {
    const caller = requireClaims(ctx.claims);
    // Commercial terms: HQ and the merchant's own back office; not its terminals, members or other merchants.
    if (caller.role !== 'HQ' && !(caller.role === 'MERCHANT' && caller.merchantId === merchant.id))
      throw forbidden('Terms are visible to HQ and the merchant itself');
    return ctx.termsByMerchant.load(merchant.id);
  },
};
