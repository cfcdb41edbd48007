/** A real RFC 3161 TSA for tests: `openssl ts -reply` behind a small HTTP server on 127.0.0.1 (ENVIRONMENT.md recipe). */
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

export interface TestTsa {
  url: string;
  /** The root CA certificate (PEM path) that the TSA certificate chains to. */
  caPath: string;
  dir: string;
  requests: number;
  close(): Promise<void>;
}

const CNF = `[ tsa ]
default_tsa = tsa_config1
[ tsa_config1 ]
dir = .
serial = $dir/tsaserial
crypto_device = builtin
signer_cert = $dir/tsa.crt
certs = $dir/ca.crt
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_alg = sha256
`;

export async function startTestTsa(name = 'Test TSA'): Promise<TestTsa> {
  const dir = mkdtempSync(join(tmpdir(), 'guzheng-tsa-'));
  const ssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  ssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '3650', '-subj', `/CN=${name} Root CA`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  ssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'tsa.key', '-out', 'tsa.csr', '-subj', `/CN=${name}`]);
  writeFileSync(join(dir, 'tsa.ext'), 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nextendedKeyUsage=critical,timeStamping\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid,issuer\n');
  ssl(['x509', '-req', '-in', 'tsa.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'tsa.crt', '-days', '3650', '-sha256', '-extfile', 'tsa.ext']);
  writeFileSync(join(dir, 'tsa.cnf'), CNF);
  writeFileSync(join(dir, 'tsaserial'), '01\n');
  let n = 0;
  const tsa: TestTsa = { url: '', caPath: join(dir, 'ca.crt'), dir, requests: 0, close: async () => {} };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      tsa.requests++;
      const q = `req${++n}.tsq`;
      const r = `resp${n}.tsr`;
      // Node's child pipes are sockets, which openssl cannot open as files: the request goes through a temp file.
      writeFileSync(join(dir, q), Buffer.concat(chunks));
      try {
        ssl(['ts', '-reply', '-config', 'tsa.cnf', '-queryfile', q, '-out', r]);
        res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' });
        res.end(readFileSync(join(dir, r)));
      } catch {
        res.writeHead(400);
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tsa.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsr`;
  tsa.close = () => new Promise((resolve) => server.close(() => resolve()));
  return tsa;
}
