/** The RFC 3161 client against two real `openssl ts` TSAs on 127.0.0.1, and interop with `openssl ts -verify`. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { stampAtOnce, buildRequest } from '../src/seal/timestamp/client.js';
import { parseCertificates } from '../src/seal/timestamp/parse.js';
import { startTestTsa, type TestTsa } from './fixture-site/tsa-server.js';

let a: TestTsa;
let b: TestTsa;
beforeAll(async () => {
  [a, b] = await Promise.all([startTestTsa('Test TSA A'), startTestTsa('Test TSA B')]);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

const trusted = async () => [...(await parseCertificates(readFileSync(a.caPath))), ...(await parseCertificates(readFileSync(b.caPath)))];

describe('RFC 3161 client', () => {
  it('builds a request openssl reads: SHA-256 imprint, a nonce, certReq', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guzheng-tsq-'));
    const { der, nonce } = await buildRequest(Buffer.from('hello'));
    writeFileSync(join(dir, 'q.tsq'), der);
    const text = execFileSync('openssl', ['ts', '-query', '-in', join(dir, 'q.tsq'), '-text']).toString();
    expect(text).toContain('Hash Algorithm: sha256');
    expect(text.replace(/\s/g, '')).toContain('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'.replace(/(..)/g, '$1 ').replace(/\s/g, '').slice(0, 16));
    expect(BigInt(text.match(/Nonce: (0x[0-9A-F]+)/)![1]!)).toBe(nonce);
    expect(text).toContain('Certificate required: yes');
  });

  it('stamps at two TSAs at once; each answer is verified on arrival (nonce, chain, genTime)', async () => {
    const data = Buffer.from('{"manifest":"guzheng test"}');
    const results = await stampAtOnce([a.url, b.url], data, { trusted: await trusted() });
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    for (const r of results) {
      expect(r.verification!.checks.map((c) => c.name)).toEqual(expect.arrayContaining(['status', 'message-imprint', 'nonce', 'signature', 'timestamping-eku', 'certificate-chain', 'gen-time']));
      expect(Math.abs(Date.parse(r.genTime!) - Date.now())).toBeLessThan(60_000);
    }
    expect(a.requests).toBeGreaterThan(0);
    expect(b.requests).toBeGreaterThan(0);
    // Interop: openssl accepts our token for the same data.
    const dir = mkdtempSync(join(tmpdir(), 'guzheng-tsr-'));
    writeFileSync(join(dir, 'data'), data);
    writeFileSync(join(dir, 'a.tsr'), results[0]!.response!);
    expect(execFileSync('openssl', ['ts', '-verify', '-data', join(dir, 'data'), '-in', join(dir, 'a.tsr'), '-CAfile', a.caPath]).toString()).toMatch(/Verification: OK/);
  });

  it('a TSA whose root is not trusted: the answer is kept but not accepted, with the reason', async () => {
    const [r] = await stampAtOnce([a.url], Buffer.from('x'), { trusted: await parseCertificates(readFileSync(b.caPath)) });
    expect(r!.ok).toBe(false);
    expect(r!.response!.length).toBeGreaterThan(100);
    expect(r!.error).toMatch(/certificate-chain/);
  });

  it('an unreachable TSA is reported, not hidden, and does not hold up the others', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const results = await stampAtOnce([`http://127.0.0.1:${port}/tsr`, a.url], Buffer.from('y'), { trusted: await trusted(), timeoutMs: 3000 });
    expect(results[0]).toMatchObject({ ok: false, error: 'ECONNREFUSED' });
    expect(results[1]!.ok).toBe(true);
  });
});
