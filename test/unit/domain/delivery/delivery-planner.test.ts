import { planDeliveries, type RemoteRecipient } from '../../../../src/domain/delivery/delivery-planner';
import { hostOf, inboxAddressOf } from '../../../../src/domain/delivery/inbox-address';

const ACTIVITY = 'https://home.example/api/activity/1';

const person = (host: string, name: string, shared = false): RemoteRecipient => ({
  id: `https://${host}/${name}`,
  address: shared
    ? { inbox: `https://${host}/${name}/inbox`, sharedInbox: `https://${host}/inbox` }
    : { inbox: `https://${host}/${name}/inbox` },
});

describe('planDeliveries', () => {
  it('plans one delivery per shared inbox, whatever the number of recipients behind it', () => {
    const recipients = [
      person('ap.example', 'a', true),
      person('ap.example', 'b', true),
      person('ap.example', 'c', true),
    ];
    const { deliveries } = planDeliveries(ACTIVITY, recipients);
    expect(deliveries).toEqual([
      {
        key: `${ACTIVITY} https://ap.example/inbox`,
        activityId: ACTIVITY,
        inbox: 'https://ap.example/inbox',
        host: 'ap.example',
        recipientIds: ['https://ap.example/a', 'https://ap.example/b', 'https://ap.example/c'],
      },
    ]);
  });

  it('plans one delivery per person on a server without a shared inbox (pump.io)', () => {
    const { deliveries } = planDeliveries(ACTIVITY, [
      person('pump.example', 'a'),
      person('pump.example', 'b'),
    ]);
    expect(deliveries.map((delivery) => [delivery.inbox, delivery.host, delivery.recipientIds])).toEqual([
      ['https://pump.example/a/inbox', 'pump.example', ['https://pump.example/a']],
      ['https://pump.example/b/inbox', 'pump.example', ['https://pump.example/b']],
    ]);
  });

  it('leaves an undiscovered inbox to the transport: one delivery per such recipient, by its host', () => {
    const { deliveries } = planDeliveries(ACTIVITY, [
      { id: 'acct:ann@Pump.Example', address: null },
      { id: 'https://pump.example:8443/bob', address: null },
    ]);
    expect(deliveries).toEqual([
      expect.objectContaining({
        key: `${ACTIVITY} discover acct:ann@Pump.Example`,
        inbox: null,
        host: 'pump.example',
      }),
      expect.objectContaining({
        inbox: null,
        host: 'pump.example:8443',
        recipientIds: ['https://pump.example:8443/bob'],
      }),
    ]);
  });

  it('reaches a recipient listed twice once, and sets aside recipients without a host', () => {
    const plan = planDeliveries(ACTIVITY, [
      person('r.example', 'a'),
      person('r.example', 'a'),
      { id: 'urn:uuid:1234', address: null },
      { id: 'mailto:x@y', address: null },
    ]);
    expect(plan.deliveries).toHaveLength(1);
    expect(plan.unroutable).toEqual(['urn:uuid:1234', 'mailto:x@y']);
  });

  it('is idempotent: planning again gives the same keys, in the same order', () => {
    const recipients = [
      person('a.example', 'x', true),
      person('b.example', 'y'),
      person('a.example', 'z', true),
    ];
    const keys = () => planDeliveries(ACTIVITY, recipients).deliveries.map((delivery) => delivery.key);
    expect(keys()).toEqual(keys());
    expect(keys()).toEqual([`${ACTIVITY} https://a.example/inbox`, `${ACTIVITY} https://b.example/y/inbox`]);
  });

  it('plans 10,000 followers on 500 servers with shared inboxes as 500 deliveries', () => {
    const recipients = Array.from({ length: 10_000 }, (_, n) =>
      person(`host${n % 500}.example`, `u${n}`, true),
    );
    const { deliveries } = planDeliveries(ACTIVITY, recipients);
    expect(deliveries).toHaveLength(500);
    expect(deliveries.every((delivery) => delivery.recipientIds.length === 20)).toBe(true);
  });
});

describe('inboxAddressOf', () => {
  it("reads pump.io's activity-inbox link and an ActivityPub shared inbox", () => {
    expect(
      inboxAddressOf({
        id: 'https://r.example/ann',
        links: { 'activity-inbox': { href: 'https://r.example/api/user/ann/inbox' } },
        endpoints: { sharedInbox: 'https://r.example/inbox' },
      }),
    ).toEqual({ inbox: 'https://r.example/api/user/ann/inbox', sharedInbox: 'https://r.example/inbox' });
    expect(
      inboxAddressOf({
        id: 'acct:ann@r.example',
        links: { 'activity-inbox': { href: 'https://r.example/i' } },
      }),
    ).toEqual({
      inbox: 'https://r.example/i',
    });
  });

  it('takes no inbox from another host than the recipient’s, nor a shared inbox without an inbox', () => {
    expect(
      inboxAddressOf({
        id: 'https://r.example/ann',
        links: { 'activity-inbox': { href: 'https://evil.example/i' } },
      }),
    ).toBeNull();
    expect(
      inboxAddressOf({
        id: 'https://r.example/ann',
        links: { 'activity-inbox': { href: 'https://r.example/i' } },
        endpoints: { sharedInbox: 'https://evil.example/inbox' },
      }),
    ).toEqual({ inbox: 'https://r.example/i' });
    expect(
      inboxAddressOf({ id: 'https://r.example/ann', endpoints: { sharedInbox: 'https://r.example/inbox' } }),
    ).toBeNull();
    expect(inboxAddressOf({ id: 'https://r.example/ann', links: 'nonsense' })).toBeNull();
  });

  it.each([
    ['https://r.example/ann', 'https://r.example/i', true],
    ['https://r.example/ann', 'https://r.example', true],
    ['https://r.example/ann', 'https://r.example?i', true],
    ['https://r.example/ann', 'https://R.Example/i', true],
    ['https://r.example/ann', 'http://r.example/i', true],
    ['https://r.example/ann', 'https://r.example:443/i', true],
    ['https://r.example/ann', 'https://r.example.evil.example/i', false],
    ['https://r.example/ann', 'https://r.example@evil.example/i', false],
    ['https://r.example/ann', 'https://r.example:8443/i', false],
    ['https://r.example/ann', 'https://r.examplex/i', false],
    ['https://r.example:8443/ann', 'https://r.example/i', false],
    ['https://r.example:8443/ann', 'https://r.example:8443/i', true],
    ['https://user@r.example/ann', 'https://r.example/i', true],
    ['acct:ann@r.example', 'https://r.example/i', true],
    ['acct:ann@r.example', 'acct:ann@r.example', false],
  ])('takes the inbox of %s at %s only on the same host (%s)', (id, inbox, taken) => {
    const address = inboxAddressOf({ id, links: { 'activity-inbox': { href: inbox } } });
    expect(address).toEqual(taken ? { inbox } : null);
    expect(taken).toBe(hostOf(id) === hostOf(inbox) && !inbox.startsWith('acct:'));
  });

  it('finds the host of http(s) and acct addresses only', () => {
    expect(hostOf('HTTPS://R.Example:8080/x')).toBe('r.example:8080');
    expect(hostOf('acct:a@b.example')).toBe('b.example');
    expect(hostOf('acct:nobody')).toBeNull();
    expect(hostOf('ftp://r.example/x')).toBeNull();
    expect(hostOf('not a url')).toBeNull();
  });
});

describe('hostOf agrees with the URL parser', () => {
  it.each([
    'https://R.Example/x',
    'https://r.example:443/x',
    'http://r.example:80',
    'http://r.example:8080?q',
    'https://r.example:8443#f',
    'https://a-b.c-d.example/inbox',
    'https://r.example:0443/x',
    'https://user@r.example/x',
    'https://[::1]:8080/x',
    'https://127.0.0.1/x',
    'https://xn--bcher-kva.example/',
    'https://bücher.example/',
  ])('%s', (address) => {
    expect(hostOf(address)).toBe(new URL(address).host.toLowerCase());
  });
});
