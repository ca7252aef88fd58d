/**
 * Bearer tokens: short-lived HS256 JWTs signed with UNICARD_JWT_SECRET, which
 * every process shares. The gateway verifies them, forwards them, and each
 * subgraph verifies them again (defence in depth).
 */
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { Clock } from './clock.js';
import { forbidden, unauthenticated } from './errors.js';

export type Role = 'HQ' | 'MERCHANT' | 'TERMINAL' | 'MEMBER' | 'SERVICE';

/** Who is calling. merchantId/storeId are set for the roles bound to them. */
export interface Claims {
  role: Role;
  /** API client id (HQ, MERCHANT, TERMINAL), member id (MEMBER) or service name. */
  subject: string;
  merchantId?: string;
  storeId?: string;
}

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
  const token = await new SignJWT({ role: claims.role, mid: claims.merchantId, sid: claims.storeId })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(claims.subject)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .sign(key);
  return { token, expiresAt };
}

const ROLES = new Set<string>(['HQ', 'MERCHANT', 'TERMINAL', 'MEMBER', 'SERVICE']);

export async function verifyToken(token: string, key: Uint8Array, clock: Clock): Promise<Claims> {
  try {
    const { payload } = await jwtVerify(token, key, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      currentDate: clock.now(),
    });
    const role = payload.role;
    if (typeof role !== 'string' || !ROLES.has(role) || !payload.sub) throw unauthenticated('Token has no valid role');
    return {
      role: role as Role,
      subject: payload.sub,
      merchantId: typeof payload.mid === 'string' ? payload.mid : undefined,
      storeId: typeof payload.sid === 'string' ? payload.sid : undefined,
    };
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

export function requireRole(claims: Claims | null, ...roles: Role[]): Claims {
  const caller = requireClaims(claims);
  if (!roles.includes(caller.role)) throw forbidden();
  return caller;
}

/** The merchant a MERCHANT or TERMINAL caller is bound to. */
export function merchantOf(claims: Claims): string {
  if (!claims.merchantId) throw forbidden('Caller is not bound to a merchant');
  return claims.merchantId;
}
