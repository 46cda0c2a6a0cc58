import { createHash } from 'node:crypto';

import type { SecretDigest } from '../../application/ports/secret-digest.port';

/** {@link SecretDigest} with node:crypto's SHA-256. */
export class NodeSecretDigest implements SecretDigest {
  sha256(text: string): string {
    return createHash('sha256').update(text, 'utf8').digest('base64url');
  }
}
