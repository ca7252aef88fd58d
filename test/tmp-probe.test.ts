import { afterAll, beforeAll, it } from 'vitest';
import { startTestHub, type TestHub } from './support/hub.js';
import { authenticate, newPhone, setUpMerchant } from './support/coalition.js';
import { contract, ok } from './support/graphql.js';
let hub: TestHub;
beforeAll(async () => { hub = await startTestHub({}); });
afterAll(async () => hub?.stop());
it('probe', async () => {
  const url = hub.gatewayUrl;
  const hq = await authenticate(url, hub.hq);
  const I = await setUpMerchant(url, hq, { name: 'Issuer', kind: 'BRAND', stores: ['I1'], terms: { canIssue: true, canAccept: true, commissionBps: 150 } });
  const office = await authenticate(url, I.backOffice);
  const till = await authenticate(url, I.stores[0]!.terminal);
  for (let i = 0; i < 4; i++) {
    let t = Date.now();
    const memberId = ok(await contract(url, 'RegisterMember', { input: { phone: newPhone(), name: 'x', storeId: I.stores[0]!.id } }, till)).registerMember.member.id;
    const a = Date.now() - t; t = Date.now();
    ok(await contract(url, 'CreateMemberSession', { memberId }, office));
    const b = Date.now() - t; t = Date.now();
    ok(await contract(url, 'TopUp', { input: { memberId, storeId: I.stores[0]!.id, amount: { amount: '5000' }, idempotencyKey: `fund-${i}` } }, office));
    console.log('TIMES', a, b, Date.now() - t);
  }
});
