import { DeleteUser } from '../../../../src/application/users/delete-user.use-case';
import { ImportFollows } from '../../../../src/application/users/import-follows.use-case';
import { PostingWorld, site } from '../activities/posting-world';

let world: PostingWorld;
let importFollows: ImportFollows;

beforeEach(async () => {
  world = new PostingWorld();
  await world.register('alice', 'bob', 'carol', 'gone');
  importFollows = new ImportFollows(world.storage, world.post, site, 6);
  await new DeleteUser(world.storage, {
    post: world.post,
    passwords: { verify: () => Promise.resolve(true) },
    clock: world.clock,
    site,
    logger: world.logger,
  }).execute({ principal: world.principal('gone'), nickname: 'gone' });
});

const run = (text: string, nickname = 'alice') =>
  importFollows.execute({ principal: world.principal(nickname), nickname, text });

describe('ImportFollows', () => {
  it('follows through the follow verb and reports every line', async () => {
    await world.act('alice', {
      verb: 'follow',
      object: { id: site.personId('carol'), objectType: 'person' },
    });
    const host = 'social.example';
    const report = await run(
      [`bob@${host}`, `carol@${host}`, `gone@${host}`, `nobody@${host}`, `alice@${host}`, 'bad line'].join(
        '\n',
      ),
    );
    expect(report.map((line) => [line.source, line.outcome])).toEqual([
      [`bob@${host}`, 'followed'],
      [`carol@${host}`, 'already-following'],
      [`gone@${host}`, 'not-found'],
      [`nobody@${host}`, 'not-found'],
      [`alice@${host}`, 'invalid'],
      ['bad line', 'invalid'],
    ]);
    expect(await world.storage.follows.isFollowing(site.personId('alice'), site.personId('bob'))).toBe(true);
    // A follow activity was posted: bob's inbox has it.
    const [newest] = await world.stream('user:bob:inbox');
    expect(await world.storage.activities.findById(newest)).toMatchObject({ verb: 'follow' });
  });

  it('refuses more people than the cap, following nobody', async () => {
    const text = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name) => `${name}@far.example`).join('\n');
    await expect(run(text)).rejects.toMatchObject({ kind: 'invalid', code: 'follow-import.too-many' });
    expect(await world.storage.follows.countFollowing(site.personId('alice'))).toBe(0);
  });

  it('lets only the user import into their account', async () => {
    await expect(
      importFollows.execute({ principal: world.principal('bob'), nickname: 'alice', text: 'x@far.example' }),
    ).rejects.toMatchObject({ kind: 'unauthenticated' });
  });
});
