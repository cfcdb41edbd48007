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

export type ChatFormat = 'wechatmsg-csv' | 'wechatmsg-html' | 'wechatmsg-txt' | 'qq-txt' | 'telegram-json' | 'whatsapp-txt';

const WECHAT_HEADER = /^\uFEFF?localId,TalkerId,Type,SubType,IsSender,CreateTime/;
const QQ_HEAD = /^\uFEFF?消息记录（此消息记录为文本格式|^消息分组:|^消息对象:/m;
export const INVISIBLE = /[\uFEFF\u200E\u200F\u200B-\u200D\u2060]/g;
export const WECHAT_TXT = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) (.+)$/;
export const WA_ANDROID = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4}),? (\d{1,2}):(\d{2})(?::(\d{2}))?[\s\u202F\u2009]?([AaPp]\.?[Mm]\.?|上午|下午)? - /;
export const WA_IOS = /^\[(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4}),? (?:(上午|下午))?(\d{1,2}):(\d{2})(?::(\d{2}))?[\s\u202F\u2009]?([AaPp]\.?[Mm]\.?)?\] /;

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

/** A Unix time in seconds as an ISO instant, or null when it is not one. */
export function instant(unixSeconds: number): string | null {
  return Number.isFinite(unixSeconds) && unixSeconds > 0 ? new Date(unixSeconds * 1000).toISOString() : null;
}
