import { HmacProxyIds } from '../../../../../src/adapters/federation/hmac-proxy-ids';
import { ProxyUrls } from '../../../../../src/adapters/http/presenters/proxy-urls';
import { SiteUrls } from '../../../../../src/domain/site/site-urls';

const site = SiteUrls.fromBaseUrl('https://a.test');
const ids = new HmacProxyIds('secret');
const proxyUrls = new ProxyUrls(ids, site);
const proxied = (url: string) => `https://a.test/api/proxy/${ids.mint(url)}`;

describe('ProxyUrls', () => {
  it("adds pump_io.proxyURL to a remote object's feeds, media and self link on its own host", () => {
    const doc = {
      verb: 'post',
      actor: { id: 'acct:bob@b.test', objectType: 'person', image: { url: 'https://b.test/bob.png' } },
      object: {
        id: 'https://b.test/api/note/1',
        objectType: 'note',
        links: { self: { href: 'https://b.test/api/note/1' } },
        likes: { url: 'https://b.test/api/note/1/likes', totalItems: 1 },
        image: { url: 'https://cdn.elsewhere.test/1.png' },
        pump_io: { shared: false },
      },
    };
    proxyUrls.decorate(doc);
    expect(doc.actor.image).toEqual({
      url: 'https://b.test/bob.png',
      pump_io: { proxyURL: proxied('https://b.test/bob.png') },
    });
    expect(doc.object.likes).toMatchObject({
      pump_io: { proxyURL: proxied('https://b.test/api/note/1/likes') },
    });
    expect(doc.object.pump_io).toEqual({ shared: false, proxyURL: proxied('https://b.test/api/note/1') });
    // Another host's URL is not asked for in the viewer's name.
    expect(doc.object.image).toEqual({ url: 'https://cdn.elsewhere.test/1.png' });
  });

  it('leaves local objects and local URLs alone', () => {
    const doc = {
      id: 'acct:alice@a.test',
      objectType: 'person',
      image: { url: 'https://b.test/x.png' },
      followers: { url: 'https://a.test/api/user/alice/followers' },
    };
    const before = JSON.stringify(doc);
    proxyUrls.decorate(doc);
    expect(JSON.stringify(doc)).toBe(before);
  });
});
