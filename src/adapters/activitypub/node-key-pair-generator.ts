import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';

import type { GeneratedKeyPair, KeyPairGenerator } from '../../application/ports/key-pair-generator.port';

const generateRsa = promisify(generateKeyPair);

/** {@link KeyPairGenerator} on node:crypto: 2048-bit RSA made on libuv's thread pool, not the event loop. */
export class NodeKeyPairGenerator implements KeyPairGenerator {
  constructor(private readonly modulusLength = 2048) {}

  async generate(): Promise<GeneratedKeyPair> {
    const { publicKey, privateKey } = await generateRsa('rsa', {
      modulusLength: this.modulusLength,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    return { publicKeyPem: publicKey, privateKeyPem: privateKey };
  }
}
