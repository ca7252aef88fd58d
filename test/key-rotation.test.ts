/**
 * Keys rotate without downtime (issue 9): on a running hub, a new merchant
 * key is added and signs every new token while tokens of the old key stay
 * valid; once the old key is retired, its tokens are refused. Nothing is
 * restarted: the merchant subgraph reads its key file again, and verifiers
 * fetch the key set again for a `kid` they have not seen (and when their
 * copy ages out, here after 2 s).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeProtectedHeader } from 'jose';
import { startTestHub, type TestHub } from './support/hub.js';
import { codeOf, contract } from './support/graphql.js';
import { authenticate } from './support/coalition.js';
import { keyFileOf } from '../scripts/processes.js';
import { retireOldKeys, rotateKeyFile } from '../lib/keys.js';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ env: { UNICARD_JWKS_CACHE_SECONDS: '2' } });
});
afterAll(async () => hub?.stop());

const works = async (token: string) => codeOf(await contract(hub.gatewayUrl, 'Settlement', { period: '2020-01' }, token)) === undefined;

async function eventually(what: string, probe: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out: ${what}`);
}

describe('signing key rotation', () => {
  it('a new key signs from now on, old tokens work until their key is retired, and nothing restarts', async () => {
    const pids = Object.values(hub.hub.processes).map((p) => p.child!.pid);
    const old = await authenticate(hub.gatewayUrl, hub.hq);
    const oldKid = decodeProtectedHeader(old).kid;
    expect(await works(old)).toBe(true);

    const added = await rotateKeyFile(keyFileOf(hub.keysDir, 'merchant'));
    let fresh = '';
    await eventually('a token signed with the new key, accepted', async () => {
      fresh = await authenticate(hub.gatewayUrl, hub.hq);
      return decodeProtectedHeader(fresh).kid === added.kid && (await works(fresh));
    });
    expect(added.kid).not.toBe(oldKid);
    expect(await works(old)).toBe(true);

    expect(retireOldKeys(keyFileOf(hub.keysDir, 'merchant'))).toEqual([oldKid]);
    await eventually(
      'the retired key refused',
      async () => codeOf(await contract(hub.gatewayUrl, 'Settlement', { period: '2020-01' }, old)) === 'UNAUTHENTICATED',
    );
    expect(await works(fresh)).toBe(true);
    expect(Object.values(hub.hub.processes).map((p) => p.child!.pid)).toEqual(pids);
  });
});
