import { DestinationPolicy } from '../../../../src/adapters/http-client/destination-policy';

describe('DestinationPolicy', () => {
  describe('with no allowed networks', () => {
    const policy = new DestinationPolicy();

    it.each([
      ['0.0.0.0', 'unspecified'],
      ['10.0.0.1', 'private'],
      ['10.255.255.255', 'private'],
      ['100.64.0.1', 'carrier-grade NAT'],
      ['100.127.255.254', 'carrier-grade NAT'],
      ['127.0.0.1', 'loopback'],
      ['127.0.70.5', 'loopback'],
      ['169.254.169.254', 'link-local'],
      ['172.16.0.1', 'private'],
      ['172.31.255.255', 'private'],
      ['192.168.1.1', 'private'],
      ['224.0.0.1', 'multicast'],
      ['239.255.255.250', 'multicast'],
      ['255.255.255.255', 'broadcast'],
      ['240.0.0.1', 'reserved'],
      ['::', 'unspecified'],
      ['::1', 'loopback'],
      ['[::1]', 'loopback'],
      ['fe80::1', 'link-local'],
      ['fe80::1%eth0', 'link-local'],
      ['febf:ffff::1', 'link-local'],
      ['fc00::1', 'unique-local'],
      ['fd12:3456:789a::1', 'unique-local'],
      ['ff02::1', 'multicast'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['::ffff:7f00:1', 'loopback'],
      ['::ffff:10.1.2.3', 'private'],
      ['::ffff:169.254.169.254', 'link-local'],
      ['::ffff:192.168.0.1', 'private'],
      ['64:ff9b::10.0.0.1', 'private'],
      ['::127.0.0.1', 'IPv4-compatible'],
      ['localhost', 'not an IP address'],
      ['', 'not an IP address'],
    ])('refuses %s (%s)', (address, reason) => {
      expect(policy.refusalOf(address)).toBe(reason);
    });

    it.each([
      '8.8.8.8',
      '1.1.1.1',
      '100.63.255.255',
      '100.128.0.0',
      '172.15.255.255',
      '172.32.0.0',
      '192.167.255.255',
      '169.253.255.255',
      '223.255.255.255',
      '11.0.0.1',
      '2001:4860:4860::8888',
      '2606:4700::1111',
      '2a00::1',
      '::ffff:8.8.8.8',
      '64:ff9b::8.8.8.8',
    ])('allows %s', (address) => {
      expect(policy.refusalOf(address)).toBeUndefined();
    });
  });

  describe('with allowed networks', () => {
    const policy = new DestinationPolicy(['127.0.70.0/24', '10.1.0.0/16', 'fd00:70::/32']);

    it.each([
      '127.0.70.1',
      '127.0.70.254',
      '::ffff:127.0.70.9',
      '10.1.200.3',
      'fd00:70::5',
      'fd00:70:ffff::1',
    ])('allows %s, inside an allowed network', (address) => {
      expect(policy.refusalOf(address)).toBeUndefined();
    });

    it.each([
      ['127.0.71.1', 'loopback'],
      ['127.0.0.1', 'loopback'],
      ['::1', 'loopback'],
      ['10.2.0.1', 'private'],
      ['::ffff:10.2.0.1', 'private'],
      ['fd00:71::1', 'unique-local'],
      ['169.254.169.254', 'link-local'],
    ])('still refuses %s (%s), outside them', (address, reason) => {
      expect(policy.refusalOf(address)).toBe(reason);
    });

    it('reads an allowed network written as IPv4-mapped IPv6 as the IPv4 network', () => {
      const mapped = new DestinationPolicy(['::ffff:127.0.0.0/104']);
      expect(mapped.refusalOf('127.9.9.9')).toBeUndefined();
      expect(mapped.refusalOf('::ffff:127.9.9.9')).toBeUndefined();
      expect(mapped.refusalOf('::1')).toBe('loopback');
    });

    it('allows everything with 0.0.0.0/0 and ::/0 only in their own family', () => {
      const everything = new DestinationPolicy(['0.0.0.0/0']);
      expect(everything.refusalOf('127.0.0.1')).toBeUndefined();
      expect(everything.refusalOf('::1')).toBe('loopback');
    });
  });

  it.each(['127.0.0.1', '127.0.0.0/33', 'fd00::/129', 'example.com/8', '10.0.0.0/', '10.0.0/8', ' '])(
    'refuses to be configured with %j, which is not a CIDR',
    (cidr) => {
      expect(() => new DestinationPolicy([cidr])).toThrow(/CIDR/);
    },
  );
});
