/**
 * Bearer tokens: short-lived EdDSA JWTs. Only their issuers hold the private
 * keys (lib/keys.ts): the merchant subgraph signs API clients' tokens, the
 * member subgraph member sessions. Everyone else verifies with the public
 * keys the issuer publishes (JWKS, by `kid`), and accepts from each issuer
 * only the roles it may grant: a member session key cannot make an HQ
 * token, and the wallet can make none.
 *
 * Every call from the gateway to a subgraph also carries the gateway's own
 * assertion (x-unicard-gateway), signed with a key only the gateway holds
 * and valid for a minute: without it a subgraph answers nothing.
 */
import { createRemoteJWKSet, decodeJwt, jwtVerify, errors as joseErrors, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Clock } from './clock.js';
import { forbidden, unauthenticated } from './errors.js';
import { ISSUERS, type Issuer, type KeyRing } from './keys.js';

export type Role = 'HQ' | 'MERCHANT' | 'TERMINAL' | 'MEMBER' | 'SERVICE';

/**
 * Who is calling. Only the roles bound to a merchant carry its id, and only
 * a terminal carries a store: a check like `caller.merchantId === id` does
 * not compile until the role is known, so a member session can never pass
 * for its brand's back office.
 */
export type Claims =
  /** issuedAt, on every verified token: when it was issued, to the millisecond (an ended session is refused: lib/session-end.ts). */
  | { role: 'HQ'; subject: string; issuedAt?: Date }
  | { role: 'MERCHANT'; subject: string; merchantId: string; issuedAt?: Date }
  | { role: 'TERMINAL'; subject: string; merchantId: string; storeId: string; issuedAt?: Date }
  /**
   * subject: the member id. issuedAt: when the session began, to the millisecond, set on a verified token (an ended
   * session is refused: lib/session-end.ts). openedBy: the back office or HQ client that opened the session, which
   * the audit log names beside the member.
   */
  | { role: 'MEMBER'; subject: string; issuedAt?: Date; openedBy?: SessionOpener }
  /** subject: the producing service's name (event delivery). */
  | { role: 'SERVICE'; subject: string };

export type ClaimsOf<R extends Role> = Extract<Claims, { role: R }>;

/** Who opened a member session: a back office (with its merchant) or HQ. */
export interface SessionOpener {
  role: 'HQ' | 'MERCHANT';
  subject: string;
  merchantId: string | null;
}

const AUDIENCE = 'unicard-graph';
export const GATEWAY_ASSERTION_HEADER = 'x-unicard-gateway';
const SUBGRAPH_AUDIENCE = 'unicard-subgraphs';

/** Which roles each issuer may grant. */
const ROLES_OF_ISSUER: Record<Issuer, readonly Role[]> = {
  [ISSUERS.merchant]: ['HQ', 'MERCHANT', 'TERMINAL', 'SERVICE'],
  [ISSUERS.member]: ['MEMBER', 'SERVICE'],
  [ISSUERS.wallet]: ['SERVICE'],
  [ISSUERS.gateway]: [],
};

export interface SignedToken {
  token: string;
  expiresAt: Date;
}

export async function signToken(claims: Claims, keys: KeyRing, clock: Clock, ttlSeconds: number): Promise<SignedToken> {
  if (!ROLES_OF_ISSUER[keys.issuer].includes(claims.role)) throw new Error(`${keys.issuer} may not sign ${claims.role} tokens`);
  const now = clock.now().getTime();
  const issuedAt = Math.floor(now / 1000);
  const opener = claims.role === 'MEMBER' ? claims.openedBy : undefined;
  const token = await keys.sign(
    {
      role: claims.role,
      mid: 'merchantId' in claims ? claims.merchantId : undefined,
      sid: 'storeId' in claims ? claims.storeId : undefined,
      // The instant to the millisecond (iat has seconds): a session opened just after the member's sessions ended is not ended with them.
      ims: now,
      // RFC 8693's actor claim: who acts through this member session.
      act: opener ? { sub: opener.subject, role: opener.role, mid: opener.merchantId ?? undefined } : undefined,
    },
    { subject: claims.subject, audience: AUDIENCE, issuedAt, ttlSeconds },
  );
  return { token, expiresAt: new Date((issuedAt + ttlSeconds) * 1000) };
}

/** The gateway's assertion for subgraph calls: short-lived, made anew every half of its life, not per request. */
export function gatewayAssertions(keys: KeyRing, clock: Clock, ttlSeconds = 60): () => Promise<string> {
  let current: { token: string; renewAt: number } | undefined;
  return async () => {
    const now = clock.now().getTime();
    if (!current || now >= current.renewAt) {
      const issuedAt = Math.floor(now / 1000);
      current = {
        token: await keys.sign({}, { subject: 'gateway', audience: SUBGRAPH_AUDIENCE, issuedAt, ttlSeconds }),
        renewAt: now + (ttlSeconds * 1000) / 2,
      };
    }
    return current.token;
  };
}

/** A member session's opener, from the token's `act` claim; anything malformed is no opener. */
function openerOf(act: unknown): SessionOpener | undefined {
  if (typeof act !== 'object' || act === null) return undefined;
  const { sub, role, mid } = act as Record<string, unknown>;
  if (typeof sub !== 'string' || (role !== 'HQ' && role !== 'MERCHANT')) return undefined;
  return { role, subject: sub, merchantId: typeof mid === 'string' ? mid : null };
}

/** When a token was issued, to the millisecond if it says so. */
function issuedAtOf(payload: JWTPayload): Date {
  if (typeof payload.ims === 'number' && Number.isSafeInteger(payload.ims)) return new Date(payload.ims);
  return new Date((typeof payload.iat === 'number' ? payload.iat : 0) * 1000);
}

/** A token's claims, complete for its role, or UNAUTHENTICATED. */
function claimsOf(payload: JWTPayload): Claims {
  const { role, sub: subject, mid: merchantId, sid: storeId } = payload;
  const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);
  const sub = text(subject);
  const mid = text(merchantId);
  const sid = text(storeId);
  if (!sub) throw unauthenticated('Token has no subject');
  switch (role) {
    case 'HQ':
      return { role, subject: sub, issuedAt: issuedAtOf(payload) };
    case 'SERVICE':
      return { role, subject: sub };
    case 'MEMBER': {
      const openedBy = openerOf(payload.act);
      return { role, subject: sub, issuedAt: issuedAtOf(payload), ...(openedBy ? { openedBy } : {}) };
    }
    case 'MERCHANT':
      if (mid) return { role, subject: sub, merchantId: mid, issuedAt: issuedAtOf(payload) };
      break;
    case 'TERMINAL':
      if (mid && sid) return { role, subject: sub, merchantId: mid, storeId: sid, issuedAt: issuedAtOf(payload) };
      break;
  }
  throw unauthenticated('Token has no valid role');
}

/**
 * Verifies tokens against the issuers' published keys. A key set is fetched
 * when first needed and again when a token names a key not seen yet (a
 * rotation), at most every `cooldownSeconds`; it is kept `cacheSeconds`.
 */
export class TokenVerifier {
  private readonly keySets = new Map<string, JWTVerifyGetKey>();
  /**
   * Tokens already verified, by their text: a till or a session sends the
   * same token for minutes, and the gateway's assertion is the same for 30 s,
   * so a signature is checked once, not on every request. An entry lasts
   * until the token expires, and no longer than a key set is kept (at most a
   * minute), so a retired key's tokens stop working as soon as they would
   * without it.
   */
  private readonly verifiedTokens = new Map<string, { issuer: Issuer; payload: JWTPayload; until: number }>();
  private readonly rememberMs: number;
  private static readonly REMEMBER_AT_MOST = 10_000;

  constructor(
    jwksUrls: Partial<Record<Issuer, string>>,
    private readonly clock: Clock,
    opts: { cacheSeconds?: number; cooldownSeconds?: number } = {},
  ) {
    this.rememberMs = Math.min(60_000, (opts.cacheSeconds ?? 300) * 1000);
    for (const [issuer, url] of Object.entries(jwksUrls)) {
      if (!url) continue;
      this.keySets.set(
        issuer,
        createRemoteJWKSet(new URL(url), {
          cacheMaxAge: (opts.cacheSeconds ?? 300) * 1000,
          cooldownDuration: (opts.cooldownSeconds ?? 2) * 1000,
          timeoutDuration: 3000,
        }),
      );
    }
  }

  /** Each issuer's key set at its base URL (MERCHANT_URL, MEMBER_URL, WALLET_URL, GATEWAY_URL) + /.well-known/jwks.json. */
  static fromEnv(clock: Clock, env: NodeJS.ProcessEnv = process.env): TokenVerifier {
    const url = (base: string | undefined) => (base ? new URL('/.well-known/jwks.json', base).toString() : undefined);
    const cacheSeconds = env.UNICARD_JWKS_CACHE_SECONDS ? Number(env.UNICARD_JWKS_CACHE_SECONDS) : undefined;
    return new TokenVerifier(
      {
        [ISSUERS.merchant]: url(env.MERCHANT_URL),
        [ISSUERS.member]: url(env.MEMBER_URL),
        [ISSUERS.wallet]: url(env.WALLET_URL),
        [ISSUERS.gateway]: url(env.GATEWAY_URL),
      },
      clock,
      { cacheSeconds },
    );
  }

  private async verified(token: string, audience: string): Promise<{ issuer: Issuer; payload: JWTPayload }> {
    const now = this.clock.now().getTime();
    const remembered = this.verifiedTokens.get(`${audience} ${token}`);
    if (remembered && remembered.until > now) return remembered;
    const result = await this.verifiedNow(token, audience);
    if (this.verifiedTokens.size >= TokenVerifier.REMEMBER_AT_MOST) this.verifiedTokens.delete(this.verifiedTokens.keys().next().value!);
    const expires = typeof result.payload.exp === 'number' ? result.payload.exp * 1000 : now;
    this.verifiedTokens.set(`${audience} ${token}`, { ...result, until: Math.min(expires, now + this.rememberMs) });
    return result;
  }

  private async verifiedNow(token: string, audience: string): Promise<{ issuer: Issuer; payload: JWTPayload }> {
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw unauthenticated('Token is not valid');
    }
    const keySet = typeof issuer === 'string' ? this.keySets.get(issuer) : undefined;
    if (!keySet) throw unauthenticated('Token is not valid');
    try {
      const { payload } = await jwtVerify(token, keySet, { issuer: issuer as string, audience, algorithms: ['EdDSA'], currentDate: this.clock.now() });
      return { issuer: issuer as Issuer, payload };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('Token expired');
      // An issuer that cannot be reached is an outage (retryable), not a bad token.
      if (error instanceof joseErrors.JWKSTimeout || !(error instanceof joseErrors.JOSEError)) throw error;
      throw unauthenticated('Token is not valid');
    }
  }

  async verify(token: string): Promise<Claims> {
    const { issuer, payload } = await this.verified(token, AUDIENCE);
    const claims = claimsOf(payload);
    if (!ROLES_OF_ISSUER[issuer].includes(claims.role)) throw unauthenticated('Token is not valid');
    return claims;
  }

  /** Passes a valid gateway assertion; anything else is UNAUTHENTICATED. */
  async verifyGatewayAssertion(token: string | undefined): Promise<void> {
    if (!token) throw unauthenticated('Subgraphs answer the gateway only');
    const { issuer } = await this.verified(token, SUBGRAPH_AUDIENCE);
    if (issuer !== ISSUERS.gateway) throw unauthenticated('Subgraphs answer the gateway only');
  }
}

/** Reads "Authorization: Bearer x" into claims; null when absent. Throws on a bad token. */
export async function claimsFromHeader(header: string | undefined, verifier: TokenVerifier): Promise<Claims | null> {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthenticated('Authorization must be "Bearer <token>"');
  return verifier.verify(match[1]!);
}

export function requireClaims(claims: Claims | null): Claims {
  if (!claims) throw unauthenticated();
  return claims;
}

/**
 * Reading one thing by id (docs/access.md): the caller gets it if it may see it; otherwise FORBIDDEN whether or
 * not it exists, so that an id tells nobody what exists beyond what it may see. Only a caller that may see every such
 * thing (HQ, `seesAll`) learns that one does not exist, as null.
 */
export function readableById<T>(record: T | null | undefined, canSee: (record: T) => boolean, seesAll: boolean): T | null {
  if (record != null && canSee(record)) return record;
  if (record == null && seesAll) return null;
  throw forbidden('Not yours to see, or not there');
}

export function requireRole<R extends Role>(claims: Claims | null, ...roles: R[]): ClaimsOf<R> {
  const caller = requireClaims(claims);
  if (!(roles as Role[]).includes(caller.role)) throw forbidden();
  return caller as ClaimsOf<R>;
}

/** The member a member session acts for, on its own things only: naming another member is refused, never ignored. */
export function ownMemberId(caller: ClaimsOf<'MEMBER'>, named: string | null | undefined, refusal: string): string {
  if (named != null && named.toLowerCase() !== caller.subject) throw forbidden(refusal);
  return caller.subject;
}

/**
 * A member's pseudonymous facts (masked name, tier): any coalition caller
 * but another member (docs/access.md). One rule, for the member
 * subgraph's fields and the wallet's alike.
 */
export function requirePseudonymousAccess(claims: Claims | null, memberId: string): void {
  const caller = requireClaims(claims);
  if (caller.role === 'MEMBER' && caller.subject !== memberId) throw forbidden();
}

/** The merchant a MERCHANT or TERMINAL caller is bound to. */
export function merchantOf(claims: Claims): string {
  if (claims.role !== 'MERCHANT' && claims.role !== 'TERMINAL') throw forbidden('Caller is not bound to a merchant');
  return claims.merchantId;
}
