import { hostOf } from '../../domain/delivery/inbox-address';
import type { Clock } from '../ports/clock.port';
import type { OutboundHttp, OutboundResponse } from '../ports/outbound-http.port';
import { DiscoveryError, type RemoteDiscovery } from '../ports/remote-discovery.port';
import type {
  RemoteClientCredentials,
  RemoteClientRepository,
} from '../ports/storage/remote-client-repository.port';
import type { DialbackIdentity, DialbackSigner } from './dialback';

/** A registration the remote host did not grant: it refused, or answered something that is not credentials. */
export class RemoteRegistrationError extends Error {
  constructor(
    message: string,
    /** The HTTP status of the refusal, when there was an answer. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RemoteRegistrationError';
  }
}

/** What one registration request may take: the remote dials back to us before it answers. */
const REGISTRATION_TIMEOUT_MS = 20_000;
/** A registration answer is a small JSON document. */
const REGISTRATION_MAX_BYTES = 16 * 1024;

/** The name credentials are stored and registered under: our host name, or `nick@our.host` (no `acct:`). */
export function identityName(identity: DialbackIdentity): string {
  return identity.kind === 'host' ? identity.host : identity.webfinger;
}

/**
 * The OAuth credentials this server holds at another host as one identity (docs/protocol.md §7.1 step 3, §7.6):
 * the stored ones, else a new registration: the host's `registration_endpoint` from its host-meta, POSTed
 * `type=client_associate&application_type=web&application_name=<identity>` signed with Dialback, whose 2xx JSON
 * answer must carry `client_id` and `client_secret`; then saved.
 *
 * Invariants: the registration endpoint must be on the host itself (a host registers us only at home); concurrent
 * requests for the same (host, identity) in this process share one registration; {@link renew} removes only the
 * credentials that were refused (compare-and-delete), so it never throws away those another worker just
 * registered; failures are DiscoveryErrors (no host-meta, no endpoint), RemoteRegistrationErrors, or the
 * OutboundHttp errors.
 */
export class RemoteClientRegistrar {
  private readonly registering = new Map<string, Promise<RemoteClientCredentials>>();

  constructor(
    private readonly clients: RemoteClientRepository,
    private readonly discovery: RemoteDiscovery,
    private readonly http: OutboundHttp,
    private readonly dialback: DialbackSigner,
    private readonly clock: Clock,
  ) {}

  /** The credentials at `host` (lower case, with a port when it has one) as `identity`. */
  async credentialsFor(host: string, identity: DialbackIdentity): Promise<RemoteClientCredentials> {
    const stored = await this.clients.find(host, identityName(identity));
    return stored ?? this.register(host, identity);
  }

  /**
   * Credentials to use after `refused` got a 401: they are removed (if they are still the stored ones) and a new
   * registration made, unless another worker already stored fresh ones.
   */
  async renew(
    refused: RemoteClientCredentials,
    identity: DialbackIdentity,
  ): Promise<RemoteClientCredentials> {
    await this.clients.remove(refused.host, refused.identity, refused.clientId);
    const stored = await this.clients.find(refused.host, refused.identity);
    if (stored !== null && stored.clientId !== refused.clientId) return stored;
    return this.register(refused.host, identity);
  }

  private register(host: string, identity: DialbackIdentity): Promise<RemoteClientCredentials> {
    const key = `${host} ${identityName(identity)}`;
    const running = this.registering.get(key);
    if (running !== undefined) return running;
    const started = this.registerNow(host, identity).finally(() => this.registering.delete(key));
    this.registering.set(key, started);
    return started;
  }

  private async registerNow(host: string, identity: DialbackIdentity): Promise<RemoteClientCredentials> {
    const links = await this.discovery.hostMeta(host);
    const endpoint = links.find((link) => link.rel === 'registration_endpoint')?.href;
    if (endpoint === undefined) {
      throw new DiscoveryError('not-found', `${host} has no registration_endpoint in its host-meta`);
    }
    if (hostNameOf(endpoint) !== hostNameOf(`http://${host}/`)) {
      throw new DiscoveryError('unavailable', `the registration endpoint of ${host} is on another host`);
    }
    const name = identityName(identity);
    const signed = await this.dialback.sign({ url: endpoint, identity });
    const body = new URLSearchParams({
      type: 'client_associate',
      application_type: 'web',
      application_name: name,
    }).toString();
    const response = await this.http.request({
      method: 'POST',
      url: endpoint,
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
        Authorization: signed.authorization,
        Date: signed.date,
      },
      body,
      timeoutMs: REGISTRATION_TIMEOUT_MS,
      maxBytes: REGISTRATION_MAX_BYTES,
    });
    const credentials: RemoteClientCredentials = {
      host,
      identity: name,
      ...credentialsIn(response, endpoint),
      created: this.clock.now().toISOString(),
    };
    await this.clients.save(credentials);
    return credentials;
  }
}

function credentialsIn(
  response: OutboundResponse,
  endpoint: string,
): { clientId: string; clientSecret: string } {
  if (response.status < 200 || response.status > 299) {
    throw new RemoteRegistrationError(
      `${endpoint} refused the registration: HTTP ${response.status}`,
      response.status,
    );
  }
  let answer: unknown;
  try {
    answer = JSON.parse(new TextDecoder().decode(response.body));
  } catch {
    throw new RemoteRegistrationError(
      `${endpoint} answered the registration with something that is not JSON`,
    );
  }
  const { client_id: clientId, client_secret: clientSecret } = (answer ?? {}) as Record<string, unknown>;
  if (
    typeof clientId !== 'string' ||
    clientId === '' ||
    typeof clientSecret !== 'string' ||
    clientSecret === ''
  ) {
    throw new RemoteRegistrationError(
      `${endpoint} answered the registration without client_id and client_secret`,
    );
  }
  return { clientId, clientSecret };
}

/** The host name of a URL, without port; null when it is not an http(s) URL. */
function hostNameOf(url: string): string | null {
  const host = hostOf(url);
  return host === null ? null : host.replace(/:\d+$/, '');
}
