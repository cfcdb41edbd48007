/** A copy in another folder: the same blob names; each written to a temporary name, synced, checked, renamed. */
import { randomUUID } from 'node:crypto';
import { chmod, copyFile, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sha256File } from '../../seal/digests.js';
import { INDEX_KEY, blobKey, type Replica } from './replica.js';

async function copyChecked(from: string, to: string, expected?: string): Promise<void> {
  const tmp = join(dirname(to), `.tmp-${randomUUID()}`);
  await mkdir(dirname(to), { recursive: true });
  try {
    await copyFile(from, tmp);
    const h = await open(tmp, 'r+');
    await h.sync().finally(() => h.close());
    if (expected && (await sha256File(tmp)) !== expected) throw new Error(`the copy of ${expected} does not match after writing`);
    await rm(to, { force: true });
    await rename(tmp, to);
  } finally {
    await rm(tmp, { force: true });
  }
}

export class FolderReplica implements Replica {
  constructor(readonly location: string) {}

  private path(key: string): string {
    return join(this.location, ...key.split('/'));
  }

  async list(): Promise<Set<string>> {
    const out = new Set<string>();
    const root = this.path('blobs/sha256');
    for (const dir of await readdir(root).catch(() => [] as string[])) {
      for (const f of await readdir(join(root, dir)).catch(() => [] as string[])) if (!f.startsWith('.')) out.add(dir + f);
    }
    return out;
  }

  async put(sha256: string, file: string): Promise<void> {
    await copyChecked(file, this.path(blobKey(sha256)), sha256);
    await chmod(this.path(blobKey(sha256)), 0o444);
  }

  async hash(sha256: string): Promise<string | null> {
    return sha256File(this.path(blobKey(sha256))).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
  }

  async fetch(sha256: string, dest: string): Promise<void> {
    await copyFile(this.path(blobKey(sha256)), dest);
  }

  async putIndex(file: string): Promise<void> {
    await copyChecked(file, this.path(INDEX_KEY));
  }
}
