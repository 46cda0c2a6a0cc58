import { randomBytes, randomUUID } from 'node:crypto';

import type { IdGenerator } from '../../application/ports/id-generator.port';

/**
 * Identifiers and tokens from node:crypto's CSPRNG. `uuid()` is pump.io's object id form: the 16 bytes of a random
 * v4 UUID as URL-safe base64 without padding (always 22 characters); `token(n)` is pump.io's `randomString(n)`.
 */
export class CryptoIdGenerator implements IdGenerator {
  uuid(): string {
    return Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64url');
  }

  token(bytes: number): string {
    if (!Number.isSafeInteger(bytes) || bytes < 1) {
      throw new RangeError(`token needs a positive whole number of bytes, got ${bytes}`);
    }
    return randomBytes(bytes).toString('base64url');
  }
}
