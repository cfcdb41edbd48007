/** The installation key and the WACZ-style anonymous signature of a manifest. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, webcrypto } from 'node:crypto';
import { loadOrCreateInstallationKey } from '../src/seal/keys.js';
import { hashString, signHash, verifySignedData } from '../src/seal/signature.js';

const home = () => mkdtempSync(join(tmpdir(), 'guzheng-key-'));

describe('installation key', () => {
  it('is created once, owner-only, and reused', () => {
    const h = home();
    const a = loadOrCreateInstallationKey(h);
    expect(statSync(a.path).mode & 0o777).toBe(0o600);
    expect(statSync(join(h, 'keys')).mode & 0o777).toBe(0o700);
    const b = loadOrCreateInstallationKey(h);
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(a.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a damaged key file is a clear error, never silently replaced', () => {
    const h = home();
    const key = loadOrCreateInstallationKey(h);
    writeFileSync(key.path, 'garbage');
    expect(() => loadOrCreateInstallationKey(h)).toThrow(/E_KEY/);
  });
});

describe('anonymous signature (WACZ signing spec)', () => {
  const manifest = Buffer.from('{"files":[]}');

  it('signs the hash string; the signature verifies, and fails for any other hash or key', () => {
    const key = loadOrCreateInstallationKey(home());
    const s = signHash(hashString(manifest), key);
    expect(s.hash).toBe(`sha256:${createHash('sha256').update(manifest).digest('hex')}`);
    expect(Object.keys(s).sort()).toEqual(['created', 'hash', 'publicKey', 'signature', 'software', 'version']);
    expect(verifySignedData(s)).toBe(true);
    expect(verifySignedData({ ...s, hash: hashString(Buffer.from('{"files":[1]}')) })).toBe(false);
    const other = loadOrCreateInstallationKey(home());
    expect(verifySignedData({ ...s, publicKey: other.publicKeyBase64 })).toBe(false);
    expect(verifySignedData({ ...s, signature: 'not base64!' })).toBe(false);
  });

  it('verifies with WebCrypto too (what the standalone verifier page will use)', async () => {
    const key = loadOrCreateInstallationKey(home());
    const s = signHash(hashString(manifest), key);
    const pub = await webcrypto.subtle.importKey('spki', Buffer.from(s.publicKey, 'base64'), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    expect(await webcrypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, pub, Buffer.from(s.signature, 'base64'), Buffer.from(s.hash))).toBe(true);
  });
});
