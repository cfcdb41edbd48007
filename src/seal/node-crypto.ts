/** The cryptography of item verification on Node: node:crypto for hashes and signatures, pkijs for tokens. */
import { createHash } from 'node:crypto';
import type * as Pki from 'pkijs';
import { sha256Hex } from './digests.js';
import { verifySignedData } from './signature.js';
import type { ItemCryptography } from './verify-item.js';

/** `extraCertificates`: certificates shipped with what is verified (a package's TSA chains). */
export async function nodeItemCryptography(extraCertificates: Pki.Certificate[] = []): Promise<ItemCryptography> {
  const [{ verifyTimestamp }, { trustedTsaRoots }] = await Promise.all([import('./timestamp/verify.js'), import('./timestamp/tsa-list.js')]);
  const trusted = [...(await trustedTsaRoots()), ...extraCertificates];
  return {
    sha256Hex: (b) => sha256Hex(b),
    sha256Text: (t) => createHash('sha256').update(t, 'utf8').digest('hex'),
    verifySignedData,
    async verifyToken(token, data) {
      const r = await verifyTimestamp({ token, data, certificates: trusted });
      return { valid: r.valid, genTime: r.genTime, tsa: r.tsaCertificate, problems: r.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`) };
    },
  };
}
