import type { Request } from 'express';

import type { OAuthHttpRequest } from '../../auth/oauth/oauth-request-parameters';

/**
 * The parts of an express request the OAuth verifier reads. `originalUrl` keeps the path the client asked for
 * even inside a mounted router; the public `urlPath` prefix is added back from the configuration.
 */
export function toOAuthHttpRequest(req: Request): OAuthHttpRequest {
  return {
    method: req.method,
    url: req.originalUrl,
    host: req.get('host'),
    authorization: req.get('authorization'),
    contentType: req.get('content-type'),
    body: req.body as unknown,
  };
}

/** A single string field of a parsed form body or query, or undefined (absent, repeated or not a string). */
export function stringField(source: unknown, name: string): string | undefined {
  if (source === null || typeof source !== 'object') return undefined;
  const value = (source as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}
