import {
  MalformedDocumentError,
  parseJrdLinks,
  parseXrdLinks,
} from '../../../../src/adapters/federation/pumpio/discovery-documents';

// The XRD host-meta as pump.io serves it (docs/protocol.md §1.1).
const PUMPIO_XRD = `<?xml version='1.0' encoding='UTF-8'?>
<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>
<Link rel='lrdd' type='application/xrd+xml' template='http://b.test/api/lrdd?resource={uri}'/>
<Link rel='lrdd' type='application/json' template='http://b.test/.well-known/webfinger?resource={uri}'/>
<Link rel='registration_endpoint' href='http://b.test/api/client/register'/>
<Link rel='dialback' href='http://b.test/api/dialback'/>
</XRD>`;

describe('parseXrdLinks', () => {
  test('reads the Link elements of pump.io host-meta, in order', () => {
    expect(parseXrdLinks(PUMPIO_XRD)).toEqual([
      { rel: 'lrdd', type: 'application/xrd+xml', template: 'http://b.test/api/lrdd?resource={uri}' },
      {
        rel: 'lrdd',
        type: 'application/json',
        template: 'http://b.test/.well-known/webfinger?resource={uri}',
      },
      { rel: 'registration_endpoint', href: 'http://b.test/api/client/register' },
      { rel: 'dialback', href: 'http://b.test/api/dialback' },
    ]);
  });

  test('decodes the predefined entities and character references, reads prefixed and open Link elements', () => {
    const xml = `<x:XRD xmlns:x="http://docs.oasis-open.org/ns/xri/xrd-1.0"><!-- c -->
      <x:Link rel="self" href="http://b.test/a?x=1&amp;y=&#50;"><Title>T &lt;1&gt;</Title></x:Link></x:XRD>`;
    expect(parseXrdLinks(xml)).toEqual([{ rel: 'self', href: 'http://b.test/a?x=1&y=2' }]);
  });

  test.each([
    [
      'a DOCTYPE with entities',
      `<?xml version="1.0"?><!DOCTYPE XRD [<!ENTITY a "aaaa">]><XRD><Link rel="x" href="&a;"/></XRD>`,
    ],
    ['an unknown entity', `<XRD><Link rel="x" href="&xxe;"/></XRD>`],
    ['a bare ampersand', `<XRD><Link rel="x" href="a&b"/></XRD>`],
    ['another root', `<HTML><Link rel="x" href="y"/></HTML>`],
    ['unbalanced elements', `<XRD><Link rel="x" href="y"></XRD>`],
    ['text outside the root', `oops<XRD></XRD>`],
    ['a CDATA section', `<XRD><![CDATA[x]]></XRD>`],
    ['a processing instruction', `<XRD><?php x ?></XRD>`],
    ['an unquoted attribute', `<XRD><Link rel=x href="y"/></XRD>`],
    ['a repeated attribute', `<XRD><Link rel="x" rel="y"/></XRD>`],
    ['nothing at all', ''],
  ])('refuses %s', (_what, xml) => {
    expect(() => parseXrdLinks(xml)).toThrow(MalformedDocumentError);
  });

  test('refuses more than 100 links', () => {
    const many = `<XRD>${'<Link rel="x" href="y"/>'.repeat(101)}</XRD>`;
    expect(() => parseXrdLinks(many)).toThrow(MalformedDocumentError);
  });
});

describe('parseJrdLinks', () => {
  test('keeps string rel, href, template and type; skips links without rel', () => {
    const jrd = JSON.stringify({
      links: [
        { rel: 'self', href: 'h', type: 't', other: 1 },
        { href: 'no-rel' },
        'text',
        { rel: 'x', href: 3 },
      ],
    });
    expect(parseJrdLinks(jrd)).toEqual([{ rel: 'self', href: 'h', type: 't' }, { rel: 'x' }]);
  });

  test.each(['<html>', '[]', '{"links": {}}', 'null'])('refuses %s', (text) => {
    expect(() => parseJrdLinks(text)).toThrow(MalformedDocumentError);
  });
});
