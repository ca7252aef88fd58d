/**
 * Outbound targets (issue 21, lib/outbound.ts): every address form that reaches inward is refused, and a connection
 * goes to exactly the address that was checked, so a name that changes its answer between the check and the
 * connection (DNS rebinding) reaches nothing.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, request } from 'undici';
import { InwardTargetError, isPublicAddress, publicAddressesOf, publicOnlyDispatcher, type Resolve } from '../../lib/outbound.js';

/** Every form issue 21's attacker used, and the ranges it names. */
const INWARD = [
  '127.0.0.1',
  '127.0.0.2',
  '0.0.0.0',
  '10.0.0.1',
  '172.16.0.1',
  '192.168.1.1',
  '169.254.169.254',
  '100.64.0.1',
  '198.18.0.1',
  '224.0.0.1',
  '255.255.255.255',
  '240.0.0.1',
  '192.0.2.1',
  '::1',
  '::',
  '::ffff:127.0.0.1',
  '0:0:0:0:0:ffff:7f00:1',
  '::ffff:a9fe:a9fe',
  '::ffff:10.0.0.1',
  '::7f00:1',
  'fec0::1',
  'fe80::1',
  'fd00::1',
  'fc00::1',
  '64:ff9b::7f00:1',
  '64:ff9b:1::1',
  'ff02::1',
  '2002:7f00:1::1',
  '2001:0:4136:e378:8000:63bf:3fff:fdd2',
  '2001:db8::1',
];

describe('address classes', () => {
  it('refuse loopback, private, link-local, site-local, unique-local, mapped, compatible, NAT64, benchmarking, multicast, broadcast and unspecified', () => {
    for (const address of INWARD) expect(isPublicAddress(address), address).toBe(false);
  });

  it('pass public unicast addresses, v4 and v6', () => {
    for (const address of ['8.8.8.8', '1.1.1.1', '203.119.0.1', '2606:4700:4700::1111', '2400:3200::1']) expect(isPublicAddress(address), address).toBe(true);
  });

  it('refuse what is not an address at all', () => {
    for (const text of ['', 'localhost', '127.1.1.1.1', '::ffff::1', '1.2.3']) expect(isPublicAddress(text), text).toBe(false);
  });

  it('refuse a name when any address it answers is inward', async () => {
    const resolve: Resolve = async () => [
      { address: '8.8.8.8', family: 4 },
      { address: '10.0.0.1', family: 4 },
    ];
    await expect(publicAddressesOf('mixed.example', resolve)).rejects.toBeInstanceOf(InwardTargetError);
    await expect(publicAddressesOf('[::ffff:127.0.0.1]')).rejects.toBeInstanceOf(InwardTargetError);
    expect(await publicAddressesOf('8.8.8.8')).toEqual([{ address: '8.8.8.8', family: 4 }]);
  });
});

describe('a connection', () => {
  let listener: Server;
  let port = 0;
  let reached = 0;
  beforeAll(async () => {
    listener = createServer((_req, res) => {
      reached++;
      res.end('ok');
    });
    await new Promise<void>((done) => listener.listen(0, '127.0.0.1', done));
    port = (listener.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((done) => listener.close(() => done())));

  it('goes to the address its own lookup checked: a name that now answers loopback reaches nothing', async () => {
    // The attacker's name answered a public address when the webhook was registered; now it answers loopback.
    const rebound: Resolve = async () => [{ address: '127.0.0.1', family: 4 }];
    const dispatcher = publicOnlyDispatcher(rebound);
    await expect(request(`http://rebind.invalid:${port}/`, { dispatcher })).rejects.toThrow();
    expect(reached).toBe(0);
    await dispatcher.close();
  });

  it("connects where the connection's own lookup says, which is what the guard decides", async () => {
    // `rebind.invalid` exists in no DNS: reaching the listener proves the socket used the lookup's own answer, so the
    // address checked is the address connected to. (Here a lookup without the check, standing for a public answer.)
    const unguarded = new Agent({
      connect: {
        lookup: ((_h: string, o: { all?: boolean }, cb: (e: null, a: unknown, f?: number) => void) =>
          o.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4)) as never,
      },
    });
    const response = await request(`http://rebind.invalid:${port}/`, { dispatcher: unguarded });
    expect(await response.body.text()).toBe('ok');
    expect(reached).toBe(1);
    await unguarded.close();
  });
});
