import { DomainError } from '../../domain/errors/domain-error';

/** The error codes of the token endpoint (RFC 6749 §5.2) and of the authorization endpoint (RFC 6749 §4.1.2.1). */
export type OAuth2ErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'access_denied';

/**
 * A refusal of the OAuth 2 provider: a DomainError whose `details.oauth2Error` is the RFC 6749 code the HTTP
 * adapter answers with. `invalid_client` is `unauthenticated` (401 as RFC 6749 §5.2 says); every other code is `invalid` (400).
 */
export function oauth2Error(code: OAuth2ErrorCode, description: string): DomainError {
  const kind = code === 'invalid_client' ? 'unauthenticated' : 'invalid';
  return new DomainError(kind, `oauth2.${code}`, description, { oauth2Error: code });
}

/** The RFC 6749 code of an error made by {@link oauth2Error}, or undefined for any other error. */
export function oauth2ErrorCodeOf(error: unknown): OAuth2ErrorCode | undefined {
  if (!(error instanceof DomainError)) return undefined;
  const code = error.details?.oauth2Error;
  return typeof code === 'string' ? (code as OAuth2ErrorCode) : undefined;
}
