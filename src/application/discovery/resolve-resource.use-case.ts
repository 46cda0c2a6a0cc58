import { invalid, notFound } from '../../domain/errors/domain-error';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { Repositories } from '../ports/storage/unit-of-work.port';
import { activityPubActorLink, type DiscoveryLink, objectLinks, userLinks } from './resource-links';

/** The `resource` query parameter as received: undefined when missing, an array when repeated. */
export interface ResolveResourceCommand {
  readonly resource: unknown;
}

const API_OBJECT_PATH = /^\/api\/(\w+)\//;
const URL_PARTS = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/i;

/** A JSON Resource Descriptor (RFC 7033 §4.4) with the subject it describes. */
export interface ResourceDescriptor {
  readonly subject: string;
  readonly links: DiscoveryLink[];
}

/**
 * What `/.well-known/webfinger` and `/api/lrdd` answer for a resource (docs/protocol.md §1.2).
 *
 * Invariants, in pump.io's order: no (or a repeated) `resource` → 400 "No resource parameter"; a value without `:`
 * but with `@` gets `acct:` prepended; a host other than the site's (ports ignored), or none at all (an empty
 * value, an unknown scheme) → 404 "Unrecognized host"; `acct:nick@host` of an unknown user → 404; an http(s) URL
 * naming a local person (the profile id form of §1.3) answers the user's links; any other http(s) URL must have
 * the path `/api/<type>/...` (404 "Unknown object type") and be a stored object's id (404). `rel` is not
 * filtered.
 */
export class ResolveResource {
  constructor(
    private readonly repositories: Pick<Repositories, 'users' | 'objects'>,
    private readonly site: SiteUrls,
  ) {}

  async execute(command: ResolveResourceCommand): Promise<DiscoveryLink[]> {
    return (await this.describe(command)).links;
  }

  /**
   * The descriptor an ActivityPub server asks for (docs/activitypub.md §5): the same resolution and errors as
   * {@link execute}; a user's subject is `acct:<nick>@<host>` and their links end with the ActivityPub actor
   * link; an object's subject is the resource as given.
   */
  async executeForActivityPub(command: ResolveResourceCommand): Promise<ResourceDescriptor> {
    const described = await this.describe(command);
    if (described.nickname === null) return { subject: described.subject, links: described.links };
    return {
      subject: `acct:${described.nickname}@${this.site.hostname}`,
      links: [...described.links, activityPubActorLink(this.site, described.nickname)],
    };
  }

  private async describe(
    command: ResolveResourceCommand,
  ): Promise<{ subject: string; nickname: string | null; links: DiscoveryLink[] }> {
    if (typeof command.resource !== 'string') {
      throw invalid('discovery.no-resource', 'No resource parameter');
    }
    let resource = command.resource;
    if (!resource.includes(':') && resource.includes('@')) {
      resource = `acct:${resource}`;
    }
    if (resource.toLowerCase().startsWith('acct:')) {
      const address = resource.slice('acct:'.length);
      const at = address.lastIndexOf('@');
      this.assertLocalHost(at === -1 ? '' : hostnameOf(address.slice(at + 1)));
      return this.user(resource, address.slice(0, at));
    }
    const parts = URL_PARTS.exec(resource);
    this.assertLocalHost(parts === null ? '' : hostnameOf(parts[2]));
    const nickname = this.site.nicknameOfPersonId(resource);
    if (nickname !== null) {
      return this.user(resource, nickname);
    }
    if (!API_OBJECT_PATH.test(parts?.[3] ?? '')) {
      throw notFound('discovery.unknown-type', 'Unknown object type');
    }
    const object = await this.repositories.objects.findById(resource);
    if (object === null) {
      throw notFound('discovery.unknown-object', `No such object: ${resource}`);
    }
    return { subject: resource, nickname: null, links: objectLinks(object) };
  }

  private async user(subject: string, nickname: string) {
    const links = await this.linksOfUser(nickname);
    return { subject, nickname: links.nickname, links: links.links };
  }

  private assertLocalHost(hostname: string): void {
    if (hostname.toLowerCase() !== this.site.hostname) {
      throw notFound('discovery.unknown-host', 'Unrecognized host');
    }
  }

  private async linksOfUser(nickname: string): Promise<{ nickname: string; links: DiscoveryLink[] }> {
    const user = nickname === '' ? null : await this.repositories.users.findByNickname(nickname);
    if (user === null) {
      throw notFound('user.not-found', `No such user: ${nickname}`);
    }
    return { nickname: user.nickname, links: userLinks(this.site, user.nickname) };
  }
}

/** The hostname of a URL authority: without userinfo and port (an IPv6 literal keeps its brackets). */
function hostnameOf(authority: string): string {
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d*$/, '');
}
