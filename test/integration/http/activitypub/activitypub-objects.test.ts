import { BASE, type FullApp, type KeyPair, startFullApp } from '../full-app/full-app';

jest.setTimeout(120_000);

/**
 * Object ids dereferenced by ActivityPub servers (docs/activitypub.md §10): `H/api/<type>/<uuid>` with an AS2
 * Accept and no API credentials answers the public object as AS2, its replies as a collection, and a Tombstone
 * with 410 once it is deleted; with API credentials (or without an AS2 Accept) the URL is pump.io's, as before.
 */
const ACTIVITY_JSON = 'application/activity+json';
const PUBLIC = { id: 'http://activityschema.org/collection/public', objectType: 'collection' };

let full: FullApp;
let client: KeyPair;
let alice: KeyPair;
let bob: KeyPair;

beforeAll(async () => {
  full = startFullApp();
  client = await full.registerClient();
  alice = await full.registerUser(client, 'alice');
  bob = await full.registerUser(client, 'bob');
});
afterAll(async () => {
  await full?.close();
});

const api = (method: string, path: string, token: KeyPair) => full.signed(method, path, client, token);
const pathOf = (id: string) => id.slice(BASE.length);
const fetchAs2 = (id: string) => full.send('GET', pathOf(id)).set('Accept', ACTIVITY_JSON);

/** Posts an activity and answers its object (id and the rest) as the API answered it. */
async function post(token: KeyPair, nickname: string, body: object): Promise<{ object: { id: string } }> {
  const answer = await api('POST', `/api/user/${nickname}/feed`, token).send(body);
  expect(answer.status).toBe(200);
  return answer.body as { object: { id: string } };
}

describe('a public note', () => {
  it('is served as AS2 to an anonymous or signed GET of its id, with its replies', async () => {
    const note = (
      await post(alice, 'alice', {
        verb: 'post',
        to: [PUBLIC],
        object: { objectType: 'note', content: 'hi' },
      })
    ).object;
    await post(bob, 'bob', {
      verb: 'post',
      to: [PUBLIC],
      object: {
        objectType: 'comment',
        content: 'hello back',
        inReplyTo: { id: note.id, objectType: 'note' },
      },
    });
    const answer = await fetchAs2(note.id).set('Signature', 'keyId="https://peer.example/actor#main-key"');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toContain(ACTIVITY_JSON);
    const document = JSON.parse(answer.text);
    expect(document).toMatchObject({
      '@context': expect.anything(),
      id: note.id,
      type: 'Note',
      content: 'hi',
      attributedTo: expect.objectContaining({ id: `${BASE}/alice` }),
    });
    const replies = await fetchAs2(`${note.id}/replies`);
    expect(replies.status).toBe(200);
    expect(replies.text).toContain('hello back');
  });

  it('stays the pump.io API to a request with API credentials or without an AS2 Accept', async () => {
    const note = (
      await post(alice, 'alice', { verb: 'post', to: [PUBLIC], object: { objectType: 'note', content: 'x' } })
    ).object;
    expect((await full.send('GET', pathOf(note.id))).status).toBe(401);
    const withOAuth = await api('GET', pathOf(note.id), alice).set('Accept', 'application/json');
    expect(withOAuth.status).toBe(200);
    expect(withOAuth.body).toMatchObject({ id: note.id, objectType: 'note' });
  });

  it('answers 410 with a Tombstone once deleted', async () => {
    const note = (
      await post(alice, 'alice', {
        verb: 'post',
        to: [PUBLIC],
        object: { objectType: 'note', content: 'bye' },
      })
    ).object;
    await post(alice, 'alice', { verb: 'delete', object: { id: note.id, objectType: 'note' } });
    const answer = await fetchAs2(note.id);
    expect(answer.status).toBe(410);
    expect(JSON.parse(answer.text)).toMatchObject({ id: note.id, type: 'Tombstone', formerType: 'Note' });
  });
});

describe('a note that is not public', () => {
  it('is not served to an ActivityPub GET', async () => {
    const note = (
      await post(alice, 'alice', {
        verb: 'post',
        to: [{ id: `${BASE}/api/user/bob/profile`, objectType: 'person' }],
        object: { objectType: 'note', content: 'secret' },
      })
    ).object;
    const answer = await fetchAs2(note.id);
    expect(answer.status).toBe(403);
    expect(answer.text).not.toContain('secret');
  });
});
