import type { ErrorRequestHandler, Request, RequestHandler } from 'express';

import type { GrantOAuth2Token } from '../../../application/oauth2/grant-oauth2-token.use-case';
import { oauth2Error, oauth2ErrorCodeOf } from '../../../application/oauth2/oauth2-errors';
import type { Logger } from '../../../application/ports/logger.port';
import { isDomainError } from '../../../domain/errors/domain-error';
import { STATUS_BY_KIND } from '../error-status';
import { stringField } from '../oauth/oauth-http-request';

/** What the token endpoint needs. */
export interface OAuth2TokenDeps {
  readonly grantToken: Pick<GrantOAuth2Token, 'execute'>;
  readonly logger: Logger;
}

/**
 * `POST /oauth2/token` (docs/protocol.md §2.4) with a form or JSON body: the client authenticates with
 * `client_id` and `client_secret` in the body (pump.io) or with HTTP Basic (RFC 6749 §2.3.1), never both.
 * Answers `{access_token, token_type: "Bearer", expires_in?, scope?}` and is never cached (RFC 6749 §5.1).
 */
export function tokenEndpoint(deps: OAuth2TokenDeps): RequestHandler {
  return async (req, res) => {
    const body: unknown = req.body;
    const field = (name: string) => stringField(body, name);
    const basic = basicCredentials(req);
    if (basic !== null && (field('client_id') !== undefined || field('client_secret') !== undefined)) {
      throw oauth2Error('invalid_request', 'Send the client credentials in one way only');
    }
    const granted = await deps.grantToken.execute({
      grantType: field('grant_type'),
      clientId: basic?.id ?? field('client_id'),
      clientSecret: basic?.secret ?? field('client_secret'),
      code: field('code'),
      redirectUri: field('redirect_uri'),
      codeVerifier: field('code_verifier'),
    });
    deps.logger.info({ grantType: field('grant_type') }, 'OAuth 2 token granted');
    res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
    res.json({
      access_token: granted.accessToken,
      token_type: 'Bearer',
      ...(granted.expiresIn === null ? {} : { expires_in: granted.expiresIn }),
      ...(granted.scope === null ? {} : { scope: granted.scope }),
    });
  };
}

/**
 * The token endpoint's refusals as RFC 6749 §5.2 has them: JSON `{error, error_description}`, 400, or 401 with a
 * `WWW-Authenticate: Basic` challenge for `invalid_client`. Other errors go on to the app's handler.
 */
export const tokenErrors: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  const code = oauth2ErrorCodeOf(error);
  if (code === undefined || !isDomainError(error) || res.headersSent) {
    next(error);
    return;
  }
  if (code === 'invalid_client') res.set('WWW-Authenticate', 'Basic realm="OAuth 2"');
  res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
  res.status(STATUS_BY_KIND[error.kind]).json({ error: code, error_description: error.message });
};

/** The client id and secret of an `Authorization: Basic` header, each form-decoded (RFC 6749 §2.3.1); else null. */
function basicCredentials(req: Request): { id: string; secret: string } | null {
  const header = req.get('authorization');
  const match = header === undefined ? null : /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(header);
  if (match === null) {
    if (header !== undefined)
      throw oauth2Error('invalid_client', 'Only HTTP Basic client authentication is supported');
    return null;
  }
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw oauth2Error('invalid_client', 'Malformed Basic credentials');
  try {
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    throw oauth2Error('invalid_client', 'Malformed Basic credentials');
  }
}

function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}
