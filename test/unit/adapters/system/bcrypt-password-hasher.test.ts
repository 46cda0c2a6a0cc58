import { BcryptPasswordHasher } from '../../../../src/adapters/system/bcrypt-password-hasher';

// The lowest cost keeps the suite fast; the cost only changes the work factor, not the behaviour.
const hasher = new BcryptPasswordHasher(4);

describe('BcryptPasswordHasher', () => {
  it('hashes with the configured cost and verifies the same password', async () => {
    const hash = await hasher.hash('correct horse');
    expect(hash).toMatch(/^\$2b\$04\$.{53}$/);
    await expect(hasher.verify('correct horse', hash)).resolves.toBe(true);
    await expect(hasher.verify('correct horsf', hash)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hasher.hash('same')).not.toBe(await hasher.hash('same'));
  });

  it('uses cost 12 by default', async () => {
    expect(await new BcryptPasswordHasher().hash('x')).toMatch(/^\$2b\$12\$/);
  });

  it('verifies $2a$ hashes made by other bcrypt implementations, as pump.io stored them', async () => {
    // Published test vectors of OpenBSD-compatible bcrypt (crypt_blowfish).
    const vectors = [
      ['U*U', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW'],
      ['U*U*', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK'],
    ];
    for (const [password, hash] of vectors) {
      await expect(hasher.verify(password, hash)).resolves.toBe(true);
      await expect(hasher.verify(`${password}!`, hash)).resolves.toBe(false);
    }
  });

  it.each(['', 'garbage', '$2z$10$' + 'a'.repeat(53), '$2b$99$' + 'a'.repeat(53), '$2b$10$short'])(
    'answers false, without throwing, for the malformed hash %p',
    async (hash) => {
      await expect(hasher.verify('password', hash)).resolves.toBe(false);
    },
  );

  it.each([3, 32, 10.5])('refuses the cost %p', (cost) => {
    expect(() => new BcryptPasswordHasher(cost)).toThrow(RangeError);
  });
});
