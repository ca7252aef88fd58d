import { ISSUERS, KeyRing } from '../../lib/keys.js';
import type { SubgraphDefinition } from '../../lib/subgraph.js';
import { WALLET_MIGRATIONS } from '../../migrations/wallet/names.js';
import { walletContext, type WalletContext } from './context.js';
import { applyHubEvent, JOBS_SCHEMA, PAY_CODE_LOCKOUT } from './ledger/index.js';
import { queueFollowUp, startWebhookDelivery } from './marketing/index.js';
import { resolvers } from './resolvers/index.js';
import { migrateWalletJobs, startWalletJobs } from './jobs/jobs.js';

/** Pay codes are stored as an HMAC with a secret only the wallet holds (UNICARD_PAYCODE_SECRET). */
export function payCodeKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Uint8Array {
  const secret = env.UNICARD_PAYCODE_SECRET;
  if (!secret || secret.length < 32) throw new Error('UNICARD_PAYCODE_SECRET must be set to at least 32 characters (the wallet only; npm start makes one)');
  return new TextEncoder().encode(secret);
}

export function walletSubgraph(env: NodeJS.ProcessEnv = process.env): SubgraphDefinition<WalletContext> {
  const payCodeKey = payCodeKeyFromEnv(env);
  return {
    // Its key signs only its event deliveries (lib/keys.ts).
    keys: KeyRing.fromEnv(ISSUERS.wallet, env),
    name: 'wallet',
    entities: [],
    migrations: { names: WALLET_MIGRATIONS, load: async () => (await import('../../migrations/wallet/index.js')).walletMigrations },
    resolvers: resolvers as SubgraphDefinition<WalletContext>['resolvers'],
    extendContext: (base) => walletContext(base, payCodeKey),
    // At the instant the member subgraph recorded it (its clock): a wallet opens when its member registered.
    // A member registering or joining a merchant may be reached by REGISTERED campaigns for that instant: queued in the
    // same transaction, run beside the registration (marketing/follow-up/after-movement.ts).
    onEvent: async (em, event, occurredAt) => {
      await applyHubEvent(em, event, occurredAt);
      if (event.type === 'member.registered' || event.type === 'member.joined') {
        await queueFollowUp(em, { memberId: event.memberId, triggers: ['REGISTERED'], merchantId: event.merchantId, at: occurredAt.toISOString() });
      }
    },
    // A terminal's unknown pay codes, read with its session's check (ledger/paycode/paycode.ts).
    callerLockouts: [PAY_CODE_LOCKOUT],
    // graphile-worker's queue, migrated by the owner with the wallet's schema.
    otherSchemas: [{ schema: JOBS_SCHEMA, migrate: migrateWalletJobs }],
    // The scheduled jobs, and the webhook deliveries' sender.
    background: async (deps) => {
      const jobs = await startWalletJobs(deps);
      const webhooks = startWebhookDelivery(deps.orm, deps.clock, deps.log.child({ component: 'webhooks' }));
      return { stop: async () => void (await Promise.all([jobs.stop(), webhooks.stop()])), clockMoved: jobs.clockMoved };
    },
  };
}
