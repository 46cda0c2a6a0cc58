/** An OAuth 1.0a consumer registered dynamically (docs/protocol.md §2.1) or from the config file. */
export interface OAuthClient {
  /** The consumer key; primary key. */
  id: string;
  secret: string;
  title?: string;
  description?: string;
  type?: 'web' | 'native' | null;
  contacts?: string[];
  logoUrl?: string;
  redirectUris?: string[];
  /** Set for a server registered through Dialback with `host=` (never together with `webfinger`). */
  host?: string;
  /** Set for a remote user registered through Dialback with `webfinger=`. */
  webfinger?: string;
  created: string;
  updated: string;
}

/**
 * OAuth consumers.
 *
 * Every adapter honours: `create` of an existing id throws `conflict` (`client.exists`); `update` of a missing id
 * throws `not-found` (`client.not-found`) and replaces the whole record otherwise.
 */
export interface OAuthClientRepository {
  create(client: OAuthClient): Promise<void>;
  findById(id: string): Promise<OAuthClient | null>;
  update(client: OAuthClient): Promise<void>;
}
export const OAuthClientRepository = Symbol('OAuthClientRepository');
