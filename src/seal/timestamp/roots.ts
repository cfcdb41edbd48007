/** The trusted roots that timestamp tokens chain to, found by issuer name, so a package can carry them. */
import { sha256Hex } from '../digests.js';
import { parseTimestamp } from './parse.js';
import { trustedTsaRoots } from './tsa-list.js';

export interface RootCertificate {
  pem: string;
  sha256: string;
  subject: string;
}

function pemOf(der: Uint8Array): string {
  return `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').trimEnd()}\n-----END CERTIFICATE-----\n`;
}

export async function rootsForTokens(tokens: Uint8Array[]): Promise<RootCertificate[]> {
  const trusted = (await trustedTsaRoots()).filter((c) => c.subject.isEqual(c.issuer));
  const found = new Map<string, RootCertificate>();
  for (const t of tokens) {
    const parsed = await parseTimestamp(t).catch(() => null);
    const certs = (parsed?.token?.signedData.certificates ?? []).filter((c): c is import('pkijs').Certificate => 'subject' in c);
    for (const cert of certs) {
      for (const root of trusted) {
        if (!root.subject.isEqual(cert.issuer) && !root.subject.isEqual(cert.subject)) continue;
        const der = new Uint8Array(root.toSchema().toBER());
        const sha256 = sha256Hex(der);
        const subject = root.subject.typesAndValues.map((tv) => String(tv.value.valueBlock.value)).join(', ');
        found.set(sha256, { pem: pemOf(der), sha256, subject });
      }
    }
  }
  return [...found.values()];
}
