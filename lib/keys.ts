/**
 * Signing keys. Every process signs something, each with Ed25519 keys only
 * it holds: the merchant subgraph (API clients' tokens: HQ, MERCHANT,
 * TERMINAL), the member subgraph (MEMBER sessions), the gateway (the
 * short-lived assertion every subgraph call carries) and the wallet, whose
 * key signs nothing but its event deliveries (SERVICE), as the other two
 * subgraphs' keys also do. Each publishes its public keys at
 * `/.well-known/jwks.json`; verifiers fetch them and pick a key by `kid`.
 *
 * A key file (UNICARD_SIGNING_KEYS) is a JWK set of private keys: the last
 * one signs, all are published. Rotation without downtime (docs/security.md
 * "Keys and tokens"): add a key (`npm run keys -- rotate`), and the newest signs
 * from then on while tokens signed with the older ones stay valid; once those
 * have expired, retire the older ones (`npm run keys -- retire`). A running
 * process reads the file again when it changes.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

export const ISSUERS = { merchant: 'unicard-merchant', member: 'unicard-member', wallet: 'unicard-wallet', gateway: 'unicard-gateway' } as const;
export type Issuer = (typeof ISSUERS)[keyof typeof ISSUERS];
export const ALGORITHM = 'EdDSA';

export interface KeyFile {
  keys: JWK[];
}

export async function newSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(ALGORITHM, { crv: 'Ed25519', extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomBytes(9).toString('base64url'), alg: ALGORITHM, use: 'sig' };
}

/** Writes a key file with one new key if there is none (npm start, the tests). */
export async function ensureKeyFile(path: string): Promise<void> {
  if (existsSync(path)) return;
  writeFileSync(path, JSON.stringify({ keys: [await newSigningKey()] }, null, 2), { mode: 0o600 });
}

/** Adds a new key, which signs from now on. */
export async function rotateKeyFile(path: string): Promise<JWK> {
  const file = JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
  const key = await newSigningKey();
  writeFileSync(path, JSON.stringify({ keys: [...file.keys, key] }, null, 2), { mode: 0o600 });
  return key;
}

/** Drops every key but the newest. */
export function retireOldKeys(path: string): string[] {
  const file = JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
  const retired = file.keys.slice(0, -1).map((k) => k.kid!);
  writeFileSync(path, JSON.stringify({ keys: file.keys.slice(-1) }, null, 2), { mode: 0o600 });
  return retired;
}

const PUBLIC_MEMBERS = ['kty', 'crv', 'x', 'kid', 'alg', 'use'] as const;

/** An issuer's keys, as its key file says now. */
export class KeyRing {
  private loadedAt = -1;
  private keys: JWK[] = [];
  private signer?: { kid: string; key: Awaited<ReturnType<typeof importJWK>> };

  constructor(
    readonly issuer: Issuer,
    private readonly path: string,
  ) {
    this.reload();
  }

  static fromEnv(issuer: Issuer, env: NodeJS.ProcessEnv = process.env): KeyRing {
    const path = env.UNICARD_SIGNING_KEYS;
    if (!path) throw new Error(`UNICARD_SIGNING_KEYS must name this process's key file (${issuer}); npm start makes one`);
    return new KeyRing(issuer, path);
  }

  /** Reads the file again if it changed (a rotation). */
  private reload(): void {
    const modified = statSync(this.path).mtimeMs;
    if (modified === this.loadedAt) return;
    const file = JSON.parse(readFileSync(this.path, 'utf8')) as KeyFile;
    if (!Array.isArray(file.keys) || file.keys.length === 0 || file.keys.some((k) => !k.kid || k.crv !== 'Ed25519' || !k.d)) {
      throw new Error(`${this.path} must hold Ed25519 private keys with a kid`);
    }
    this.keys = file.keys;
    this.signer = undefined;
    this.loadedAt = modified;
  }

  /** The public half of every key: what /.well-known/jwks.json serves. */
  jwks(): { keys: JWK[] } {
    this.reload();
    return { keys: this.keys.map((k) => Object.fromEntries(PUBLIC_MEMBERS.filter((m) => k[m] !== undefined).map((m) => [m, k[m]])) as JWK) };
  }

  async sign(payload: Record<string, unknown>, opts: { subject: string; audience: string; issuedAt: number; ttlSeconds: number }): Promise<string> {
    this.reload();
    if (!this.signer) {
      const newest = this.keys.at(-1)!;
      this.signer = { kid: newest.kid!, key: await importJWK(newest, ALGORITHM) };
    }
    return new SignJWT(payload)
      .setProtectedHeader({ alg: ALGORITHM, kid: this.signer.kid, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(opts.audience)
      .setSubject(opts.subject)
      .setIssuedAt(opts.issuedAt)
      .setExpirationTime(opts.issuedAt + opts.ttlSeconds)
      .sign(this.signer.key);
  }
}
