/**
 * The embedded default store: a data folder with a SQLite index. A capture is registered as "capturing" when it
 * begins, written in tmp/, moved into captures/ in one rename, then marked with its status. A capture interrupted
 * by a crash stays "capturing" in the index with its folder still in tmp/, and is reported as interrupted.
 */
import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { GuzhengError } from '../errors.js';
import { sha256Hex } from '../seal/digests.js';
import type { Manifest } from '../capture/manifest.js';
import { openDatabase, type Schema } from './db.js';
import { captureFolderName } from './folder-store.js';
import type { CaptureSlot, CaptureStore } from './store.js';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class LocalStore implements CaptureStore {
  private constructor(readonly home: string, private readonly db: Kysely<Schema>) {}

  static async open(home: string): Promise<LocalStore> {
    try {
      await mkdir(join(home, 'captures'), { recursive: true });
      await mkdir(join(home, 'tmp'), { recursive: true });
      return new LocalStore(home, await openDatabase(join(home, 'guzheng.db')));
    } catch (err) {
      throw new GuzhengError('E_STORE', `无法打开数据文件夹 ${home}`, `Cannot open the data folder ${home}`, (err as Error).message);
    }
  }

  async begin(id: string, url: URL): Promise<CaptureSlot> {
    await this.db.insertInto('captures').values({ id, url: url.href, final_url: null, status: 'capturing', dir: null,
      started_at: new Date().toISOString(), ended_at: null, manifest_sha256: null, pid: process.pid, seal_state: null }).execute();
    return { id, tmpDir: join(this.home, 'tmp', id) };
  }

  async commit(slot: CaptureSlot, manifest: Manifest, sealState?: string): Promise<string> {
    const final = join(this.home, 'captures', captureFolderName(manifest, new Date(manifest.startedAt.utc)));
    await rename(slot.tmpDir, final);
    const manifestSha = sha256Hex(await readFile(join(final, 'manifest.json')));
    await this.db.updateTable('captures').set({ status: manifest.status, dir: final, final_url: manifest.finalUrl,
      ended_at: manifest.endedAt.utc, manifest_sha256: manifestSha, seal_state: sealState ?? null }).where('id', '=', slot.id).execute();
    return final;
  }

  /**
   * Captures that began but whose process is gone: marked "interrupted" and returned, once. Their temporary folder
   * stays in tmp/ as it was (it has no manifest, so nothing there looks complete).
   */
  async markInterrupted(): Promise<{ id: string; url: string; started_at: string; tmpDir: string }[]> {
    const rows = await this.db.selectFrom('captures').select(['id', 'url', 'started_at', 'pid']).where('status', '=', 'capturing').execute();
    const dead = rows.filter((r) => r.pid === null || !processAlive(r.pid));
    for (const r of dead) await this.db.updateTable('captures').set({ status: 'interrupted' }).where('id', '=', r.id).execute();
    return dead.map((r) => ({ id: r.id, url: r.url, started_at: r.started_at, tmpDir: join(this.home, 'tmp', r.id) }));
  }

  /** Captures sealed while no TSA could be reached. */
  async awaitingTimestamp(): Promise<{ id: string; url: string; dir: string }[]> {
    const rows = await this.db.selectFrom('captures').select(['id', 'url', 'dir']).where('seal_state', '=', 'awaiting-timestamp').orderBy('started_at').execute();
    return rows.filter((r): r is { id: string; url: string; dir: string } => r.dir !== null);
  }

  async setSealState(id: string, state: string): Promise<void> {
    await this.db.updateTable('captures').set({ seal_state: state }).where('id', '=', id).execute();
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
