/**
 * Outbound requests that cannot be aimed inward (issue 21): a webhook URL is
 * a merchant's to choose, and must not reach HQ's own network, this machine
 * or a cloud's metadata service.
 *
 * Addresses are classified by ipaddr.js (the library Express's proxy-addr
 * uses), not by string checks: only its `unicast` range passes, which leaves
 * out loopback, private, link-local, unique-local, carrier-grade NAT,
 * benchmarking, multicast, broadcast, unspecified and reserved ranges, and
 * every IPv6 form that embeds an IPv4 address (mapped, translated, NAT64,
 * 6to4, Teredo). The deprecated site-local and IPv4-compatible IPv6 ranges
 * and local-use NAT64, which it counts as unicast, are refused too.
 *
 * A name is resolved once per connection, and the socket connects to exactly
 * the address that was checked (the lookup below is the connection's own),
 * so a name that answers a public address to the check and a private one to
 * the connection (DNS rebinding) gets nowhere.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent } from 'undici';

const ALSO_REFUSED: [ipaddr.IPv6, number][] = [
  ipaddr.IPv6.parseCIDR('fec0::/10'), // site-local (deprecated, still routed inward by some stacks)
  ipaddr.IPv6.parseCIDR('::/96'), // IPv4-compatible (deprecated): ::7f00:1 is 127.0.0.1
  ipaddr.IPv6.parseCIDR('64:ff9b:1::/48'), // local-use NAT64 (RFC 8215)
];

/** Whether an IP address (v4 or v6, without brackets) is on the public internet. */
export function isPublicAddress(address: string): boolean {
  // Node's parser is strict (four decimal parts); ipaddr.js would also take inet_aton's forms such as 1.2.3.
  if (isIP(address) === 0) return false;
  const parsed = ipaddr.parse(address);
  if (parsed.range() !== 'unicast') return false;
  return !(parsed.kind() === 'ipv6' && ALSO_REFUSED.some((cidr) => (parsed as ipaddr.IPv6).match(cidr)));
}

export class InwardTargetError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} is not a public address (${address})`);
  }
}

/** How names are resolved: the system's resolver, or a test's. */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolve: Resolve = (hostname) =>
  new Promise((done, fail) => dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? fail(error) : done(addresses))));

/**
 * The addresses a host may be reached at: an IP literal as it is, a name as resolved; every one must be public, or
 * InwardTargetError (a name that answers one private address among public ones is refused whole).
 */
export async function publicAddressesOf(host: string, resolve: Resolve = systemResolve): Promise<LookupAddress[]> {
  const bare = host.replace(/^\[|\]$/g, '');
  const addresses = isIP(bare) ? [{ address: bare, family: isIP(bare) }] : await resolve(bare);
  if (addresses.length === 0) throw new InwardTargetError(bare, 'no address');
  for (const { address } of addresses) if (!isPublicAddress(address)) throw new InwardTargetError(bare, address);
  return addresses;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A connection's own lookup: resolves, checks, and hands the socket the addresses it checked (net.connect calls it
 * for names; an IP literal never reaches it and is checked by `checkedTarget`).
 */
export function guardedLookup(resolve: Resolve = systemResolve) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    publicAddressesOf(hostname, resolve).then(
      (addresses) => (options.all ? callback(null, addresses) : callback(null, addresses[0]!.address, addresses[0]!.family)),
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

/** An undici dispatcher whose connections go to checked public addresses only. */
export function publicOnlyDispatcher(resolve: Resolve = systemResolve): Agent {
  return new Agent({ connect: { lookup: guardedLookup(resolve) as never }, connections: 16 });
}

/** Refuses a URL whose host is an IP literal that is not public (names are checked as they are connected to). */
export function checkedTarget(url: URL): URL {
  const bare = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare) && !isPublicAddress(bare)) throw new InwardTargetError(bare, bare);
  return url;
}
