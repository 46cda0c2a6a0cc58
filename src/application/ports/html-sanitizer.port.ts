/**
 * Cleans HTML that users and remote servers send before it is stored (docs/protocol.md §4.6, docs/runtime.md
 * §3.5).
 *
 * Every adapter honours:
 * - `html` keeps only the allowlisted formatting (paragraphs, links, emphasis, lists, images...): its answer holds
 *   no script, no event handler, no style, no frame, form, SVG or MathML, and no URL other than http, https (and
 *   mailto for links);
 * - `plainText` answers the text alone, with every tag removed (also tags that only appear once entities are
 *   decoded), ready to be escaped on output; `&`, `<` that start no tag, and quotes stay as characters;
 * - both are pure and idempotent: cleaning a cleaned value changes nothing.
 */
export interface HtmlSanitizer {
  html(dirty: string): string;
  plainText(dirty: string): string;
}
export const HtmlSanitizer = Symbol('HtmlSanitizer');
