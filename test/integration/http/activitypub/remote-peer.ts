import { FedifyHttpSignatures } from '../../../../src/adapters/activitypub/fedify-http-signatures';
import { NodeKeyPairGenerator } from '../../../../src/adapters/activitypub/node-key-pair-generator';
import type { SignatureScheme } from '../../../../src/application/ports/http-signatures.port';
import type { GeneratedKeyPair } from '../../../../src/application/ports/key-pair-generator.port';
import { FakeClock } from '../../../support/fake-clock';
import { FakeOutboundHttp } from '../../../support/fake-outbound-http';
import { BASE, type FullApp } from '../full-app/full-app';

/**
 * A "remote" ActivityPub server for the inbox tests: two actors, Zoë and Yan, on https://remote.example, whose
 * actor documents (with their public keys) a fake outbound HTTP serves, and our own Fedify signer to sign their
 * deliveries as Mastodon does.
 */
export const REMOTE = 'https://remote.example';
export const ZOE = `${REMOTE}/users/zoe`;
export const YAN = `${REMOTE}/users/yan`;
export const AS_PUBLIC = 'https://www.w3.org/ns/activitystreams#Public';
export const ACTIVITY_JSON = 'application/activity+json';
export const remoteId = (name: string) => `${REMOTE}/activities/${name}`;
export const remoteNote = (name: string) => `${REMOTE}/notes/${name}`;
export const actorOf = (nickname: string) => `${BASE}/${nickname}`;

/** A remote actor and the key pair it signs with. */
export interface RemoteActor {
  readonly actor: string;
  readonly key: GeneratedKeyPair;
}

/** How one delivery is made: to which inbox, by whom, with which scheme and Content-Type. */
export interface Delivery {
  readonly path?: string;
  readonly as?: RemoteActor;
  readonly scheme?: SignatureScheme;
  readonly contentType?: string;
}

export interface RemotePeer {
  readonly http: FakeOutboundHttp;
  readonly zoe: RemoteActor;
  readonly yan: RemoteActor;
  /** POSTs `body` to an inbox of `full` (alice's by default), signed by Zoë unless told (draft-cavage + Digest). */
  deliver(full: FullApp, body: unknown, options?: Delivery): Promise<{ status: number; body: unknown }>;
}

function actorDocument(id: string, key: GeneratedKeyPair) {
  return {
    '@context': ['https://www.w3.org/ns/activitystreams', 'https://w3id.org/security/v1'],
    id,
    type: 'Person',
    preferredUsername: id.split('/').pop(),
    name: 'Zoë <b>Remote</b>',
    inbox: `${id}/inbox`,
    outbox: `${id}/outbox`,
    followers: `${id}/followers`,
    endpoints: { sharedInbox: `${REMOTE}/inbox` },
    publicKey: { id: `${id}#main-key`, owner: id, publicKeyPem: key.publicKeyPem },
  };
}

export async function remotePeer(): Promise<RemotePeer> {
  const generator = new NodeKeyPairGenerator();
  const [zoeKey, yanKey] = await Promise.all([generator.generate(), generator.generate()]);
  const zoe = { actor: ZOE, key: zoeKey };
  const yan = { actor: YAN, key: yanKey };
  const served = (id: string, key: GeneratedKeyPair) => ({
    status: 200,
    headers: { 'content-type': ACTIVITY_JSON },
    body: actorDocument(id, key),
  });
  const http = new FakeOutboundHttp().on(ZOE, served(ZOE, zoeKey)).on(YAN, served(YAN, yanKey));
  const signer = new FedifyHttpSignatures(new FakeOutboundHttp(), new FakeClock(new Date()));
  return {
    http,
    zoe,
    yan,
    async deliver(full, body, options = {}) {
      const path = options.path ?? '/api/activitypub/user/alice/inbox';
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const as = options.as ?? zoe;
      const headers = await signer.sign(
        {
          method: 'POST',
          url: BASE + path,
          headers: { 'content-type': options.contentType ?? ACTIVITY_JSON },
          body: text,
        },
        { keyId: `${as.actor}#main-key`, privateKeyPem: as.key.privateKeyPem },
        options.scheme ?? 'draft-cavage',
      );
      return full.send('POST', path).set(headers).send(text);
    },
  };
}
