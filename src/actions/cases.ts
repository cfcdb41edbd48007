/**
 * Cases: create, list (each with its evidence count and nearest deadline), one case and its items. Plain inputs,
 * plain results; the fronts (CLI, app) print or serve them.
 */
import { GuzhengError } from '../errors.js';
import type { Vault, CaseRow, CaseScope, ItemRow } from '../vault/vault.js';
import { nearestDeadline, type NearestDeadline } from './assess.js';

export interface CaseSummary {
  id: string;
  title: string;
  createdAt: string;
  default: boolean;
  items: number;
  nearestDeadline: NearestDeadline | null;
}

export interface ItemSummary {
  id: string;
  kind: string;
  status: string;
  url: string | null;
  /** An import's file name (where it came from); null for a capture. */
  name: string | null;
  seal: string | null;
  startedAt: string;
  dir: string | null;
}

const MAX_TITLE = 200;

/** `org`: on an organisation's server, the organisation the case belongs to and the member who opened it. */
export async function createCase(vault: Vault, input: { title: unknown }, org: { id: string; member: string | null } | null = null): Promise<{ id: string; title: string; createdAt: string }> {
  const title = typeof input.title === 'string' ? input.title.trim() : '';
  if (!title) throw new GuzhengError('E_USAGE', '请给出案件标题', 'Give the case a title');
  if (title.length > MAX_TITLE) throw new GuzhengError('E_USAGE', `案件标题最长 ${MAX_TITLE} 个字`, `A case title has at most ${MAX_TITLE} characters`);
  const c = await vault.createCase(title, false, org);
  return { id: c.id, title: c.title, createdAt: c.created_at };
}

/** Every case (or those of `scope`), those with the nearest deadline first, then the newest. */
export async function listCases(vault: Vault, asOf?: string, scope: CaseScope = null): Promise<CaseSummary[]> {
  const cases = await vault.listCases(scope);
  const out: CaseSummary[] = [];
  for (const c of cases) {
    out.push({ id: c.id, title: c.title, createdAt: c.created_at, default: Boolean(c.is_default), items: c.items,
      nearestDeadline: c.items > 0 || (await vault.caseFacts(c.id)) ? await nearestDeadline(vault, c.id, asOf) : null });
  }
  return out.sort((a, b) => {
    const da = a.nearestDeadline?.date ?? '9999';
    const db = b.nearestDeadline?.date ?? '9999';
    return da !== db ? da.localeCompare(db) : b.createdAt.localeCompare(a.createdAt);
  });
}

export function caseSummary(c: CaseRow): { id: string; title: string; createdAt: string; default: boolean } {
  return { id: c.id, title: c.title, createdAt: c.created_at, default: Boolean(c.is_default) };
}

export const itemSummary = (i: ItemRow, name: string | null = null): ItemSummary => ({ id: i.id, kind: i.kind, status: i.status, url: i.url, name, seal: i.seal_state, startedAt: i.started_at, dir: i.dir });

export async function showCase(vault: Vault, ref: string): Promise<ReturnType<typeof caseSummary> & { items: ItemSummary[] }> {
  const c = await vault.findCase(ref);
  const items = await vault.itemsOfCase(c.id);
  // An import is named by its original file (original/<name>).
  const names = new Map((await vault.artifactsWithRole(items.map((i) => i.id), ['original'])).map((a) => [a.item_id, a.path.slice('original/'.length)]));
  return { ...caseSummary(c), items: items.map((i) => itemSummary(i, names.get(i.id) ?? null)) };
}
