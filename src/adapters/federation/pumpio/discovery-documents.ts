import type { DiscoveredLink } from '../../../application/ports/remote-discovery.port';

/** The most links one document may list; pump.io's have 8 or 9. More is not a discovery document we want. */
export const MAX_LINKS = 100;

/** A document that is not the host-meta or WebFinger document it claims to be. */
export class MalformedDocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedDocumentError';
  }
}

/**
 * The links of a JRD (RFC 7033 §4.4, RFC 6415 appendix A): `{"links": [{rel, href?, template?, type?}, ...]}`.
 * Links without a string `rel` are skipped; other members of a link that are not strings are left out.
 */
export function parseJrdLinks(text: string): DiscoveredLink[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new MalformedDocumentError('not JSON');
  }
  const links = isRecord(document) ? document.links : undefined;
  if (!Array.isArray(links)) throw new MalformedDocumentError('no "links" list');
  if (links.length > MAX_LINKS) throw new MalformedDocumentError(`more than ${MAX_LINKS} links`);
  return links.filter(isRecord).flatMap((link) => {
    const found = linkOf((name) => (typeof link[name] === 'string' ? (link[name] as string) : undefined));
    return found === null ? [] : [found];
  });
}

const XML_DECLARATION = /^\uFEFF?\s*<\?xml\s[^?<>]*\?>/;
const COMMENT = /<!--[\s\S]*?-->/g;
const TAG = /<([/]?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*([/]?)>/y;
const ATTRIBUTE = /\s+([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/g;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * The `Link` elements of an XRD document (host-meta as pump.io serves it, docs/protocol.md §1.1): a small strict
 * reader, not a general XML parser. It accepts an optional XML declaration, comments, elements with quoted
 * attributes and text; it refuses a DOCTYPE (so no entity can be declared, let alone expanded), processing
 * instructions, CDATA, unknown entity references, and anything unbalanced. Only `Link` children of the root `XRD`
 * element are read (namespace prefixes ignored); their `rel`, `href`, `template` and `type` attributes are kept.
 */
export function parseXrdLinks(text: string): DiscoveredLink[] {
  const body = text.replace(XML_DECLARATION, '').replace(COMMENT, '');
  const open: string[] = [];
  const links: DiscoveredLink[] = [];
  let rootSeen = false;
  let at = 0;
  while (at < body.length) {
    const next = body.indexOf('<', at);
    const textEnd = next < 0 ? body.length : next;
    checkText(body.slice(at, textEnd), open.length === 0);
    if (next < 0) break;
    TAG.lastIndex = next;
    const tag = TAG.exec(body);
    if (tag === null) {
      // A DOCTYPE could declare entities (billion laughs, external files): never read one.
      const what = body.startsWith('<!DOCTYPE', next) ? 'a DOCTYPE' : 'unexpected markup';
      throw new MalformedDocumentError(`not an XRD document (${what})`);
    }
    const [whole, closing, name, attributes, selfClosing] = tag;
    at = next + whole.length;
    const local = name.slice(name.indexOf(':') + 1);
    if (closing !== '') {
      if (attributes !== '' || selfClosing !== '' || open.pop() !== name) {
        throw new MalformedDocumentError('unbalanced XML');
      }
      continue;
    }
    if (open.length === 0) {
      if (rootSeen || local !== 'XRD') throw new MalformedDocumentError('the root element is not XRD');
      rootSeen = true;
    } else if (open.length === 1 && local === 'Link') {
      if (links.length >= MAX_LINKS) throw new MalformedDocumentError(`more than ${MAX_LINKS} links`);
      const found = linkOf(attributeReader(attributes));
      if (found !== null) links.push(found);
    }
    if (selfClosing === '') open.push(name);
  }
  if (!rootSeen || open.length > 0) throw new MalformedDocumentError('not a complete XRD document');
  return links;
}

/** Text between tags: only whitespace outside the root, no stray markup, known entities only. */
function checkText(text: string, outsideRoot: boolean): void {
  if (outsideRoot && text.trim() !== '') {
    throw new MalformedDocumentError('text outside the XRD element');
  }
  decodeEntities(text);
}

function attributeReader(attributes: string): (name: string) => string | undefined {
  const values = new Map<string, string>();
  for (const match of attributes.matchAll(ATTRIBUTE)) {
    if (values.has(match[1])) throw new MalformedDocumentError(`attribute ${match[1]} given twice`);
    values.set(match[1], decodeEntities(match[2] ?? match[3]));
  }
  return (name) => values.get(name);
}

/** The five predefined XML entities and character references; any other reference is refused. */
function decodeEntities(text: string): string {
  return text.replace(/&([^;&\s]*);?/g, (reference, name: string) => {
    if (!reference.endsWith(';')) throw new MalformedDocumentError('a bare & in XML');
    if (name in PREDEFINED) return PREDEFINED[name];
    const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(name);
    const code = numeric === null ? NaN : parseInt(numeric[1] ?? numeric[2], numeric[1] ? 16 : 10);
    if (!Number.isInteger(code) || code < 0x20 || code > 0x10ffff) {
      throw new MalformedDocumentError(`unknown entity &${name};`);
    }
    return String.fromCodePoint(code);
  });
}

function linkOf(read: (name: string) => string | undefined): DiscoveredLink | null {
  const rel = read('rel');
  if (rel === undefined || rel === '') return null;
  const link: { rel: string; href?: string; template?: string; type?: string } = { rel };
  for (const name of ['href', 'template', 'type'] as const) {
    const value = read(name);
    if (value !== undefined) link[name] = value;
  }
  return link;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
