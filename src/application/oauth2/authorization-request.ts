import { invalid } from '../../domain/errors/domain-error';
import { MAX_URL_LENGTH } from '../oauth/client-registration-fields';
import type { OAuthClient, OAuthClientRepository } from '../ports/storage/oauth-client-repository.port';
import type { OAuth2ErrorCode } from './oauth2-errors';
import { isAllowedRedirectUri, redirectWith } from './redirect-uri-rules';

/** The scopes pump.io names; a bearer token reads whatever it names (docs/protocol.md §2.4). */
const SCOPES = new Set(['read', 'writeown', 'writeall']);
// RFC 7636 §4.2: an S256 challenge is the 43-character base64url SHA-256 of the verifier.
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** The longest value read of each parameter, in characters; a longer one is refused. */
const MAX_LENGTH = {
  response_type: 32,
  client_id: 128,
  redirect_uri: MAX_URL_LENGTH,
  state: 1024,
  scope: 64,
  code_challenge: 128,
  code_challenge_method: 16,
} as const;
type Parameter = keyof typeof MAX_LENGTH;

/** An authorization request (RFC 6749 §4.1.1) that passed every check, with its client. */
export interface AuthorizationRequest {
  readonly client: OAuthClient;
  readonly redirectUri: string;
  readonly state: string | null;
  readonly scope: string | null;
  /** The PKCE S256 challenge (RFC 7636 §4.3), or null. */
  readonly codeChallenge: string | null;
}

/** The outcome of a check: the request, or where the browser goes with an error (RFC 6749 §4.1.2.1). */
export type CheckedRequest =
  | { readonly ok: true; readonly request: AuthorizationRequest }
  | { readonly ok: false; readonly location: string };

/**
 * Checks the parameters of an authorization request, as the authorize and login pages and the consent form
 * carry them (docs/protocol.md §2.4), every time they arrive: nothing a page showed is trusted when posted back.
 *
 * Invariants: a missing or unknown `client_id`, or a `redirect_uri` the client may not use
 * ({@link isAllowedRedirectUri}), is `invalid` and nobody is redirected (RFC 6749 §4.1.2.1: the browser must not
 * go to a URI that was not verified). Once both are good, any other fault is answered at the redirect URI with
 * `error` and the `state`: `response_type` other than `code`, a scope outside read/writeown/writeall, a
 * `code_challenge` that is not S256, a repeated or over-long parameter. Empty optional parameters count as absent.
 */
export async function checkAuthorizationRequest(
  params: Readonly<Record<string, unknown>>,
  clients: Pick<OAuthClientRepository, 'findById'>,
): Promise<CheckedRequest> {
  const clientId = unredirectable(params, 'client_id');
  const redirectUri = unredirectable(params, 'redirect_uri');
  const client = await clients.findById(clientId);
  if (client === null) throw invalid('oauth2.unknown-client', 'Unknown client_id');
  if (!isAllowedRedirectUri(client, redirectUri)) {
    throw invalid(
      'oauth2.bad-redirect-uri',
      'redirect_uri is not registered for this client (a client without registered redirect_uris may only use http://127.0.0.1, http://[::1] or http://localhost)',
    );
  }
  const sentState = params.state;
  const state =
    typeof sentState === 'string' && sentState !== '' && sentState.length <= MAX_LENGTH.state
      ? sentState
      : null;
  const refuse = (error: OAuth2ErrorCode, description: string): CheckedRequest => ({
    ok: false,
    location: redirectWith(redirectUri, { error, error_description: description, state }),
  });
  const read = readOptional(params);
  if (read === 'malformed') {
    return refuse('invalid_request', 'A parameter is repeated or too long.');
  }
  if (read.response_type !== 'code') {
    return refuse('unsupported_response_type', 'Only response_type=code is supported.');
  }
  if (read.scope !== null && !read.scope.split(' ').every((scope) => SCOPES.has(scope))) {
    return refuse('invalid_scope', 'scope must be read, writeown or writeall.');
  }
  const challenge = read.code_challenge;
  if (challenge === null && read.code_challenge_method !== null) {
    return refuse('invalid_request', 'code_challenge_method without code_challenge.');
  }
  if (challenge !== null && (read.code_challenge_method !== 'S256' || !S256_CHALLENGE.test(challenge))) {
    return refuse('invalid_request', 'Only PKCE with code_challenge_method=S256 is supported.');
  }
  return {
    ok: true,
    request: { client, redirectUri, state, scope: read.scope, codeChallenge: challenge },
  };
}

/** The parameters that carry a checked request on to the next page or form, empty ones included. */
export function requestFields(request: AuthorizationRequest): Record<string, string> {
  return {
    response_type: 'code',
    client_id: request.client.id,
    redirect_uri: request.redirectUri,
    state: request.state ?? '',
    scope: request.scope ?? '',
    code_challenge: request.codeChallenge ?? '',
    code_challenge_method: request.codeChallenge === null ? '' : 'S256',
  };
}

function unredirectable(
  params: Readonly<Record<string, unknown>>,
  name: 'client_id' | 'redirect_uri',
): string {
  const value = params[name];
  if (typeof value !== 'string' || value === '') throw invalid('oauth2.no-parameter', `${name} is required`);
  if (value.length > MAX_LENGTH[name]) throw invalid('oauth2.too-long', `${name} is too long`);
  return value;
}

type OptionalParameter = Exclude<Parameter, 'client_id' | 'redirect_uri'>;

function readOptional(
  params: Readonly<Record<string, unknown>>,
): Record<OptionalParameter, string | null> | 'malformed' {
  const names: OptionalParameter[] = [
    'response_type',
    'state',
    'scope',
    'code_challenge',
    'code_challenge_method',
  ];
  const read = {} as Record<OptionalParameter, string | null>;
  for (const name of names) {
    const value = params[name];
    if (value === undefined || value === '') {
      read[name] = null;
      continue;
    }
    if (typeof value !== 'string' || value.length > MAX_LENGTH[name]) return 'malformed';
    read[name] = value;
  }
  return read;
}
