/** What a link made from a bare URL carries: no opener access, no ranking credit, marked as user content. */
export const LINKIFIED_REL = 'nofollow noopener ugc';

/**
 * A bare http(s) URL in sanitized text: up to whitespace, a quote or a tag, and never across an escaped quote or
 * angle bracket (the sanitizer writes those as entities), so the match can go into a double-quoted attribute as
 * it is. Punctuation that ends a sentence is left out below.
 */
const BARE_URL = /\bhttps?:\/\/(?:(?!&(?:quot|lt|gt|#39|#x27);)[^\s<>"'`])+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}]+$/;

/** The URLs of one run of text, as links; the text between them unchanged. */
function linkifyText(text: string): string {
  return text.replace(BARE_URL, (match) => {
    const url = match.replace(TRAILING_PUNCTUATION, '');
    const rest = match.slice(url.length);
    if (!/^https?:\/\/[^/?#]/i.test(url)) return match;
    return `<a href="${url}" rel="${LINKIFIED_REL}">${url}</a>${rest}`;
  });
}

/**
 * Makes the bare http(s) URLs of HTML that the HtmlSanitizer already cleaned into links, as pump.io's web UI shows
 * posts written as plain text. Only text between tags is touched, never a tag, and never text inside a link or
 * in `<code>`/`<pre>`.
 *
 * Invariants: the input must be the sanitizer's output (tags well formed, `<`, `>`, `"` in text escaped); the
 * output adds only `<a href="http(s)://..." rel="nofollow noopener ugc">` elements whose href is the URL's own
 * escaped text, so it holds nothing the sanitizer would not have kept; applying it twice changes nothing.
 */
export function linkifyHtml(html: string): string {
  let skipDepth = 0;
  return html
    .split(/(<[^>]*>)/)
    .map((part) => {
      const tag = /^<(\/?)(a|code|pre)\b/i.exec(part);
      if (tag !== null) {
        skipDepth = Math.max(0, skipDepth + (tag[1] === '/' ? -1 : 1));
        return part;
      }
      if (part.startsWith('<') || skipDepth > 0) return part;
      return linkifyText(part);
    })
    .join('');
}
