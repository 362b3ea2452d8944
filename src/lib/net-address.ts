import dns from 'node:dns';
import net from 'node:net';

/**
 * Which addresses this server may send requests to when someone else chose the address (a
 * webhook's receiver, a wire feed polled). Without a guard that is a way to reach what only the
 * server can reach (the cloud metadata service at 169.254.169.254, a database port on localhost,
 * the office network). Unless a setting allows it (WEBHOOK_ALLOW_PRIVATE, WIRE_ALLOW_PRIVATE),
 * requests go to public addresses only, checked on every address the name resolves to, at
 * connection time, so that a name that changes its answer between the check and the connection
 * (DNS rebinding) gains nothing. Moved here from the webhooks feature so that wires use the same
 * rules (feature folders do not import each other).
 */

const blocked = new net.BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64 can reach any IPv4 address, private ones included
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** True for loopback, private, link-local, multicast and reserved addresses (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) throw new TypeError(`not an IP address: ${address}`);
  // BlockList matches IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) against the IPv4 rules.
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The host of a URL as an IP address when it is one (without the brackets of IPv6), else null. */
export function literalAddress(url: URL): string | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return net.isIP(host) ? host : null;
}

/** Names that resolve to this machine by convention, whatever DNS says (RFC 6761). */
export const isLocalName = (hostname: string): boolean => /^localhost\.?$|\.localhost\.?$/i.test(hostname);

export class PrivateAddressError extends Error {
  readonly code = 'EPRIVATEADDRESS';
  constructor(host: string, address: string, what = 'deliveries there are refused unless WEBHOOK_ALLOW_PRIVATE=true') {
    super(`${host} is (or resolves to) ${address}, a private or local address; ${what}.`);
    this.name = 'PrivateAddressError';
  }
}

/**
 * A `lookup` for http.request that resolves as usual and refuses the connection when any of
 * the addresses is private: connecting uses exactly the addresses that were checked.
 */
export function publicOnlyLookup(): net.LookupFunction {
  return guardedLookup((address) => !isPrivateAddress(address));
}

/**
 * A `lookup` that refuses the connection when any address the name resolves to is not
 * `allowed` (its error says `what` is refused, see PrivateAddressError).
 */
export function guardedLookup(allowed: (address: string) => boolean, what?: string): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const list = addresses as dns.LookupAddress[];
      const bad = list.find((a) => !allowed(a.address));
      if (bad) return callback(new PrivateAddressError(hostname, bad.address, what), '');
      if (options.all) return callback(null, list);
      const first = list[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      return callback(null, first.address, first.family);
    });
  };
}
