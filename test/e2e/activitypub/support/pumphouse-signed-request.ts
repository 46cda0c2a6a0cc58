import { createPrivateKey, webcrypto } from 'node:crypto';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { signRequest } from '@fedify/fedify';

/**
 * A POST of `activity` to `inbox`, signed (draft-cavage, rsa-sha256, with Digest) with the private key a running
 * Pumphouse node keeps for `nickname` (its `actor_keys` table, docs/activitypub.md §3), under the key id Pumphouse
 * publishes. With `tamper`, the body is changed after signing, so a verifier must refuse it.
 */
export async function signedAsPumphouseUser(
  dataDir: string,
  nickname: string,
  inbox: string,
  activity: Record<string, unknown>,
  options: { tamper?: boolean } = {},
): Promise<Request> {
  const db = new Database(join(dataDir, 'pumphouse.sqlite'), { fileMustExist: true });
  let pem: string;
  try {
    const row = db.prepare('SELECT private_key_pem FROM actor_keys WHERE nickname = ?').get(nickname) as
      { private_key_pem: string } | undefined;
    if (row === undefined)
      throw new Error(`no key pair stored for ${nickname} yet (made when the actor is read)`);
    pem = row.private_key_pem;
  } finally {
    db.close();
  }
  const der = createPrivateKey(pem).export({ type: 'pkcs8', format: 'der' });
  const privateKey = await webcrypto.subtle.importKey(
    'pkcs8',
    der,
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    true, // Fedify's signRequest refuses a key that is not extractable.
    ['sign'],
  );
  const body = JSON.stringify(activity);
  const request = new Request(inbox, {
    method: 'POST',
    headers: { 'content-type': 'application/activity+json' },
    body,
  });
  const keyId = new URL(`${String(activity.actor)}#main-key`);
  const signed = await signRequest(request, privateKey as Parameters<typeof signRequest>[1], keyId, {
    spec: 'draft-cavage-http-signatures-12',
  });
  if (options.tamper !== true) return signed;
  return new Request(inbox, {
    method: 'POST',
    headers: signed.headers,
    body: body.replace('signed by', 'forged by'),
  });
}
