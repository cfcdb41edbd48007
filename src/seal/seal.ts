/**
 * Sealing a finished capture, before it is moved into place:
 *   seal/signature.json    the manifest's SHA-256, signed with the installation key (WACZ anonymous form)
 *   seal/timestamps/*.tsr  RFC 3161 answers over the signature, from every TSA that answered, taken at once
 *   seal/seal.json         the state: "timestamped", or "awaiting-timestamp" when no TSA could be reached —
 *                          never silently unsigned, never silently untimestamped
 * The seal files are not in the manifest (they are about it).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadOrCreateInstallationKey } from './keys.js';
import { hashString, signHash, type AnonymousSignedData } from './signature.js';
import type { TsaEntry } from './timestamp/tsa-list.js';

export type SealState = 'timestamped' | 'awaiting-timestamp';

export interface SealConfig {
  home: string;
  tsas: TsaEntry[];
  timeoutMs: number;
}

export interface SealSummary {
  state: SealState;
  keyFingerprint: string;
  timestamps: { url: string; operator: string; file: string; genTime: string }[];
  attempts: { url: string; ok: boolean; error?: string }[];
}

export async function sealCapture(dir: string, config: SealConfig): Promise<SealSummary> {
  const [{ stampAtOnce }, { trustedTsaRoots }] = await Promise.all([import('./timestamp/client.js'), import('./timestamp/tsa-list.js')]);
  const key = loadOrCreateInstallationKey(config.home);
  const manifest = await readFile(join(dir, 'manifest.json'));
  const signedData: AnonymousSignedData = signHash(hashString(manifest), key);
  await mkdir(join(dir, 'seal', 'timestamps'), { recursive: true });
  await writeFile(join(dir, 'seal', 'signature.json'), JSON.stringify({ path: 'manifest.json', hash: signedData.hash, signedData, keyFingerprint: key.fingerprint }, null, 2) + '\n');

  // The timestamps are over the signature (as the WACZ spec's timeSignature is): the base64 string, as ASCII.
  const stamped = Buffer.from(signedData.signature, 'ascii');
  const results = config.tsas.length ? await stampAtOnce(config.tsas.map((t) => t.url), stamped, { trusted: await trustedTsaRoots(), timeoutMs: config.timeoutMs }) : [];
  const timestamps: SealSummary['timestamps'] = [];
  for (const [i, r] of results.entries()) {
    if (!r.ok || !r.response) continue;
    const file = `seal/timestamps/tsa-${i + 1}.tsr`;
    await writeFile(join(dir, file), r.response);
    timestamps.push({ url: r.url, operator: config.tsas[i]!.operator, file, genTime: r.genTime! });
  }
  const summary: SealSummary = { state: timestamps.length ? 'timestamped' : 'awaiting-timestamp', keyFingerprint: key.fingerprint, timestamps,
    attempts: results.map((r) => ({ url: r.url, ok: r.ok, ...(r.error ? { error: r.error } : {}) })) };
  await writeFile(join(dir, 'seal', 'seal.json'), JSON.stringify({ ...summary, stampedData: 'the ASCII bytes of signedData.signature in seal/signature.json',
    sealedAt: new Date().toISOString(), note: summary.state === 'awaiting-timestamp' ? 'No TSA could be reached: sealed with the signature only, awaiting a trusted timestamp.' : undefined }, null, 2) + '\n');
  return summary;
}
