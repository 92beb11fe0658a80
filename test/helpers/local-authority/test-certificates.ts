import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway certificate authority and a server certificate it signed for 127.0.0.1, localhost and
 * login.batchdeck.test (a name only a test proxy resolves, to prove requests went through it).
 */
export interface TestCertificates {
  dir: string;
  /** PEM of the CA: what a client must trust (and nothing else changes about TLS checks). */
  caPem: string;
  caPath: string;
  serverKey: string;
  serverCert: string;
}

/** Creates the CA and server certificate with `openssl` in a new temp folder (P-256 keys: fast). */
export function createTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'batch-deck-authority-tls-'));
  const path = (name: string) => join(dir, name);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  ssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Batch Deck test authority CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  ssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(path('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:login.batchdeck.test\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n');
  ssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'server.ext');
  return {
    dir,
    caPem: readFileSync(path('ca.pem'), 'utf8'),
    caPath: path('ca.pem'),
    serverKey: readFileSync(path('server.key'), 'utf8'),
    serverCert: readFileSync(path('server.pem'), 'utf8'),
  };
}
