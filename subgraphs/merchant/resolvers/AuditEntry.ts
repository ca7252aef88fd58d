import type { AuditEntryResolvers, Role } from '../generated/resolvers.js';

export const AuditEntry: AuditEntryResolvers = {
  actor: async (entry, _, ctx) => ({
    // Audited mutations are a person's (lib/auth.ts requireRole); a SERVICE never makes one.
    role: entry.actorRole as Role,
    id: entry.actorId,
    merchant: entry.actorMerchantId ? await ctx.merchantById.load(entry.actorMerchantId) : null,
  }),
};
