/**
 * A zip reader for the verifier page: the central directory (zip64 too) read from a File, members read by slice;
 * stored members as they are, deflated ones through DecompressionStream. Names are only compared, never used as paths.
 */
import { bombReason, type EntryDigest, type PackageEntry, type PackageReader } from '../package/reader.js';
import { hex } from '../seal/timestamp/verify.js';

interface Located extends PackageEntry {
  headerOffset: number;
}

const le = (v: DataView, at: number, bytes: 2 | 4 | 8) => (bytes === 2 ? v.getUint16(at, true) : bytes === 4 ? v.getUint32(at, true) : Number(v.getBigUint64(at, true)));

async function view(file: Blob, start: number, end: number): Promise<DataView> {
  return new DataView(await file.slice(start, end).arrayBuffer());
}

export async function openBrowserZip(file: Blob): Promise<PackageReader> {
  const tailStart = Math.max(0, file.size - 65_557);
  const tail = await view(file, tailStart, file.size);
  let eocd = -1;
  for (let i = tail.byteLength - 22; i >= 0; i--) if (tail.getUint32(i, true) === 0x06054b50) { eocd = i; break; }
  if (eocd < 0) throw new Error('not a complete zip file (no end of central directory)');
  let count = le(tail, eocd + 10, 2);
  let cdSize = le(tail, eocd + 12, 4);
  let cdOffset = le(tail, eocd + 16, 4);
  if (cdOffset === 0xffffffff || count === 0xffff) {
    const loc = eocd - 20;
    if (loc < 0 || tail.getUint32(loc, true) !== 0x07064b50) throw new Error('zip64 locator missing');
    const z64At = le(tail, loc + 8, 8);
    const z64 = await view(file, z64At, z64At + 56);
    if (z64.getUint32(0, true) !== 0x06064b50) throw new Error('zip64 end record missing');
    count = le(z64, 32, 8);
    cdSize = le(z64, 40, 8);
    cdOffset = le(z64, 48, 8);
  }
  if (cdOffset + cdSize > file.size) throw new Error('not a complete zip file (central directory beyond the end)');
  const cd = await view(file, cdOffset, cdOffset + cdSize);
  const decoder = new TextDecoder();
  const entries: Located[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (cd.getUint32(p, true) !== 0x02014b50) throw new Error('damaged central directory');
    const method = le(cd, p + 10, 2);
    let compressedSize = le(cd, p + 20, 4);
    let size = le(cd, p + 24, 4);
    const nameLen = le(cd, p + 28, 2);
    const extraLen = le(cd, p + 30, 2);
    const commentLen = le(cd, p + 32, 2);
    let headerOffset = le(cd, p + 42, 4);
    const name = decoder.decode(new Uint8Array(cd.buffer, p + 46, nameLen));
    // zip64 extra field: the 0xffffffff values follow in order.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = le(cd, e, 2);
      const len = le(cd, e + 2, 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (size === 0xffffffff) { size = le(cd, q, 8); q += 8; }
        if (compressedSize === 0xffffffff) { compressedSize = le(cd, q, 8); q += 8; }
        if (headerOffset === 0xffffffff) { headerOffset = le(cd, q, 8); }
      }
      e += 4 + len;
    }
    if (!name.endsWith('/')) {
      if (entries.some((x) => x.name === name)) throw new Error(`duplicate member ${name}`);
      entries.push({ name, size, compressedSize, method, headerOffset });
    }
    p = extraEnd + commentLen;
  }

  async function bytesOf(name: string): Promise<Uint8Array> {
    const entry = entries.find((x) => x.name === name);
    if (!entry) throw new Error(`no member ${name}`);
    const bomb = bombReason(entry);
    if (bomb) throw new Error(bomb);
    const h = await view(file, entry.headerOffset, entry.headerOffset + 30);
    if (h.getUint32(0, true) !== 0x04034b50) throw new Error(`${name}: damaged local header`);
    const start = entry.headerOffset + 30 + le(h, 26, 2) + le(h, 28, 2);
    const raw = file.slice(start, start + entry.compressedSize);
    if (entry.method === 0) return new Uint8Array(await raw.arrayBuffer());
    if (entry.method !== 8) throw new Error(`${name}: compression method ${entry.method} not supported`);
    const out = new Uint8Array(await new Response(raw.stream().pipeThrough(new DecompressionStream('deflate-raw'))).arrayBuffer());
    if (out.length !== entry.size) throw new Error(`${name}: ${out.length} bytes, the zip says ${entry.size}`);
    return out;
  }

  return {
    entries,
    canSm3: false,
    async read(name, maxBytes) {
      const entry = entries.find((x) => x.name === name);
      if (entry && entry.size > maxBytes) throw new Error(`${name} is ${entry.size} bytes, more than the ${maxBytes} allowed`);
      return bytesOf(name);
    },
    async digest(name): Promise<EntryDigest> {
      const b = await bytesOf(name);
      return { sha256: hex(await crypto.subtle.digest('SHA-256', b as Uint8Array<ArrayBuffer>)), size: b.length };
    },
  };
}
