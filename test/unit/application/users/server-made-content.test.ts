import { SanitizeHtmlSanitizer } from '../../../../src/adapters/sanitizing/sanitize-html-sanitizer';
import { createMemoryStorage } from '../../../../src/adapters/storage/memory/memory-storage';
import { BcryptPasswordHasher } from '../../../../src/adapters/system/bcrypt-password-hasher';
import { CryptoIdGenerator } from '../../../../src/adapters/system/crypto-id-generator';
import type { Principal } from '../../../../src/application/auth/principal';
import { RegisterUser } from '../../../../src/application/users/register-user.use-case';
import { UpdateProfile } from '../../../../src/application/users/update-profile.use-case';
import { userStreamName } from '../../../../src/domain/distribution/stream-names';
import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { FakeClock } from '../../../support/fake-clock';
import { publishUseCase } from '../../../support/publish-use-case';

const site = SiteUrls.fromBaseUrl('https://pump.example');
const bea: Principal = {
  clientId: 'some-client',
  user: { nickname: 'bea', personId: site.personId('bea') },
  remoteActor: null,
  generator: null,
};

/**
 * pump.io writes a `content` sentence for every activity that has none, the ones the server makes included
 * (lib/model/activity.js, makeContent); clients such as PyPump read it from every activity of a stream.
 */
describe('activities the server makes for a user', () => {
  async function setUp(siteName: string) {
    const clock = new FakeClock('2026-03-04T05:06:07.890Z');
    const storage = createMemoryStorage({ clock });
    const sanitizer = new SanitizeHtmlSanitizer();
    const ids = new CryptoIdGenerator();
    const publisher = publishUseCase(storage, clock, site, ids);
    const register = new RegisterUser(
      publisher,
      new BcryptPasswordHasher(4),
      ids,
      clock,
      site,
      { siteName },
      sanitizer,
    );
    await register.execute({ body: { nickname: 'bea', password: 'pass-word-42' }, clientId: null });
    const updateProfile = new UpdateProfile(storage, publisher, ids, clock, site, sanitizer);
    const inbox = async () => {
      const ids = await storage.streams.page(userStreamName('bea', 'inbox'), { count: 20 });
      const found = await storage.activities.findManyByIds(ids);
      return ids.map((id) => found.get(id)!);
    };
    return { storage, updateProfile, inbox };
  }

  it('gives the join, the welcome note and the four list creations a content sentence with escaped names', async () => {
    const { inbox } = await setUp('Pumps & <Co>');
    const sentences = (await inbox()).map((activity) => [activity.verb, activity.content]);
    const bea = "<a href='https://pump.example/bea'>bea</a>";
    const created = (list: string) => [
      'create',
      expect.stringMatching(
        new RegExp(`^${bea} created <a href='https://pump.example/bea/list/[^']+'>${list}</a>$`),
      ),
    ];
    expect(sentences).toEqual([
      created('Coworkers'),
      created('Acquaintances'),
      created('Family'),
      created('Friends'),
      [
        'post',
        expect.stringMatching(
          /^<a href='https:\/\/pump\.example\/'>Pumps &amp; &lt;Co&gt;<\/a> posted <a href='https:\/\/pump\.example\/api\/note\/[^']+'>a note<\/a>$/,
        ),
      ],
      ['join', `${bea} joined <a href='https://pump.example/'>Pumps &amp; &lt;Co&gt;</a>`],
    ]);
  });

  it('gives a profile update a content sentence, in the answer and in store', async () => {
    const { storage, updateProfile } = await setUp('Pump');
    const { activity } = await updateProfile.execute({
      principal: bea,
      nickname: 'bea',
      body: { displayName: 'Bea & "Friends"' },
    });
    const sentence =
      "<a href='https://pump.example/bea'>Bea &amp; &quot;Friends&quot;</a> updated " +
      "<a href='https://pump.example/bea'>Bea &amp; &quot;Friends&quot;</a>";
    expect(activity.content).toBe(sentence);
    expect((await storage.activities.findById(activity.id))?.content).toBe(sentence);
  });
});
