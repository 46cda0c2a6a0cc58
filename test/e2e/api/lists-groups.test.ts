import { type ApiNode, type Json, type Person, PUBLIC, startApiNode } from '../support/api-node';
import { expectStatus } from '../support/pump-client';

jest.setTimeout(60_000);

let node: ApiNode;
let alice: Person;
let bob: Person;
let carol: Person;

beforeAll(async () => {
  node = await startApiNode();
  [alice, bob, carol] = [
    await node.register('alice'),
    await node.register('bob'),
    await node.register('carol'),
  ];
});
afterAll(async () => {
  await node?.stop();
});

const pathOf = (id: string) => new URL(id).pathname;

describe('lists', () => {
  it('gives a new user the four default person lists, and lists members added with add and removed with remove', async () => {
    const lists = await alice.read<Json>('/api/user/alice/lists/person');
    const names = (lists.items as Json[]).map((list) => list.displayName);
    expect(names).toEqual(expect.arrayContaining(['Friends', 'Family', 'Acquaintances', 'Coworkers']));
    const friends = (lists.items as Json[]).find((list) => list.displayName === 'Friends') as Json;

    const added = await alice.send(`${pathOf(friends.id)}/members`, { json: bob.ref });
    expectStatus(added, 200);
    await alice.act({ verb: 'add', object: carol.ref, target: { id: friends.id, objectType: 'collection' } });
    const members = await alice.read<Json>(`${pathOf(friends.id)}/members`);
    expect((members.items as Json[]).map((member) => member.id).sort()).toEqual([bob.id, carol.id].sort());

    await alice.act({
      verb: 'remove',
      object: bob.ref,
      target: { id: friends.id, objectType: 'collection' },
    });
    const after = await alice.read<Json>(`${pathOf(friends.id)}/members`);
    expect((after.items as Json[]).map((member) => member.id)).toEqual([carol.id]);

    const notAuthor = await bob.send(`${pathOf(friends.id)}/members`, { json: bob.ref });
    expect(notAuthor.status).toBeGreaterThanOrEqual(400);
    expect(notAuthor.status).toBeLessThan(500);
  });
});

describe('groups', () => {
  it('lets people join a public group, delivers what is posted to it to its members, and keeps its documents', async () => {
    const created = await alice.act({
      verb: 'create',
      to: [PUBLIC],
      object: { objectType: 'group', displayName: 'Gardeners' },
    });
    const group = { id: created.object.id as string, objectType: 'group' };
    await bob.act({ verb: 'join', object: group });
    await alice.act({ verb: 'join', object: group });
    const members = await bob.read<Json>(`${pathOf(group.id)}/members`);
    expect((members.items as Json[]).map((member) => member.id).sort()).toEqual([alice.id, bob.id].sort());

    const posted = await alice.act({
      verb: 'post',
      object: { objectType: 'note', content: 'Tomatoes are in' },
      target: group,
    });
    expect(posted.to).toEqual([expect.objectContaining({ id: group.id })]);
    expect(await bob.ids('/api/user/bob/inbox')).toContain(posted.id);
    expect(await carol.ids('/api/user/carol/inbox')).not.toContain(posted.id);
    const inbox = await bob.read<Json>(`${pathOf(group.id)}/inbox`);
    expect((inbox.items as Json[]).map((item) => item.id)).toContain(posted.id);
    const documents = await bob.read<Json>(`${pathOf(group.id)}/documents`);
    expect((documents.items as Json[]).map((item) => item.id)).toContain(posted.object.id);

    await bob.act({ verb: 'leave', object: group });
    const left = await alice.read<Json>(`${pathOf(group.id)}/members`);
    expect((left.items as Json[]).map((member) => member.id)).toEqual([alice.id]);
    const later = await alice.act({
      verb: 'post',
      object: { objectType: 'note', content: 'Bob left' },
      target: group,
    });
    expect(await bob.ids('/api/user/bob/inbox')).not.toContain(later.id);
  });
});

describe('shortcuts (docs/protocol.md §4.2)', () => {
  it('follows through POST /following and favorites through POST /favorites, answering the object', async () => {
    const followed = await carol.send('/api/user/carol/following', { json: alice.ref });
    expectStatus(followed, 200);
    expect((followed.json as Json).id).toBe(alice.id);
    const posted = await alice.note('Shortcut target', { to: [PUBLIC] });
    expect(await carol.ids('/api/user/carol/inbox')).toContain(posted.id);
    const favorited = await carol.send('/api/user/carol/favorites', {
      json: { id: posted.object.id, objectType: 'note' },
    });
    expectStatus(favorited, 200);
    expect((favorited.json as Json).id).toBe(posted.object.id);
    const note = await carol.read<Json>(pathOf(posted.object.id as string));
    expect(note.liked).toBe(true);
    expect((await carol.send('/api/user/carol/following', { json: alice.ref })).status).toBe(400);
  });
});
