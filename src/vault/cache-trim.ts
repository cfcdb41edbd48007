/**
 * The local cache of a bucket-backed vault (a server's or a worker's data folder) kept under a size. Every blob in
 * it is also in the bucket (a blob is uploaded before any row names it), so the least recently used can go: the
 * next read fetches it again and checks its SHA-256. Blobs used in the last minutes stay whatever the size (a job
 * may be about to open one), and a file already open is still read whole after it is removed.
 *
 * GUZHENG_CACHE_MAX_GB sets the size (default 10 GB; 0: never trimmed).
 */
import { readdir, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { GuzhengError } from '../errors.js';

const GB = 1024 ** 3;
/** Blobs used this recently are never removed. */
export const CACHE_GRACE_MS = 15 * 60_000;

export function cacheMaxFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.GUZHENG_CACHE_MAX_GB;
  if (raw === undefined || raw === '') return 10 * GB;
  const gb = Number(raw);
  if (!Number.isFinite(gb) || gb < 0) {
    throw new GuzhengError('E_USAGE', `GUZHENG_CACHE_MAX_GB 应为不小于 0 的数字（GB）：${raw}`, `GUZHENG_CACHE_MAX_GB must be a number of GB, 0 or more: ${raw}`);
  }
  return Math.round(gb * GB);
}

export interface TrimResult { removed: number; freedBytes: number; keptBytes: number }

interface Entry { path: string; size: number; used: number }

async function entries(root: string): Promise<Entry[]> {
  const out: Entry[] = [];
  const top = join(root, 'sha256');
  for (const prefix of await readdir(top).catch(() => [] as string[])) {
    const dir = join(top, prefix);
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const path = join(dir, name);
      const s = await stat(path).catch(() => null);
      if (s?.isFile()) out.push({ path, size: s.size, used: s.mtimeMs });
    }
  }
  return out;
}

/** Removes the least recently used blobs until the cache holds at most 80% of `maxBytes` (or only recent ones). */
export async function trimCache(root: string, maxBytes: number, now = Date.now(), inBucket: (sha256: string, size: number) => Promise<boolean> = async () => false): Promise<TrimResult> {
  const all = await entries(root);
  let kept = all.reduce((n, e) => n + e.size, 0);
  const result = { removed: 0, freedBytes: 0, keptBytes: kept };
  if (maxBytes <= 0 || kept <= maxBytes) return result;
  const goal = maxBytes * 0.8;
  for (const e of all.sort((a, b) => a.used - b.used)) {
    if (kept <= goal || now - e.used < CACHE_GRACE_MS) break;
    // Used since the listing began, or not confirmed in the bucket (a folder that was the vault itself before
    // --blobs was given, an upload that failed): kept.
    const again = await stat(e.path).catch(() => null);
    if (!again || Date.now() - again.mtimeMs < CACHE_GRACE_MS) continue;
    const sha = e.path.split(/[\\/]/).slice(-2).join('');
    if (!(await inBucket(sha, e.size).catch(() => false))) continue;
    await rm(e.path, { force: true });
    kept -= e.size;
    result.removed++;
    result.freedBytes += e.size;
  }
  result.keptBytes = kept;
  return result;
}

/** Marks a cached blob as used now (its modification time: access times are often not kept). */
export async function touch(path: string): Promise<void> {
  const now = new Date();
  await utimes(path, now, now).catch(() => undefined);
}

/**
 * When to trim: after about an eighth of the limit was added since the last trim (and once soon after start), one
 * trim at a time, in the background; a failed trim is tried again later and never fails the work.
 */
export class CacheTrimmer {
  private added = 0;
  private running: Promise<void> | null = null;
  private started = false;

  constructor(private readonly root: string, readonly maxBytes: number, private readonly inBucket: (sha256: string, size: number) => Promise<boolean>) {}

  /** Counts bytes put into the cache; trims when enough came in. */
  note(bytes: number): void {
    if (this.maxBytes <= 0) return;
    this.added += bytes;
    if ((this.started && this.added < this.maxBytes / 8) || this.running) return;
    this.started = true;
    this.added = 0;
    this.running = trimCache(this.root, this.maxBytes, Date.now(), this.inBucket).then(() => undefined, () => undefined).finally(() => { this.running = null; });
  }

  /** The trim under way, if any (tests and shutdown wait for it). */
  async idle(): Promise<void> {
    await this.running;
  }
}
