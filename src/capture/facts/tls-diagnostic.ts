/**
 * When the browser refuses a certificate, the live connection gives us nothing to keep. The certificate the server
 * presented is then fetched by one separate diagnostic TLS handshake and saved, labelled as such.
 */
import { connect } from 'node:tls';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeChain, type CertificateInfo } from './network-facts.js';

export async function fetchPresentedChain(url: URL, captureDir: string, timeoutMs: number, hostResolverRules: Map<string, string>): Promise<{ chain: CertificateInfo[]; error?: string }> {
  const mapped = hostResolverRules.get(url.hostname);
  const [host, port] = mapped ? [mapped.split(':')[0]!, Number(mapped.split(':')[1] ?? url.port ?? 443)] : [url.hostname, Number(url.port || 443)];
  try {
    const ders = await new Promise<Buffer[]>((resolve, reject) => {
      const socket = connect({ host, port, servername: /^[\d.]+$|:/.test(url.hostname) ? undefined : url.hostname, rejectUnauthorized: false, timeout: timeoutMs }, () => {
        const chain: Buffer[] = [];
        let cert = socket.getPeerCertificate(true);
        const seen = new Set<string>();
        while (cert && cert.raw && !seen.has(cert.fingerprint256)) {
          seen.add(cert.fingerprint256);
          chain.push(cert.raw);
          cert = cert.issuerCertificate;
        }
        socket.end();
        resolve(chain);
      });
      socket.on('error', reject);
      socket.on('timeout', () => socket.destroy(new Error('timeout')));
    });
    const certDir = join(captureDir, 'certs');
    await mkdir(certDir, { recursive: true });
    return { chain: await writeChain(certDir, url.origin, ders, 'presented_') };
  } catch (err) {
    return { chain: [], error: (err as Error).message };
  }
}

/** Parses Chromium's --host-resolver-rules="MAP host 127.0.0.1:port, ..." so the diagnostic reaches the same server. */
export function hostResolverRules(flags: string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const f of flags) {
    const m = f.match(/^--host-resolver-rules=(.*)$/);
    if (!m) continue;
    for (const rule of m[1]!.split(',')) {
      const parts = rule.trim().split(/\s+/);
      if (parts[0]?.toUpperCase() === 'MAP' && parts[1] && parts[2] && !parts[1].includes('*')) map.set(parts[1], parts[2]);
    }
  }
  return map;
}
