/**
 * Sealing a finished capture, before it is moved into place:
 *   seal/signature.json    the manifest's SHA-256, signed with the installation key (WACZ anonymous form)
 *   seal/timestamps/*.tsr  RFC 3161 answers over the signature, from every TSA that answered, taken at once
 *   seal/seal.json         the state: "timestamped", or "awaiting-timestamp" when no TSA could be reached —
 *                          never silently unsigned, never silently untimestamped
 * The seal files are not in the manifest (they are about it).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
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
  const key = loadOrCreateInstallationKey(config.home);
  const manifest = await readFile(join(dir, 'manifest.json'));
  const signedData: AnonymousSignedData = signHash(hashString(manifest), key);
  await mkdir(join(dir, 'seal', 'timestamps'), { recursive: true });
  await writeFile(join(dir, 'seal', 'signature.json'), JSON.stringify({ path: 'manifest.json', hash: signedData.hash, signedData, keyFingerprint: key.fingerprint }, null, 2) + '\n');
  return timestampSeal(dir, config);
}

/**
 * Asks the TSAs for timestamps over the capture's signature and (re)writes seal/seal.json. Used right after signing,
 * and later by `guzheng seal --pending` for captures sealed while no TSA could be reached. Existing tokens are kept.
 */
export async function timestampSeal(dir: string, config: SealConfig): Promise<SealSummary> {
  const [{ stampAtOnce }, { trustedTsaRoots }] = await Promise.all([import('./timestamp/client.js'), import('./timestamp/tsa-list.js')]);
  const sig = JSON.parse(await readFile(join(dir, 'seal', 'signature.json'), 'utf8')) as { signedData: AnonymousSignedData; keyFingerprint: string };
  const previous = await readFile(join(dir, 'seal', 'seal.json'), 'utf8').then((t) => JSON.parse(t) as SealSummary & { history?: unknown[] }, () => null);
  // The timestamps are over the signature (as the WACZ spec's timeSignature is): the base64 string, as ASCII.
  const stamped = Buffer.from(sig.signedData.signature, 'ascii');
  const results = config.tsas.length ? await stampAtOnce(config.tsas.map((t) => t.url), stamped, { trusted: await trustedTsaRoots(), timeoutMs: config.timeoutMs }) : [];
  const timestamps: SealSummary['timestamps'] = [...(previous?.timestamps ?? [])];
  await mkdir(join(dir, 'seal', 'timestamps'), { recursive: true });
  for (const [i, r] of results.entries()) {
    if (!r.ok || !r.response) continue;
    const file = `seal/timestamps/tsa-${timestamps.length + 1}.tsr`;
    await writeFile(join(dir, file), r.response);
    timestamps.push({ url: r.url, operator: config.tsas[i]!.operator, file, genTime: r.genTime! });
  }
  const attempts = results.map((r) => ({ url: r.url, ok: r.ok, ...(r.error ? { error: r.error } : {}) }));
  const summary: SealSummary = { state: timestamps.length ? 'timestamped' : 'awaiting-timestamp', keyFingerprint: sig.keyFingerprint, timestamps, attempts };
  const now = new Date().toISOString();
  const history = [...(previous?.history ?? []), { at: now, attempts }];
  await writeFile(join(dir, 'seal', 'seal.json.tmp'), JSON.stringify({ ...summary, stampedData: 'the ASCII bytes of signedData.signature in seal/signature.json',
    sealedAt: now, history, note: summary.state === 'awaiting-timestamp' ? 'No TSA could be reached: sealed with the signature only, awaiting a trusted timestamp.' : undefined }, null, 2) + '\n');
  await rename(join(dir, 'seal', 'seal.json.tmp'), join(dir, 'seal', 'seal.json'));
  return summary;
}
