/**
 * API clients: credentials of HQ, merchant back offices and store terminals.
 * The secret is random (256 bits), shown once and stored as a SHA-256 hash:
 * with that much entropy a slow password hash would add latency, not safety.
 */
import { executeSql, sql } from '../../../lib/sql.js';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { EntitySchema, type EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../../lib/clock.js';
import { signToken, type Claims, type SignedToken } from '../../../lib/auth.js';
import type { KeyRing } from '../../../lib/keys.js';
import { notFound, unauthenticated, userInputError } from '../../../lib/errors.js';
import { MerchantEntity, cleanName, StoreEntity } from '../participant/index.js';
import { requireUuid } from '../../../lib/ids.js';
import { endSessions } from '../../../lib/session-end.js';

export type ApiClientKind = 'HQ' | 'MERCHANT' | 'TERMINAL';

export class ApiClientRecord {
  id!: string;
  kind!: ApiClientKind;
  label!: string;
  merchantId?: string | null;
  storeId?: string | null;
  secretHash!: string;
  createdAt!: Date;
  revokedAt?: Date | null;
}

export const ApiClientEntity = new EntitySchema<ApiClientRecord>({
  class: ApiClientRecord,
  name: 'ApiClient',
  tableName: 'api_client',
  properties: {
    id: { type: 'text', primary: true },
    kind: { type: 'text' },
    label: { type: 'text' },
    merchantId: { type: 'uuid', nullable: true },
    storeId: { type: 'uuid', nullable: true },
    secretHash: { type: 'text' },
    createdAt: { type: 'datetime' },
    revokedAt: { type: 'datetime', nullable: true },
  },
});

/** Tokens are short-lived: a leaked one is worth little, and terminals re-authenticate cheaply. */
export const TOKEN_TTL_SECONDS = 15 * 60;

/**
 * Ten wrong secrets for one client id within fifteen minutes lock that id
 * out for fifteen. (A secret has 256 bits: this is against noise and against
 * filling logs, not a real chance of guessing.)
 */
export const LOGIN_LOCKOUT = { name: 'login', maxFailures: 10, windowSeconds: 900, lockSeconds: 900 };

const PREFIX: Record<ApiClientKind, string> = { HQ: 'hq', MERCHANT: 'mc', TERMINAL: 'tm' };

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export interface NewApiClient {
  clientId: string;
  clientSecret: string;
  kind: ApiClientKind;
  label: string;
}

/**
 * How many live (unrevoked) clients one merchant may have: UNICARD_MAX_CLIENTS_PER_MERCHANT, default 200 (a back office
 * or two and a till per store of a large chain). Every client has a rate-limit budget of its own: minting them must
 * not be a way to more.
 */
export const maxClientsPerMerchant = () => Number(process.env.UNICARD_MAX_CLIENTS_PER_MERCHANT ?? 200);

export async function createApiClient(
  em: EntityManager,
  clock: Clock,
  input: { kind: ApiClientKind; merchantId?: string | null; storeId?: string | null; label: string },
): Promise<NewApiClient> {
  const label = cleanName(input.label, 'label');
  let merchantId: string | null = null;
  let storeId: string | null = null;
  if (input.kind !== 'HQ') {
    if (!input.merchantId) throw userInputError(`${input.kind} clients need a merchantId`, 'merchantId');
    merchantId = requireUuid(input.merchantId, 'merchantId');
    if (!(await em.findOne(MerchantEntity, { id: merchantId }))) throw notFound('Merchant');
  } else if (input.merchantId || input.storeId) {
    throw userInputError('HQ clients belong to no merchant or store', input.merchantId ? 'merchantId' : 'storeId');
  }
  if (input.kind === 'TERMINAL') {
    if (!input.storeId) throw userInputError('TERMINAL clients need a storeId', 'storeId');
    storeId = requireUuid(input.storeId, 'storeId');
    const store = await em.findOne(StoreEntity, { id: storeId });
    if (!store || store.merchantId !== merchantId) throw notFound('Store of that merchant');
  } else if (input.kind === 'MERCHANT' && input.storeId) {
    throw userInputError('MERCHANT clients are not bound to a store', 'storeId');
  }
  if (merchantId) {
    // Counted under a lock on the merchant, so that clients created at once cannot pass the limit together.
    await executeSql(em, sql`select pg_advisory_xact_lock(hashtext(${`api-clients:${merchantId}`}))`);
    const [counted] = await executeSql<{ n: number }>(
      em,
      sql`select count(*)::int as n from merchant.api_client where merchant_id = ${merchantId} and revoked_at is null`,
    );
    if (counted!.n >= maxClientsPerMerchant())
      throw userInputError(`at most ${maxClientsPerMerchant()} live clients per merchant; revoke one first`, 'merchantId');
  }
  const clientId = `${PREFIX[input.kind]}_${randomBytes(9).toString('base64url')}`;
  const clientSecret = randomBytes(32).toString('base64url');
  em.create(ApiClientEntity, { id: clientId, kind: input.kind, label, merchantId, storeId, secretHash: hashSecret(clientSecret), createdAt: clock.now() });
  await em.flush();
  return { clientId, clientSecret, kind: input.kind, label };
}

/** A merchant's clients (or HQ's, merchantId null), newest first. */
export async function apiClientsOf(em: EntityManager, merchantId: string | null): Promise<ApiClientRecord[]> {
  return em.find(ApiClientEntity, merchantId ? { merchantId } : { kind: 'HQ' }, { orderBy: { createdAt: 'desc', id: 'asc' } });
}

/**
 * Revokes a client: it cannot sign in again, and every token it holds is refused from now on in every subgraph
 * (lib/session-end.ts). Revoking a revoked client again answers as the first time.
 */
export async function revokeApiClient(em: EntityManager, clock: Clock, client: ApiClientRecord): Promise<ApiClientRecord> {
  if (client.revokedAt) return client;
  const rows: { revoked_at: Date }[] = await executeSql(
    em,
    sql`update merchant.api_client set revoked_at = ${clock.now()} where id = ${client.id} and revoked_at is null returning revoked_at`,
  );
  if (rows[0]) await endSessions(em, 'merchant', clock, client.id, 'CLIENT_REVOKED');
  return { ...client, revokedAt: rows[0] ? new Date(rows[0].revoked_at) : client.revokedAt };
}

/** The claims a client's token carries; its database row must be complete for its kind (CHECK constraints hold that). */
function claimsOfClient(client: ApiClientRecord): Claims {
  if (client.kind === 'HQ') return { role: 'HQ', subject: client.id };
  if (client.kind === 'MERCHANT' && client.merchantId) return { role: 'MERCHANT', subject: client.id, merchantId: client.merchantId };
  if (client.kind === 'TERMINAL' && client.merchantId && client.storeId)
    return { role: 'TERMINAL', subject: client.id, merchantId: client.merchantId, storeId: client.storeId };
  throw new Error(`API client ${client.id} is incomplete for its kind`);
}

export async function authenticate(
  em: EntityManager,
  clock: Clock,
  keys: KeyRing,
  clientId: string,
  clientSecret: string,
): Promise<SignedToken & { role: ApiClientKind }> {
  const client = await em.findOne(ApiClientEntity, { id: clientId });
  // Compare against a dummy hash when the client is unknown so timing does not reveal which ids exist.
  const expected = Buffer.from(client?.secretHash ?? hashSecret('unknown-client'), 'hex');
  const given = Buffer.from(hashSecret(clientSecret), 'hex');
  if (!client || client.revokedAt || !timingSafeEqual(expected, given)) throw unauthenticated('Unknown client or wrong secret');
  const claims = claimsOfClient(client);
  const signed = await signToken(claims, keys, clock, TOKEN_TTL_SECONDS);
  return { ...signed, role: client.kind };
}
