/**
 * The signature of a manifest, in the anonymous form of the WACZ Signing and Verification spec
 * (`signedData` in datapackage-digest.json): an ECDSA signature of the `hash` string, with the public key beside it.
 * The signature is IEEE P1363 (r‖s), the form WebCrypto produces and verifies, so a browser page can check it.
 */
import { createPublicKey, sign, verify } from 'node:crypto';
import { TOOL_NAME, TOOL_VERSION } from '../tool.js';
import { sha256Hex } from './digests.js';
import type { InstallationKey } from './keys.js';

export interface AnonymousSignedData {
  hash: string;
  created: string;
  software: string;
  version: string;
  signature: string;
  publicKey: string;
}

export function hashString(bytes: Uint8Array): string {
  return `sha256:${sha256Hex(bytes)}`;
}

export function signHash(hash: string, key: InstallationKey, created = new Date()): AnonymousSignedData {
  const signature = sign('sha256', Buffer.from(hash, 'utf8'), { key: key.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64');
  return { hash, created: created.toISOString(), software: TOOL_NAME, version: TOOL_VERSION, signature, publicKey: key.publicKeyBase64 };
}

/** True when `signature` is the signature of `hash` by `publicKey`. Never throws on malformed input. */
export function verifySignedData(s: AnonymousSignedData): boolean {
  try {
    const publicKey = createPublicKey({ key: Buffer.from(s.publicKey, 'base64'), format: 'der', type: 'spki' });
    return verify('sha256', Buffer.from(s.hash, 'utf8'), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(s.signature, 'base64'));
  } catch {
    return false;
  }
}
