import {
  expiryOf,
  isWellFormedCode,
  SECRET_BYTES,
  type EmailTokenRecord,
} from '../../domain/email/email-token';
import type { Clock } from '../ports/clock.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { SecretDigest } from '../ports/secret-digest.port';

/** A new link: the code that goes into the mail, and what the user record keeps of it. */
export interface IssuedLink {
  readonly code: string;
  readonly token: EmailTokenRecord;
}

/**
 * Makes and reads the codes of the one-time links mails carry (domain/email/email-token.ts): a fresh secret from
 * the IdGenerator, kept only as its SecretDigest.
 */
export class EmailLinks {
  constructor(
    private readonly ids: IdGenerator,
    private readonly digest: SecretDigest,
    private readonly clock: Clock,
  ) {}

  issue(ttlMs: number): IssuedLink {
    const code = this.ids.token(SECRET_BYTES);
    return { code, token: { digest: this.digest.sha256(code), expires: expiryOf(this.clock.now(), ttlMs) } };
  }

  /** The digest a code is stored under, or null for what is no code at all. */
  digestOf(code: string): string | null {
    return isWellFormedCode(code) ? this.digest.sha256(code) : null;
  }

  now(): Date {
    return this.clock.now();
  }
}
