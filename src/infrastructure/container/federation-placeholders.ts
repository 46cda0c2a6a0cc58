import type {
  DialbackHeaders,
  DialbackIdentity,
  DialbackSigner,
} from '../../application/federation/dialback';
import type {
  RemoteClientCredentials,
  RemoteClientRepository,
} from '../../application/ports/storage/remote-client-repository.port';

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

/**
 * PLACEHOLDER until the storage adapters of RemoteClientRepository (`remoteClients` on Storage, the lead's branch)
 * land: the credentials live in this process only, so each worker registers for itself and a restart registers
 * again. Honours the port's compare-and-delete `remove`. The lead binds `storage.remoteClients` instead at merge.
 */
export class ProcessLocalRemoteClientsPlaceholder implements RemoteClientRepository {
  private readonly stored = new Map<string, RemoteClientCredentials>();

  async find(host: string, identity: string): Promise<RemoteClientCredentials | null> {
    return this.stored.get(`${host} ${identity}`) ?? null;
  }

  async save(credentials: RemoteClientCredentials): Promise<void> {
    this.stored.set(`${credentials.host} ${credentials.identity}`, credentials);
  }

  async remove(host: string, identity: string, clientId: string): Promise<boolean> {
    const key = `${host} ${identity}`;
    if (this.stored.get(key)?.clientId !== clientId) return false;
    return this.stored.delete(key);
  }
}
