import type { ErrorRequestHandler, RequestHandler, Response } from 'express';

import type { Logger } from '../../../application/ports/logger.port';
import type { ExchangeRequestToken } from '../../../application/oauth/exchange-request-token.use-case';
import type { IssueRequestToken } from '../../../application/oauth/issue-request-token.use-case';
import { isDomainError } from '../../../domain/errors/domain-error';
import { oauthPercentEncode } from '../../auth/oauth/oauth-percent-encoding';
import type { OAuthRequestVerifier } from '../../auth/oauth/oauth-request-verifier';
import { toOAuthHttpRequest } from './oauth-http-request';

/** What the token endpoints need. */
export interface TokenEndpointDeps {
  readonly verifier: OAuthRequestVerifier;
  readonly issueRequestToken: IssueRequestToken;
  readonly exchangeRequestToken: ExchangeRequestToken;
  readonly logger: Logger;
}

/** `/oauth/request_token` (any method): a signed 2-legged call with `oauth_callback` gets a request token. */
export function requestTokenHandler(deps: TokenEndpointDeps): RequestHandler {
  return async (req, res) => {
    const verified = await deps.verifier.verify(toOAuthHttpRequest(req), {
      token: 'none',
      require: ['oauth_callback'],
      unknownConsumer: 'invalid',
    });
    const token = await deps.issueRequestToken.execute({
      clientId: verified.client.id,
      callback: verified.oauth.get('oauth_callback') as string,
    });
    sendForm(res, [
      ['oauth_token', token.token],
      ['oauth_token_secret', token.secret],
      ['oauth_callback_confirmed', 'true'],
    ]);
  };
}

/** `/oauth/access_token` (any method): a call signed with an authorized request token and its verifier. */
export function accessTokenHandler(deps: TokenEndpointDeps): RequestHandler {
  return async (req, res) => {
    const verified = await deps.verifier.verify(toOAuthHttpRequest(req), {
      token: 'request',
      require: ['oauth_verifier'],
      unknownConsumer: 'invalid',
    });
    const access = await deps.exchangeRequestToken.execute({
      clientId: verified.client.id,
      requestToken: verified.token.token,
      verifier: verified.oauth.get('oauth_verifier') as string,
    });
    deps.logger.info({ clientId: access.clientId, nickname: access.nickname }, 'access token granted');
    sendForm(res, [
      ['oauth_token', access.token],
      ['oauth_token_secret', access.secret],
    ]);
  };
}

/**
 * The token endpoints' errors are OAuth's (docs/protocol.md §2.2): the status of the DomainError with a plain
 * text body and `WWW-Authenticate: OAuth realm="OAuth"`. The header is set here; the app's error handler answers.
 */
export const oauthChallenge: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (isDomainError(error)) res.set('WWW-Authenticate', 'OAuth realm="OAuth"');
  next(error);
};

function sendForm(res: Response, pairs: ReadonlyArray<readonly [string, string]>): void {
  // Credentials must not be kept by caches between the client and us.
  res.set('Cache-Control', 'no-store');
  res.type('application/x-www-form-urlencoded');
  res.send(
    pairs.map(([name, value]) => `${oauthPercentEncode(name)}=${oauthPercentEncode(value)}`).join('&'),
  );
}
