/**
 * Reading a package zip on Node with yauzl, defensively: names are decoded by us and never used as paths (nothing
 * is ever extracted to disk); sizes are checked against what the zip declares (yauzl's validateEntrySizes); members
 * that would expand absurdly are refused. A file that is not a readable zip is reported as "cannot read".
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { GuzhengError } from '../errors.js';
import { bombReason, type EntryDigest, type PackageEntry, type PackageReader } from './reader.js';
import type { Entry, ZipFile } from 'yauzl';
import { hashRangeInWorker } from './hash-worker.js';

/** Stored members this large are hashed on a worker thread, two at a time. */
const WORKER_MIN = 32 << 20;

export async function openZipPackage(path: string): Promise<PackageReader & { close(): void }> {
  const yauzl = (await import('yauzl')).default;
  let zip: ZipFile;
  const raw = new Map<string, Entry>();
  const entries: PackageEntry[] = [];
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false });
    for await (const e of zip.eachEntry()) {
      const name = (e.fileName as unknown as Buffer).toString('utf8');
      if (name.endsWith('/')) continue;
      if (raw.has(name)) throw new Error(`duplicate member ${name}`);
      raw.set(name, e);
      entries.push({ name, size: e.uncompressedSize, compressedSize: e.compressedSize, method: e.compressionMethod });
    }
  } catch (err) {
    throw new GuzhengError('E_UNREADABLE', `无法读取证据包（不是完整的 zip 文件）：${path}`, `Cannot read the package (not a complete zip file): ${path}`, (err as Error).message);
  }

  const stream = async (name: string): Promise<AsyncIterable<Buffer>> => {
    const e = raw.get(name);
    if (!e) throw new Error(`no member ${name}`);
    const entry = entries.find((x) => x.name === name)!;
    const bomb = bombReason(entry);
    if (bomb) throw new Error(bomb);
    if (e.compressionMethod === 0 && !e.isEncrypted()) {
      // Stored members are read straight from the file in large chunks (the common case: our packages store all).
      const { fileDataStart } = await zip.readLocalFileHeaderPromise(e, { minimal: true });
      if (e.compressedSize !== e.uncompressedSize) throw new Error(`${name}: stored member with two different sizes`);
      if (e.compressedSize === 0) return Readable.from([]);
      return createReadStream(path, { start: fileDataStart, end: fileDataStart + e.compressedSize - 1, highWaterMark: 4 << 20 });
    }
    return zip.openReadStreamPromise(e);
  };

  return {
    entries,
    canSm3: true,
    async read(name, maxBytes) {
      const entry = entries.find((x) => x.name === name);
      if (!entry) throw new Error(`no member ${name}`);
      if (entry.size > maxBytes) throw new Error(`${name} is ${entry.size} bytes, more than the ${maxBytes} allowed`);
      const chunks: Buffer[] = [];
      for await (const c of await stream(name)) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    },
    async digest(name, withSm3): Promise<EntryDigest> {
      const e = raw.get(name);
      if (e && e.compressionMethod === 0 && e.compressedSize >= WORKER_MIN && e.compressedSize === e.uncompressedSize) {
        const { fileDataStart } = await zip.readLocalFileHeaderPromise(e, { minimal: true });
        return hashRangeInWorker(path, fileDataStart, e.compressedSize, withSm3);
      }
      const sha = createHash('sha256');
      const sm3 = withSm3 ? createHash('sm3') : null;
      let size = 0;
      for await (const c of await stream(name)) {
        sha.update(c as Buffer);
        sm3?.update(c as Buffer);
        size += (c as Buffer).length;
      }
      return { sha256: sha.digest('hex'), size, ...(sm3 ? { sm3: sm3.digest('hex') } : {}) };
    },
    close: () => zip.close(),
  };
}
