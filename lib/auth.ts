/**
 * Bearer tokens: short-lived HS256 JWTs signed with UNICARD_JWT_SECRET, which
 * every process shares. The gateway verifies them, forwards them, and each
 * subgraph verifies them again (defence in depth).
 */
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { Clock } from './clock.js';
import { forbidden, unauthenticated } from './errors.js';

export type Role = 'HQ' | 'MERCHANT' | 'TERMINAL' | 'MEMBER' | 'SERVICE';

/**
 * Who is calling. Only the roles bound to a merchant carry its id, and only
 * a terminal carries a store: a check like `caller.merchantId === id` does
 * not compile until the role is known, so a member session can never pass
 * for its brand's back office.
 */
export type Claims =
  | { role: 'HQ'; subject: string }
  | { role: 'MERCHANT'; subject: string; merchantId: string }
  | { role: 'TERMINAL'; subject: string; merchantId: string; storeId: string }
  /** subject: the member id. */
  | { role: 'MEMBER'; subject: string }
  /** subject: the producing service's name (event delivery). */
  | { role: 'SERVICE'; subject: string };

export type ClaimsOf<R extends Role> = Extract<Claims, { role: R }>;

const ISSUER = 'unicard';
const AUDIENCE = 'unicard-graph';

export function jwtKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Uint8Array {
  const secret = env.UNICARD_JWT_SECRET;
  if (!secret || secret.length < 32) throw new Error('UNICARD_JWT_SECRET must be set to at least 32 characters');
  return new TextEncoder().encode(secret);
}

export interface SignedToken {
  token: string;
  expiresAt: Date;
}

export async function signToken(claims: Claims, key: Uint8Array, clock: Clock, ttlSeconds: number): Promise<SignedToken> {
  const issuedAt = Math.floor(clock.now().getTime() / 1000);
  const expiresAt = new Date((issuedAt + ttlSeconds) * 1000);
  const token = await new SignJWT({ role: claims.role, mid: 'merchantId' in claims ? claims.merchantId : undefined, sid: 'storeId' in claims ? claims.storeId : undefined })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(claims.subject)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .sign(key);
  return { token, expiresAt };
}

/** A token's claims, complete for its role, or UNAUTHENTICATED. */
function claimsOf(role: unknown, subject: unknown, merchantId: unknown, storeId: unknown): Claims {
  const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);
  const sub = text(subject);
  const mid = text(merchantId);
  const sid = text(storeId);
  if (!sub) throw unauthenticated('Token has no subject');
  switch (role) {
    case 'HQ':
    case 'MEMBER':
    case 'SERVICE':
      return { role, subject: sub };
    case 'MERCHANT':
      if (mid) return { role, subject: sub, merchantId: mid };
      break;
    case 'TERMINAL':
      if (mid && sid) return { role, subject: sub, merchantId: mid, storeId: sid };
      break;
  }
  throw unauthenticated('Token has no valid role');
}

export async function verifyToken(token: string, key: Uint8Array, clock: Clock): Promise<Claims> {
  try {
    const { payload } = await jwtVerify(token, key, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      currentDate: clock.now(),
    });
    return claimsOf(payload.role, payload.sub, payload.mid, payload.sid);
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw unauthenticated('Token expired');
    if (error instanceof joseErrors.JOSEError) throw unauthenticated('Token is not valid');
    throw error;
  }
}

/** Reads "Authorization: Bearer x" into claims; null when absent. Throws on a bad token. */
export async function claimsFromHeader(header: string | undefined, key: Uint8Array, clock: Clock): Promise<Claims | null> {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthenticated('Authorization must be "Bearer <token>"');
  return verifyToken(match[1]!, key, clock);
}

export function requireClaims(claims: Claims | null): Claims {
  if (!claims) throw unauthenticated();
  return claims;
}

export function requireRole<R extends Role>(claims: Claims | null, ...roles: R[]): ClaimsOf<R> {
  const caller = requireClaims(claims);
  if (!(roles as Role[]).includes(caller.role)) throw forbidden();
  return caller as ClaimsOf<R>;
}

/** The merchant a MERCHANT or TERMINAL caller is bound to. */
export function merchantOf(claims: Claims): string {
  if (claims.role !== 'MERCHANT' && claims.role !== 'TERMINAL') throw forbidden('Caller is not bound to a merchant');
  return claims.merchantId;
}
