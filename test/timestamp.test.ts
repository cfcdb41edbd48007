/**
 * RFC 3161 verification on the real public-TSA tokens in ../shared/fixtures/tsa (see SOURCES.md there), through the
 * guzheng verify --timestamp command. Most of these TSA certificates have expired: they must pass at their genTime.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runGuzheng } from './helpers.js';

const T = join(import.meta.dirname, '..', '..', 'shared', 'fixtures', 'tsa');
const verify = (token: string, data: string, cas: string[], json = true) =>
  runGuzheng(['verify', '--timestamp', join(T, token), '--data', join(T, data), ...cas.flatMap((c) => ['--ca', join(T, c)]), ...(json ? ['--json'] : [])]);
const check = (r: any, name: string) => r.json[0].checks.find((c: any) => c.name === name);

describe('guzheng verify --timestamp on real public-TSA tokens', () => {
  for (const [label, token, data, cas, genTime, alg] of [
    ['Sigstore staging (ECDSA), TimeStampResp', 'sigstage_response-sha256.tsr', 'data_hello.txt', ['sigstage_ts_chain.pem'], '2025-05-09T11:58:55.000Z', 'SHA-256'],
    ['IdenTrust, TimeStampResp with a chain of 3', 'identrust_auto-archiver_valid_timestamp.tsr', 'data_auto-archiver_hexhash-ascii.txt', ['identrust_root.der'], '2025-03-11T10:43:58.000Z', 'SHA-512'],
    ['IdenTrust, bare token', 'identrust_auto-archiver_timestamp_token.tst', 'data_auto-archiver_hexhash-ascii.txt', ['identrust_root.der'], '2025-03-11T10:43:58.000Z', 'SHA-512'],
    ['FreeTSA 2023, no certificates in the token, TSA certificate expired 2026-03-11', 'freetsa2023_js-wacz_timeSignature.tsr', 'freetsa2023_js-wacz_stamped-data.txt', ['freetsa_cacert.pem', 'freetsa_tsa_2016.crt'], '2023-02-22T15:50:02.000Z', 'SHA-256'],
  ] as const) {
    it(`${label}: valid at its genTime`, async () => {
      const r = await verify(token, data, [...cas]);
      expect(r.code).toBe(0);
      expect(r.json[0]).toMatchObject({ valid: true, genTime, hashAlgorithm: alg });
      expect(r.json[0].checks.map((c: any) => c.name)).toEqual(expect.arrayContaining(['message-imprint', 'signature', 'timestamping-eku', 'certificate-chain']));
      expect(check(r, 'certificate-chain').detail).toContain(`valid at genTime ${genTime}`);
    });
  }

  it('a rejection response fails on its status, with the TSA\'s reason', async () => {
    const r = await verify('digitorus_respRejection.tsr', 'data_hello.txt', []);
    expect(r.code).toBe(1);
    expect(r.json[0].valid).toBe(false);
    expect(check(r, 'status')).toMatchObject({ ok: false });
    expect(check(r, 'status').detail).toMatch(/rejection; Error during serial number generation\./);
  });

  it('a response whose signature bytes were altered fails on the signature, and only there', async () => {
    const r = await verify('sigstage_response-invalid-signature.tsr', 'data_hello.txt', ['sigstage_ts_chain.pem']);
    expect(r.code).toBe(1);
    expect(r.json[0].checks.filter((c: any) => !c.ok).map((c: any) => c.name)).toEqual(['signature']);
  });

  it('a valid token over other data fails on the message imprint', async () => {
    const r = await verify('freetsa2023_js-wacz_timeSignature.tsr', 'data_hello.txt', ['freetsa_cacert.pem', 'freetsa_tsa_2016.crt']);
    expect(r.code).toBe(1);
    expect(check(r, 'message-imprint')).toMatchObject({ ok: false });
    expect(check(r, 'message-imprint').detail).toMatch(/the token is over other data/);
  });

  it('without the root, the chain cannot be trusted', async () => {
    const r = await verify('identrust_auto-archiver_valid_timestamp.tsr', 'data_auto-archiver_hexhash-ascii.txt', []);
    expect(r.code).toBe(1);
    expect(check(r, 'signature').ok).toBe(true);
    expect(check(r, 'certificate-chain')).toMatchObject({ ok: false });
  });

  it('with the wrong root, the chain fails', async () => {
    const r = await verify('identrust_auto-archiver_valid_timestamp.tsr', 'data_auto-archiver_hexhash-ascii.txt', ['freetsa_cacert.pem']);
    expect(r.code).toBe(1);
    expect(check(r, 'certificate-chain').ok).toBe(false);
  });

  it('prints every check in Chinese and English without --json', async () => {
    const r = await verify('sigstage_response-sha256.tsr', 'data_hello.txt', ['sigstage_ts_chain.pem'], false);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('时间戳有效 / timestamp valid');
    expect(r.stdout).toContain('可追溯到可信根证书');
    expect(r.stdout).toContain('chains to O=sigstore.dev, CN=sigstore-tsa-selfsigned');
  });

  it('something that is not a timestamp, or a missing file: exit 2 with a clear error', async () => {
    const a = await runGuzheng(['verify', '--timestamp', join(T, 'data_hello.txt'), '--data', join(T, 'data_hello.txt')]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('[E_UNREADABLE]');
    const b = await runGuzheng(['verify', '--timestamp', join(T, 'nope.tsr'), '--data', join(T, 'data_hello.txt')]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/Cannot read the timestamp file/);
  });
});
