import type {
  DialbackHeaders,
  DialbackIdentity,
  DialbackSigner,
} from '../../application/federation/dialback';

/** The token the Dialback signer is bound to (DialbackSigner, src/application/federation/dialback.ts). */
export const DialbackSignerToken = Symbol('DialbackSigner');

/**
 * PLACEHOLDER until the Dialback signer (another branch of issue 12) is wired: it signs nothing, so every
 * registration at a remote host fails and the deliveries that need one wait in the queue, retried with backoff,
 * with this message as their last error. The lead binds the real signer to {@link DialbackSignerToken} at merge.
 */
export class DialbackSignerNotWiredYet implements DialbackSigner {
  async sign(request: { url: string; identity: DialbackIdentity }): Promise<DialbackHeaders> {
    throw new Error(`cannot register at ${request.url}: Dialback signing is not wired into this build yet`);
  }
}
