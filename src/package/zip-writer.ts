/**
 * Writing a package zip with yazl: every member stored uncompressed (the WARCs are gzip already, media is
 * compressed, and stored members can be read by offset, which is what WACZ readers and the verifier page do).
 * The zip is written under a temporary name and linked into place when complete (never over an existing file); its SHA-256 is taken on the way.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { link, open, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

export type ZipMember = { name: string; file: string } | { name: string; data: Buffer };

export async function writeZip(out: string, members: ZipMember[], mtime: Date): Promise<{ sha256: string; size: number }> {
  const { ZipFile } = (await import('yazl')).default;
  const zip = new ZipFile();
  for (const m of members) {
    if ('file' in m) zip.addFile(m.file, m.name, { compress: false, mtime, mode: 0o100644 });
    else zip.addBuffer(m.data, m.name, { compress: false, mtime, mode: 0o100644 });
  }
  zip.end();
  const tmp = `${out}.partial-${process.pid}`;
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(zip.outputStream, tap, createWriteStream(tmp, { flags: 'wx' }));
    const handle = await open(tmp, 'r+');
    await handle.sync().finally(() => handle.close());
    // Linked, not renamed, into place: an existing file of that name is never replaced.
    await link(tmp, out);
  } finally {
    await rm(tmp, { force: true });
  }
  return { sha256: hash.digest('hex'), size };
}
