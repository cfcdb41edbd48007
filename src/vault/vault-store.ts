/**
 * Captures into the vault. A capture is registered as "capturing" when it begins and written in tmp/<id>. When it is
 * finished and sealed, its files are copied into the blob store (each copy checked against its hash), then one
 * transaction writes the artifacts, the item's status and the custody events (created, sealed, timestamped); only
 * then is the folder moved to captures/ as the working copy. A crash before that transaction leaves the item
 * "capturing" (reported as interrupted on the next run, its folder still in tmp/ and without any rows that make it
 * look complete); a crash after it is finished on the next run by moving the working copy into place.
 */
import { readdir, readFile, rename, stat } from 'node:fs/promises';
import { uuidv7 } from '../capture/ids.js';
import type { PostFacts } from '../platforms/types.js';
import type { ObservationsTable } from './db.js';
import { join } from 'node:path';
import type { CaptureResult } from '../capture/visit.js';
import type { ManifestFile } from '../capture/manifest.js';
import type { FileDigests } from '../seal/digests.js';
import { SIGNATURE_PATH, TIMESTAMP_DIR, type SealConfig } from '../seal/seal.js';
import { completePendingSeals } from './pending-seals.js';
import { appendEvents, type NewEvent } from './custody.js';
import { captureFolderName } from './folder-store.js';
import type { CaptureSlot, CaptureStore, Committed, Interrupted, PendingSealResult } from './store.js';
import type { Vault } from './vault.js';

/** The post's reach and state at capture time (post.json), as observations: the series the law's thresholds use. */
async function observationsOf(dir: string, itemId: string, url: string): Promise<ObservationsTable[]> {
  const post = await readFile(join(dir, 'post.json'), 'utf8').then((t) => JSON.parse(t) as PostFacts, () => null);
  if (!post) return [];
  const at = post.countsReadAt;
  const where = post.canonicalUrl?.value ?? url;
  const rows: ObservationsTable[] = [{ id: uuidv7(), item_id: itemId, url: where, at, metric: 'state', value: null, state: post.state.value, source: `post.json (${post.state.source})` }];
  for (const [metric, c] of Object.entries(post.counts)) {
    if (c) rows.push({ id: uuidv7(), item_id: itemId, url: where, at, metric, value: c.value, state: null, source: `post.json (${c.source})` });
  }
  return rows;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

type Planned = Pick<ManifestFile, 'path' | 'role' | 'mediaType'> & { sha256?: string; sm3?: string; size?: number };

/** The files of a sealed capture folder that become artifacts: the manifest's files, the manifest, the seal. */
async function plannedArtifacts(tmpDir: string, result: Pick<CaptureResult, 'manifest' | 'seal'>): Promise<Planned[]> {
  const planned: Planned[] = result.manifest.files.map((f) => ({ path: f.path, role: f.role, mediaType: f.mediaType, sha256: f.sha256, sm3: f.sm3, size: f.size }));
  planned.push({ path: 'manifest.json', role: 'manifest', mediaType: 'application/json' });
  if (await stat(join(tmpDir, SIGNATURE_PATH)).then(() => true, () => false)) {
    planned.push({ path: SIGNATURE_PATH, role: 'signature', mediaType: 'application/json' });
    for (const f of (await readdir(join(tmpDir, TIMESTAMP_DIR)).catch(() => [])).sort()) {
      if (f.endsWith('.tsr')) planned.push({ path: `${TIMESTAMP_DIR}/${f}`, role: 'timestamp', mediaType: 'application/timestamp-reply' });
    }
  }
  return planned;
}

export class VaultStore implements CaptureStore {
  constructor(readonly vault: Vault, private readonly caseId: string) {}

  /** Registers the item as in progress (a capture of `url`, or an import with no URL) and hands out its folder. */
  async begin(id: string, url: URL | null, kind: 'capture' | 'import' = 'capture'): Promise<CaptureSlot> {
    await this.vault.db.insertInto('items').values({ id, case_id: this.caseId, kind, url: url?.href ?? null, final_url: null, status: 'capturing',
      seal_state: null, started_at: new Date().toISOString(), ended_at: null, manifest_sha256: null, pid: process.pid, dir: null, legacy: 0 }).execute();
    return { id, tmpDir: join(this.vault.home, 'tmp', id) };
  }

  private async listedBlobs(hashes: string[]): Promise<Set<string>> {
    if (!hashes.length) return new Set();
    const rows = await this.vault.db.selectFrom('blobs').select('sha256').where('sha256', 'in', [...new Set(hashes)]).execute();
    return new Set(rows.map((r) => r.sha256));
  }

  /** `more`: events of the item's own kind, written right after "created" (an import's "imported" event). */
  async commit(slot: CaptureSlot, result: Pick<CaptureResult, 'manifest' | 'seal'>, more: Omit<NewEvent, 'stream'>[] = []): Promise<Committed> {
    const { manifest, seal } = result;
    const planned = await plannedArtifacts(slot.tmpDir, result);
    const stored: (Planned & FileDigests)[] = [];
    // In a bucket, a blob the index already lists (committed with an earlier item) is not sent again.
    const listed = this.vault.folderBlobs ? new Set<string>() : await this.listedBlobs(planned.map((p) => p.sha256).filter((h): h is string => Boolean(h)));
    const putOne = async (p: Planned): Promise<Planned & FileDigests> => {
      if (p.sha256 && p.sm3 && p.size !== undefined && listed.has(p.sha256)) return { ...p, sha256: p.sha256, sm3: p.sm3, size: p.size };
      return { ...p, ...(await this.vault.blobs.put(join(slot.tmpDir, p.path), p.sha256 && p.sm3 ? { sha256: p.sha256, sm3: p.sm3, size: p.size ?? 0 } : p.sha256)) };
    };
    // A folder is written one file at a time; a bucket, four at once (each upload waits on the network).
    const lanes = this.vault.folderBlobs ? 1 : 4;
    const results: (Planned & FileDigests)[] = new Array(planned.length);
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(lanes, planned.length) }, async () => {
      while (next < planned.length) {
        const i = next++;
        results[i] = await putOne(planned[i]!);
      }
    }));
    stored.push(...results);
    const byPath = new Map(stored.map((s) => [s.path, s]));
    const final = join(this.vault.home, 'captures', captureFolderName(manifest, new Date(manifest.startedAt.utc)));
    const now = new Date().toISOString();
    const events: NewEvent[] = [{ stream: slot.id, type: 'created', detail: {
      case: this.caseId, kind: manifest.format === 'guzheng-import/1' ? 'import' : 'capture', url: manifest.url, finalUrl: manifest.finalUrl, status: manifest.status,
      startedAt: manifest.startedAt.utc, endedAt: manifest.endedAt.utc, tool: manifest.tool,
      manifest: { sha256: byPath.get('manifest.json')!.sha256, sm3: byPath.get('manifest.json')!.sm3 }, artifacts: stored.length,
    } }, ...more.map((e) => ({ ...e, stream: slot.id }))];
    if (seal && seal.state !== 'unsealed') {
      const sig = byPath.get(SIGNATURE_PATH);
      events.push({ stream: slot.id, type: 'sealed', detail: { state: seal.state, keyFingerprint: seal.keyFingerprint, signature: { path: SIGNATURE_PATH, sha256: sig?.sha256 }, attempts: seal.attempts } });
      for (const t of seal.timestamps) {
        events.push({ stream: slot.id, type: 'timestamped', detail: { tsa: t.url, operator: t.operator, genTime: t.genTime, path: t.file, sha256: byPath.get(t.file)?.sha256 } });
      }
    } else if (seal) {
      events.push({ stream: slot.id, type: 'noted', detail: { unsealed: true, error: seal.error } });
    }
    const observations = manifest.url ? await observationsOf(slot.tmpDir, slot.id, manifest.url) : [];
    await this.vault.write(async (trx) => {
      for (const o of observations) await trx.insertInto('observations').values(o).execute();
      for (const s of stored) {
        await trx.insertInto('blobs').values({ sha256: s.sha256, size: s.size, sm3: s.sm3, stored_at: now }).onConflict((oc) => oc.column('sha256').doNothing()).execute();
        await trx.insertInto('artifacts').values({ item_id: slot.id, path: s.path, role: s.role, media_type: s.mediaType, size: s.size, sha256: s.sha256, sm3: s.sm3, added_at: now }).execute();
      }
      await trx.updateTable('items').set({ status: manifest.status, final_url: manifest.finalUrl, ended_at: manifest.endedAt.utc,
        manifest_sha256: byPath.get('manifest.json')!.sha256, seal_state: seal?.state ?? null, dir: final }).where('id', '=', slot.id).execute();
      await appendEvents(trx, events);
    });
    await rename(slot.tmpDir, final);
    return { dir: final, item: slot.id, case: this.caseId };
  }

  /**
   * Captures that began but whose process is gone: marked "interrupted" (with a custody note) and returned, once.
   * Their temporary folder stays in tmp/ as it was. Committed captures whose working copy was not yet moved into
   * place when the process died are moved now.
   */
  async markInterrupted(): Promise<Interrupted[]> {
    return markInterrupted(this.vault);
  }

  async completePendingSeals(config: SealConfig): Promise<PendingSealResult[]> {
    return completePendingSeals(this.vault, config);
  }

  /** The vault belongs to whoever opened it (the CLI command, the app): finishing the captures leaves it open. */
  async close(): Promise<void> {
    // nothing of the store's own to release
  }
}

/**
 * Captures that began but whose process is gone: marked "interrupted" (with a custody note) and returned, once.
 * Their temporary folder stays in tmp/ as it was. Committed captures whose working copy was not yet moved into
 * place when the process died are moved now.
 */
export async function markInterrupted(vault: Vault): Promise<Interrupted[]> {
  // On an organisation's server a capture runs on some worker machine, whose process ids mean nothing here: a
  // crashed worker's job is given again by the queue, which finds the half-made item by its id (src/server/worker.ts).
  if (vault.dialect === 'postgres') return [];
  const rows = await vault.db.selectFrom('items').select(['id', 'url', 'started_at', 'pid']).where('status', '=', 'capturing').execute();
  const dead = rows.filter((r) => r.pid === null || !processAlive(r.pid));
  const out: Interrupted[] = [];
  for (const r of dead) {
    const tmpDir = join(vault.home, 'tmp', r.id);
    await vault.write(async (trx) => {
      await trx.updateTable('items').set({ status: 'interrupted' }).where('id', '=', r.id).execute();
      await appendEvents(trx, [{ stream: r.id, type: 'noted', detail: { interrupted: true, startedAt: r.started_at, pid: r.pid, tmpDir } }]);
    });
    out.push({ id: r.id, url: r.url ?? '', started_at: r.started_at, tmpDir });
  }
  for (const name of await readdir(join(vault.home, 'tmp')).catch(() => [] as string[])) {
    const item = await vault.db.selectFrom('items').select(['status', 'dir']).where('id', '=', name).executeTakeFirst();
    if (item?.dir && !['capturing', 'interrupted'].includes(item.status) && !(await stat(item.dir).then(() => true, () => false))) {
      await rename(join(vault.home, 'tmp', name), item.dir);
    }
  }
  return out;
}
