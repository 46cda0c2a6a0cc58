import {
  composeCode,
  expiryOf,
  parseCode,
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

  issue(nickname: string, ttlMs: number): IssuedLink {
    const secret = this.ids.token(SECRET_BYTES);
    return {
      code: composeCode(secret, nickname),
      token: { digest: this.digest.sha256(secret), expires: expiryOf(this.clock.now(), ttlMs) },
    };
  }

  /** Whose link `code` claims to be and the digest of its secret, or null for what is no code at all. */
  read(code: string): { nickname: string; digest: string } | null {
    const parsed = parseCode(code);
    return parsed === null ? null : { nickname: parsed.nickname, digest: this.digest.sha256(parsed.secret) };
  }

  now(): Date {
    return this.clock.now();
  }
}
