import bcrypt from 'bcryptjs';

import type { PasswordHasher } from '../../application/ports/password-hasher.port';

/** bcrypt's cost range; each step doubles the work. */
const MIN_COST = 4;
const MAX_COST = 31;

/**
 * bcrypt through bcryptjs, so hashes stored by pump.io (`$2a$10$...`, bcryptjs 2) verify unchanged, and new hashes
 * use the configured cost (default 12; pump.io used a fixed 10). `verify` answers false, never throws, for a hash it
 * cannot read, so a damaged record cannot turn a login into a 500. As in bcrypt itself, only the first 72 bytes of
 * a password count.
 */
export class BcryptPasswordHasher implements PasswordHasher {
  constructor(private readonly cost = 12) {
    if (!Number.isInteger(cost) || cost < MIN_COST || cost > MAX_COST) {
      throw new RangeError(`bcrypt cost must be a whole number from ${MIN_COST} to ${MAX_COST}, got ${cost}`);
    }
  }

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.cost);
  }

  async verify(password: string, hash: string): Promise<boolean> {
    try {
      return await bcrypt.compare(password, hash);
    } catch {
      return false;
    }
  }
}
