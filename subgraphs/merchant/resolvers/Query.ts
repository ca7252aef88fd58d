import { requireClaims, requireRole } from '../../../lib/auth.js';
import { listAuditEntries } from '../audit/index.js';
import type { QueryResolvers } from '../generated/resolvers.js';
import { MerchantEntity } from '../participant/index.js';
import { UUID, requireUuid } from '../../../lib/ids.js';
import { forbidden } from '../../../lib/errors.js';
import { apiClientsOf } from '../access/index.js';

/** Participants are public within the coalition: any authenticated caller may read names and stores. The audit log is HQ's. */
export const Query: QueryResolvers = {
  merchants: async (_, __, ctx) => {
    const caller = requireClaims(ctx.claims);
    if (caller.role === 'HQ') return ctx.em.find(MerchantEntity, {}, { orderBy: { createdAt: 'asc', id: 'asc' } });
    return caller.role === 'MERCHANT' || caller.role === 'TERMINAL' ? ctx.em.find(MerchantEntity, { id: caller.merchantId }) : [];
  },
  merchant: (_, { id }, ctx) => (requireClaims(ctx.claims) && UUID.test(id) ? ctx.merchantById.load(id.toLowerCase()) : null),
  store: (_, { id }, ctx) => (requireClaims(ctx.claims) && UUID.test(id) ? ctx.storeById.load(id.toLowerCase()) : null),
  apiClients: (_, { merchantId }, ctx) => {
    const caller = requireRole(ctx.claims, 'HQ', 'MERCHANT');
    const named = merchantId == null ? null : requireUuid(merchantId, 'merchantId');
    if (caller.role === 'MERCHANT') {
      if (named !== null && named !== caller.merchantId) throw forbidden("A back office lists its own merchant's clients only");
      return apiClientsOf(ctx.em, caller.merchantId);
    }
    return apiClientsOf(ctx.em, named);
  },
  auditLog: (_, { first, after, action, subjectId }, ctx) => {
    requireRole(ctx.claims, 'HQ');
    return listAuditEntries(ctx.em, { first: first ?? 50, after, action, subjectId });
  },
};
