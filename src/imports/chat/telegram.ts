/** Telegram Desktop `result.json` (a single chat, or the first chat of a whole-account export); date_unixtime is an instant. */
import { instant } from './formats.js';
import type { ChatMessage, MessageType, ParsedChat } from './model.js';

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
