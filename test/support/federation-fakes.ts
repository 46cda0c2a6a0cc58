import type {
  DialbackHeaders,
  DialbackIdentity,
  DialbackSigner,
} from '../../src/application/federation/dialback';
import type { DiscoveredLink, RemoteDiscovery } from '../../src/application/ports/remote-discovery.port';
import { DiscoveryError } from '../../src/application/ports/remote-discovery.port';
import type {
  RemoteClientCredentials,
  RemoteClientRepository,
} from '../../src/application/ports/storage/remote-client-repository.port';

/** A RemoteClientRepository in a map, honouring the port's compare-and-delete `remove`. */
export class FakeRemoteClients implements RemoteClientRepository {
  readonly stored = new Map<string, RemoteClientCredentials>();
  readonly removals: Array<{ host: string; identity: string; clientId: string; removed: boolean }> = [];

  async find(host: string, identity: string): Promise<RemoteClientCredentials | null> {
    return this.stored.get(`${host} ${identity}`) ?? null;
  }

  async save(credentials: RemoteClientCredentials): Promise<void> {
    this.stored.set(`${credentials.host} ${credentials.identity}`, credentials);
  }

  async remove(host: string, identity: string, clientId: string): Promise<boolean> {
    const key = `${host} ${identity}`;
    const removed = this.stored.get(key)?.clientId === clientId;
    if (removed) this.stored.delete(key);
    this.removals.push({ host, identity, clientId, removed });
    return removed;
  }
}

/** A DialbackSigner that records what it signed and answers fixed-looking headers. */
export class RecordingDialbackSigner implements DialbackSigner {
  readonly signed: Array<{ url: string; identity: DialbackIdentity }> = [];

  async sign(request: { url: string; identity: DialbackIdentity }): Promise<DialbackHeaders> {
    this.signed.push(request);
    const who =
      request.identity.kind === 'host'
        ? `host="${request.identity.host}"`
        : `webfinger="${request.identity.webfinger}"`;
    return {
      authorization: `Dialback ${who}, token="token${this.signed.length}"`,
      date: 'Sun, 01 Mar 2026 12:00:00 GMT',
    };
  }
}

/** A RemoteDiscovery with fixed answers: unknown hosts and resources are not-found. */
export class FakeDiscovery implements RemoteDiscovery {
  readonly hosts = new Map<string, DiscoveredLink[] | DiscoveryError>();
  readonly resources = new Map<string, DiscoveredLink[] | DiscoveryError>();
  readonly asked: string[] = [];

  async hostMeta(host: string): Promise<readonly DiscoveredLink[]> {
    this.asked.push(`host-meta ${host}`);
    return answer(this.hosts.get(host), host);
  }

  async webfinger(resource: string): Promise<readonly DiscoveredLink[]> {
    this.asked.push(`webfinger ${resource}`);
    return answer(this.resources.get(resource), resource);
  }
}

function answer(found: DiscoveredLink[] | DiscoveryError | undefined, what: string): DiscoveredLink[] {
  if (found === undefined) throw new DiscoveryError('not-found', `nothing known about ${what}`);
  if (found instanceof DiscoveryError) throw found;
  return found;
}
