import { withContent } from '../../../../src/application/reading/with-content';
import type { Activity } from '../../../../src/domain/activity-streams/activity';
import type { AsObject } from '../../../../src/domain/activity-streams/as-object';
import { PUBLIC_COLLECTION_ID } from '../../../../src/domain/activity-streams/well-known-ids';

const PUBLIC = { id: PUBLIC_COLLECTION_ID, objectType: 'collection' };
const person = (nick: string): AsObject => ({
  id: `https://pump.example/api/user/${nick}/profile`,
  objectType: 'person',
  displayName: nick,
  url: `https://pump.example/${nick}`,
});
const ref = (object: AsObject): AsObject => ({ id: object.id, objectType: object.objectType });

/** In-memory lookups that count their calls. */
function repositoriesOf(objects: AsObject[], creations: Activity[]) {
  const calls = { objects: 0, creations: 0 };
  return {
    calls,
    objects: {
      async findManyByIds(ids: readonly string[]) {
        calls.objects += 1;
        return new Map(
          objects.filter((object) => ids.includes(object.id)).map((object) => [object.id, object]),
        );
      },
    },
    activities: {
      async findCreations(ids: readonly string[]) {
        calls.creations += 1;
        return new Map(
          creations
            .filter((creation) => ids.includes(creation.object!.id))
            .map((creation) => [creation.object!.id, creation]),
        );
      },
    },
  };
}

describe('withContent', () => {
  const ann = person('ann');
  const ben = person('ben');
  const note = (n: number, author: AsObject): AsObject => ({
    id: `https://pump.example/api/note/${n}`,
    objectType: 'note',
    displayName: `Note <${n}>`,
    author: ref(author),
  });
  const publicNote = note(1, ann);
  const privateNote = note(2, ann);
  const creations: Activity[] = [
    {
      id: 'https://pump.example/api/activity/c1',
      verb: 'post',
      actor: ref(ann),
      object: ref(publicNote),
      to: [PUBLIC],
    },
    {
      id: 'https://pump.example/api/activity/c2',
      verb: 'post',
      actor: ref(ann),
      object: ref(privateNote),
      to: [ref(ben)],
    },
  ];

  it('costs two storage calls for a page of activities without content, however long, and names what it may', async () => {
    const page: Activity[] = [];
    for (let i = 0; i < 20; i += 1) {
      page.push({
        id: `https://pump.example/api/activity/l${i}`,
        verb: 'like',
        actor: ref(ben),
        object: ref(i % 2 ? publicNote : privateNote),
      });
    }
    const repositories = repositoriesOf([ann, ben, publicNote, privateNote], creations);
    const read = await withContent(repositories, page);
    expect(repositories.calls).toEqual({ objects: 1, creations: 1 });
    expect(read[1].content).toBe(
      "<a href='https://pump.example/ben'>ben</a> liked <a href='https://pump.example/api/note/1'>Note &lt;1&gt;</a>",
    );
    expect(read[0].content).toBe(
      "<a href='https://pump.example/ben'>ben</a> liked <a href='https://pump.example/api/note/2'>a note</a>",
    );
    expect(page[0].content).toBeUndefined();
  });

  it('reads nothing when every activity has its content, and leaves a deleted one alone', async () => {
    const repositories = repositoriesOf([], []);
    const page: Activity[] = [
      { id: 'a', verb: 'post', actor: ref(ann), content: 'said' },
      { id: 'b', verb: 'post', actor: ref(ann), deleted: '2026-01-01T00:00:00Z' },
    ];
    expect(await withContent(repositories, page)).toEqual(page);
    expect(repositories.calls).toEqual({ objects: 0, creations: 0 });
  });
});
