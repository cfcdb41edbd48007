/**
 * Sealing a finished capture, before it is moved into place:
 *   seal/signature.json    the manifest's SHA-256, signed with the installation key (WACZ anonymous form)
 *   seal/timestamps/*.tsr  RFC 3161 answers over the signature, from every TSA that answered, taken at once
 *   seal/seal.json         the state: "timestamped", or "awaiting-timestamp" when no TSA could be reached —
 *                          never silently unsigned, never silently untimestamped
 * The seal files are not in the manifest (they are about it).
 */
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
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

/** seal/signature.json */
export interface SignatureFile {
  path: 'manifest.json';
  hash: string;
  signedData: AnonymousSignedData;
  keyFingerprint: string;
}

export interface SealSummary {
  state: SealState;
  keyFingerprint: string;
  timestamps: { url: string; operator: string; file: string; genTime: string }[];
  attempts: { url: string; ok: boolean; error?: string }[];
}

export interface NewTimestamp {
  url: string;
  operator: string;
  genTime: string;
  response: Buffer;
}

export const SIGNATURE_PATH = 'seal/signature.json';
export const TIMESTAMP_DIR = 'seal/timestamps';
export const timestampPath = (n: number) => `${TIMESTAMP_DIR}/tsa-${n}.tsr`;

/** What the timestamps are over (as the WACZ spec's timeSignature is): the base64 signature string, as ASCII. */
export const stampedBytes = (sig: Pick<SignatureFile, 'signedData'>) => Buffer.from(sig.signedData.signature, 'ascii');

export function signManifest(manifest: Uint8Array, home: string): SignatureFile {
  const key = loadOrCreateInstallationKey(home);
  const signedData = signHash(hashString(manifest), key);
  return { path: 'manifest.json', hash: signedData.hash, signedData, keyFingerprint: key.fingerprint };
}

/** Asks every configured TSA at once; returns the answers that verified and every attempt with its outcome. */
export async function requestTimestamps(sig: SignatureFile, config: SealConfig): Promise<{ timestamps: NewTimestamp[]; attempts: SealSummary['attempts'] }> {
  if (!config.tsas.length) return { timestamps: [], attempts: [] };
  const [{ stampAtOnce }, { trustedTsaRoots }] = await Promise.all([import('./timestamp/client.js'), import('./timestamp/tsa-list.js')]);
  const results = await stampAtOnce(config.tsas.map((t) => t.url), stampedBytes(sig), { trusted: await trustedTsaRoots(), timeoutMs: config.timeoutMs });
  const timestamps: NewTimestamp[] = [];
  for (const [i, r] of results.entries()) {
    if (r.ok && r.response) timestamps.push({ url: r.url, operator: config.tsas[i]!.operator, genTime: r.genTime!, response: r.response });
  }
  return { timestamps, attempts: results.map((r) => ({ url: r.url, ok: r.ok, ...(r.error ? { error: r.error } : {}) })) };
}

export async function sealCapture(dir: string, config: SealConfig): Promise<SealSummary> {
  const sig = signManifest(await readFile(join(dir, 'manifest.json')), config.home);
  await mkdir(join(dir, TIMESTAMP_DIR), { recursive: true });
  await writeFile(join(dir, SIGNATURE_PATH), JSON.stringify(sig, null, 2) + '\n');
  return timestampSeal(dir, config);
}

/**
 * Asks the TSAs for timestamps over the capture's signature and (re)writes seal/seal.json. Used right after signing,
 * and later by `guzheng seal` for capture folders sealed while no TSA could be reached. Existing tokens are kept.
 */
export async function timestampSeal(dir: string, config: SealConfig): Promise<SealSummary> {
  const sig = JSON.parse(await readFile(join(dir, SIGNATURE_PATH), 'utf8')) as SignatureFile;
  const previous = await readFile(join(dir, 'seal', 'seal.json'), 'utf8').then((t) => JSON.parse(t) as SealSummary & { history?: unknown[] }, () => null);
  const { timestamps: fresh, attempts } = await requestTimestamps(sig, config);
  const timestamps: SealSummary['timestamps'] = [...(previous?.timestamps ?? [])];
  await mkdir(join(dir, TIMESTAMP_DIR), { recursive: true });
  let n = (await readdir(join(dir, TIMESTAMP_DIR))).filter((f) => f.endsWith('.tsr')).length;
  for (const t of fresh) {
    const file = timestampPath(++n);
    await writeFile(join(dir, file), t.response);
    timestamps.push({ url: t.url, operator: t.operator, file, genTime: t.genTime });
  }
  const summary: SealSummary = { state: timestamps.length ? 'timestamped' : 'awaiting-timestamp', keyFingerprint: sig.keyFingerprint, timestamps, attempts };
  await writeSealState(dir, summary, [...(previous?.history ?? []), { at: new Date().toISOString(), attempts }]);
  return summary;
}

export async function writeSealState(dir: string, summary: SealSummary, history: unknown[]): Promise<void> {
  await writeFile(join(dir, 'seal', 'seal.json.tmp'), JSON.stringify({ ...summary, stampedData: 'the ASCII bytes of signedData.signature in seal/signature.json',
    sealedAt: new Date().toISOString(), history, note: summary.state === 'awaiting-timestamp' ? 'No TSA could be reached: sealed with the signature only, awaiting a trusted timestamp.' : undefined }, null, 2) + '\n');
  await rename(join(dir, 'seal', 'seal.json.tmp'), join(dir, 'seal', 'seal.json'));
}
