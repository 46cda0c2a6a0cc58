import { DomainError } from '../../../../src/domain/errors/domain-error';
import { PostingWorld, PUBLIC } from './posting-world';

let world: PostingWorld;
beforeEach(async () => {
  world = new PostingWorld();
  await world.register('alice', 'bob');
});

describe('UpdateActivity (PUT /api/activity/<uuid>)', () => {
  it('never changes the actor: another actor in the body is refused and nothing is stored', async () => {
    const { activity } = await world.note('alice', 'hello', { to: [PUBLIC] });
    const before = await world.storage.activities.findById(activity.id);
    const update = world.updateActivity.execute({
      principal: world.principal('alice'),
      uuid: String(activity._uuid),
      body: { actor: world.ref('bob'), content: 'now it is Bob who said it' },
    });
    await expect(update).rejects.toThrow(DomainError);
    await expect(update).rejects.toMatchObject({ kind: 'invalid', code: 'activity.invalid-actor' });
    expect(await world.storage.activities.findById(activity.id)).toEqual(before);
  });

  it('accepts the actor a client sends back unchanged, and keeps the stored reference', async () => {
    const { activity } = await world.note('alice', 'hello', { to: [PUBLIC] });
    const echoed = { ...world.ref('alice'), displayName: 'Not Alice', url: 'https://evil.example/' };
    const updated = await world.updateActivity.execute({
      principal: world.principal('alice'),
      uuid: String(activity._uuid),
      body: { actor: echoed, content: 'edited' },
    });
    const stored = await world.storage.activities.findById(activity.id);
    expect(updated.actor).toEqual(world.ref('alice'));
    expect(stored?.actor).toEqual(world.ref('alice'));
    expect(stored?.content).toBe('edited');
  });
});
