/**
 * File digests. Every artifact is hashed with SHA-256 (the world's default) and SM3 (GB/T 32905-2016, the Chinese
 * national standard that Chinese courts and notaries recognise). Both come from node:crypto (OpenSSL).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export interface FileDigests {
  size: number;
  sha256: string;
  sm3: string;
}

/** Reads the file once and feeds both hashes. */
export async function digestFile(path: string): Promise<FileDigests> {
  const sha256 = createHash('sha256');
  const sm3 = createHash('sm3');
  let size = 0;
  const { size: known } = await (await import('node:fs/promises')).stat(path);
  for await (const chunk of createReadStream(path, { highWaterMark: Math.max(64 << 10, Math.min(1 << 20, known)) })) {
    const buf = chunk as Buffer;
    sha256.update(buf);
    sm3.update(buf);
    size += buf.length;
  }
  return { size, sha256: sha256.digest('hex'), sm3: sm3.digest('hex') };
}

/**
 * Copies `from` to a new file `to` in one pass, hashing the bytes as they are written (both hashes, or SHA-256 only),
 * then syncs it: what is hashed is exactly what was written. Fails if `to` exists.
 */
export async function copyAndDigest(from: string, to: string, withSm3 = true): Promise<FileDigests> {
  const { open } = await import('node:fs/promises');
  const sha256 = createHash('sha256');
  const sm3 = withSm3 ? createHash('sm3') : null;
  let size = 0;
  const out = await open(to, 'wx');
  // Reads of at most 4 MB, and no larger than the file: a 4 MB buffer for a 2 kB file is garbage the collector pays for.
  const { size: known } = await (await import('node:fs/promises')).stat(from);
  try {
    // The write runs on libuv's thread pool while this thread hashes the same chunk: the two overlap.
    const writeAll = async (buf: Buffer) => {
      for (let o = 0; o < buf.length;) o += (await out.write(buf, o)).bytesWritten;
    };
    for await (const chunk of createReadStream(from, { highWaterMark: Math.max(64 << 10, Math.min(4 << 20, known)) })) {
      const buf = chunk as Buffer;
      const written = writeAll(buf);
      sha256.update(buf);
      sm3?.update(buf);
      size += buf.length;
      await written;
    }
    await out.sync();
  } finally {
    await out.close();
  }
  return { size, sha256: sha256.digest('hex'), sm3: sm3 ? sm3.digest('hex') : '' };
}

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
