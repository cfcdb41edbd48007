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
  const doc = JSON.parse(await readFile(await vault.blobs.local(a.sha256), 'utf8')) as { format: string; title: string | null; messages: ChatMessage[] };
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

/**
 * Who is behind an account: a court ties the other party's account to a person with their account id, a capture
 * of their profile page, payment records and a phone number. The checklist shows, for each other party of a chat,
 * what the case holds and what is still missing. Links are recorded in the chat's custody log; the newest counts.
 */
export const IDENTITY_FIELDS = {
  accountId: { zh: '账号 ID', en: 'account id' },
  profile: { zh: '主页取证（证据编号）', en: 'profile page capture (item id)' },
  payment: { zh: '转账或付款记录（证据编号）', en: 'transfer or payment record (item id)' },
  phone: { zh: '手机号码', en: 'phone number' },
  realName: { zh: '真实姓名', en: 'real name' },
} as const;
export type IdentityField = keyof typeof IDENTITY_FIELDS;

export interface IdentityChecklist {
  party: { name: string | null; id: string | null };
  have: { field: IdentityField; value: string; source: string }[];
  missing: IdentityField[];
}

interface Participant { name: string | null; id: string | null; messages: number; isOwner?: boolean }

const OWNER_NAMES = new Set(['我', 'me', '自己']);
const partyKey = (p: { name: string | null; id: string | null }) => p.id ?? p.name ?? '';

async function otherParties(vault: Vault, itemId: string): Promise<Participant[]> {
  const a = (await vault.artifacts(itemId)).find((x) => x.role === 'import');
  const record = a ? (JSON.parse(await readFile(await vault.blobs.local(a.sha256), 'utf8')) as { summary?: { participants?: Participant[] } }) : null;
  return (record?.summary?.participants ?? []).filter((p) => p.isOwner !== true && !OWNER_NAMES.has((p.name ?? '').toLowerCase()) && p.name !== '系统消息');
}

export async function identityChecklists(vault: Vault, ref: string): Promise<{ item: string; parties: IdentityChecklist[] }> {
  const view = await readChat(vault, ref);
  const links = (await vault.events([view.item])).filter((e) => e.type === 'noted' && e.detail.identity).map((e) => e.detail.identity as { party: string; field: IdentityField; value: string; at?: string });
  const parties = (await otherParties(vault, view.item)).map((p) => {
    const have: IdentityChecklist['have'] = [];
    if (p.id) have.push({ field: 'accountId', value: p.id, source: 'chat export' });
    for (const field of Object.keys(IDENTITY_FIELDS) as IdentityField[]) {
      const newest = links.filter((l) => l.party === partyKey(p) && l.field === field).at(-1);
      if (newest?.value) have.push({ field, value: newest.value, source: 'linked by the user' });
    }
    const got = new Set(have.map((h) => h.field));
    return { party: { name: p.name, id: p.id }, have, missing: (Object.keys(IDENTITY_FIELDS) as IdentityField[]).filter((f) => !got.has(f)) };
  });
  return { item: view.item, parties };
}

/** Links one piece of identity to a party ("profile=ITEM", "phone=138…"); item ids must name evidence in the same case. */
export async function linkIdentity(vault: Vault, ref: string, party: string, link: string, by: string): Promise<IdentityChecklist[]> {
  const view = await readChat(vault, ref);
  const parties = await otherParties(vault, view.item);
  const p = parties.find((x) => x.id === party || x.name === party);
  if (!p) throw new GuzhengError('E_USAGE', `这个聊天里没有对方“${party}”；对方有：${parties.map((x) => partyKey(x)).join('、') || '无'}`, `No other party "${party}" in this chat; the other parties are: ${parties.map((x) => partyKey(x)).join(', ') || 'none'}`);
  const m = /^(\w+)=(.+)$/.exec(link.trim());
  const field = m?.[1] as IdentityField | undefined;
  if (!m || !field || !(field in IDENTITY_FIELDS)) {
    throw new GuzhengError('E_USAGE', `应写成 项=值，项为 ${Object.keys(IDENTITY_FIELDS).join('、')}，例如 profile=证据编号`, `Write field=value, the fields being ${Object.keys(IDENTITY_FIELDS).join(', ')}, for example profile=ITEM`);
  }
  let value = m[2]!.trim();
  if (field === 'profile' || field === 'payment') {
    const item = await vault.findItem(value);
    if (item.case_id !== view.case) throw new GuzhengError('E_USAGE', `证据 ${item.id} 不在这个聊天所在的案件里`, `Item ${item.id} is not in the chat's case`);
    if (field === 'profile' && item.kind !== 'capture') throw new GuzhengError('E_USAGE', `主页应是一次网页取证，证据 ${item.id} 是${item.kind}`, `A profile page must be a web capture; item ${item.id} is a ${item.kind}`);
    value = item.id;
  }
  if (field === 'phone' && !/^\+?\d[\d\s-]{5,20}$/.test(value)) throw new GuzhengError('E_USAGE', `不是电话号码：“${value}”`, `Not a phone number: "${value}"`);
  await vault.appendEvents([{ stream: view.item, type: 'noted', detail: { identity: { party: partyKey(p), field, value }, by } }]);
  return (await identityChecklists(vault, view.item)).parties;
}
