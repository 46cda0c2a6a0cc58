import { isIPv4, isIPv6 } from 'node:net';

/** An IP address as a number, so that membership of a network is one comparison. */
export interface IpAddress {
  family: 4 | 6;
  value: bigint;
}

/** A network in CIDR form: every address whose first `prefix` bits equal those of `base`. */
export interface IpNetwork {
  family: 4 | 6;
  base: bigint;
  prefix: number;
}

const bitsOf = (family: 4 | 6): number => (family === 4 ? 32 : 128);

/** Parses an IPv4 or IPv6 literal (brackets and an IPv6 zone index tolerated); undefined when it is not one. */
export function parseIpAddress(text: string): IpAddress | undefined {
  const bare = text.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  if (isIPv4(bare)) return { family: 4, value: parseIpv4(bare) };
  if (isIPv6(bare)) return { family: 6, value: parseIpv6(bare) };
  return undefined;
}

/** Parses "address/prefix"; throws on anything else, so that a typo in configuration is loud. */
export function parseIpNetwork(cidr: string): IpNetwork {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(cidr.trim());
  const address = match ? parseIpAddress(match[1]) : undefined;
  const prefix = match ? Number(match[2]) : NaN;
  if (!address || !(prefix <= bitsOf(address.family))) {
    throw new Error(`not a network in CIDR form (e.g. 127.0.70.0/24): ${JSON.stringify(cidr)}`);
  }
  const network: IpNetwork = { family: address.family, base: address.value, prefix };
  // A network written as IPv4-mapped IPv6 (::ffff:a.b.c.d/104) means the IPv4 network it maps.
  if (network.family === 6 && prefix >= 96 && inNetwork({ family: 6, value: address.value }, MAPPED_IPV4)) {
    return { family: 4, base: address.value & 0xffffffffn, prefix: prefix - 96 };
  }
  return network;
}

export function inNetwork(address: IpAddress, network: IpNetwork): boolean {
  if (address.family !== network.family) return false;
  const shift = BigInt(bitsOf(network.family) - network.prefix);
  return address.value >> shift === network.base >> shift;
}

/** ::ffff:0:0/96 (RFC 4291 §2.5.5.2): an IPv4 address carried in IPv6; the socket reaches the IPv4 host. */
export const MAPPED_IPV4: IpNetwork = { family: 6, base: 0xffff00000000n, prefix: 96 };

function parseIpv4(text: string): bigint {
  return text.split('.').reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
}

function parseIpv6(text: string): bigint {
  const groupsOf = (part: string): number[] => {
    if (part === '') return [];
    return part.split(':').flatMap((group) => {
      if (!group.includes('.')) return [parseInt(group, 16)];
      const v4 = Number(parseIpv4(group));
      return [v4 >>> 16, v4 & 0xffff];
    });
  };
  const [head, tail] = text.split('::');
  const headGroups = groupsOf(head);
  const tailGroups = tail === undefined ? [] : groupsOf(tail);
  const zeros = new Array<number>(8 - headGroups.length - tailGroups.length).fill(0);
  return [...headGroups, ...zeros, ...tailGroups].reduce(
    (value, group) => (value << 16n) | BigInt(group),
    0n,
  );
}
