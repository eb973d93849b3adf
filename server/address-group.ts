import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key one client's connections are counted under for VLAB_MAX_CONNECTIONS_PER_ADDRESS. An IPv4 address is
 * its own key. An IPv6 address is keyed by its /64: a home or mobile connection is given a whole /64 (RFC 6177,
 * SLAAC privacy addresses) and can open each connection from a new address in it, so counting exact addresses
 * would give it a share per address. An IPv4-mapped address (`::ffff:192.0.2.1`, as a dual-stack server sees IPv4
 * clients) is keyed as the IPv4 address, so it does not fall into the single /64 `::ffff:0:0/96` shares with every
 * IPv4 client. Anything else (no address: the socket already closed) is kept as it is.
 */
export function addressGroup(address: string): string {
  const bare = address.replace(/%.*$/, ''); // a zone (`fe80::1%eth0`) names the interface, not the client
  if (isIPv4(bare) || !isIPv6(bare)) return address;
  const groups = ipv6Groups(bare);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address: `::` expanded, a dotted IPv4 tail read as the last two. */
function ipv6Groups(address: string): number[] {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  let text = address;
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${address.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  return tail === undefined ? left : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}
