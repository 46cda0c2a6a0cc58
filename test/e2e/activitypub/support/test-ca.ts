import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where a name's TLS files are, under the run's TLS folder. */
export interface ServerCertificate {
  readonly keyFile: string;
  readonly certFile: string;
}

/** The CA certificate's file name in the TLS folder: what NODE_EXTRA_CA_CERTS names. */
export const CA_CERT_FILE = 'test-ca.pem';

/** A name's key and certificate in `folder`, as {@link makeTestCa} writes them. */
export function certificateFor(folder: string, name: string): ServerCertificate {
  return { keyFile: join(folder, `${name}.key`), certFile: join(folder, `${name}.pem`) };
}

const openssl = (folder: string, args: string[]): void => {
  execFileSync('openssl', args, { cwd: folder, stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
};

/**
 * A throwaway certificate authority made for one run with the openssl CLI, and a certificate for each name
 * (subjectAltName DNS, as TLS clients require; RFC 6125 §6.4.4 no longer lets a client fall back to the CN). The
 * nodes serve with these; every Node client in the run trusts the CA through NODE_EXTRA_CA_CERTS. Valid two days:
 * nothing outlives the run. Answers the CA file.
 */
export function makeTestCa(folder: string, names: readonly string[]): string {
  mkdirSync(folder, { recursive: true });
  openssl(folder, [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
    '-keyout', 'test-ca.key', '-out', CA_CERT_FILE, '-subj', '/CN=Pumphouse ActivityPub e2e test CA',
  ]); // prettier-ignore
  for (const name of names) {
    const extensions = join(folder, `${name}.ext`);
    writeFileSync(extensions, `subjectAltName=DNS:${name}\nextendedKeyUsage=serverAuth\n`);
    openssl(folder, [
      'req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`,
    ]); // prettier-ignore
    openssl(folder, [
      'x509', '-req', '-in', `${name}.csr`, '-CA', CA_CERT_FILE, '-CAkey', 'test-ca.key', '-CAcreateserial',
      '-days', '2', '-out', `${name}.pem`, '-extfile', extensions,
    ]); // prettier-ignore
  }
  return join(folder, CA_CERT_FILE);
}
