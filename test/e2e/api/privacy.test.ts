import { type ApiNode, type Json, type Person, PUBLIC, startApiNode } from '../support/api-node';

jest.setTimeout(60_000);

let node: ApiNode;
let alice: Person;
let bob: Person;
let carol: Person;
let dave: Person;
let list: { id: string; objectType: string };

beforeAll(async () => {
  node = await startApiNode();
  [alice, bob, carol, dave] = [
    await node.register('alice'),
    await node.register('bob'),
    await node.register('carol'),
    await node.register('dave'),
  ];
  await bob.act({ verb: 'follow', object: alice.ref });
  const created = await alice.act({
    verb: 'create',
    object: { objectType: 'collection', displayName: 'Close friends', objectTypes: ['person'] },
  });
  list = { id: created.object.id as string, objectType: 'collection' };
  await alice.act({ verb: 'add', object: carol.ref, target: list });
});
afterAll(async () => {
  await node?.stop();
});

type Viewer = 'alice' | 'bob' | 'carol' | 'dave' | 'anonymous';
const VIEWERS: Viewer[] = ['alice', 'bob', 'carol', 'dave', 'anonymous'];

/** Whether each viewer can GET the activity, and whether it shows in their inbox. */
async function reach(activity: Json): Promise<Record<Viewer, { read: boolean; inbox: boolean }>> {
  const path = new URL(activity.id as string).pathname;
  const people: Record<Exclude<Viewer, 'anonymous'>, Person> = { alice, bob, carol, dave };
  const result = {} as Record<Viewer, { read: boolean; inbox: boolean }>;
  for (const viewer of VIEWERS) {
    if (viewer === 'anonymous') {
      const answer = await node.client.send(path, { consumer: node.consumer });
      result[viewer] = { read: answer.status === 200, inbox: false };
      continue;
    }
    const person = people[viewer];
    const answer = await person.send(path);
    const inbox = await person.ids(`/api/user/${viewer}/inbox?count=5`);
    result[viewer] = { read: answer.status === 200, inbox: inbox.includes(activity.id as string) };
    if (answer.status !== 200) expect(answer.status).toBe(403);
  }
  return result;
}

const yes = { read: true, inbox: true };
const readOnly = { read: true, inbox: false };
const no = { read: false, inbox: false };

describe('who sees what (docs/protocol.md §6)', () => {
  it('public: everyone reads it; it reaches the followers', async () => {
    const activity = await alice.note('public', { to: [PUBLIC] });
    expect(await reach(activity)).toEqual({
      alice: yes,
      bob: yes,
      carol: readOnly,
      dave: readOnly,
      anonymous: readOnly,
    });
  });

  it('followers only (the default): the actor and followers', async () => {
    const activity = await alice.note('followers only');
    expect(await reach(activity)).toEqual({ alice: yes, bob: yes, carol: no, dave: no, anonymous: no });
  });

  it('to a list: the actor and the list members', async () => {
    const activity = await alice.note('for the list', { to: [list] });
    expect(await reach(activity)).toEqual({ alice: yes, bob: no, carol: yes, dave: no, anonymous: no });
  });

  it('to one person: the actor and that person, in their direct inbox too', async () => {
    const activity = await alice.note('just for dave', { to: [dave.ref] });
    expect(await reach(activity)).toEqual({ alice: yes, bob: no, carol: no, dave: yes, anonymous: no });
    expect(await dave.ids('/api/user/dave/inbox/direct?count=5')).toContain(activity.id);
  });

  it('bto and bcc reach their people but are never shown to anyone but the actor', async () => {
    const activity = await alice.note('blind', { to: [PUBLIC], bto: [dave.ref], bcc: [carol.ref] });
    const path = new URL(activity.id as string).pathname;
    expect((await reach(activity)).carol).toEqual(yes);
    const byAlice = await alice.read<Record<string, unknown>>(path);
    expect(byAlice.bto).toEqual([expect.objectContaining({ id: dave.id })]);
    expect(byAlice.bcc).toEqual([expect.objectContaining({ id: carol.id })]);
    for (const viewer of [bob, carol, dave]) {
      const seen = await viewer.read<Record<string, unknown>>(path);
      expect(seen.bto).toBeUndefined();
      expect(seen.bcc).toBeUndefined();
    }
    const inDaveInbox = await dave.read<{ items: Record<string, unknown>[] }>('/api/user/dave/inbox?count=5');
    const copy = inDaveInbox.items.find((item) => item.id === activity.id);
    expect(copy).toBeDefined();
    expect(copy?.bto).toBeUndefined();
  });

  it('keeps an inbox private to its owner and filters an outbox for each viewer', async () => {
    expect((await bob.send('/api/user/alice/inbox')).status).toBeGreaterThanOrEqual(401);
    expect((await bob.send('/api/user/alice/inbox')).status).toBeLessThan(404);
    const secret = await alice.note('followers only, again');
    expect(await bob.ids('/api/user/alice/feed')).toContain(secret.id);
    expect(await dave.ids('/api/user/alice/feed')).not.toContain(secret.id);
    const anonymous = await node.client.send('/api/user/alice/feed', { consumer: node.consumer });
    expect((anonymous.json as { items: { id: string }[] }).items.map((item) => item.id)).not.toContain(
      secret.id,
    );
  });

  it('what one may not read never reaches one by reference: favorite, share, reply, inReplyTo', async () => {
    const SECRET = 'only dave may read this';
    const posted = await alice.act({
      verb: 'post',
      object: { objectType: 'note', content: SECRET, displayName: SECRET },
      to: [dave.ref],
    });
    const note = { id: (posted.object as Json).id as string, objectType: 'note' };
    for (const body of [
      { verb: 'favorite', object: note },
      { verb: 'share', object: note },
      { verb: 'post', object: { objectType: 'comment', content: 'hm', inReplyTo: note }, to: [PUBLIC] },
    ]) {
      const answer = await bob.send('/api/user/bob/feed', { json: body });
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ error: `No such note: ${note.id}` });
    }
    const reply = await dave.act({
      verb: 'post',
      object: { objectType: 'comment', content: 'my public answer', inReplyTo: note },
      to: [PUBLIC],
    });
    const replyPath = new URL((reply.object as Json).id as string).pathname;
    const seenByBob = await bob.read(replyPath);
    expect(seenByBob.inReplyTo).toEqual(note);
    const anonymous = await node.client.send(replyPath, { consumer: node.consumer });
    expect((anonymous.json as Json).inReplyTo).toEqual(note);
    expect(JSON.stringify([seenByBob, anonymous.json])).not.toContain(SECRET);
    expect(((await dave.read(replyPath)).inReplyTo as Json).content).toBe(SECRET);
  });
});
