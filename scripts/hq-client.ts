/**
 * Creates an HQ API client straight in the merchant schema: how the first HQ
 * credential comes to exist (`npm run create-hq-client`). The secret is
 * printed once; only its hash is stored.
 */
import { systemClock, type Clock } from '../lib/clock.js';
import { connectionName, createOrm, migrate, requireDatabaseUrl } from '../lib/database.js';
import { merchantMigrations } from '../migrations/merchant/index.js';
import { createApiClient, type NewApiClient } from '../subgraphs/merchant/access/index.js';
import { merchantEntities } from '../subgraphs/merchant/index.js';

export async function createHqClient(databaseUrl: string, label = 'Headquarters', clock: Clock = systemClock): Promise<NewApiClient> {
  const orm = await createOrm({
    url: databaseUrl,
    schema: 'merchant',
    entities: merchantEntities,
    migrations: merchantMigrations,
    poolSize: 1,
    applicationName: connectionName('hq-client'),
  });
  try {
    // A new database is migrated first; one a hub already serves (every test file's) is asked on this connection only,
    // without migrate's lock and its connection.
    if ((await orm.getMigrator().getPendingMigrations()).length > 0) await migrate(orm, 'merchant');
    return await createApiClient(orm.em.fork(), clock, { kind: 'HQ', label });
  } finally {
    await orm.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const client = await createHqClient(requireDatabaseUrl(), process.argv[2] ?? 'Headquarters');
  console.log(JSON.stringify({ clientId: client.clientId, clientSecret: client.clientSecret }, null, 2));
  console.log('Keep the secret now: it is not stored and cannot be shown again.');
}
