import { type ApiNode, type Person, startApiNode } from '../support/api-node';

jest.setTimeout(60_000);

let node: ApiNode;
let alice: Person;

beforeAll(async () => {
  node = await startApiNode();
  alice = await node.register('alice');
});
afterAll(async () => {
  await node?.stop();
});

async function feedSize(): Promise<number> {
  return (await alice.read<{ totalItems: number }>('/api/user/alice/feed')).totalItems;
}

/** Sends something bad; it must answer the status with a JSON error and leave alice's feed as it was. */
async function expectRefused(
  status: number,
  send: () => Promise<{ status: number; json: unknown; headers: Record<string, unknown> }>,
): Promise<void> {
  const before = await feedSize();
  const answer = await send();
  expect(answer.status).toBe(status);
  expect(answer.json).toEqual({ error: expect.any(String) });
  expect(await feedSize()).toBe(before);
}

describe('bad input gets a clear 4xx and changes nothing', () => {
  const feed = '/api/user/alice/feed';

  it('malformed JSON', async () => {
    await expectRefused(400, () =>
      alice.send(feed, { raw: { body: '{"verb": "post",', contentType: 'application/json' } }),
    );
  });

  it('wrong types', async () => {
    await expectRefused(400, () =>
      alice.send(feed, { json: { verb: 'post', object: { objectType: 'note', content: 42 } } }),
    );
    await expectRefused(400, () => alice.send(feed, { json: { verb: 7, object: { objectType: 'note' } } }));
    await expectRefused(400, () => alice.send(feed, { json: ['not', 'an', 'object'] }));
    await expectRefused(400, () =>
      alice.send(feed, { json: { verb: 'post', to: 'everyone', object: { objectType: 'note' } } }),
    );
  });

  it('an oversized body', async () => {
    const content = 'x'.repeat(2 * 1024 * 1024);
    await expectRefused(413, () =>
      alice.send(feed, { json: { verb: 'post', object: { objectType: 'note', content } } }),
    );
  });

  it('a bad signature', async () => {
    const forged = { ...alice.token, secret: 'not-the-secret' };
    await expectRefused(401, () =>
      node.client.send(feed, {
        consumer: node.consumer,
        token: forged,
        json: { verb: 'post', object: { objectType: 'note', content: 'forged' } },
      }),
    );
  });

  it('a replayed nonce', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const first = await alice.send('/api/user/alice/feed', { nonce: 'once-only-nonce', timestamp });
    expect(first.status).toBe(200);
    await expectRefused(401, () =>
      alice.send(feed, {
        nonce: 'once-only-nonce',
        timestamp,
        json: { verb: 'post', object: { objectType: 'note', content: 'replay' } },
      }),
    );
  });

  it('a stale timestamp', async () => {
    const stale = Math.floor(Date.now() / 1000) - 3600;
    await expectRefused(401, () =>
      alice.send(feed, {
        timestamp: stale,
        json: { verb: 'post', object: { objectType: 'note', content: 'old' } },
      }),
    );
  });

  it("another user's feed", async () => {
    const bob = await node.register('bob');
    await expectRefused(401, () =>
      bob.send(feed, { json: { verb: 'post', object: { objectType: 'note', content: 'as alice' } } }),
    );
  });

  it('no credentials at all', async () => {
    await expectRefused(401, () =>
      node.client.send(feed, { json: { verb: 'post', object: { objectType: 'note' } } }),
    );
  });
});
