/**
 * An imported chat's messages: read them, search them, and choose the ones that matter (index ranges). A selection
 * is recorded in the item's custody log (the newest one counts), and the documents quote it.
 */
import { readFile } from 'node:fs/promises';
import { GuzhengError } from '../errors.js';
import type { ChatMessage } from '../imports/chat/model.js';
import { searchMessages } from '../imports/chat/analyse.js';
import type { Vault } from '../vault/vault.js';

export interface ChatView {
  item: string;
  case: string;
  format: string;
  title: string | null;
  messages: ChatMessage[];
  /** The chosen indexes (newest selection in the custody log), or null. */
  selection: { ranges: string; indexes: number[]; at: string } | null;
}

export async function readChat(vault: Vault, ref: string): Promise<ChatView> {
  const item = await vault.findItem(ref);
  const a = (await vault.artifacts(item.id)).find((x) => x.role === 'chat.messages');
  if (!a) throw new GuzhengError('E_NOT_FOUND', `证据 ${item.id} 不是导入的聊天记录`, `Item ${item.id} is not an imported chat`, 'guzheng import <聊天记录导出>');
  const doc = JSON.parse(await readFile(vault.blobs.pathOf(a.sha256), 'utf8')) as { format: string; title: string | null; messages: ChatMessage[] };
  return { item: item.id, case: item.case_id, format: doc.format, title: doc.title, messages: doc.messages, selection: await currentSelection(vault, item.id) };
}

async function currentSelection(vault: Vault, itemId: string): Promise<ChatView['selection']> {
  const chosen = (await vault.events([itemId])).filter((e) => e.type === 'noted' && e.detail.selection).at(-1);
  if (!chosen) return null;
  const s = chosen.detail.selection as { ranges: string; indexes: number[] };
  return { ranges: s.ranges, indexes: s.indexes, at: chosen.at };
}

/** "3-5,9" → [3, 4, 5, 9], each within 1…count; anything else is a usage error. */
export function parseRanges(ranges: string, count: number): number[] {
  const out = new Set<number>();
  for (const part of ranges.split(/[,，\s]+/).filter(Boolean)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    const [a, b] = m ? [Number(m[1]), Number(m[2] ?? m[1])] : [NaN, NaN];
    if (!m || a < 1 || b < a || b > count) {
      throw new GuzhengError('E_USAGE', `消息范围“${part}”无效：应为 1 到 ${count} 之间，例如 3-5,9`, `Message range "${part}" is not valid: use numbers from 1 to ${count}, for example 3-5,9`);
    }
    for (let i = a; i <= b; i++) out.add(i);
  }
  if (!out.size) throw new GuzhengError('E_USAGE', '请给出消息范围，例如 3-5,9', 'Give message ranges, for example 3-5,9');
  return [...out].sort((x, y) => x - y);
}

export async function searchChat(vault: Vault, ref: string, query: string): Promise<{ view: ChatView; matches: ChatMessage[] }> {
  if (!query.trim()) throw new GuzhengError('E_USAGE', '请给出要搜索的文字', 'Give the text to search for');
  const view = await readChat(vault, ref);
  return { view, matches: searchMessages(view.messages, query.trim()) };
}

export async function selectMessages(vault: Vault, ref: string, ranges: string, by: string): Promise<{ view: ChatView; chosen: ChatMessage[] }> {
  const view = await readChat(vault, ref);
  const indexes = parseRanges(ranges, view.messages.length);
  const [e] = await vault.appendEvents([{ stream: view.item, type: 'noted', detail: { selection: { ranges, indexes }, by } }]);
  view.selection = { ranges, indexes, at: e!.at };
  return { view, chosen: view.messages.filter((m) => indexes.includes(m.index)) };
}
