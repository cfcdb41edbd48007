/**
 * The chat exports guzheng reads, each told apart by content (docs/design/imports-research.md §2):
 *   wechatmsg-csv  WeChatMsg / MemoTrace CSV (BOM, 12 columns; CreateTime is Unix seconds, an instant)
 *   wechatmsg-html WeChatMsg HTML (JS object literals in `const chatMessages = [...]`; timestamp is Unix seconds)
 *   wechatmsg-txt  WeChatMsg TXT (blocks of "time name / content / blank"; local times, no zone; the weakest form)
 *   qq-txt         QQ 消息管理器 text export (local times, no zone; 24-hour or 12-hour with AM/PM)
 *   telegram-json  Telegram Desktop result.json (date_unixtime, an instant)
 *   whatsapp-txt   WhatsApp "Export chat" text, Android and iOS forms (local times, no zone)
 * Times with no zone are read in the zone given (--tz) and each message says so.
 */
import { zonedToUtc } from '../zone.js';
import { typeOfText, type ChatMessage, type MessageType, type ParsedChat } from './model.js';

export type ChatFormat = 'wechatmsg-csv' | 'wechatmsg-html' | 'wechatmsg-txt' | 'qq-txt' | 'telegram-json' | 'whatsapp-txt';

const WECHAT_HEADER = /^\uFEFF?localId,TalkerId,Type,SubType,IsSender,CreateTime/;
const QQ_HEAD = /^\uFEFF?消息记录（此消息记录为文本格式|^消息分组:|^消息对象:/m;
const INVISIBLE = /[\uFEFF\u200E\u200F\u200B-\u200D\u2060]/g;
const WECHAT_TXT = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) (.+)$/;
const WA_ANDROID = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4}),? (\d{1,2}):(\d{2})(?::(\d{2}))?[\s\u202F\u2009]?([AaPp]\.?[Mm]\.?|上午|下午)? - /;
const WA_IOS = /^\[(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4}),? (?:(上午|下午))?(\d{1,2}):(\d{2})(?::(\d{2}))?[\s\u202F\u2009]?([AaPp]\.?[Mm]\.?)?\] /;

/** Which chat export a text is, from its first part; null when none. */
export function detectChat(head: string): ChatFormat | null {
  if (WECHAT_HEADER.test(head)) return 'wechatmsg-csv';
  const start = head.replace(INVISIBLE, '').trimStart();
  if (start.startsWith('{') && /"date_unixtime"\s*:/.test(head) && /"messages"\s*:/.test(head)) return 'telegram-json';
  if (QQ_HEAD.test(head.slice(0, 2000))) return 'qq-txt';
  if (/<html[\s>]/i.test(head) && /const chatMessages = \[/.test(head)) return 'wechatmsg-html';
  const lines = start.split(/\r?\n/).slice(0, 20);
  if (lines.filter((l) => WA_ANDROID.test(l) || WA_IOS.test(l)).length >= Math.min(2, lines.length)) return 'whatsapp-txt';
  if (lines.filter((l) => WECHAT_TXT.test(l)).length >= 2 && !lines.some((l) => /\(\d{5,}\)$|<[^>]+@[^>]+>$/.test(l))) return 'wechatmsg-txt';
  return null;
}

const WECHAT_TYPES: Record<string, MessageType> = { 1: 'text', 3: 'image', 34: 'voice', 42: 'card', 43: 'video', 47: 'sticker', 48: 'location', 49: 'link', 50: 'call', 10000: 'system' };

function instant(unixSeconds: number): string | null {
  return Number.isFinite(unixSeconds) && unixSeconds > 0 ? new Date(unixSeconds * 1000).toISOString() : null;
}

export async function parseWeChatCsv(text: string): Promise<ParsedChat> {
  const { parse } = await import('csv-parse/sync');
  const problems: ParsedChat['problems'] = [];
  const rows = parse(text, { bom: true, columns: true, relax_column_count: true, skip_empty_lines: true }) as Record<string, string>[];
  const messages: ChatMessage[] = [];
  for (const [i, r] of rows.entries()) {
    const at = instant(Number(r.CreateTime));
    if (!at) problems.push({ at: `row ${i + 2}`, zh: `第 ${i + 2} 行的 CreateTime 不是时间：“${r.CreateTime}”`, en: `Row ${i + 2}: CreateTime is not a time: "${r.CreateTime}"` });
    let type = WECHAT_TYPES[r.Type ?? ''] ?? 'other';
    if (type === 'link' && r.SubType === '6') type = 'file';
    if (type === 'link' && r.SubType === '2000') type = 'transfer';
    const content = r.StrContent ?? '';
    if (type === 'system' && /撤回了一条消息|revokemsg/.test(content)) type = 'recall';
    messages.push({
      index: messages.length + 1,
      sender: { name: r.Remark || r.NickName || null, id: r.Sender || null, isOwner: r.IsSender === '1' },
      // StrTime is the exporting PC's local time; CreateTime is the instant and is what we trust.
      time: { raw: `${r.CreateTime} (StrTime ${r.StrTime ?? '—'})`, utc: at, zone: 'UTC', zoneAssumed: false },
      type, text: type === 'text' || type === 'system' || type === 'recall' ? content.replace(/<\/?revokemsg>/g, '') : content.startsWith('<') ? `[${type}]` : content,
    });
  }
  return { format: 'wechatmsg-csv', variant: `${Object.keys(rows[0] ?? {}).length} columns`, title: null, messages, problems, notes: [], encoding: '' };
}

export function parseQqTxt(text: string, tz: string): ParsedChat {
  const problems: ParsedChat['problems'] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const title = lines.find((l) => l.startsWith('消息对象:'))?.slice('消息对象:'.length).trim() || null;
  const SENDER = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{2}):(\d{2})(?: ?([AP]M))? (.+?)(?:\((\d+)\)|<([^>]+)>)?$/;
  const messages: ChatMessage[] = [];
  let current: ChatMessage | null = null;
  let body: string[] = [];
  let forms = new Set<string>();
  const flush = () => {
    if (current) {
      current.text = body.join('\n').replace(/\n+$/, '');
      current.type = current.sender.name === '系统消息' ? 'system' : typeOfText(current.text);
      messages.push(current);
    }
    body = [];
  };
  for (const [n, line] of lines.entries()) {
    const m = SENDER.exec(line);
    if (m) {
      flush();
      let h = Number(m[4]);
      if (m[7]) h = (h % 12) + (m[7] === 'PM' ? 12 : 0);
      forms.add(m[7] ? '12-hour' : '24-hour');
      const at = zonedToUtc({ y: Number(m[1]), mo: Number(m[2]), d: Number(m[3]), h, mi: Number(m[5]), s: Number(m[6]) }, tz);
      if (!at) problems.push({ at: `line ${n + 1}`, zh: `第 ${n + 1} 行的时间无效`, en: `Line ${n + 1}: the time is not valid` });
      current = { index: messages.length + 1, sender: { name: m[8]!.replace(/^【[^】]*】/, '').trim(), id: m[9] ?? m[10] ?? null },
        time: { raw: line.slice(0, line.indexOf(m[8]!)).trim(), utc: at?.toISOString() ?? null, zone: tz, zoneAssumed: true }, type: 'text', text: '' };
    } else if (current) {
      body.push(line);
    } else if (line.trim() && !/^=+$/.test(line) && !/^(消息记录|消息分组:|消息对象:)/.test(line)) {
      problems.push({ at: `line ${n + 1}`, zh: `第 ${n + 1} 行不属于任何消息：“${line.slice(0, 40)}”`, en: `Line ${n + 1} belongs to no message: "${line.slice(0, 40)}"` });
    }
  }
  flush();
  const notes = forms.size > 1 ? [{ zh: '时间的写法前后不一（12 小时制与 24 小时制混用）：导出文件可能被拼接或编辑过，请核对', en: 'The time forms are mixed (12-hour and 24-hour): the export may have been joined or edited; check it' }] : [];
  return { format: 'qq-txt', variant: [...forms].join(' + ') || 'no messages', title, messages, problems, notes, encoding: '' };
}

type TgText = string | ({ type: string; text: string } | string)[];
interface TgMessage { id: number; type: string; date?: string; date_unixtime?: string; from?: string | null; from_id?: string; actor?: string; actor_id?: string; action?: string;
  text?: TgText; photo?: string; file?: string; media_type?: string; edited_unixtime?: string }

export function parseTelegram(text: string): ParsedChat {
  const problems: ParsedChat['problems'] = [];
  const doc = JSON.parse(text) as { name?: string; type?: string; messages?: TgMessage[]; chats?: { list?: { name?: string; messages?: TgMessage[] }[] } };
  const chat = doc.messages ? doc : doc.chats?.list?.[0];
  if (doc.chats && (doc.chats.list?.length ?? 0) > 1) problems.push({ at: 'chats', zh: `这是整个账号的导出，含 ${doc.chats.list!.length} 个对话；只导入了第一个`, en: `This is a whole-account export with ${doc.chats.list!.length} chats; only the first was imported` });
  const messages: ChatMessage[] = [];
  for (const m of chat?.messages ?? []) {
    const at = instant(Number(m.date_unixtime));
    const body = typeof m.text === 'string' ? m.text : (m.text ?? []).map((p) => (typeof p === 'string' ? p : p.text)).join('');
    const media = [m.photo, m.file].filter((x): x is string => Boolean(x));
    const type: MessageType = m.type === 'service' ? 'system' : m.photo ? 'image' : m.media_type === 'voice_message' ? 'voice' : m.media_type === 'video_file' || m.media_type === 'video_message' ? 'video'
      : m.media_type === 'sticker' ? 'sticker' : m.file ? 'file' : 'text';
    messages.push({
      index: messages.length + 1,
      sender: { name: (m.from ?? m.actor) ?? null, id: (m.from_id ?? m.actor_id) ?? null },
      time: { raw: `${m.date_unixtime ?? '—'} (date ${m.date ?? '—'})`, utc: at, zone: 'UTC', zoneAssumed: false },
      type, text: m.type === 'service' ? `[${m.action ?? 'service'}] ${body}`.trim() : body,
      ...(media.length ? { media: media.map((ref) => ({ ref })) } : {}),
    });
    if (!at) problems.push({ at: `message ${m.id}`, zh: `消息 ${m.id} 没有 date_unixtime`, en: `Message ${m.id} has no date_unixtime` });
  }
  return { format: 'telegram-json', variant: doc.messages ? 'single chat' : 'account export', title: chat?.name ?? null, messages, problems, notes: [], encoding: '' };
}

export function parseWhatsApp(text: string, tz: string): ParsedChat {
  const problems: ParsedChat['problems'] = [];
  const lines = text.split(/\r?\n/).map((l) => l.replace(INVISIBLE, ''));
  const heads = lines.map((l) => WA_ANDROID.exec(l) ?? WA_IOS.exec(l));
  // Day-first or month-first cannot be told line by line: decide for the file (a part above 12 settles it).
  const dateParts = heads.filter(Boolean).map((m) => (WA_IOS.test(m![0]) ? [m![1], m![2], m![3]] : [m![1], m![2], m![3]]).map(Number));
  const yearFirst = dateParts.some((p) => p[0]! > 31);
  const dayFirst = !yearFirst && dateParts.some((p) => p[0]! > 12);
  const order = yearFirst ? 'year/month/day' : dayFirst ? 'day/month/year' : 'month/day/year';
  const notes = !yearFirst && !dayFirst && dateParts.some((p) => p[1]! > 12) ? [] : !yearFirst && !dayFirst
    ? [{ zh: '无法判断日期是“日/月”还是“月/日”，按“月/日/年”理解，请与手机上的记录核对', en: 'Whether dates are day/month or month/day cannot be told: read as month/day/year; check against the phone' }] : [];
  const messages: ChatMessage[] = [];
  let current: ChatMessage | null = null;
  for (const [n, line] of lines.entries()) {
    const m = heads[n];
    if (!m) {
      if (current) current.text += `\n${line}`;
      else if (line.trim()) problems.push({ at: `line ${n + 1}`, zh: `第 ${n + 1} 行不属于任何消息`, en: `Line ${n + 1} belongs to no message` });
      continue;
    }
    const ios = WA_IOS.test(line);
    const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const [y, mo, d] = yearFirst ? [a, b, c] : dayFirst ? [c, b, a] : [c, a, b];
    const year = y < 100 ? 2000 + y : y;
    let h = Number(ios ? m[5] : m[4]);
    const mi = Number(ios ? m[6] : m[5]);
    const s = Number((ios ? m[7] : m[6]) ?? 0);
    const ampm = ios ? (m[4] ?? m[8]) : m[7];
    if (ampm) h = (h % 12) + (/^(p|下午)/i.test(ampm) ? 12 : 0);
    const at = zonedToUtc({ y: year, mo, d, h, mi, s }, tz);
    const rest = line.slice(m[0].length);
    const sep = rest.indexOf(': ');
    const system = sep < 0;
    if (current) messages.push(current);
    const body = system ? rest : rest.slice(sep + 2);
    current = { index: messages.length + 1, sender: { name: system ? null : rest.slice(0, sep), id: null },
      time: { raw: m[0].replace(/^\[|\] $| - $/g, '').trim(), utc: at?.toISOString() ?? null, zone: tz, zoneAssumed: true },
      type: system ? 'system' : /omitted|省略影音内容|<Media omitted>|\(file attached\)|<attached: |<附件：/.test(body) ? 'other' : typeOfText(body), text: body };
    const attached = /(?:<attached: |<附件：|<已附加：)([^>]+)>|^(\S+\.\w{2,4}) \(file attached\)/.exec(body);
    if (attached) {
      const ref = (attached[1] ?? attached[2])!.trim();
      current.media = [{ ref }];
      current.type = /\.(jpe?g|png|webp|heic)$/i.test(ref) ? 'image' : /\.(mp4|3gp|mov)$/i.test(ref) ? 'video' : /\.(opus|m4a|aac|mp3)$/i.test(ref) ? 'voice' : /\.webp$/i.test(ref) ? 'sticker' : 'file';
    }
    if (!at) problems.push({ at: `line ${n + 1}`, zh: `第 ${n + 1} 行的时间无效`, en: `Line ${n + 1}: the time is not valid` });
  }
  if (current) messages.push(current);
  return { format: 'whatsapp-txt', variant: `${heads.some((m) => m && WA_IOS.test(m[0])) ? 'iOS' : 'Android'}, ${order}`, title: null, messages, problems, notes, encoding: '' };
}

const HTML_TYPES: Record<number, MessageType> = { 0: 'system', 1: 'text', 3: 'image', 34: 'voice', 42: 'card', 43: 'video', 47: 'sticker', 48: 'location', 49: 'link', 50: 'call', 10000: 'system' };
const unescapeHtml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

export async function parseWeChatHtml(text: string): Promise<ParsedChat> {
  const problems: ParsedChat['problems'] = [];
  const m = /const chatMessages = (\[[\s\S]*?\n\s*\]);/.exec(text);
  if (!m) throw new Error('no chatMessages list');
  const JSON5 = (await import('json5')).default;
  const items = JSON5.parse(m[1]!) as { type?: number; text?: string; is_send?: number; timestamp?: number; displayname?: string; is_chatroom?: number }[];
  const title = /<title>([^<]*)<\/title>/.exec(text)?.[1]?.trim() || null;
  const messages: ChatMessage[] = items.map((x, i) => {
    const at = instant(Number(x.timestamp));
    if (!at) problems.push({ at: `message ${i + 1}`, zh: `第 ${i + 1} 条没有时间`, en: `Message ${i + 1} has no time` });
    const body = unescapeHtml(String(x.text ?? ''));
    let type = HTML_TYPES[x.type ?? -1] ?? 'other';
    if (type === 'system' && /撤回了一条消息/.test(body)) type = 'recall';
    // A picture, video, voice or file message holds the path of its file in the export folder.
    const ref = ['image', 'video', 'voice', 'file'].includes(type) && /^\.?\/?[^\s<>:"|?*]+\.\w{2,4}$/.test(body) ? body.replace(/^\.\//, '') : null;
    return { index: i + 1, sender: { name: x.displayname ? unescapeHtml(x.displayname) : null, id: null, isOwner: x.is_send === 1 },
      time: { raw: String(x.timestamp ?? '—'), utc: at, zone: 'UTC', zoneAssumed: false }, type, text: body, ...(ref ? { media: [{ ref }] } : {}) };
  });
  return { format: 'wechatmsg-html', variant: `${items.length} items`, title, messages, problems, notes: [], encoding: '' };
}

/**
 * WeChatMsg TXT: "time name" then the content, then a blank line; a system message has its text on the time line
 * and no content after it. Content with blank lines of its own cannot be told apart from the next block: said so.
 */
export function parseWeChatTxt(text: string, tz: string): ParsedChat {
  const problems: ParsedChat['problems'] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const messages: ChatMessage[] = [];
  for (let n = 0; n < lines.length; n++) {
    const m = WECHAT_TXT.exec(lines[n]!);
    if (!m) {
      if (lines[n]!.trim() && messages.length) messages.at(-1)!.text += `\n${lines[n]}`;
      else if (lines[n]!.trim()) problems.push({ at: `line ${n + 1}`, zh: `第 ${n + 1} 行不属于任何消息`, en: `Line ${n + 1} belongs to no message` });
      continue;
    }
    const at = zonedToUtc({ y: Number(m[1]), mo: Number(m[2]), d: Number(m[3]), h: Number(m[4]), mi: Number(m[5]), s: Number(m[6]) }, tz);
    const system = !(lines[n + 1] ?? '').trim();
    const body: string[] = [];
    if (!system) for (n++; n < lines.length && lines[n]!.trim(); n++) body.push(lines[n]!);
    const content = system ? m[7]! : body.join('\n');
    messages.push({ index: messages.length + 1, sender: { name: system ? null : m[7]!, id: null, isOwner: !system && m[7] === '我' },
      time: { raw: `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`, utc: at?.toISOString() ?? null, zone: tz, zoneAssumed: true },
      type: system ? (/撤回了一条消息/.test(content) ? 'recall' : 'system') : typeOfText(content), text: content });
  }
  return { format: 'wechatmsg-txt', variant: 'txt', title: null, messages, problems,
    notes: [{ zh: 'WeChatMsg 的 TXT 导出格式有歧义（内容中的空行无法与下一条消息区分）；有 CSV 导出时请优先导入 CSV', en: 'The WeChatMsg TXT form is ambiguous (a blank line inside a message looks like the end of it); import the CSV export where there is one' }], encoding: '' };
}
