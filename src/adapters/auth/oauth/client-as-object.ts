import { createHash } from 'node:crypto';

import type { OAuthClient } from '../../../application/ports/storage/oauth-client-repository.port';
import type { AsObject } from '../../../domain/activity-streams/as-object';
import type { RemoteSender } from '../../../domain/federation/provenance';

/**
 * A name-based (SHA-1, version 5) UUID of `name` with an empty namespace, as pump.io's `lib/uuidv5.js` makes
 * client ids into object ids: the same name always gives the same UUID.
 */
export function nameBasedUuid(name: string): string {
  const bytes = createHash('sha1').update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * What a client stands for when it acts without a user (docs/protocol.md §2.1 `Client.asActivityObject`):
 * a webfinger client is the person `acct:<webfinger>`, a host client the service `http://<host>/`; an ordinary
 * client stands for nobody (null).
 */
export function clientRemoteActor(client: OAuthClient): AsObject | null {
  // Truthiness, not `!== undefined`: a store may hand back an empty or null column as well.
  if (client.webfinger) return { id: `acct:${client.webfinger}`, objectType: 'person' };
  if (client.host) {
    const url = `http://${client.host}/`;
    return { id: url, url, objectType: 'service' };
  }
  return null;
}

/**
 * The sender a remote actor of {@link clientRemoteActor} stands for, read back from it: `acct:<webfinger>` is a
 * webfinger client, the service `http://<host>/` a host client; anything else (an ordinary client) is null.
 */
export function remoteSenderOf(remoteActor: AsObject | null): RemoteSender | null {
  if (remoteActor === null) return null;
  if (remoteActor.id.startsWith('acct:')) {
    return { kind: 'webfinger', webfinger: remoteActor.id.slice('acct:'.length) };
  }
  const host = /^http:\/\/([^/]+)\/$/.exec(remoteActor.id)?.[1];
  return remoteActor.objectType === 'service' && host !== undefined ? { kind: 'host', host } : null;
}

/**
 * The client as an object, stamped as `generator` on what it writes: its remote actor for webfinger and host
 * clients, otherwise `urn:uuid:<uuidv5(client id)>`, a `service` for web clients and an `application` for the
 * rest, with the client's title and description.
 */
export function clientGenerator(client: OAuthClient): AsObject {
  const remote = clientRemoteActor(client);
  if (remote !== null) return remote;
  const generator: AsObject = {
    id: `urn:uuid:${nameBasedUuid(client.id)}`,
    objectType: client.type === 'web' ? 'service' : 'application',
  };
  if (client.title !== undefined) generator.displayName = client.title;
  if (client.description !== undefined) generator.content = client.description;
  return generator;
}
