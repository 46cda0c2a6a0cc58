import { isDomainError } from '../../../../src/domain/errors/domain-error';
import { PostingWorld, PUBLIC, site } from './posting-world';

// Issue 10: acting on what one may not see (item 3), adopting another's object (item 11) and planting an object
// under an id the server did not mint (item 10).
let world: PostingWorld;
let secret: { id: string; objectType: string };
beforeEach(async () => {
  world = new PostingWorld();
  await world.register('alice', 'bob', 'carol');
  const posted = await world.note('alice', 'for carol only', { to: [world.ref('carol')] });
  secret = { id: posted.object!.id, objectType: 'note' };
});

async function refusal(nickname: string, body: unknown): Promise<string> {
  const error = await world.postOnly(nickname, body).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(isDomainError(error, 'invalid')).toBe(true);
  return (error as Error).message;
}

describe('naming an object one may not see', () => {
  it.each([
    ['favorite', () => ({ verb: 'favorite', object: secret })],
    ['share', () => ({ verb: 'share', object: secret })],
    ['an unknown verb', () => ({ verb: 'read', object: secret })],
    ['reply', () => ({ object: { objectType: 'comment', inReplyTo: secret }, to: [PUBLIC] })],
  ])('%s is refused exactly as for an object that does not exist', async (_verb, body) => {
    const message = await refusal('bob', body());
    expect(message).toBe(`No such note: ${secret.id}`);
    const unknown = { id: site.objectId('note', 'never-made'), objectType: 'note' };
    const swap = (value: unknown) => JSON.parse(JSON.stringify(value).split(secret.id).join(unknown.id));
    expect(await refusal('bob', swap(body()))).toBe(`No such note: ${unknown.id}`);
  });

  it('a reply without an audience does not copy the audience of a parent its author may not see', async () => {
    expect(await refusal('bob', { object: { objectType: 'comment', inReplyTo: secret } })).toMatch(
      /never posted/,
    );
  });

  it('a recipient may act on it', async () => {
    await world.act('carol', { verb: 'favorite', object: secret });
    await world.act('carol', { object: { objectType: 'comment', inReplyTo: secret } });
    expect(await world.stream(`activityobject:replies:${secret.id}`)).toHaveLength(1);
  });
});

describe('post / create never takes over an existing object', () => {
  it("refuses to post someone else's profile, so its author cannot become the poster", async () => {
    const profile = world.ref('alice');
    expect(await refusal('bob', { verb: 'post', object: profile, to: [PUBLIC] })).toMatch(/Only the author/);
    const stored = await world.storage.objects.findById(profile.id);
    expect(stored?.author).toBeUndefined();
    await expect(
      world.postOnly('bob', {
        verb: 'update',
        object: { ...profile, displayName: 'Mallory' },
        to: [PUBLIC],
      }),
    ).rejects.toThrow(/Only the author/);
  });

  it('refuses to post a remote object someone named first (it has no author here)', async () => {
    const remote = { id: 'https://remote.example/note/7', objectType: 'note' };
    await world.act('carol', { verb: 'favorite', object: remote });
    expect(await refusal('bob', { verb: 'create', object: remote, to: [PUBLIC] })).toMatch(/Only the author/);
    expect((await world.storage.objects.findById(remote.id))?.author).toBeUndefined();
  });

  it("refuses to post another user's object, even a public one", async () => {
    const open = (await world.note('alice', 'open', { to: [PUBLIC] })).object!;
    const ref = { id: open.id, objectType: 'note' };
    expect(await refusal('bob', { verb: 'post', object: ref, to: [PUBLIC] })).toMatch(/Only the author/);
    expect((await world.storage.objects.findById(open.id))?.author).toEqual(world.ref('alice'));
  });
});

describe('an id the server did not mint cannot be planted', () => {
  it.each([
    ['on another host', 'https://remote.example/note/first-writer'],
    ['on this host, never minted', site.objectId('note', 'chosen-by-the-client')],
  ])('a post naming a new id %s gets a fresh local id instead', async (_where, id) => {
    const posted = await world.act('bob', {
      verb: 'post',
      object: { id, objectType: 'note', content: 'what bob says it says' },
      to: [PUBLIC],
    });
    expect(posted.object!.id).not.toBe(id);
    expect(site.parse(posted.object!.id)).toMatchObject({ kind: 'object', type: 'note' });
    expect(posted.object!.content).toBe('what bob says it says');
    expect(await world.storage.objects.findById(id)).toBeNull();
  });

  it('naming a remote object in any other verb stores only its id and type, never what the client says', async () => {
    const id = 'https://remote.example/note/8';
    const claimed = { id, objectType: 'note', content: 'planted', author: world.ref('bob') };
    await world.act('bob', { verb: 'favorite', object: claimed });
    expect(await world.storage.objects.findById(id)).toEqual({
      id,
      objectType: 'note',
      _uuid: expect.any(String),
    });
    // Bob did not become its author: he can neither update nor delete it.
    expect(
      await refusal('bob', {
        verb: 'update',
        object: { id, objectType: 'note', content: 'x' },
        to: [PUBLIC],
      }),
    ).toMatch(/Only the author/);
  });
});
