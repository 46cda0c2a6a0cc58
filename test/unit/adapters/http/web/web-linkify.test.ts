import { linkifyHtml } from '../../../../../src/adapters/http/web/web-linkify';
import { SanitizeHtmlSanitizer } from '../../../../../src/adapters/sanitizing/sanitize-html-sanitizer';
import { BENIGN_CASES, XSS_VECTORS } from '../../sanitizing/xss-corpus';

const sanitizer = new SanitizeHtmlSanitizer();
const REL = 'rel="nofollow noopener ugc"';

describe('linkifyHtml', () => {
  it.each([
    [
      '<p>see https://example.org/a?b=1&amp;c=2 now</p>',
      `<p>see <a href="https://example.org/a?b=1&amp;c=2" ${REL}>https://example.org/a?b=1&amp;c=2</a> now</p>`,
    ],
    [
      'Read http://example.org/x. Then (http://example.org/y), ok?',
      `Read <a href="http://example.org/x" ${REL}>http://example.org/x</a>. ` +
        `Then (<a href="http://example.org/y" ${REL}>http://example.org/y</a>), ok?`,
    ],
    [
      'quoted &quot;https://example.org/q&quot;',
      `quoted &quot;<a href="https://example.org/q" ${REL}>https://example.org/q</a>&quot;`,
    ],
    [
      '&lt;https://example.org/z&gt;',
      `&lt;<a href="https://example.org/z" ${REL}>https://example.org/z</a>&gt;`,
    ],
  ])('links the bare URLs of %j', (input, output) => {
    expect(linkifyHtml(input)).toBe(output);
  });

  it.each([
    '<a href="https://example.org/" rel="noopener noreferrer nofollow">https://example.org/</a>',
    '<a href="https://example.org/">see <b>https://example.org/</b></a>',
    '<code>https://example.org/</code>',
    '<pre>curl https://example.org/</pre>',
    'ftp://example.org/ javascript:alert(1) http:// https:///x mailto:a@example.org',
  ])('leaves %j as it is', (input) => {
    expect(linkifyHtml(input)).toBe(input);
  });

  it('is idempotent', () => {
    const once = linkifyHtml('<p>https://example.org/ and http://example.net/a</p>');
    expect(linkifyHtml(once)).toBe(once);
  });

  // Safety: what the sanitizer let through stays what it lets through. Sanitizing the linkified output again keeps
  // every element and attribute (only the sanitizer's own rel replaces ours), so linkifying adds nothing unsafe.
  it.each([...XSS_VECTORS, ...BENIGN_CASES.map((c) => c.input), 'x https://e.org/"onmouseover="alert(1) y'])(
    'keeps sanitized %j safe',
    (vector) => {
      const clean = sanitizer.html(vector);
      const linked = linkifyHtml(clean);
      const normalized = (html: string) => html.replace(/ rel="[^"]*"/g, '');
      expect(normalized(sanitizer.html(linked))).toBe(normalized(linked));
      // The only change is links around text, each to exactly its own text.
      const unlinked = linked.replace(/<a href="([^"]*)" rel="nofollow noopener ugc">\1<\/a>/g, '$1');
      expect(unlinked).toBe(clean);
    },
  );
});
