/**
 * What a file is, told by its content (the first bytes), never by its name: a picture, a video, an e-mail or a chat
 * export. The name is only a hint the user sees beside the answer. Kinds this version cannot import yet are still
 * named, so the error says what the file is and what is supported.
 */
import { open } from 'node:fs/promises';
import { detectChat } from './chat/formats.js';
import { decodeText } from './chat/model.js';

export type ImportKind = 'picture' | 'video' | 'email' | 'chat';

export interface Detected {
  kind: ImportKind;
  /** A short format id: png, jpeg, heic, mp4, mov, webm, eml, mbox, msg, wechatmsg-csv, … */
  format: string;
  mediaType: string;
  /** A chat export shared inside a ZIP: the ZIP is the original, `entry` the chat file in it (src/imports/zip.ts). */
  container?: { type: 'zip'; entry: string };
}

/** Every format the importer knows, for the "not supported" message. */
export const SUPPORTED = {
  zh: '图片（PNG、JPEG、HEIC）、录屏和视频（MP4、MOV、3GP、WebM/MKV）、电子邮件（.eml、.mbox、Outlook .msg）、聊天记录导出（WeChatMsg/留痕 CSV、HTML、TXT，QQ 消息管理器 TXT、Telegram result.json、WhatsApp TXT，也可以是装着它们的 ZIP）',
  en: 'pictures (PNG, JPEG, HEIC), screen recordings and videos (MP4, MOV, 3GP, WebM/MKV), e-mail (.eml, .mbox, Outlook .msg), chat exports (WeChatMsg/MemoTrace CSV, HTML, TXT, QQ message manager TXT, Telegram result.json, WhatsApp TXT, or a ZIP holding one)',
};

const HEAD_BYTES = 64 * 1024;

export async function readHead(path: string, bytes = HEAD_BYTES): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

const startsWith = (b: Buffer, hex: string) => b.subarray(0, hex.length / 2).equals(Buffer.from(hex, 'hex'));

/** ISO base media (MP4, MOV, HEIF): the `ftyp` box's major and compatible brands. */
function ftypBrands(b: Buffer): string[] | null {
  if (b.length < 16 || b.toString('latin1', 4, 8) !== 'ftyp') return null;
  const size = Math.min(b.readUInt32BE(0), b.length);
  const brands = [b.toString('latin1', 8, 12)];
  for (let o = 16; o + 4 <= size; o += 4) brands.push(b.toString('latin1', o, o + 4));
  return brands;
}

const RFC5322_FIELDS = /^(from|to|cc|date|subject|message-id|received|return-path|mime-version|dkim-signature|delivered-to|reply-to|sender|x-[\w-]+|arc-[\w-]+|authentication-results|content-type|in-reply-to|references|list-[\w-]+|thread-[\w-]+)$/i;
const KEY_FIELDS = new Set(['from', 'date', 'subject', 'message-id', 'received', 'return-path', 'mime-version', 'dkim-signature', 'delivered-to']);

/** An RFC 5322 message: a header block of `Name: value` lines (folded lines allowed) holding at least two key fields. */
function looksLikeEmail(b: Buffer): boolean {
  const text = b.toString('latin1');
  const lines = text.split(/\r?\n/);
  const seen = new Set<string>();
  for (const [i, line] of lines.entries()) {
    if (line === '') return i > 0 && seen.size >= 2;
    if (/^[ \t]/.test(line)) {
      if (i === 0) return false;
      continue;
    }
    const m = /^([!-9;-~]+):/.exec(line);
    if (!m) return false;
    if (i === 0 && !RFC5322_FIELDS.test(m[1]!)) return false;
    if (KEY_FIELDS.has(m[1]!.toLowerCase())) seen.add(m[1]!.toLowerCase());
    if (i > 200) break;
  }
  return false;
}

/** The kind of the file, or null when it is none the importer knows. `other` names what it is when we can tell. */
export function detectKind(head: Buffer): Detected | { kind: null; other: string | null } {
  if (head.length === 0) return { kind: null, other: 'empty' };
  if (startsWith(head, '89504e470d0a1a0a')) return { kind: 'picture', format: 'png', mediaType: 'image/png' };
  if (startsWith(head, 'ffd8ff')) return { kind: 'picture', format: 'jpeg', mediaType: 'image/jpeg' };
  const brands = ftypBrands(head);
  if (brands) {
    if (brands.some((x) => ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis'].includes(x))) return { kind: 'picture', format: 'heic', mediaType: 'image/heic' };
    if (brands.some((x) => ['avif', 'avis'].includes(x))) return { kind: null, other: 'AVIF' };
    if (brands[0] === 'qt  ') return { kind: 'video', format: 'mov', mediaType: 'video/quicktime' };
    if (brands[0]!.startsWith('3g')) return { kind: 'video', format: '3gp', mediaType: 'video/3gpp' };
    if (brands[0] === 'mif1' || brands[0] === 'msf1') return { kind: null, other: 'HEIF' };
    return { kind: 'video', format: 'mp4', mediaType: 'video/mp4' };
  }
  if (head.length >= 8 && ['moov', 'mdat', 'wide', 'free'].includes(head.toString('latin1', 4, 8))) return { kind: 'video', format: 'mov', mediaType: 'video/quicktime' };
  if (startsWith(head, '1a45dfa3')) {
    const webm = head.subarray(0, 64).includes(Buffer.from('webm'));
    return { kind: 'video', format: webm ? 'webm' : 'mkv', mediaType: webm ? 'video/webm' : 'video/x-matroska' };
  }
  if (startsWith(head, '504b0304') || startsWith(head, '504b0506')) return { kind: null, other: 'ZIP' };
  if (startsWith(head, 'd0cf11e0a1b11ae1')) {
    // An Outlook message names its property streams in UTF-16 (__substg1.0_…); other OLE2 files are Office documents.
    return head.includes(Buffer.from('__substg1.0_', 'utf16le')) ? { kind: 'email', format: 'msg', mediaType: 'application/vnd.ms-outlook' } : { kind: null, other: 'OLE2 (Office)' };
  }
  if (startsWith(head, '1f8b')) return { kind: null, other: 'gzip' };
  if (startsWith(head, '25504446')) return { kind: null, other: 'PDF' };
  if (/^From \S+ +\S{3} \S{3} +\d{1,2} \d{1,2}:\d{2}/.test(head.toString('latin1', 0, 200))) return { kind: 'email', format: 'mbox', mediaType: 'application/mbox' };
  if (looksLikeEmail(head)) return { kind: 'email', format: 'eml', mediaType: 'message/rfc822' };
  // Text: a chat export? Cut at the last line end so that no character is split.
  const cut = head.lastIndexOf(0x0a);
  const chat = detectChat(decodeText(cut > 0 ? head.subarray(0, cut + 1) : head).text);
  if (chat) return { kind: 'chat', format: chat, mediaType: chat === 'telegram-json' ? 'application/json' : chat === 'wechatmsg-csv' ? 'text/csv' : chat === 'wechatmsg-html' ? 'text/html' : 'text/plain' };
  return { kind: null, other: null };
}
