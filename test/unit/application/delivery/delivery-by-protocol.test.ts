import { DeliveryByProtocol } from '../../../../src/application/delivery/delivery-by-protocol';
import type {
  ActivityDelivery,
  DeliveryAttempt,
  DeliveryRequest,
} from '../../../../src/application/ports/activity-delivery.port';
import { ACTIVITYPUB_MARK } from '../../../../src/domain/activitypub/protocol-of-person';

/** A transport that records what it was asked to deliver. */
class RecordingTransport implements ActivityDelivery {
  readonly requests: DeliveryRequest[] = [];
  async deliver(request: DeliveryRequest): Promise<DeliveryAttempt> {
    this.requests.push(request);
    return { outcome: 'delivered' };
  }
}

const stored: Record<string, Record<string, unknown>> = {
  'acct:bob@pump.example': {
    id: 'acct:bob@pump.example',
    objectType: 'person',
    links: { 'activity-inbox': { href: 'https://pump.example/api/user/bob/inbox' } },
  },
  'https://pump.example:8443/api/user/carl/profile': {
    id: 'https://pump.example:8443/api/user/carl/profile',
    objectType: 'person',
    // What a pump.io peer could claim in its own body: a key it has no say over.
    activitypub: true,
  },
  'https://masto.example/users/zoe': {
    id: 'https://masto.example/users/zoe',
    objectType: 'person',
    [ACTIVITYPUB_MARK]: true,
  },
};

const request = (recipientId: string): DeliveryRequest => ({
  activityId: 'http://house.example/api/activity/1',
  inbox: null,
  host: 'any.example',
  recipientIds: [recipientId],
});

describe('DeliveryByProtocol', () => {
  const objects = { findById: async (id: string) => (stored[id] ?? null) as never };

  it.each([
    ['a pump.io person found by webfinger', 'acct:bob@pump.example', 'pumpio'],
    ['a pump.io person with a URL id', 'https://pump.example:8443/api/user/carl/profile', 'pumpio'],
    ['a person not stored at all', 'acct:new@pump.example', 'pumpio'],
    ['an ActivityPub actor taken from its origin', 'https://masto.example/users/zoe', 'activitypub'],
  ])('sends to %s (%s) with the %s transport', async (_name, recipientId, expected) => {
    const pumpio = new RecordingTransport();
    const activityPub = new RecordingTransport();
    await new DeliveryByProtocol(objects, pumpio, activityPub).deliver(request(recipientId));
    expect({ pumpio: pumpio.requests.length, activitypub: activityPub.requests.length }).toEqual({
      pumpio: expected === 'pumpio' ? 1 : 0,
      activitypub: expected === 'activitypub' ? 1 : 0,
    });
  });
});
