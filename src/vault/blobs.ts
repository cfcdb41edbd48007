/**
 * Content-addressed files: each artifact's bytes are stored once, under their SHA-256
 * (blobs/sha256/ab/cdef…), written to a temporary name, synced, checked and renamed into place, then made read-only.
 * A blob that is in place is complete; a crash leaves at most a temporary file in blobs/tmp.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, copyFile, constants, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { digestFile, type FileDigests } from '../seal/digests.js';

export class BlobStore {
  constructor(readonly root: string) {}

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(this.root, 'sha256', sha256.slice(0, 2), sha256.slice(2));
  }

  async has(sha256: string): Promise<boolean> {
    return stat(this.pathOf(sha256)).then(() => true, () => false);
  }

  /**
   * Stores a copy of `file`. The copy itself is hashed (so what is stored is what was checked); when `expected` is
   * given and the copy differs, nothing is stored and an error is thrown.
   */
  async put(file: string, expected?: string): Promise<FileDigests> {
    const tmp = join(this.root, 'tmp', randomUUID());
    await mkdir(dirname(tmp), { recursive: true });
    try {
      await copyFile(file, tmp, constants.COPYFILE_FICLONE);
      const handle = await open(tmp, 'r+');
      await handle.sync().finally(() => handle.close());
      const digests = await digestFile(tmp);
      if (expected && digests.sha256 !== expected) throw new Error(`${file} changed: expected SHA-256 ${expected}, read ${digests.sha256}`);
      const final = this.pathOf(digests.sha256);
      if (await this.has(digests.sha256)) return digests;
      await mkdir(dirname(final), { recursive: true });
      await chmod(tmp, 0o444);
      await rename(tmp, final);
      return digests;
    } finally {
      await rm(tmp, { force: true });
    }
  }

  /** Re-reads a blob: its SHA-256 (and SM3 when asked) as it is on disk now, or null when it is missing. */
  async rehash(sha256: string, withSm3 = false): Promise<{ sha256: string; size: number; sm3?: string } | null> {
    const path = this.pathOf(sha256);
    try {
      if (withSm3) return await digestFile(path);
      const h = createHash('sha256');
      let size = 0;
      for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
        h.update(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
      return { sha256: h.digest('hex'), size };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }
}
