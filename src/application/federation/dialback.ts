/**
 * Who a Dialback-signed request speaks for (docs/protocol.md §7.4): this server itself (`host=`, our host name)
 * or one of its users (`webfinger=`, `nick@host` without `acct:`).
 */
export type DialbackIdentity =
  | { readonly kind: 'host'; readonly host: string }
  | { readonly kind: 'webfinger'; readonly webfinger: string };

/** The two headers a Dialback-signed request carries. */
export interface DialbackHeaders {
  /** `Dialback host="…", token="…"` or `Dialback webfinger="…", token="…"`: `", "` between fields. */
  readonly authorization: string;
  /** RFC 1123 date, whole seconds. */
  readonly date: string;
}

/**
 * Signs an outbound request with Dialback: mints a fresh token, remembers (url, identity, token, date) in shared
 * storage for the receiver's verification, and answers the headers to send.
 */
export interface DialbackSigner {
  sign(request: { readonly url: string; readonly identity: DialbackIdentity }): Promise<DialbackHeaders>;
}
