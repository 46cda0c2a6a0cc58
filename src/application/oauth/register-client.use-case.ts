import { forbidden, invalid, notFound } from '../../domain/errors/domain-error';
import type { DialbackIdentity } from '../federation/dialback';
import type { Clock } from '../ports/clock.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { OAuthClient, OAuthClientRepository } from '../ports/storage/oauth-client-repository.port';
import { optionalString, parseClientFields } from './client-registration-fields';
import { constantTimeEquals } from './constant-time';

/** A registration request: the body as the client sent it (form or JSON). */
export interface RegisterClientCommand {
  readonly params: Readonly<Record<string, unknown>>;
  /** Who the request was signed as, when it passed Dialback (VerifyDialbackRequest); absent for a plain one. */
  readonly dialback?: DialbackIdentity;
}

/** What the client is told: its credentials, which never expire. */
export interface ClientCredentials {
  readonly client_id: string;
  readonly client_secret: string;
  readonly expires_at: 0;
}

/** Consumer keys are 16 random bytes and secrets 32, as in pump.io. */
const CLIENT_ID_BYTES = 16;
const CLIENT_SECRET_BYTES = 32;

/**
 * Dynamic client registration (docs/protocol.md §2.1): `client_associate` creates a client with fresh
 * credentials, `client_update` changes the fields of an existing one after checking its secret.
 *
 * Invariants: every rejected request changes nothing; `client_id`/`client_secret` are accepted only with
 * `client_update`; `access_token` is always refused; a wrong secret is `forbidden`, an unknown client `not-found`
 * (pump.io answers a 500 there); a Dialback-verified `client_associate` records its `host` or `webfinger` (never
 * both; a plain one neither); an update never changes the id, the secret or a Dialback `host`/`webfinger`, not
 * even when it is Dialback-signed itself.
 */
export class RegisterClient {
  constructor(
    private readonly clients: OAuthClientRepository,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(command: RegisterClientCommand): Promise<ClientCredentials> {
    const { params } = command;
    const type = optionalString(params, 'type');
    if (type === undefined) throw invalid('client.no-type', 'No registration type provided');
    if (type !== 'client_associate' && type !== 'client_update') {
      throw invalid('client.bad-type', 'Invalid registration type');
    }
    if (params.access_token !== undefined) {
      throw invalid('client.access-token', 'access_token not allowed');
    }
    const clientId = optionalString(params, 'client_id');
    const clientSecret = optionalString(params, 'client_secret');
    if (type === 'client_associate' && (clientId !== undefined || clientSecret !== undefined)) {
      throw invalid('client.credentials-not-allowed', 'client_id and client_secret only allowed on update');
    }
    const fields = parseClientFields(params);
    const now = this.clock.now().toISOString();

    if (type === 'client_associate') {
      const client: OAuthClient = {
        id: this.ids.token(CLIENT_ID_BYTES),
        secret: this.ids.token(CLIENT_SECRET_BYTES),
        ...fields,
        ...dialbackFields(command.dialback),
        created: now,
        updated: now,
      };
      await this.clients.create(client);
      return credentials(client);
    }

    if (clientId === undefined || clientSecret === undefined) {
      throw invalid('client.no-credentials', 'client_id and client_secret required on update');
    }
    const existing = await this.clients.findById(clientId);
    if (existing === null) throw notFound('client.not-found', 'No such client');
    if (!constantTimeEquals(existing.secret, clientSecret))
      throw forbidden('client.bad-secret', 'Unauthorized');
    const updated: OAuthClient = { ...existing, ...fields, updated: now };
    await this.clients.update(updated);
    return credentials(updated);
  }
}

/** What a Dialback identity records on a new client: `host` or `webfinger`, the one it was verified as. */
function dialbackFields(identity: DialbackIdentity | undefined): Pick<OAuthClient, 'host' | 'webfinger'> {
  if (identity === undefined) return {};
  return identity.kind === 'host' ? { host: identity.host } : { webfinger: identity.webfinger };
}

function credentials(client: OAuthClient): ClientCredentials {
  return { client_id: client.id, client_secret: client.secret, expires_at: 0 };
}
