/**
 * What a picture says about itself: pixel size, the PNG chunks, EXIF and XMP (device, software, times with their
 * offset), read without changing a byte. Values are kept as the file states them (strings), with where each came
 * from; a time is turned into an instant only where the file gives its offset, or in the zone the user stated.
 */
import { offsetToUtc, zonedToUtc, type LocalTime } from './zone.js';

export interface PictureSize { width: number; height: number }

/** PNG IHDR or the first JPEG SOFn frame header; null when the header cannot be found (a damaged file). */
export function pictureSize(buf: Buffer, format: string): PictureSize | null {
  if (format === 'png') return buf.length >= 24 && buf.toString('latin1', 12, 16) === 'IHDR' ? { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) } : null;
  for (let o = 2; o + 9 < buf.length;) {
    if (buf[o] !== 0xff) return null;
    const marker = buf[o + 1]!;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) { o += 2; continue; }
    const len = buf.readUInt16BE(o + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return { height: buf.readUInt16BE(o + 5), width: buf.readUInt16BE(o + 7) };
    o += 2 + len;
  }
  return null;
}

export interface PngChunk { type: string; offset: number; length: number }

/** The PNG's chunks in file order, its tEXt and uncompressed iTXt texts, and whether it ends with IEND. */
export function pngChunks(buf: Buffer): { chunks: PngChunk[]; texts: Record<string, string>; complete: boolean } {
  const chunks: PngChunk[] = [];
  const texts: Record<string, string> = {};
  let o = 8;
  let complete = false;
  while (o + 12 <= buf.length) {
    const length = buf.readUInt32BE(o);
    const type = buf.toString('latin1', o + 4, o + 8);
    if (o + 12 + length > buf.length) break;
    chunks.push({ type, offset: o, length });
    const data = buf.subarray(o + 8, o + 8 + length);
    if (type === 'tEXt') {
      const z = data.indexOf(0);
      if (z > 0) texts[data.toString('latin1', 0, z)] = data.toString('latin1', z + 1);
    } else if (type === 'iTXt') {
      const z = data.indexOf(0);
      // keyword\0 compressionFlag compressionMethod language\0 translatedKeyword\0 text
      if (z > 0 && data[z + 1] === 0) {
        const lang = data.indexOf(0, z + 3);
        const translated = lang >= 0 ? data.indexOf(0, lang + 1) : -1;
        if (translated >= 0) texts[data.toString('latin1', 0, z)] = data.toString('utf8', translated + 1);
      }
    }
    o += 12 + length;
    if (type === 'IEND') { complete = true; break; }
  }
  return { chunks, texts, complete };
}

/** A JPEG that ends with its EOI marker (FF D9), allowing trailing padding some phones add. */
export function jpegComplete(buf: Buffer): boolean {
  const tail = buf.subarray(Math.max(0, buf.length - 4096));
  return tail.lastIndexOf(Buffer.from([0xff, 0xd9])) >= 0;
}

export interface StatedTime {
  /** Where it was read: "EXIF DateTimeOriginal", "XMP xmp:CreateDate", "file name"… */
  source: string;
  raw: string;
  utc: string | null;
  /** The offset as the file states it, or null when the zone was assumed. */
  offset: string | null;
  zone: string;
  zoneAssumed: boolean;
}

function parts(m: RegExpExecArray, frac?: string): LocalTime {
  return { y: Number(m[1]), mo: Number(m[2]), d: Number(m[3]), h: Number(m[4]), mi: Number(m[5]), s: Number(m[6] ?? 0), ms: frac ? Math.round(Number(`0.${frac}`) * 1000) : 0 };
}

/** "2024:03:05 09:15:00" (EXIF) or "2024-03-05T09:15:00+08:00" (XMP), with an offset when stated. */
export function statedTime(source: string, raw: string, offset: string | null, subSec: string | null, tz: string): StatedTime | null {
  const m = /^(\d{4})[:-](\d{2})[:-](\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.(\d+))?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(raw.trim());
  if (!m) return null;
  const stated = m[8] ?? offset;
  const p = parts(m, m[7] ?? subSec ?? undefined);
  const at = stated ? offsetToUtc(p, stated) : zonedToUtc(p, tz);
  return { source, raw: [raw, subSec && !m[7] ? `.${subSec}` : '', offset && !m[8] ? ` ${offset}` : ''].join(''), utc: at?.toISOString() ?? null,
    offset: stated ?? null, zone: stated ?? tz, zoneAssumed: !stated };
}

const NAME_PATTERNS: [RegExp, string][] = [
  // Android (AOSP and vendors), camera apps: Screenshot_20240305-091500, IMG_20240305_091500, Screenshot_2024-03-05-09-15-00
  [/(?:^|[^\d])(20\d{2})(\d{2})(\d{2})[-_ ](\d{2})(\d{2})(\d{2})(?!\d)/, 'yyyyMMdd-HHmmss'],
  [/(?:^|[^\d])(20\d{2})-(\d{2})-(\d{2})[-_ ](\d{2})-(\d{2})-(\d{2})(?!\d)/, 'yyyy-MM-dd-HH-mm-ss'],
  // iOS / macOS: "Screenshot 2024-03-05 at 09.15.00", "截屏2024-03-05 09.15.00"
  [/(20\d{2})-(\d{2})-(\d{2})(?: at|\s)\s*(\d{1,2})\.(\d{2})\.(\d{2})/, 'yyyy-MM-dd HH.mm.ss'],
];

/** A time in the file's name (phone screenshots and camera apps name files by the phone's local time). */
export function nameTime(name: string, tz: string): StatedTime | null {
  const ms = /(?:mmexport|wx_camera_|microMsg\.)(1\d{12})(?!\d)/i.exec(name);
  if (ms) {
    // WeChat's saved pictures carry Unix milliseconds: an instant, no zone needed.
    return { source: 'file name (WeChat Unix milliseconds)', raw: ms[1]!, utc: new Date(Number(ms[1])).toISOString(), offset: 'Z', zone: 'UTC', zoneAssumed: false };
  }
  // iOS Chinese: "屏幕快照 2024-03-05 上午9.15.00"
  const zh = /(20\d{2})-(\d{2})-(\d{2})\s*(上午|下午)(\d{1,2})\.(\d{2})\.(\d{2})/.exec(name);
  if (zh) {
    const h = (Number(zh[5]) % 12) + (zh[4] === '下午' ? 12 : 0);
    const at = zonedToUtc({ y: Number(zh[1]), mo: Number(zh[2]), d: Number(zh[3]), h, mi: Number(zh[6]), s: Number(zh[7]) }, tz);
    return at ? { source: 'file name (yyyy-MM-dd 上午/下午h.mm.ss)', raw: zh[0], utc: at.toISOString(), offset: null, zone: tz, zoneAssumed: true } : null;
  }
  for (const [re, form] of NAME_PATTERNS) {
    const m = re.exec(name);
    if (!m) continue;
    const at = zonedToUtc(parts(m), tz);
    if (at) return { source: `file name (${form})`, raw: m[0].replace(/^[^\d]/, ''), utc: at.toISOString(), offset: null, zone: tz, zoneAssumed: true };
  }
  return null;
}

/** Software that edits pictures. Its name in the metadata is flagged; its absence proves nothing (many apps strip it). */
export const EDITING_SOFTWARE = /photoshop|lightroom|gimp|meitu|美图|mtxx|xingtu|醒图|hypic|snapseed|picsart|vsco|canva|pixlr|faceu|b612|美颜|ps express/i;

/** Selected fields of the raw XMP packet, read without an XMP library so that every value keeps its source. */
export function xmpFields(xmp: string): Record<string, string> {
  const out: Record<string, string> = {};
  const names = ['xmp:CreatorTool', 'xmp:CreateDate', 'xmp:ModifyDate', 'xmp:MetadataDate', 'photoshop:DateCreated', 'exif:DateTimeOriginal', 'exif:UserComment', 'stEvt:softwareAgent', 'tiff:Make', 'tiff:Model', 'tiff:Software'];
  for (const n of names) {
    const esc = n.replace(':', '\\:');
    const values = [...xmp.matchAll(new RegExp(`<${esc}>\\s*(?:<rdf:Alt>\\s*<rdf:li[^>]*>)?([^<]+)`, 'g')), ...xmp.matchAll(new RegExp(`${esc}="([^"]*)"`, 'g'))].map((m) => m[1]!.trim());
    if (values.length) out[n] = [...new Set(values)].join(' | ');
  }
  return out;
}

/** EXIF UserComment: an 8-byte charset header, then the text. */
export function decodeUserComment(raw: unknown): string | null {
  if (typeof raw === 'string') return raw;
  if (!(raw instanceof Uint8Array) || raw.length < 8) return null;
  const head = Buffer.from(raw.subarray(0, 8)).toString('latin1').replace(/\0+$/, '');
  const body = Buffer.from(raw.subarray(8));
  const text = head === 'UNICODE' ? body.toString('utf16le') : body.toString('utf8');
  return text.replace(/\0+$/, '').trim() || null;
}
