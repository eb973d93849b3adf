import ipaddr from 'ipaddr.js';
import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key one client's connections are counted under for VLAB_MAX_CONNECTIONS_PER_ADDRESS. An IPv4 address is
 * its own key. An IPv6 address is keyed by its /64: a home or mobile connection is given a whole /64 (RFC 6177,
 * SLAAC privacy addresses) and can open each connection from a new address in it, so counting exact addresses
 * would give it a share per address. An IPv4-mapped address (`::ffff:192.0.2.1`, as a dual-stack server sees IPv4
 * clients) is keyed as the IPv4 address, so it does not fall into the single /64 `::ffff:0:0/96` shares with every
 * IPv4 client. Anything else (no address: the socket already closed) is kept as it is.
 *
 * ipaddr.js 2.x reads the address (a direct dependency: express's proxy-addr keeps its own 1.9.1, which throws on
 * an IPv4 tail after `::`, `2001:db8:85a3:1::192.0.2.1`). Node's own check decides first what is an address, so
 * ipaddr.js's lenient IPv4 forms (`127.1`, octal, hex) are never keys of their own.
 */
export function addressGroup(address: string): string {
  if (isIPv4(address) || !isIPv6(address)) return address;
  const parsed = ipaddr.IPv6.parse(address); // a zone (`fe80::1%eth0`) names the interface, not the client: not in parts
  if (parsed.isIPv4MappedAddress()) return parsed.toIPv4Address().toString();
  return `${parsed.parts.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}
