/**
 * Per origin: the server's IP and port, the TLS protocol and cipher, and the certificate chain of the live
 * connection (CDP Network.getCertificate — the certificate the browser actually accepted, not a second connection).
 */
import { X509Certificate, createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';

export interface CertificateInfo {
  file: string;
  subject: string;
  issuer: string;
  serialNumber: string;
  validFrom: string;
  validTo: string;
  sha256Fingerprint: string;
  subjectAltName: string | null;
}

export interface OriginFacts {
  origin: string;
  ipAddress: string | null;
  port: number | null;
  httpProtocol: string | null;
  tls: {
    protocol?: string;
    keyExchange?: string;
    keyExchangeGroup?: string;
    cipher?: string;
    mac?: string;
    subjectName?: string;
    issuer?: string;
    validFrom?: string;
    validTo?: string;
    sanList?: string[];
    certificateTransparencyCompliance?: string;
  } | null;
  certificateChain: CertificateInfo[];
  certificateChainSource: string | null;
  certificateError?: string;
}

/** Listens to the page's CDP Network events for the facts Playwright's API does not give (cipher, key exchange). */
export class OriginWatcher {
  readonly origins = new Map<string, OriginFacts>();

  constructor(private readonly cdp: CDPSession, private readonly addressOf?: (url: string) => { ipAddress: string; port: number } | null) {}

  start(): void {
    this.cdp.on('Network.responseReceived', (e) => {
      const url = e.response.url;
      if (!/^https?:/.test(url)) return;
      const origin = new URL(url).origin;
      if (this.origins.has(origin) && this.origins.get(origin)!.ipAddress) return;
      const s = e.response.securityDetails;
      const gated = this.addressOf ? this.addressOf(url) : undefined;
      this.origins.set(origin, {
        origin,
        ipAddress: gated !== undefined ? gated?.ipAddress ?? null : e.response.remoteIPAddress ?? null,
        port: gated !== undefined ? gated?.port ?? null : e.response.remotePort ?? null,
        httpProtocol: e.response.protocol ?? null,
        tls: s ? { protocol: s.protocol, keyExchange: s.keyExchange, keyExchangeGroup: s.keyExchangeGroup, cipher: s.cipher,
          mac: s.mac, subjectName: s.subjectName, issuer: s.issuer,
          validFrom: new Date(s.validFrom * 1000).toISOString(), validTo: new Date(s.validTo * 1000).toISOString(),
          sanList: s.sanList, certificateTransparencyCompliance: s.certificateTransparencyCompliance } : null,
        certificateChain: [],
        certificateChainSource: null,
      });
    });
    // The Network domain of this session is enabled by the BodyReader, which shares it.
  }

  /** Adds origins seen only by Playwright's events (other frames, workers). */
  addServer(origin: string, ipAddress: string, port: number): void {
    if (!this.origins.has(origin)) {
      this.origins.set(origin, { origin, ipAddress, port, httpProtocol: null, tls: null, certificateChain: [], certificateChainSource: null });
    }
  }

  /** Asks the browser for each HTTPS origin's certificate chain and writes it as PEM files. */
  async collectCertificates(captureDir: string): Promise<void> {
    const certDir = join(captureDir, 'certs');
    for (const facts of this.origins.values()) {
      if (!facts.origin.startsWith('https:')) continue;
      try {
        const { tableNames } = await this.cdp.send('Network.getCertificate', { origin: facts.origin });
        if (!tableNames.length) throw new Error('the browser returned no certificate');
        await mkdir(certDir, { recursive: true });
        facts.certificateChain = await writeChain(certDir, facts.origin, tableNames.map((b) => Buffer.from(b, 'base64')));
        facts.certificateChainSource = 'CDP Network.getCertificate (the live connection of this visit)';
      } catch (err) {
        facts.certificateError = (err as Error).message.split('\n')[0];
      }
    }
  }
}

export function originFileStem(origin: string): string {
  const u = new URL(origin);
  return `${u.hostname.replace(/[^a-zA-Z0-9.-]/g, '_')}_${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
}

export async function writeChain(certDir: string, origin: string, ders: Buffer[], prefix = ''): Promise<CertificateInfo[]> {
  const stem = originFileStem(origin);
  const out: CertificateInfo[] = [];
  for (const [i, der] of ders.entries()) {
    const file = `certs/${prefix}${stem}_${i}.pem`;
    const pem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
    await writeFile(join(certDir, '..', file), pem);
    let info: Omit<CertificateInfo, 'file' | 'sha256Fingerprint'> = { subject: '', issuer: '', serialNumber: '', validFrom: '', validTo: '', subjectAltName: null };
    try {
      const x = new X509Certificate(der);
      info = { subject: x.subject, issuer: x.issuer, serialNumber: x.serialNumber, validFrom: new Date(x.validFrom).toISOString(),
        validTo: new Date(x.validTo).toISOString(), subjectAltName: x.subjectAltName ?? null };
    } catch { /* keep the PEM even if Node cannot parse it */ }
    out.push({ file, ...info, sha256Fingerprint: createHash('sha256').update(der).digest('hex') });
  }
  return out;
}
