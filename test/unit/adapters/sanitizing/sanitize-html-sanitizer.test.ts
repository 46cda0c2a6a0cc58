import { SanitizeHtmlSanitizer } from '../../../../src/adapters/sanitizing/sanitize-html-sanitizer';
import { BENIGN_CASES, XSS_VECTORS } from './xss-corpus';

const sanitizer = new SanitizeHtmlSanitizer();

const FORBIDDEN_ELEMENTS =
  /<\s*\/?\s*(script|svg|math|style|iframe|frame|object|embed|applet|base|meta|link|form|input|button|textarea|template)\b/i;

/** The start tags of `html`, as written. */
function tagsOf(html: string): string[] {
  return html.match(/<[a-zA-Z][^>]*>/g) ?? [];
}

/** The attribute values of a tag, entities for the few characters a scheme could hide behind decoded. */
function attributeValuesOf(tag: string): string[] {
  return [...tag.matchAll(/\s[\w:-]+\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)].map((match) =>
    (match[1] ?? match[2] ?? match[3] ?? '')
      .replace(/&#x?0*([0-9a-f]+);?/gi, (_, code: string) => String.fromCharCode(parseInt(code, 16)))
      .replace(/&colon;/gi, ':')
      // eslint-disable-next-line no-control-regex -- control characters are what a browser skips before a scheme
      .replace(/[\s\0-\x1f]/g, ''),
  );
}

/** What is executable in a sanitized output, described; empty when nothing is. */
function dangersIn(output: string): string[] {
  const dangers: string[] = [];
  if (FORBIDDEN_ELEMENTS.test(output)) dangers.push('forbidden element');
  for (const tag of tagsOf(output)) {
    // Attribute names only: text inside a quoted value (`src="x onerror=y"`) is a value, not an attribute.
    const names = tag.replace(/"[^"]*"|'[^']*'/g, '""');
    if (/[\s/]on[a-z]+\s*=/i.test(names)) dangers.push(`event handler in ${tag}`);
    if (/\sstyle\s*=/i.test(names)) dangers.push(`style attribute in ${tag}`);
    for (const value of attributeValuesOf(tag)) {
      if (/^(javascript|data|vbscript|livescript):/i.test(value)) dangers.push(`script URL in ${tag}`);
    }
  }
  return dangers;
}

describe('SanitizeHtmlSanitizer.html on the XSS corpus', () => {
  it('holds over a hundred known vectors', () => {
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(100);
  });

  it.each(XSS_VECTORS.map((vector, index) => [index, vector]))(
    'vector %i leaves nothing executable',
    (_, vector) => {
      const output = sanitizer.html(vector);
      expect(dangersIn(output)).toEqual([]);
      expect(output).not.toMatch(/<script/i);
      // Cleaning twice changes nothing more: the output is already what the allowlist keeps.
      expect(sanitizer.html(output)).toBe(output);
    },
  );

  it('every vector, as plain text, keeps no tag at all', () => {
    for (const vector of XSS_VECTORS) {
      expect(sanitizer.plainText(vector)).not.toMatch(/<[a-zA-Z!/?]/);
    }
  });

  it('the checker itself spots what it must (so a green corpus means something)', () => {
    expect(dangersIn('<img src=x onerror=alert(1)>')).not.toEqual([]);
    expect(dangersIn('<a href="jav&#x09;ascript:alert(1)">x</a>')).not.toEqual([]);
    expect(dangersIn('<svg></svg>')).not.toEqual([]);
    expect(dangersIn('<p style="color:red">x</p>')).not.toEqual([]);
  });
});

describe('SanitizeHtmlSanitizer.html on ordinary formatting', () => {
  it.each(BENIGN_CASES.map((c) => [c.input, c.kept]))('keeps %s', (input, kept) => {
    const output = sanitizer.html(input);
    for (const part of kept) expect(output).toContain(part);
  });

  it('gives every link rel="noopener noreferrer nofollow" whatever was sent', () => {
    expect(sanitizer.html('<a href="https://x.example" rel="opener" target="_blank">x</a>')).toBe(
      '<a href="https://x.example" rel="noopener noreferrer nofollow">x</a>',
    );
  });

  it('drops classes and ids, and images whose only source was refused', () => {
    expect(sanitizer.html('<p class="admin" id="login">x</p>')).toBe('<p>x</p>');
    expect(sanitizer.html('<img src="data:image/png;base64,AAAA">')).toBe('');
  });
});

describe('SanitizeHtmlSanitizer.plainText', () => {
  it('strips tags and keeps the characters of the text', () => {
    expect(sanitizer.plainText('<b>Evan</b> & <i>friends</i>')).toBe('Evan & friends');
    expect(sanitizer.plainText('1 < 2 and "quotes"')).toBe('1 < 2 and "quotes"');
  });

  it('does not let escaped markup come back as a tag', () => {
    expect(sanitizer.plainText('&lt;script&gt;alert(1)&lt;/script&gt;Evan')).toBe('Evan');
    expect(sanitizer.plainText('&amp;lt;img src=x onerror=alert(1)&amp;gt;')).not.toMatch(/<img/i);
  });

  it('is idempotent', () => {
    for (const text of ['Tom & Jerry', 'a < b > c', '<b>x</b>', '&amp;amp;']) {
      const once = sanitizer.plainText(text);
      expect(sanitizer.plainText(once)).toBe(once);
    }
  });
});
