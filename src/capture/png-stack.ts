/**
 * Two PNG pictures of the same width, one above the other, as one PNG — without decoding either picture. The rows
 * of a PNG are stored filtered, each row's filter referring only to the row above it; so the bottom picture's rows
 * can be copied byte for byte below the top picture's, except its first row, whose filter referred to "no row above"
 * and is rewritten unfiltered. Pixels are copied exactly; only the compression is done again (off the main thread).
 *
 * Only 8-bit, non-interlaced RGB or RGBA pictures of one colour type are stacked (what Chromium's screenshots are);
 * anything else gives an error and the caller composes the picture another way.
 */
import { promisify } from 'node:util';
import { crc32, deflate, inflate } from 'node:zlib';

const inflateAsync = promisify(inflate);
const deflateAsync = promisify(deflate);
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Chunks about colour that the stacked picture keeps from the bottom (the raw) picture. */
const COLOUR_CHUNKS = new Set(['sRGB', 'gAMA', 'cHRM', 'iCCP']);

interface Png {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  interlace: number;
  idat: Buffer;
  colour: { type: string; data: Buffer }[];
}

function parse(png: Buffer): Png {
  if (png.length < 33 || !png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  let p = 8;
  const idat: Buffer[] = [];
  const colour: Png['colour'] = [];
  let ihdr: Buffer | null = null;
  while (p + 8 <= png.length) {
    const length = png.readUInt32BE(p);
    const type = png.toString('latin1', p + 4, p + 8);
    const data = png.subarray(p + 8, p + 8 + length);
    if (type === 'IHDR') ihdr = data;
    else if (type === 'IDAT') idat.push(data);
    else if (COLOUR_CHUNKS.has(type)) colour.push({ type, data });
    else if (type === 'IEND') break;
    p += 12 + length;
  }
  if (!ihdr || !idat.length) throw new Error('PNG without IHDR or IDAT');
  return { width: ihdr.readUInt32BE(0), height: ihdr.readUInt32BE(4), bitDepth: ihdr[8]!, colourType: ihdr[9]!, interlace: ihdr[12]!, idat: Buffer.concat(idat), colour };
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(Buffer.from(type, 'latin1'))) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** Undoes the filter of a row whose row above is all zeros (the first row of a picture), in place, as filter 0. */
function unfilterFirstRow(row: Buffer, bpp: number): void {
  const filter = row[0];
  const px = row.subarray(1);
  if (filter === 1 || filter === 4) { // Sub; Paeth with zeros above is Sub
    for (let i = bpp; i < px.length; i++) px[i] = (px[i]! + px[i - bpp]!) & 0xff;
  } else if (filter === 3) { // Average with zeros above: half the left byte
    for (let i = bpp; i < px.length; i++) px[i] = (px[i]! + (px[i - bpp]! >> 1)) & 0xff;
  } else if (filter !== 0 && filter !== 2) { // None, and Up with zeros above, are already the bytes
    throw new Error(`unknown PNG filter ${filter}`);
  }
  row[0] = 0;
}

/** `top` above `bottom`, as PNG bytes. `comment` becomes a tEXt chunk. */
export async function stackPngs(top: Buffer, bottom: Buffer, comment?: string): Promise<Buffer> {
  const a = parse(top);
  const b = parse(bottom);
  for (const p of [a, b]) {
    if (p.bitDepth !== 8 || (p.colourType !== 2 && p.colourType !== 6) || p.interlace !== 0) throw new Error('only 8-bit, non-interlaced RGB or RGBA pictures are stacked');
  }
  if (a.width !== b.width || a.colourType !== b.colourType) throw new Error('the pictures differ in width or colour type');
  const bpp = a.colourType === 6 ? 4 : 3;
  const stride = 1 + a.width * bpp;
  const [rowsA, rowsB] = await Promise.all([inflateAsync(a.idat), inflateAsync(b.idat)]);
  if (rowsA.length !== stride * a.height || rowsB.length !== stride * b.height) throw new Error('PNG data of the wrong length');
  unfilterFirstRow(rowsB.subarray(0, stride), bpp);
  const data = await deflateAsync(Buffer.concat([rowsA, rowsB]), { level: 6 });
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(a.width, 0);
  ihdr.writeUInt32BE(a.height + b.height, 4);
  ihdr[8] = 8;
  ihdr[9] = a.colourType;
  const parts = [SIGNATURE, chunk('IHDR', ihdr), ...b.colour.map((c) => chunk(c.type, c.data))];
  if (comment) parts.push(chunk('tEXt', Buffer.from(`Comment\0${comment}`, 'latin1')));
  for (let p = 0; p < data.length; p += 1 << 20) parts.push(chunk('IDAT', data.subarray(p, p + (1 << 20))));
  parts.push(chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}
