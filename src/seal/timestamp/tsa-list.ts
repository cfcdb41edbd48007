/**
 * Which TSAs are asked, and which roots their certificates must chain to.
 *
 * The default list holds public RFC 3161 services run by certificate authorities (and one volunteer service), so
 * that several independent clocks fix the time. Users add others — a Chinese CA's TSA, their notary's — with
 * GUZHENG_TSA (comma-separated URLs; it replaces the list for one run) and GUZHENG_TSA_CA (comma-separated PEM/DER
 * files of the roots those TSAs chain to). GUZHENG_TSA=off asks none (the capture is then "awaiting timestamp").
 */
import { readFileSync, readdirSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import type * as pkijs from 'pkijs';
import { assetPath } from '../../tool.js';

export interface TsaEntry {
  url: string;
  /** Who runs it. */
  operator: string;
}

export const DEFAULT_TSAS: TsaEntry[] = [
  { url: 'http://timestamp.digicert.com', operator: 'DigiCert, Inc. (commercial certificate authority, US)' },
  { url: 'http://timestamp.sectigo.com', operator: 'Sectigo Limited (commercial certificate authority, UK/US)' },
  { url: 'http://timestamp.identrust.com', operator: 'IdenTrust, Inc. (commercial certificate authority, US)' },
  { url: 'https://freetsa.org/tsr', operator: 'FreeTSA (free service run by a volunteer, Germany)' },
];

export function tsaList(env: NodeJS.ProcessEnv = process.env): TsaEntry[] {
  const v = env.GUZHENG_TSA?.trim();
  if (v === undefined || v === '') return DEFAULT_TSAS;
  if (v === 'off') return [];
  return v.split(',').map((u) => u.trim()).filter(Boolean).map((url) => ({ url, operator: 'configured by the user (GUZHENG_TSA)' }));
}

/**
 * Trusted roots: the CA roots Node ships (Mozilla's list, which holds DigiCert's, Sectigo's and IdenTrust's), the
 * TSA roots bundled in assets/tsa-roots (FreeTSA's), and any named in GUZHENG_TSA_CA.
 */
export function trustedTsaRoots(env: NodeJS.ProcessEnv = process.env): Promise<pkijs.Certificate[]> {
  // Parsing ~150 roots costs about half a CPU-second: once per process (a batch seals many captures).
  const key = env.GUZHENG_TSA_CA ?? '';
  let roots = parsedRoots.get(key);
  if (!roots) {
    roots = loadRoots(env);
    roots.catch(() => parsedRoots.delete(key));
    parsedRoots.set(key, roots);
  }
  return roots;
}

const parsedRoots = new Map<string, Promise<pkijs.Certificate[]>>();

async function loadRoots(env: NodeJS.ProcessEnv): Promise<pkijs.Certificate[]> {
  const { parseCertificates } = await import('./parse.js');
  const pems = [...rootCertificates];
  const dir = assetPath('tsa-roots');
  for (const f of readdirSync(dir)) pems.push(readFileSync(`${dir}/${f}`, 'latin1'));
  const certs = (await Promise.all(pems.map((p) => parseCertificates(Buffer.from(p, 'latin1'))))).flat();
  for (const f of (env.GUZHENG_TSA_CA ?? '').split(',').map((s) => s.trim()).filter(Boolean)) certs.push(...(await parseCertificates(readFileSync(f))));
  return certs;
}
