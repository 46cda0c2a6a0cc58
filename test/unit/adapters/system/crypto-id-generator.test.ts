import { CryptoIdGenerator } from '../../../../src/adapters/system/crypto-id-generator';

describe('CryptoIdGenerator', () => {
  const ids = new CryptoIdGenerator();

  it('makes 22-character URL-safe uuids that decode to a version 4, variant 1 UUID', () => {
    for (let i = 0; i < 200; i += 1) {
      const id = ids.uuid();
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      const bytes = Buffer.from(id, 'base64url');
      expect(bytes).toHaveLength(16);
      expect(bytes[6] >> 4).toBe(4);
      expect(bytes[8] >> 6).toBe(0b10);
    }
  });

  it('never repeats a uuid', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => ids.uuid()));
    expect(seen.size).toBe(1000);
  });

  it.each([1, 16, 32, 33])('makes a token of %i random bytes as unpadded URL-safe base64', (bytes) => {
    const token = ids.token(bytes);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(bytes);
  });

  it('never repeats a token', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => ids.token(16)));
    expect(seen.size).toBe(1000);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %p bytes', (bytes) => {
    expect(() => ids.token(bytes)).toThrow(RangeError);
  });
});
