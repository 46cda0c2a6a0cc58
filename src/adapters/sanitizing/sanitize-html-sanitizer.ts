import sanitizeHtml from 'sanitize-html';

import type { HtmlSanitizer } from '../../application/ports/html-sanitizer.port';

/** What every link gets, whatever was sent: no opener access, no referrer, no ranking credit for spammers. */
const LINK_REL = 'noopener noreferrer nofollow';

/**
 * Elements whose whole content goes with them: script and style bodies, and containers whose text is markup in
 * another language (SVG, MathML, templates) or raw text that a browser would treat differently than the parser.
 */
const DROPPED_WITH_CONTENT = [
  'script',
  'style',
  'textarea',
  'option',
  'noscript',
  'noembed',
  'noframes',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'template',
  'title',
  'xmp',
  'plaintext',
  'select',
  'head',
];

/**
 * A URL whose scheme, once every whitespace and control character is gone, is not one we allow. Browsers only
 * skip leading C0 controls and spaces, so `\u2028javascript:` is a harmless relative URL to them; some other
 * consumer of our JSON may be laxer, and no honest link starts that way, so it goes anyway.
 */
function hiddenScheme(url: string | undefined, allowed: readonly string[]): boolean {
  if (url === undefined) return false;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what hides a scheme
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\s\0-\x1f\x7f-\x9f\u200b-\u200f\ufeff]/g, ''));
  return scheme !== null && !allowed.includes(scheme[1].toLowerCase());
}

function withoutHiddenScheme(
  attribs: sanitizeHtml.Attributes,
  name: 'href' | 'src',
  allowed: readonly string[],
): sanitizeHtml.Attributes {
  if (!hiddenScheme(attribs[name], allowed)) return attribs;
  const { [name]: _dropped, ...rest } = attribs;
  return rest;
}

/** The one allowlist (issue #4): formatting only, no attribute that styles, scripts or targets. */
const HTML_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'a',
    'em',
    'i',
    'strong',
    'b',
    'u',
    's',
    'del',
    'ins',
    'sub',
    'sup',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'img',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  // `//host/x` takes the page's scheme; harmless, but an explicit scheme is what the allowlist is about.
  allowProtocolRelative: false,
  allowedStyles: {},
  allowedClasses: {},
  allowVulnerableTags: false,
  disallowedTagsMode: 'discard',
  nonTextTags: DROPPED_WITH_CONTENT,
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...withoutHiddenScheme(attribs, 'href', ['http', 'https', 'mailto']), rel: LINK_REL },
    }),
    img: (tagName, attribs) => ({ tagName, attribs: withoutHiddenScheme(attribs, 'src', ['http', 'https']) }),
  },
  // An <img> left without its src (it was javascript: or data:) is an empty box: drop it.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/** No tag at all: what is left is text, escaped by sanitize-html as `&amp; &lt; &gt;`. */
const TEXT_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [],
  allowedAttributes: {},
  disallowedTagsMode: 'discard',
  nonTextTags: DROPPED_WITH_CONTENT,
};

/** Undoes the only escapes sanitize-html writes into text, `&amp;` last so `&amp;lt;` stays `&lt;`. */
function unescapeText(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** Rounds of strip-then-decode for plain text; escaped markup nested deeper than this is dropped whole. */
const PLAIN_TEXT_ROUNDS = 4;

/**
 * {@link HtmlSanitizer} over sanitize-html 2.17.5 (docs/runtime.md §5.4): parses with htmlparser2 and writes back only
 * the allowlisted elements and attributes, so what comes out is re-serialised markup, never the input's bytes.
 *
 * Invariants: links always carry `rel="noopener noreferrer nofollow"`; `href` is http, https or mailto and `src`
 * http or https, else the attribute is dropped (and an image without a source with it); script, style, SVG,
 * MathML, frames and forms are dropped with their content; text is entity-escaped. `plainText` strips tags until
 * decoding entities reveals no new one, so `&lt;script&gt;` does not come back as a tag.
 */
export class SanitizeHtmlSanitizer implements HtmlSanitizer {
  html(dirty: string): string {
    return sanitizeHtml(withoutNulls(dirty), HTML_OPTIONS);
  }

  plainText(dirty: string): string {
    let text = withoutNulls(dirty);
    for (let round = 0; round < PLAIN_TEXT_ROUNDS; round += 1) {
      const next = unescapeText(sanitizeHtml(text, TEXT_OPTIONS));
      if (next === text) return text;
      text = next;
    }
    // Still changing: markup escaped over and over on purpose. Keep only what cannot open a tag.
    return text.replace(/[<>]/g, '');
  }
}

/** NUL bytes split keywords for some parsers (`java\0script:`); no legitimate text holds one. */
function withoutNulls(text: string): string {
  return text.replace(/\0/g, '');
}
