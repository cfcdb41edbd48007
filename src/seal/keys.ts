/**
 * The installation's signing key: ECDSA P-256, created on first use in <data folder>/keys with owner-only
 * permissions. Its public key (SPKI, base64) and fingerprint (SHA-256 of the SPKI) go into every package.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GuzhengError } from '../errors.js';
import { sha256Hex } from './digests.js';

export interface InstallationKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI DER, base64: the `publicKey` of the WACZ anonymous signature. */
  publicKeyBase64: string;
  /** SHA-256 of the SPKI DER, lowercase hex. */
  fingerprint: string;
  path: string;
}

function describe(privateKey: KeyObject, path: string): InstallationKey {
  const publicKey = createPublicKey(privateKey);
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return { privateKey, publicKey, publicKeyBase64: spki.toString('base64'), fingerprint: sha256Hex(spki), path };
}

export function loadOrCreateInstallationKey(home: string): InstallationKey {
  const dir = join(home, 'keys');
  const path = join(dir, 'installation-key.pem');
  try {
    return describe(createPrivateKey(readFileSync(path)), path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new GuzhengError('E_KEY', `无法读取本机签名密钥 ${path}`, `Cannot read this installation's signing key ${path}`, (err as Error).message);
    }
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  // Written whole to a temporary name, then linked into place: a crash never leaves half a key, and when two
  // processes race, the first link wins and both use that key.
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  try {
    linkSync(tmp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(tmp);
  }
  const key = describe(createPrivateKey(readFileSync(path)), path);
  writeFileSync(join(dir, 'installation-key.pub.pem'), key.publicKey.export({ type: 'spki', format: 'pem' }));
  return key;
}
