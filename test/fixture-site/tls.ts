/** A test CA and server certificates, made with the real openssl at the start of the test run. */
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCert {
  key: string;
  cert: string;
  /** SHA-256 of the leaf certificate (DER), lowercase hex. */
  fingerprint: string;
  /** Base64 SHA-256 of the leaf's public key, for Chromium's --ignore-certificate-errors-spki-list. */
  spki: string;
}

const openssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

function leaf(dir: string, name: string, caName: string, sans: string): TestCert {
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`], dir);
  writeFileSync(join(dir, `${name}.ext`), `basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=${sans}\n`);
  openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', `${caName}.crt`, '-CAkey', `${caName}.key`, '-CAcreateserial', '-out', `${name}.crt`, '-days', '30', '-sha256', '-extfile', `${name}.ext`], dir);
  const cert = readFileSync(join(dir, `${name}.crt`), 'utf8');
  const x = new X509Certificate(cert);
  const spkiDer = x.publicKey.export({ type: 'spki', format: 'der' });
  return { key: readFileSync(join(dir, `${name}.key`), 'utf8'), cert, fingerprint: createHash('sha256').update(x.raw).digest('hex'), spki: createHash('sha256').update(spkiDer).digest('base64') };
}

function ca(dir: string, name: string, cn: string): void {
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', '30', '-subj', `/CN=${cn}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
}

/** A trusted site certificate (its SPKI is given to Chromium) and an untrusted one (for TLS error tests). */
export function makeTestCerts(): { trusted: TestCert; untrusted: TestCert; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'guzheng-test-ca-'));
  ca(dir, 'ca', 'guzheng Test Root CA');
  ca(dir, 'rogue', 'Untrusted Rogue CA');
  const sans = 'DNS:site.guzheng.test,DNS:localhost,IP:127.0.0.1';
  return { trusted: leaf(dir, 'site', 'ca', sans), untrusted: leaf(dir, 'rogue-site', 'rogue', 'DNS:rogue.guzheng.test,IP:127.0.0.1'), dir };
}

/** A certificate for the given host names (real platform hosts, mapped to 127.0.0.1 by the browser), from a fresh test CA. */
export function makeHostCert(hosts: string[]): TestCert {
  const dir = mkdtempSync(join(tmpdir(), 'guzheng-test-ca-'));
  ca(dir, 'ca', 'guzheng Platform Test Root CA');
  return leaf(dir, 'platforms', 'ca', hosts.map((h) => `DNS:${h}`).join(','));
}
