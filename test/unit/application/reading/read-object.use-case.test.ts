import { ReadActivity } from '../../../../src/application/reading/read-activity.use-case';
import { ReadObject } from '../../../../src/application/reading/read-object.use-case';
import type { Activity } from '../../../../src/domain/activity-streams/activity';
import type { AsObject } from '../../../../src/domain/activity-streams/as-object';
import { DomainError } from '../../../../src/domain/errors/domain-error';
import type { Viewer } from '../../../../src/domain/visibility/visibility';
import { castOfFive, type ReadingWorld, site } from './reading-fixtures';

type Reach = Record<'alice' | 'bob' | 'carol' | 'dave' | 'eve' | 'client', boolean>;

async function outcome(read: () => Promise<unknown>): Promise<string> {
  try {
    await read();
    return 'ok';
  } catch (error) {
    if (error instanceof DomainError) return error.kind;
    throw error;
  }
}

describe('ReadObject and ReadActivity: who may read what (docs/protocol.md §6.3, §4.7)', () => {
  let world: ReadingWorld;
  let list: AsObject;
  let readObject: ReadObject;
  let readActivity: ReadActivity;

  beforeEach(async () => {
    ({ world, list } = await castOfFive());
    readObject = new ReadObject(world.repositories, site);
    readActivity = new ReadActivity(world.repositories, site);
  });

  const viewers = (): Record<keyof Reach, Viewer> => ({
    alice: { id: world.personId('alice') },
    bob: { id: world.personId('bob') },
    carol: { id: world.personId('carol') },
    dave: { id: world.personId('dave') },
    eve: { id: world.personId('eve') },
    client: null,
  });

  async function reach(object: AsObject, activity: Activity): Promise<Reach> {
    const uuid = String(object._uuid);
    const activityUuid = String(activity._uuid);
    const result = {} as Reach;
    for (const [name, viewer] of Object.entries(viewers())) {
      const objectOutcome = await outcome(() =>
        readObject.execute({ locator: { type: 'note', uuid }, viewer }),
      );
      const activityOutcome = await outcome(() => readActivity.execute({ uuid: activityUuid, viewer }));
      // The object and its post activity always agree; a refusal is a 403, never anything else.
      expect(activityOutcome).toBe(objectOutcome);
      expect(['ok', 'forbidden']).toContain(objectOutcome);
      result[name as keyof Reach] = objectOutcome === 'ok';
    }
    return result;
  }

  it('public: everyone, including a client acting for nobody', async () => {
    const { object, activity } = await world.post('alice', { to: [world.public] });
    expect(await reach(object, activity)).toEqual({
      alice: true,
      bob: true,
      carol: true,
      dave: true,
      eve: true,
      client: true,
    });
  });

  it('followers: the author and her followers', async () => {
    const { object, activity } = await world.post('alice', { cc: [world.followers('alice')] });
    expect(await reach(object, activity)).toEqual({
      alice: true,
      bob: true,
      carol: false,
      dave: false,
      eve: false,
      client: false,
    });
  });

  it('a list: the author and the list members', async () => {
    const { object, activity } = await world.post('alice', {
      to: [{ id: list.id, objectType: 'collection' }],
    });
    expect(await reach(object, activity)).toEqual({
      alice: true,
      bob: false,
      carol: true,
      dave: false,
      eve: false,
      client: false,
    });
  });

  it('one person: the author and that person', async () => {
    const { object, activity } = await world.post('alice', { to: [world.person('dave')] });
    expect(await reach(object, activity)).toEqual({
      alice: true,
      bob: false,
      carol: false,
      dave: true,
      eve: false,
      client: false,
    });
  });

  it('bto and bcc make recipients too', async () => {
    const { object, activity } = await world.post('alice', {
      bto: [world.person('dave')],
      bcc: [world.person('carol')],
    });
    expect(await reach(object, activity)).toEqual({
      alice: true,
      bob: false,
      carol: true,
      dave: true,
      eve: false,
      client: false,
    });
  });

  it('an object never posted is its author’s only', async () => {
    const object: AsObject = {
      id: site.objectId('image', 'loose1'),
      objectType: 'image',
      author: world.person('alice'),
    };
    await world.storage.objects.save(object);
    const read = (viewer: Viewer) =>
      outcome(() => readObject.execute({ locator: { type: 'image', uuid: 'loose1' }, viewer }));
    expect(await read({ id: world.personId('alice') })).toBe('ok');
    expect(await read({ id: world.personId('bob') })).toBe('forbidden');
  });

  it('answers 410 for a deleted object, even to its author', async () => {
    const { object } = await world.post('alice', { to: [world.public] });
    await world.deleteObject(object);
    await expect(
      readObject.execute({
        locator: { type: 'note', uuid: String(object._uuid) },
        viewer: { id: world.personId('alice') },
      }),
    ).rejects.toMatchObject({ kind: 'gone', message: 'Deleted' });
  });

  it('answers 410 for a deleted activity and 404 for an unknown one', async () => {
    const { activity } = await world.post('alice', { to: [world.public] });
    await world.storage.activities.save({
      id: activity.id,
      verb: activity.verb,
      actor: activity.actor,
      object: activity.object,
      deleted: '2026-02-01T00:00:00Z',
    });
    await expect(readActivity.execute({ uuid: String(activity._uuid), viewer: null })).rejects.toMatchObject({
      kind: 'gone',
    });
    await expect(readActivity.execute({ uuid: 'nope', viewer: null })).rejects.toMatchObject({
      kind: 'not-found',
    });
  });

  it('answers 404 for an unknown type, an unknown uuid, and an object under another type', async () => {
    const { object } = await world.post('alice', { to: [world.public] });
    await expect(
      readObject.execute({ locator: { type: 'wibble', uuid: 'x' }, viewer: null }),
    ).rejects.toMatchObject({
      kind: 'not-found',
      message: 'Unknown type: wibble',
    });
    await expect(
      readObject.execute({ locator: { type: 'note', uuid: 'missing' }, viewer: null }),
    ).rejects.toMatchObject({
      kind: 'not-found',
    });
    await expect(
      readObject.execute({ locator: { type: 'image', id: object.id }, viewer: null }),
    ).rejects.toMatchObject({
      kind: 'not-found',
    });
  });

  it('finds an object by its foreign id', async () => {
    const { object } = await world.post('alice', { to: [world.public] }, [], {
      id: 'tag:example.org,2026:note-1',
    });
    const found = await readObject.execute({ locator: { type: 'note', id: object.id }, viewer: null });
    expect(found.id).toBe('tag:example.org,2026:note-1');
    await expect(
      readObject.execute({ locator: { type: 'note', id: '' }, viewer: null }),
    ).rejects.toMatchObject({
      kind: 'invalid',
    });
  });

  it('lets a group member read what was addressed to the group', async () => {
    const group: AsObject = {
      id: site.objectId('group', 'grp1'),
      objectType: 'group',
      author: world.person('eve'),
    };
    await world.storage.objects.save(group);
    await world.storage.streams.append('group:grp1:members', world.personId('carol'));
    const { object } = await world.post('alice', { to: [{ id: group.id, objectType: 'group' }] });
    const read = (nickname: string) =>
      outcome(() =>
        readObject.execute({
          locator: { type: 'note', uuid: String(object._uuid) },
          viewer: { id: world.personId(nickname) },
        }),
      );
    expect(await read('carol')).toBe('ok');
    expect(await read('bob')).toBe('forbidden');
  });
});
