import type { HtmlSanitizer } from '../../../application/ports/html-sanitizer.port';
import type { AsObject } from '../../../domain/activity-streams/as-object';
import { domainOf } from '../../../domain/activity-streams/object-ids';
import { classifyAddress, followersUrlOf } from '../../../domain/audience/address-classification';
import { isOnOriginOf } from '../../../domain/federation/proxied-urls';
import type { SiteUrls } from '../../../domain/site/site-urls';
import type { JsonDocument } from '../presenters/object-lookup';
import { describeActivity } from './web-activity-words';
import { itemsOf, record, text, total } from './web-json';
import { linkifyHtml } from './web-linkify';
import { localLink, mediaOf, type MediaView } from './web-media';
import { htmlToText } from './web-text';

/**
 * A person as a page shows it: a name and, when it is a safe link, where their page is. A remote person is named
 * by their displayName, else `preferredUsername@host`; their link goes home only (their `url` when it is an
 * http(s) URL on their own host), and their avatar comes through our `/api/proxy` when the page has its URL.
 */
export interface PersonView {
  readonly id: string;
  readonly name: string;
  /** The nickname of a local person, for the links to their pages; null for a remote one. */
  readonly nickname: string | null;
  readonly href: string | null;
  readonly avatar: string | null;
  /** `user@host`, the address people type to find them (RFC 7033), when it is known. */
  readonly webfinger: string | null;
  /** Whether the viewer follows them (only known on fully decorated persons). */
  readonly followed: boolean;
}

/** An object (note, comment, list...) as a page shows it. */
export interface ObjectView {
  readonly id: string;
  readonly objectType: string;
  readonly name: string | null;
  /** Sanitized HTML from the store: the scrubber cleans `content` before it is saved. */
  readonly contentHtml: string | null;
  readonly summaryHtml: string | null;
  /** The content as plain text, for its author's edit form (the composer's paragraphs and line breaks). */
  readonly contentText: string | null;
  /** When the object was deleted: a tombstone, shown as such, with no content and no buttons. */
  readonly deleted: string | null;
  readonly href: string | null;
  readonly published: string | null;
  readonly author: PersonView | null;
  readonly liked: boolean;
  readonly shared: boolean;
  readonly likes: number;
  readonly replies: number;
  readonly shares: number;
  /** The first replies the object carries inline (docs/protocol.md §4.4), as the viewer may see them. */
  readonly firstReplies: ObjectView[];
  readonly inReplyTo: { readonly id: string; readonly href: string | null } | null;
  readonly person: PersonView | null;
  /**
   * The host of the server the object lives on when that is another server (its page is there, where the viewer
   * has no account, so replying happens here); null for an object of this site.
   */
  readonly remoteHost: string | null;
  /** Its image, sound, video or file, for the uploaded kinds. */
  readonly media: MediaView | null;
}

/** One address of an activity as its marker shows it: "Public", "Followers", a list's or a person's name. */
export interface AddressView {
  readonly kind: 'public' | 'followers' | 'list' | 'person' | 'group' | 'other';
  readonly name: string;
  readonly href: string | null;
}

/** An activity as a stream shows it. */
export interface ActivityView {
  readonly id: string;
  readonly verb: string;
  /** The verb and object in words ("created a collection"), for activities that carry no content sentence. */
  readonly summaryText: string;
  /** Server-generated or scrubbed HTML sentence ("Alice posted a note"). */
  readonly contentHtml: string | null;
  readonly published: string | null;
  readonly href: string | null;
  readonly actor: PersonView | null;
  readonly object: ObjectView | null;
  /** Whom it was addressed to (`to` then `cc`, as the viewer may see them; blind copies are never shown). */
  readonly audience: AddressView[];
}

/**
 * A link target taken from stored data: only absolute http(s) URLs, or paths of this site. `javascript:`,
 * `data:` and every other scheme give null, so no user-supplied value can become script in an `href`.
 */
export function safeHref(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2048) return null;
  if (/^https?:\/\/[^\s]+$/i.test(value)) return value;
  if (/^\/(?![/\\])[^\s]*$/.test(value)) return value;
  return null;
}

/** `preferredUsername@host` of a remote person, else `user@host` of an acct id, else the id itself. */
function remoteHandle(doc: JsonDocument, id: string): string {
  const host = domainOf(id);
  const username = text(doc.preferredUsername);
  if (host !== null && username !== null) return `${username}@${host}`;
  if (id.startsWith('acct:')) return id.slice('acct:'.length);
  return id;
}

/** `user@host` of a remote person: their acct id, else `preferredUsername@host`; null when neither is known. */
function remoteWebfinger(doc: JsonDocument, id: string): string | null {
  if (id.startsWith('acct:')) return id.slice('acct:'.length);
  const handle = remoteHandle(doc, id);
  return handle === id ? null : handle;
}

/**
 * An absolute http(s) URL from a remote person's document: on their own host for a link home (`scope` `origin`),
 * anywhere for an image the CSP's img-src admits; never a path of this site, which a remote document has no say
 * over.
 */
function remoteHome(value: unknown, id: string, scope: 'origin' | 'anywhere' = 'origin'): string | null {
  const url = safeHref(value);
  if (url === null || !/^https?:\/\//i.test(url)) return null;
  return scope === 'anywhere' || isOnOriginOf(url, id) ? url : null;
}

function htmlToTextOrNull(html: string | null): string | null {
  return html === null ? null : htmlToText(html);
}

/**
 * Builds the view models of presented AS1 JSON (the output of the AS1 presenters), reading every field
 * defensively: stored documents may come from remote servers and hold anything.
 *
 * Invariants: every HTML field (`content`, `summary`) goes through the HtmlSanitizer again on its way out, so
 * the pages' only unescaped output is the sanitizer's: content stored before the scrubber existed, written
 * around it, or generated by the server from stored names and URLs (an activity's sentence) cannot carry script.
 */
export class ViewModels {
  constructor(
    private readonly site: SiteUrls,
    private readonly sanitizer: HtmlSanitizer,
  ) {}

  /** Stored HTML cleaned again, its bare URLs made links (posts written as plain text hold them). */
  private html(value: unknown): string | null {
    const clean = this.cleanHtml(value);
    return clean === null ? null : linkifyHtml(clean);
  }

  private cleanHtml(value: unknown): string | null {
    const raw = text(value);
    if (raw === null) return null;
    const clean = this.sanitizer.html(raw);
    return clean === '' ? null : clean;
  }

  person(json: unknown): PersonView | null {
    const doc = record(json);
    const id = text(doc?.id);
    if (doc === null || id === null) return null;
    const nickname = this.site.nicknameOfPersonId(id);
    const image = record(doc.image);
    const pumpIo = record(doc.pump_io);
    if (nickname === null) {
      return {
        id,
        name: text(doc.displayName) ?? remoteHandle(doc, id),
        nickname,
        href: remoteHome(doc.url, id),
        avatar: this.proxied(image) ?? remoteHome(image?.url, id, 'anywhere'),
        webfinger: remoteWebfinger(doc, id),
        followed: pumpIo?.followed === true,
      };
    }
    return {
      id,
      name: text(doc.displayName) ?? text(doc.preferredUsername) ?? nickname,
      nickname,
      href: `/${nickname}`,
      avatar: localLink(this.site, image?.url),
      webfinger: `${nickname}@${this.site.hostname}`,
      followed: pumpIo?.followed === true,
    };
  }

  /** The `/api/proxy` URL the presented link carries (ProxyUrls), as a path of this site, or null. */
  private proxied(link: JsonDocument | null): string | null {
    const proxyURL = text(record(link?.pump_io)?.proxyURL);
    const prefix = this.site.url('api/proxy/');
    if (proxyURL === null || !proxyURL.startsWith(prefix)) return null;
    return safeHref(new URL(proxyURL).pathname);
  }

  /** `nested` for an object shown inside another (an inline reply), which shows no replies of its own. */
  object(json: unknown, nested = false): ObjectView | null {
    const doc = record(json);
    const id = text(doc?.id);
    if (doc === null || id === null) return null;
    const objectType = text(doc.objectType) ?? 'object';
    const parent = record(doc.inReplyTo);
    const parentId = text(parent?.id);
    return {
      id,
      objectType,
      name: text(doc.displayName),
      contentHtml: this.html(doc.content),
      summaryHtml: this.html(doc.summary),
      contentText: htmlToTextOrNull(this.cleanHtml(doc.content)),
      deleted: text(doc.deleted),
      href: this.pageOf(doc),
      published: text(doc.published),
      author: this.person(doc.author),
      liked: doc.liked === true,
      shared: record(doc.pump_io)?.shared === true,
      likes: total(doc.likes),
      replies: total(doc.replies),
      shares: total(doc.shares),
      firstReplies: nested ? [] : this.many(itemsOf(doc.replies), (item) => this.object(item, true)),
      inReplyTo:
        parentId === null ? null : { id: parentId, href: parent === null ? null : this.pageOf(parent) },
      person: objectType === 'person' ? this.person(doc) : null,
      remoteHost: this.remoteHostOf(id),
      media: mediaOf(doc, this.site),
    };
  }

  activity(json: unknown): ActivityView | null {
    const doc = record(json);
    const id = text(doc?.id);
    if (doc === null || id === null) return null;
    const verb = text(doc.verb) ?? 'post';
    const actor = this.person(doc.actor);
    const object = this.object(doc.object);
    return {
      id,
      verb,
      summaryText: describeActivity(verb, record(doc.object)),
      contentHtml: this.html(doc.content),
      published: text(doc.published),
      href: this.pageOf(doc),
      actor,
      // A posted object is presented without its author, which is the activity's actor (docs/protocol.md §4.7);
      // the buttons need it (no Share of one's own note, "the note by ..." for screen readers).
      object:
        verb === 'post' && object !== null && object.author === null ? { ...object, author: actor } : object,
      audience: this.audience(doc),
    };
  }

  /** The `to` and `cc` of a presented activity, each named for its marker. */
  private audience(doc: JsonDocument): AddressView[] {
    const actor = record(doc.actor);
    const actorFollowers =
      actor !== null && text(actor.id) !== null
        ? followersUrlOf(actor as unknown as AsObject, this.site)
        : null;
    const addresses = [doc.to, doc.cc].flatMap((field) => (Array.isArray(field) ? field : []));
    return this.many(addresses, (json) => {
      const address = record(json);
      const id = text(address?.id);
      if (address === null || id === null) return null;
      const kind = classifyAddress(address as unknown as AsObject, actorFollowers);
      if (kind === 'public') return { kind, name: 'Public', href: null };
      if (kind === 'followers') return { kind, name: 'Followers', href: null };
      if (kind === 'person') {
        const person = this.person(address);
        return person === null ? null : { kind, name: person.name, href: person.href };
      }
      const name = text(address.displayName);
      if (kind === 'collection') return { kind: 'list', name: name ?? 'A list', href: this.pageOf(address) };
      return { kind, name: name ?? (kind === 'group' ? 'A group' : 'Someone'), href: this.pageOf(address) };
    });
  }

  /** The host of an id of another server, or null for an id of this one (or one without a host). */
  private remoteHostOf(id: string): string | null {
    const host = domainOf(id);
    return host === null || host.split(':')[0] === this.site.hostname ? null : host;
  }

  /** Keeps the items that could be read (an item without an id is skipped, never a broken page). */
  many<T>(items: readonly unknown[], build: (json: unknown) => T | null): T[] {
    return items.flatMap((item) => {
      const view = build(item);
      return view === null ? [] : [view];
    });
  }

  /** A local page on this site for local things (a relative link keeps the browser here), else a safe url. */
  private pageOf(doc: JsonDocument): string | null {
    const url = safeHref(doc.url);
    if (url === null) return null;
    const local = this.site.parse(url);
    if (local !== null && (local.kind === 'object-page' || local.kind === 'activity-page')) {
      return new URL(url).pathname;
    }
    if (local?.kind === 'profile-page') return `/${local.nickname}`;
    return url;
  }
}
