/** One-way password hashing, compatible with pump.io's stored bcrypt hashes. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Compares in time that does not depend on where the password differs. False for a malformed hash. */
  verify(password: string, hash: string): Promise<boolean>;
}
export const PasswordHasher = Symbol('PasswordHasher');
