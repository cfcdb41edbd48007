/** WeChatMsg / MemoTrace (留痕) exports: the CSV (preferred), the HTML and the TXT forms. */
import { zonedToUtc } from '../zone.js';
import { instant, WECHAT_TXT } from './formats.js';
import { typeOfText, type ChatMessage, type MessageType, type ParsedChat } from './model.js';

const WECHAT_TYPES: Record<string, MessageType> = { 1: 'text', 3: 'image', 34: 'voice', 42: 'card', 43: 'video', 47: 'sticker', 48: 'location', 49: 'link', 50: 'call', 10000: 'system' };

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

