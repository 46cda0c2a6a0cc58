/** Fresh identifiers and secrets. Every value is unpredictable (cryptographically random). */
export interface IdGenerator {
  /** A 22-character URL-safe base64 form of a random v4 UUID, as pump.io makes object ids. */
  uuid(): string;
  /** `bytes` random bytes as URL-safe base64 without padding (pump.io's `randomString`). */
  token(bytes: number): string;
}
export const IdGenerator = Symbol('IdGenerator');
