/**
 * Content-addressed files: each artifact's bytes are stored once, under their SHA-256
 * (blobs/sha256/ab/cdef…), written to a temporary name, synced, checked and renamed into place, then made read-only.
 * A blob that is in place is complete; a crash leaves at most a temporary file in blobs/tmp.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, link, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { copyAndDigest, digestFile, type FileDigests } from '../seal/digests.js';

/** Files at least this large, already hashed by the vault, are linked into the store rather than copied again. */
const LINK_AT = 64 * 1024 * 1024;

/**
 * Where the vault keeps its evidence bytes: a local folder (`BlobStore`, the default) or an S3-compatible bucket
 * (`S3BlobStore`, an organisation's server). Callers read a blob through `local()`, which gives a file on this
 * machine (for a bucket, a checked copy in the local cache).
 */
export interface Blobs {
  /** As the user gave it: the folder, or s3://bucket/prefix. */
  readonly location: string;
  put(file: string, expected?: string | FileDigests): Promise<FileDigests>;
  putBytes(bytes: Uint8Array): Promise<FileDigests>;
  has(sha256: string): Promise<boolean>;
  /** A local file holding the blob's bytes. A folder store gives its path as it is (reading a missing blob fails
   *  there); a bucket's copy is fetched and checked first, and a missing one throws E_STORE. */
  local(sha256: string): Promise<string>;
  /** Whether a file local() gave may be removed later (a bucket's cache kept under a size): a long reader, such as an
   *  export, keeps its own link to each file it will open. */
  readonly trimmed: boolean;
  /** The blob as it is stored now (re-read from the store itself), or null when it is missing. */
  rehash(sha256: string, withSm3?: boolean): Promise<{ sha256: string; size: number; sm3?: string } | null>;
}

export class BlobStore implements Blobs {
  readonly trimmed = false;
  constructor(readonly root: string) {}

  get location(): string {
    return this.root;
  }

  async local(sha256: string): Promise<string> {
    return this.pathOf(sha256);
  }

  /** Moves a temporary file whose SHA-256 the caller has checked into its place, read-only; returns that place. */
  async place(tmp: string, sha256: string): Promise<string> {
    const final = this.pathOf(sha256);
    await mkdir(dirname(final), { recursive: true });
    await chmod(tmp, 0o444);
    await rename(tmp, final);
    return final;
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(this.root, 'sha256', sha256.slice(0, 2), sha256.slice(2));
  }

  async has(sha256: string): Promise<boolean> {
    return stat(this.pathOf(sha256)).then(() => true, () => false);
  }

  /**
   * Stores a copy of `file`, hashed as it is written (so what is stored is what was checked). When `expected` is
   * given and the copy differs, nothing is stored and an error is thrown. When the caller already holds the file's
   * SM3 (`expected` with `sm3`), a copy whose SHA-256 matches is the same bytes, so only SHA-256 is computed again:
   * SM3 is several times slower, and a large video would otherwise pay it twice.
   */
  async put(file: string, expected?: string | FileDigests): Promise<FileDigests> {
    const tmp = join(this.root, 'tmp', randomUUID());
    await mkdir(dirname(tmp), { recursive: true });
    const want = typeof expected === 'string' ? { sha256: expected, sm3: null } : expected ? { sha256: expected.sha256, sm3: expected.sm3 } : null;
    if (typeof expected === 'object' && expected.size >= LINK_AT) {
      const linked = await this.adopt(file, expected);
      if (linked) return linked;
    }
    try {
      const copied = await copyAndDigest(file, tmp, !want?.sm3);
      if (want && copied.sha256 !== want.sha256) throw new Error(`${file} changed: expected SHA-256 ${want.sha256}, read ${copied.sha256}`);
      const digests = { ...copied, sm3: want?.sm3 ?? copied.sm3 };
      if (await this.has(digests.sha256)) return digests;
      await this.place(tmp, digests.sha256);
      return digests;
    } finally {
      await rm(tmp, { force: true });
    }
  }

  /** Stores bytes held in memory (a watch check's WARC records, a timestamp token): hashed, written, synced, renamed. */
  async putBytes(bytes: Uint8Array): Promise<FileDigests> {
    const { createHash } = await import('node:crypto');
    const digests = { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), sm3: createHash('sm3').update(bytes).digest('hex') };
    if (await this.has(digests.sha256)) return digests;
    const tmp = join(this.root, 'tmp', randomUUID());
    await mkdir(dirname(tmp), { recursive: true });
    try {
      const { open } = await import('node:fs/promises');
      const out = await open(tmp, 'wx', 0o444);
      try {
        await out.writeFile(bytes);
        await out.sync();
      } finally {
        await out.close();
      }
      const final = this.pathOf(digests.sha256);
      await mkdir(dirname(final), { recursive: true });
      await rename(tmp, final);
      return digests;
    } finally {
      await rm(tmp, { force: true });
    }
  }

  /**
   * A large file the vault itself just wrote and hashed (an import's original, a capture's video): made read-only and
   * linked into place instead of written a second time — on a disk that writes 200 MB/s, a 2 GB video's second copy
   * is ten seconds. Its working copy and the blob are then one file; `guzheng check` still re-reads every blob. Null
   * when a link cannot be made (another file system): the caller copies instead.
   */
  private async adopt(file: string, digests: FileDigests): Promise<FileDigests | null> {
    const final = this.pathOf(digests.sha256);
    if (await this.has(digests.sha256)) return digests;
    try {
      const s = await stat(file);
      if (s.size !== digests.size) throw new Error(`${file} changed: expected ${digests.size} bytes, found ${s.size}`);
      await chmod(file, 0o444);
      await mkdir(dirname(final), { recursive: true });
      await link(file, final);
      return digests;
    } catch (err) {
      if (['EXDEV', 'EPERM', 'ENOTSUP', 'EMLINK'].includes((err as NodeJS.ErrnoException).code ?? '')) return null;
      throw err;
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
