import { NodeSecretDigest } from '../../../../src/adapters/system/node-secret-digest';

describe('NodeSecretDigest', () => {
  it('answers the S256 code challenge of the verifier of RFC 7636 Appendix B', () => {
    const digest = new NodeSecretDigest();
    expect(digest.sha256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });
});
