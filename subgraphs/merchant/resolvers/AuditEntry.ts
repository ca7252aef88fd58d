import type { AuditEntryResolvers, Role } from '../generated/resolvers.js';
import type { MerchantContext } from '../context.js';

async function actor(ctx: MerchantContext, role: string, id: string, merchantId: string | null) {
  // Audited mutations are a person's (lib/auth.ts requireRole); a SERVICE never makes one.
  return { role: role as Role, id, merchant: merchantId ? await ctx.merchantById.load(merchantId) : null };
}

export const AuditEntry: AuditEntryResolvers = {
  actor: (entry, _, ctx) => actor(ctx, entry.actorRole, entry.actorId, entry.actorMerchantId),
  openedBy: (entry, _, ctx) => (entry.openedBy ? actor(ctx, entry.openedBy.role, entry.openedBy.id, entry.openedBy.merchantId) : null),
};
