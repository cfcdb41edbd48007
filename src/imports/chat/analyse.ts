/**
 * Chat exports: the export file kept byte for byte; its messages read into one model (messages.json), the media it
 * refers to kept and hashed when the export folder was given, a transcript PDF for the court, and checks: lines that
 * could not be read, times out of order, times read in an assumed zone. Never decrypts an app's database.
 */
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, relative, sep } from 'node:path';
import type { Reason } from '../../capture/manifest.js';
import { GuzhengError } from '../../errors.js';
import { digestFile } from '../../seal/digests.js';
import type { AnalyseInput, Derived, ImportCheck, KindResult } from '../types.js';
import { detectChat } from './formats.js';
import { parseWeChatCsv, parseWeChatHtml, parseWeChatTxt } from './wechatmsg.js';
import { parseQqTxt } from './qq.js';
import { parseTelegram } from './telegram.js';
import { parseWhatsApp } from './whatsapp.js';
import { decodeText, type ChatMessage, type ParsedChat } from './model.js';
import { beijing, transcriptHtml } from './transcript.js';

export const CHAT_STATEMENT = {
  zh: '导入的聊天记录是从应用导出的文件，原样保存。它说明导入时这个文件就是这样，此后未被改动；它不能单独证明对话真实发生过、没有被删改，也不能证明账号背后是谁——导出文件可以被编辑。法院通常要求在原手机上当庭出示聊天记录（登录状态、双方资料、完整对话），并把账号与具体的人对应起来（实名信息、付款记录、电话号码等）。',
  en: 'The imported chat is a file exported from the app, kept byte for byte. It shows that the file was like this when imported and has not changed since; it does not by itself prove that the conversation took place, that nothing was removed or edited, or who is behind an account — an exported file can be edited. Courts usually ask to see the chat on the original phone (logged in, both profiles, the whole conversation) and to tie the account to a person (real-name details, payment records, a phone number).',
};

/** Messages per transcript volume: Chromium fails to print one document of tens of thousands of rows. */
const VOLUME = 2000;

/** The export's messages, or null when the text is no chat export guzheng reads. */
export async function parseChat(buf: Buffer, tz: string): Promise<ParsedChat | null> {
  const { text, encoding } = decodeText(buf);
  const format = detectChat(text.slice(0, 64 * 1024));
  if (!format) return null;
  try {
    const chat = format === 'wechatmsg-csv' ? await parseWeChatCsv(text) : format === 'wechatmsg-html' ? await parseWeChatHtml(text) : format === 'wechatmsg-txt' ? parseWeChatTxt(text, tz)
      : format === 'qq-txt' ? parseQqTxt(text, tz) : format === 'telegram-json' ? parseTelegram(text) : parseWhatsApp(text, tz);
    return { ...chat, encoding };
  } catch (err) {
    // A CSV or JSON that ends mid-record (a truncated or damaged export) cannot be read as a whole.
    throw new GuzhengError('E_FORMAT', `聊天记录导出文件（${format}）不完整或已损坏，无法读取：${(err as Error).message.split('\n')[0]}`,
      `The chat export (${format}) is truncated or damaged and cannot be read: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** The media a message names, found inside the export folder (never outside it). */
async function linkMedia(chat: ParsedChat, root: string | undefined, exportDir: string, dir: string, derived: Derived[]): Promise<{ referenced: number; kept: number; missing: string[] }> {
  const refs = chat.messages.flatMap((m) => m.media ?? []);
  const missing: string[] = [];
  let kept = 0;
  const seen = new Map<string, { path: string; sha256: string; size: number }>();
  for (const ref of refs) {
    const base = root ? normalize(join(exportDir, ref.ref)) : null;
    if (!root || !base || relative(root, base).startsWith('..') || relative(root, base).split(sep).includes('..')) { missing.push(ref.ref); continue; }
    if (seen.has(base)) { ref.file = seen.get(base)!; continue; }
    const s = await stat(base).catch(() => null);
    if (!s?.isFile()) { missing.push(ref.ref); continue; }
    const path = `media/${relative(root, base).split(sep).join('/')}`;
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await copyFile(base, join(dir, path));
    const d = await digestFile(join(dir, path));
    ref.file = { path, sha256: d.sha256, size: d.size };
    seen.set(base, ref.file);
    derived.push({ path, role: 'chat.media', mediaType: 'application/octet-stream', tool: 'copied from the export folder' });
    kept++;
  }
  return { referenced: refs.length, kept, missing };
}

export async function analyseChat(input: AnalyseInput): Promise<KindResult> {
  const reasons: Reason[] = [];
  const checks: ImportCheck[] = [];
  const derived: Derived[] = [];
  // A chat in a ZIP is read from the ZIP's members, unpacked beside the item and removed after; the ZIP is the original.
  const zipped = input.detected.container;
  const unpacked = zipped ? join(dirname(input.dir), `unzip-${input.id}`) : null;
  let chat: ParsedChat;
  let media: Awaited<ReturnType<typeof linkMedia>>;
  try {
    let skipped: { name: string; why: string }[] = [];
    if (unpacked) skipped = (await (await import('../zip.js')).unpack(join(input.dir, input.original), unpacked)).skipped;
    const chatFile = unpacked ? join(unpacked, zipped!.entry) : join(input.dir, input.original);
    const parsed = await parseChat(await readFile(chatFile), input.tz);
    if (!parsed) throw new GuzhengError('E_FORMAT', '聊天记录导出无法识别', 'The chat export is not recognised');
    chat = parsed;
    for (const x of skipped) chat.problems.push({ at: x.name, zh: `ZIP 中的 ${x.name} 未解出：${x.why}`, en: `${x.name} in the ZIP was not unpacked: ${x.why}` });
    media = unpacked ? await linkMedia(chat, unpacked, dirname(chatFile), input.dir, derived) : await linkMedia(chat, input.mediaRoot, input.mediaRoot ?? '', input.dir, derived);
  } finally {
    if (unpacked) await rm(unpacked, { recursive: true, force: true });
  }

  await writeFile(join(input.dir, 'messages.json'), JSON.stringify({ format: chat.format, variant: chat.variant, encoding: chat.encoding, title: chat.title, messages: chat.messages }, null, 1) + '\n');
  derived.unshift({ path: 'messages.json', role: 'chat.messages', mediaType: 'application/json', tool: `guzheng ${chat.format} parser` });
  if (chat.messages.length) {
    const { renderPdfs } = await import('../../package/pdf.js');
    const of = Math.ceil(chat.messages.length / VOLUME);
    const name = (n: number) => (of === 1 ? 'transcript.pdf' : `transcript-${String(n).padStart(String(of).length, '0')}.pdf`);
    const jobs = Array.from({ length: of }, (_, i) => {
      const { html, footer } = transcriptHtml(chat, chat.messages.slice(i * VOLUME, (i + 1) * VOLUME), { volume: { n: i + 1, of }, itemId: input.id,
        sourceName: input.name, sourceSha256: input.digests.sha256, sourceSm3: input.digests.sm3, tz: input.tz });
      return { html, footer, file: join(input.dir, name(i + 1)) };
    });
    try {
      await renderPdfs(jobs);
      derived.splice(1, 0, ...jobs.map((_, i) => ({ path: name(i + 1), role: 'chat.transcript', mediaType: 'application/pdf', tool: 'Chromium print to PDF' })));
    } catch (err) {
      reasons.push({ code: 'E_TRANSCRIPT', zh: `聊天记录的 PDF 无法生成：${(err as Error).message.split('\n')[0]}`, en: `The transcript PDF could not be made: ${(err as Error).message.split('\n')[0]}` });
    }
  } else {
    reasons.push({ code: 'E_CHAT_EMPTY', zh: '导出文件里没有读到任何消息', en: 'No message could be read from the export' });
  }

  if (chat.problems.length) {
    reasons.push({ code: 'E_CHAT_LINES', zh: `有 ${chat.problems.length} 处无法读取，已原样保留在原始文件中：${chat.problems.slice(0, 5).map((p) => p.zh).join('；')}${chat.problems.length > 5 ? '……' : ''}`,
      en: `${chat.problems.length} place(s) could not be read; they stay as they are in the original file: ${chat.problems.slice(0, 5).map((p) => p.en).join('; ')}${chat.problems.length > 5 ? '…' : ''}` });
  }
  for (const [n, note] of chat.notes.entries()) checks.push({ id: `parse.note.${n + 1}`, result: 'flag', zh: note.zh, en: note.en });
  if (media.missing.length) {
    checks.push({ id: 'media.missing', result: 'flag', zh: `${media.missing.length} 个消息提到的媒体文件不在给出的文件夹里（${media.missing.slice(0, 3).join('、')}${media.missing.length > 3 ? '……' : ''}）；导入整个导出文件夹可一并保存`,
      en: `${media.missing.length} media file(s) named by messages are not in the folder given (${media.missing.slice(0, 3).join(', ')}${media.missing.length > 3 ? '…' : ''}); import the whole export folder to keep them`, evidence: { missing: media.missing } });
  }
  const times = chat.messages.map((m) => m.time.utc).filter((t): t is string => Boolean(t));
  const backwards = chat.messages.filter((m, i) => i > 0 && m.time.utc && chat.messages[i - 1]!.time.utc && m.time.utc < chat.messages[i - 1]!.time.utc!);
  if (backwards.length) {
    checks.push({ id: 'time.order', result: 'flag', zh: `${backwards.length} 条消息的时间早于它前面的消息（例如第 ${backwards[0]!.index} 条）：记录可能被合并或编辑过`,
      en: `${backwards.length} message(s) are earlier than the one before them (for example #${backwards[0]!.index}): the record may have been merged or edited`, evidence: { indexes: backwards.slice(0, 50).map((m) => m.index) } });
  }
  const assumed = chat.messages.filter((m) => m.time.zoneAssumed).length;
  checks.push(assumed
    ? { id: 'time.zone', result: 'info', zh: `导出文件没有写明时区：${assumed} 条消息的时间按 ${input.tz} 理解`, en: `The export states no zone: the times of ${assumed} message(s) are read as ${input.tz}` }
    : { id: 'time.zone', result: 'ok', zh: '每条消息都带有确定的时刻（Unix 时间）', en: 'Every message carries an exact instant (Unix time)' });
  const recalls = chat.messages.filter((m) => m.type === 'recall').length;
  if (recalls) checks.push({ id: 'messages.recalled', result: 'info', zh: `有 ${recalls} 条撤回或删除的提示`, en: `${recalls} notice(s) of a recalled or deleted message` });

  const participants = new Map<string, { name: string | null; id: string | null; messages: number; isOwner?: boolean }>();
  for (const m of chat.messages) {
    if (m.type === 'system' && !m.sender.name) continue;
    const k = `${m.sender.id ?? ''}|${m.sender.name ?? ''}`;
    const p = participants.get(k) ?? { name: m.sender.name, id: m.sender.id, messages: 0, ...(m.sender.isOwner !== undefined ? { isOwner: m.sender.isOwner } : {}) };
    p.messages++;
    participants.set(k, p);
  }
  const sorted = [...times].sort();
  return {
    summary: {
      format: chat.format, variant: chat.variant, encoding: chat.encoding, title: chat.title, messages: chat.messages.length, ...(zipped ? { container: zipped } : {}),
      participants: [...participants.values()], first: sorted[0] ?? null, last: sorted.at(-1) ?? null,
      firstBeijing: beijing(sorted[0] ?? null), lastBeijing: beijing(sorted.at(-1) ?? null), zoneAssumed: assumed > 0,
      media: { referenced: media.referenced, kept: media.kept, missing: media.missing.length }, problems: chat.problems.length,
    },
    checks, derived, reasons, statement: CHAT_STATEMENT, details: { problems: chat.problems },
  };
}

/** Messages whose text or sender holds `query` (case-insensitive), for search in the CLI and the app. */
export function searchMessages(messages: ChatMessage[], query: string): ChatMessage[] {
  const q = query.toLowerCase();
  return messages.filter((m) => m.text.toLowerCase().includes(q) || (m.sender.name ?? '').toLowerCase().includes(q) || (m.sender.id ?? '').toLowerCase().includes(q));
}
