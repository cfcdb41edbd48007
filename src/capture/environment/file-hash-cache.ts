/**
 * SHA-256 of large files that rarely change (the browser executable, ~250 MB), remembered between runs in the data
 * folder. A remembered hash is used only while the file's path, size, inode, mtime and ctime are unchanged (ctime
 * cannot be set back without changing the system clock), and environment.json says when it was computed.
 */
import { mkdir, readFile, stat, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256File } from '../../seal/digests.js';

export interface FileHash {
  sha256: string;
  computedAt: string;
  /** 'computed now' or 'remembered from <time>; file unchanged (size, inode, mtime, ctime)'. */
  how: string;
}

interface Entry { key: string; sha256: string; computedAt: string }

const inProcess = new Map<string, Promise<FileHash>>();

async function fileKey(path: string): Promise<string> {
  const s = await stat(path, { bigint: true });
  return [path, s.size, s.ino, s.mtimeNs, s.ctimeNs].join('|');
}

export function hashFileCached(path: string, cacheDir: string | null): Promise<FileHash> {
  let p = inProcess.get(path);
  if (!p) {
    p = compute(path, cacheDir);
    inProcess.set(path, p);
  }
  return p;
}

async function compute(path: string, cacheDir: string | null): Promise<FileHash> {
  const key = await fileKey(path);
  const cacheFile = cacheDir ? join(cacheDir, 'file-hashes.json') : null;
  let cache: Record<string, Entry> = {};
  if (cacheFile) {
    try {
      cache = JSON.parse(await readFile(cacheFile, 'utf8')) as Record<string, Entry>;
    } catch { /* no cache yet */ }
    const hit = cache[path];
    if (hit && hit.key === key) return { sha256: hit.sha256, computedAt: hit.computedAt, how: `remembered from ${hit.computedAt}; file unchanged (size, inode, mtime, ctime)` };
  }
  const computedAt = new Date().toISOString();
  const sha256 = await sha256File(path);
  if (cacheFile && (await fileKey(path)) === key) {
    try {
      await mkdir(cacheDir!, { recursive: true });
      cache[path] = { key, sha256, computedAt };
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(cache, null, 1));
      await rename(tmp, cacheFile);
    } catch { /* a read-only data folder only costs time */ }
  }
  return { sha256, computedAt, how: 'computed now' };
}
