/**
 * Completing seals that wait for a timestamp: the item's signature is read back from the vault, sent to the TSAs,
 * and each verified answer becomes a new artifact (seal/timestamps/tsa-N.tsr) with a "timestamped" custody event —
 * added beside what is there, never replacing it. The working copy gets the tokens too.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { sha256Hex, type FileDigests } from '../seal/digests.js';
import { join } from 'node:path';
import { requestTimestamps, SIGNATURE_PATH, timestampPath, writeSealState, type NewTimestamp, type SealConfig, type SealSummary, type SignatureFile } from '../seal/seal.js';
import { appendEvents } from './custody.js';
import type { PendingSealResult } from './store.js';
import type { ItemRow, Vault } from './vault.js';

export async function completePendingSeals(vault: Vault, config: SealConfig, items?: ItemRow[]): Promise<PendingSealResult[]> {
  const out: PendingSealResult[] = [];
  for (const item of items ?? (await vault.awaitingTimestamp())) out.push(await completeOne(vault, item, config));
  return out;
}

async function completeOne(vault: Vault, item: ItemRow, config: SealConfig): Promise<PendingSealResult> {
  const artifacts = await vault.artifacts(item.id);
  const sigArtifact = artifacts.find((a) => a.path === SIGNATURE_PATH);
  if (!sigArtifact) return { item: item.id, dir: item.dir, state: 'awaiting-timestamp', timestamps: 0, attempts: [{ url: '-', ok: false, error: 'no signature artifact' }] };
  const sigBytes = await vault.blobs.local(sigArtifact.sha256).then((f) => readFile(f)).catch(() => null);
  if (!sigBytes || sha256Hex(sigBytes) !== sigArtifact.sha256) {
    return { item: item.id, dir: item.dir, state: 'awaiting-timestamp', timestamps: 0, attempts: [{ url: '-', ok: false, error: 'the stored signature is damaged or missing: run guzheng scrub' }] };
  }
  const sig = JSON.parse(sigBytes.toString('utf8')) as SignatureFile;
  const { timestamps, attempts } = await requestTimestamps(sig, config);
  const existing = artifacts.filter((a) => a.role === 'timestamp').length;
  if (!timestamps.length) {
    // The attempt is part of the record: it shows when the timestamp was sought and why it could not be had.
    await vault.appendEvents([{ stream: item.id, type: 'noted', detail: { timestampAttempt: attempts } }]);
    if (item.dir) await updateWorkingCopy(item.dir, sig, [], attempts).catch(() => undefined);
    return { item: item.id, dir: item.dir, state: 'awaiting-timestamp', timestamps: existing, attempts };
  }

  const staging = join(vault.home, 'tmp', `seal-${item.id}`);
  await mkdir(join(staging, 'seal', 'timestamps'), { recursive: true });
  const stored: (FileDigests & { t: NewTimestamp; path: string })[] = [];
  for (const [i, t] of timestamps.entries()) {
    const path = timestampPath(existing + i + 1);
    await writeFile(join(staging, path), t.response);
    stored.push({ t, path, ...(await vault.blobs.put(join(staging, path))) });
  }
  await rm(staging, { recursive: true, force: true });
  const now = new Date().toISOString();
  await vault.write(async (trx) => {
    for (const s of stored) {
      await trx.insertInto('blobs').values({ sha256: s.sha256, size: s.size, sm3: s.sm3, stored_at: now }).onConflict((oc) => oc.column('sha256').doNothing()).execute();
      await trx.insertInto('artifacts').values({ item_id: item.id, path: s.path, role: 'timestamp', media_type: 'application/timestamp-reply', size: s.size, sha256: s.sha256, sm3: s.sm3, added_at: now }).execute();
    }
    await vault.setSealState(item.id, 'timestamped', trx);
    await appendEvents(trx, stored.map((s) => ({ stream: item.id, type: 'timestamped' as const, detail: { tsa: s.t.url, operator: s.t.operator, genTime: s.t.genTime, path: s.path, sha256: s.sha256, late: true } })));
  });
  if (item.dir) await updateWorkingCopy(item.dir, sig, stored.map((s) => ({ url: s.t.url, operator: s.t.operator, file: s.path, genTime: s.t.genTime, bytes: s.t.response })), attempts).catch(() => undefined);
  return { item: item.id, dir: item.dir, state: 'timestamped', timestamps: existing + stored.length, attempts };
}

async function updateWorkingCopy(dir: string, sig: SignatureFile, added: (SealSummary['timestamps'][number] & { bytes: Buffer })[], attempts: SealSummary['attempts']): Promise<void> {
  const previous = await readFile(join(dir, 'seal', 'seal.json'), 'utf8').then((t) => JSON.parse(t) as SealSummary & { history?: unknown[] }, () => null);
  for (const a of added) await writeFile(join(dir, a.file), a.bytes);
  const timestamps = [...(previous?.timestamps ?? []), ...added.map(({ bytes: _b, ...t }) => t)];
  await writeSealState(dir, { state: timestamps.length ? 'timestamped' : 'awaiting-timestamp', keyFingerprint: sig.keyFingerprint, timestamps, attempts }, [...(previous?.history ?? []), { at: new Date().toISOString(), attempts }]);
}
