/**
 * One message model for every chat export: who sent it (display name and account id where the export has them),
 * when (the raw string as written, the UTC instant, the zone used and whether the export stated it or --tz assumed
 * it), the type, the text, and the media it refers to. Parsers never drop a line they cannot read: it becomes a
 * problem the import reports, so nothing is missing unsaid.
 */
export type MessageType = 'text' | 'image' | 'voice' | 'video' | 'file' | 'sticker' | 'link' | 'location' | 'call' | 'card' | 'transfer' | 'system' | 'recall' | 'other';

export interface ChatMessage {
  /** 1-based, in the order of the export: what selections and documents cite. */
  index: number;
  sender: { name: string | null; id: string | null; isOwner?: boolean };
  time: { raw: string; utc: string | null; zone: string; zoneAssumed: boolean };
  type: MessageType;
  text: string;
  /** Media the message refers to, by the export's own name; `file` once the file was found and kept. */
  media?: { ref: string; file?: { path: string; sha256: string; size: number } }[];
}

export interface ParsedChat {
  /** A format id and the variant seen, e.g. "wechatmsg-csv" / "12 columns". */
  format: string;
  variant: string;
  /** The conversation's name as the export gives it (the contact's remark, the group). */
  title: string | null;
  messages: ChatMessage[];
  /** Lines or records that could not be read, each named (never silently dropped): the import is then PARTIAL. */
  problems: { at: string; zh: string; en: string }[];
  /** What the parser had to assume (mixed time forms, day/month order…): flagged for a person to check. */
  notes: { zh: string; en: string }[];
  encoding: string;
}

/** The text of an export: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 when it is not valid UTF-8. */
export function decodeText(buf: Buffer): { text: string; encoding: string } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8 (BOM)' };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le (BOM)' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be (BOM)' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(buf), encoding: 'gb18030' };
  }
}

/** Placeholders the exporters write for media, by type. */
export const PLACEHOLDER_TYPES: [RegExp, MessageType][] = [
  [/^\[(图片|image|photo)\]$/i, 'image'],
  [/^\[(语音|voice)\]$/i, 'voice'],
  [/^\[(视频|video)\]$/i, 'video'],
  [/^\[(文件|file)\]$/i, 'file'],
  [/^\[(表情|表情包|动画表情|sticker)\]$/i, 'sticker'],
  [/^\[(链接|音乐分享)\]/, 'link'],
  [/撤回了一条消息|recalled a message|This message was deleted|这条消息已删除|You deleted this message/i, 'recall'],
];

export function typeOfText(text: string): MessageType {
  for (const [re, type] of PLACEHOLDER_TYPES) if (re.test(text.trim())) return type;
  return 'text';
}
