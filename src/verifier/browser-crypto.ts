/** The cryptography of verification with WebCrypto and pkijs, for the verifier page. */
import type { ItemCryptography } from '../seal/verify-item.js';
import { hex, verifyTimestamp } from '../seal/timestamp/verify.js';
import { parseCertificates } from '../seal/timestamp/parse.js';

const b64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

export async function browserCryptography(rootPems: Uint8Array[]): Promise<ItemCryptography> {
  const trusted = (await Promise.all(rootPems.map((p) => parseCertificates(p).catch(() => [])))).flat();
  const sha = async (b: Uint8Array) => hex(await crypto.subtle.digest('SHA-256', b as Uint8Array<ArrayBuffer>));
  return {
    sha256Hex: sha,
    sha256Text: (t) => sha(new TextEncoder().encode(t)),
    async verifySignedData(s) {
      try {
        const key = await crypto.subtle.importKey('spki', b64(s.publicKey), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
        return await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, b64(s.signature), new TextEncoder().encode(s.hash));
      } catch {
        return false;
      }
    },
    async verifyToken(token, data) {
      const r = await verifyTimestamp({ token, data, certificates: trusted });
      return { valid: r.valid, genTime: r.genTime, tsa: r.tsaCertificate, problems: r.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`) };
    },
  };
}
