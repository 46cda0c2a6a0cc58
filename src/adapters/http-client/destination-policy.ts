import {
  type IpAddress,
  type IpNetwork,
  inNetwork,
  MAPPED_IPV4,
  parseIpAddress,
  parseIpNetwork,
} from './ip-address';

interface SpecialRange {
  network: IpNetwork;
  reason: string;
}

const range = (cidr: string, reason: string): SpecialRange => ({ network: parseIpNetwork(cidr), reason });

/**
 * Addresses that are not "somewhere else on the internet": reaching them from the server would let a remote
 * party make us talk to ourselves or to our private network (server-side request forgery). Ranges are those of
 * the IANA special-purpose registries (RFC 6890) that a socket can actually reach.
 */
const REFUSED_RANGES: SpecialRange[] = [
  range('0.0.0.0/8', 'unspecified'), // RFC 1122 §3.2.1.3: "this host on this network"
  range('10.0.0.0/8', 'private'), // RFC 1918
  range('100.64.0.0/10', 'carrier-grade NAT'), // RFC 6598
  range('127.0.0.0/8', 'loopback'), // RFC 1122
  range('169.254.0.0/16', 'link-local'), // RFC 3927
  range('172.16.0.0/12', 'private'), // RFC 1918
  range('192.168.0.0/16', 'private'), // RFC 1918
  range('224.0.0.0/4', 'multicast'), // RFC 5771
  range('255.255.255.255/32', 'broadcast'), // RFC 919
  range('240.0.0.0/4', 'reserved'), // RFC 1112 §4
  range('::/128', 'unspecified'), // RFC 4291 §2.5.2
  range('::1/128', 'loopback'), // RFC 4291 §2.5.3
  range('::/96', 'IPv4-compatible'), // RFC 4291 §2.5.5.1, deprecated
  range('fe80::/10', 'link-local'), // RFC 4291 §2.5.6
  range('fec0::/10', 'site-local'), // RFC 3879, deprecated but still routed by some stacks
  range('fc00::/7', 'unique-local'), // RFC 4193
  range('ff00::/8', 'multicast'), // RFC 4291 §2.7
];

/** 64:ff9b::/96 (RFC 6052): a NAT64 gateway turns it into the IPv4 address in its last 32 bits. */
const NAT64: IpNetwork = parseIpNetwork('64:ff9b::/96');

/**
 * Decides whether an address may be connected to: refused when it is in a special-purpose range, unless the
 * operator listed a network that contains it (e.g. 127.0.70.0/24 for test nodes on loopback).
 */
export class DestinationPolicy {
  private readonly allowed: IpNetwork[];

  /** Throws on a malformed CIDR, so a configuration mistake is found at start-up rather than silently ignored. */
  constructor(allowedNetworks: readonly string[] = []) {
    this.allowed = allowedNetworks.map(parseIpNetwork);
  }

  /** Why `address` may not be reached, or undefined when it may. Anything that is not an IP literal is refused. */
  refusalOf(address: string): string | undefined {
    const parsed = parseIpAddress(address);
    if (!parsed) return 'not an IP address';
    const effective = embeddedIpv4(parsed) ?? parsed;
    if (this.allowed.some((network) => inNetwork(effective, network))) return undefined;
    return REFUSED_RANGES.find(({ network }) => inNetwork(effective, network))?.reason;
  }
}

/** The IPv4 address a socket really reaches through an IPv4-mapped or NAT64 IPv6 address. */
function embeddedIpv4(address: IpAddress): IpAddress | undefined {
  if (inNetwork(address, MAPPED_IPV4) || inNetwork(address, NAT64)) {
    return { family: 4, value: address.value & 0xffffffffn };
  }
  return undefined;
}
