import { outboundDocument } from '../../../../src/domain/delivery/outbound-document';

describe('outboundDocument: what leaves the server', () => {
  const activity = {
    id: 'https://a.test/api/activity/1',
    _uuid: 'u1',
    verb: 'post',
    actor: {
      id: 'acct:alice@a.test',
      objectType: 'person',
      _user: true,
      links: { self: { href: 'x', _h: 1 } },
    },
    object: {
      id: 'https://a.test/api/note/1',
      objectType: 'note',
      bcc: [{ id: 'acct:eve@b.test', objectType: 'person' }],
      replies: { url: 'r', items: [{ id: 'n2', objectType: 'note', _private: 'yes' }] },
    },
    to: [{ id: 'acct:bob@b.test', objectType: 'person', _seen: 1 }],
    bto: [{ id: 'acct:carol@b.test', objectType: 'person' }],
    bcc: [{ id: 'acct:dave@b.test', objectType: 'person' }],
  };

  test('drops bto and bcc, at the top and in embedded objects', () => {
    const out = outboundDocument(activity);
    expect(out).not.toHaveProperty('bto');
    expect(out).not.toHaveProperty('bcc');
    expect(out.object).not.toHaveProperty('bcc');
    expect(out.to).toEqual([{ id: 'acct:bob@b.test', objectType: 'person' }]);
  });

  test('drops every _-prefixed field at any depth, arrays included', () => {
    const text = JSON.stringify(outboundDocument(activity));
    expect(text).not.toMatch(/"_/);
    expect(outboundDocument(activity)).toMatchObject({
      actor: { id: 'acct:alice@a.test', links: { self: { href: 'x' } } },
      object: { replies: { url: 'r', items: [{ id: 'n2', objectType: 'note' }] } },
    });
  });

  test('leaves its input untouched', () => {
    const before = JSON.stringify(activity);
    outboundDocument(activity);
    expect(JSON.stringify(activity)).toBe(before);
  });
});
