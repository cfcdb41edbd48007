/**
 * Watch: follow posts on a schedule — add, list, pause, resume, remove, run the checks that are due (with the full
 * captures, timestamps and alerts that go with them), show a post's series and alerts, and chart them. The CLI runs
 * the scheduler in the foreground (`guzheng watch run`); the app runs it in the background while it is open.
 */
import { GuzhengError } from '../errors.js';
import { parseTargetUrl } from '../capture/url.js';
import { tsaList } from '../seal/timestamp/tsa-list.js';
import type { Vault } from '../vault/vault.js';
import { runDue } from '../watch/scheduler.js';
import { watchSeries, type WatchSeries } from '../watch/series.js';
import { addWatch, parseDuration, type CheckContext, type WatchEvent, type WatchRow } from '../watch/watches.js';
import { loadNotifier, readNotifySettings, saveNotifySettings, sendAlerts, type NotifySettings } from '../watch/notify.js';

export interface WatchAddRequest { urls: unknown; case?: unknown; every?: unknown; until?: unknown; capture?: unknown; login?: unknown }

export async function addWatches(vault: Vault, req: WatchAddRequest): Promise<{ id: string; url: string; existed: boolean; everySeconds: number; schedule: string }[]> {
  const raw = typeof req.urls === 'string' ? [req.urls] : req.urls;
  if (!Array.isArray(raw) || !raw.length) throw new GuzhengError('E_USAGE', '请至少给出一个网址', 'Give at least one URL');
  const urls = raw.map((u) => parseTargetUrl(String(u).trim()));
  const every = typeof req.every === 'string' && req.every && req.every !== 'auto' ? parseDuration(req.every) : 'adaptive';
  let until: string | null = null;
  if (typeof req.until === 'string' && req.until) {
    const t = Date.parse(req.until);
    if (!Number.isFinite(t)) throw new GuzhengError('E_USAGE', `日期“${req.until}”无效（例如 2027-01-01）`, `Not a date: "${req.until}" (for example 2027-01-01)`);
    until = new Date(t).toISOString();
  }
  let login: string | null = null;
  if (req.login !== undefined && req.login !== null && req.login !== '') {
    if (typeof req.login !== 'string' || !/^[a-z0-9-]{1,40}$/.test(req.login)) throw new GuzhengError('E_USAGE', `登录名称无效：“${String(req.login)}”`, `Not a login name: "${String(req.login)}"`);
    const { loadLogin } = await import('../vault/logins.js');
    await loadLogin(vault.home, req.login);
    login = req.login;
  }
  const kase = typeof req.case === 'string' && req.case ? await vault.findCase(req.case) : await vault.defaultCase();
  const out = [];
  for (const u of urls) {
    const { row, existed } = await addWatch(vault, kase.id, u.href, { everySeconds: every, until, capture: req.capture !== false, login });
    out.push({ id: row.id, url: row.url, existed, everySeconds: row.every_seconds, schedule: row.schedule });
  }
  return out;
}

/** A watch by its id (or an unambiguous start of it) or its URL. */
export async function findWatch(vault: Vault, ref: string): Promise<WatchRow> {
  const rows = await vault.db.selectFrom('watches').selectAll()
    .where((eb) => eb.or([eb('url', '=', ref), eb('id', 'like', `${ref.replace(/[%_\\]/g, '')}%`)])).limit(2).execute();
  if (!rows.length) throw new GuzhengError('E_NOT_FOUND', `找不到关注“${ref}”`, `No watch "${ref}"`, 'guzheng watch list');
  if (rows.length > 1) throw new GuzhengError('E_USAGE', `“${ref}”不唯一，请给出更长的编号`, `"${ref}" is ambiguous: give more of the id`);
  return rows[0]!;
}

export async function listWatches(vault: Vault, caseId?: string): Promise<WatchRow[]> {
  let q = vault.db.selectFrom('watches').selectAll();
  if (caseId) q = q.where('case_id', '=', caseId);
  return q.orderBy('created_at').execute();
}

export async function setWatch(vault: Vault, ref: string, change: 'pause' | 'resume' | 'remove', by: string): Promise<WatchRow> {
  const row = await findWatch(vault, ref);
  await vault.write(async (trx) => {
    if (change === 'remove') await trx.deleteFrom('watches').where('id', '=', row.id).execute();
    else await trx.updateTable('watches').set({ paused: change === 'pause' ? 1 : 0, ...(change === 'resume' ? { next_at: new Date().toISOString() } : {}) }).where('id', '=', row.id).execute();
  });
  // The watch's custody stream and its observations stay: they are evidence.
  await vault.appendEvents([{ stream: row.id, type: 'noted', detail: { watch: change, by } }]);
  return row;
}

export async function showWatch(vault: Vault, ref: string): Promise<WatchSeries> {
  return watchSeries(vault, await findWatch(vault, ref));
}

/** What a run of checks uses: the TSAs, the full capture (the witness) into the watch's case, saved logins, alerts sent on. */
/** `signingHome`: whose key seals a full capture of a case's post (the data folder's; on the server, the organisation's). */
export async function checkContext(vault: Vault, emit: (e: WatchEvent) => void, signingHome: (caseId: string) => Promise<string> = async () => vault.home): Promise<Omit<CheckContext, 'pages'>> {
  const notifier = await loadNotifier(vault.home);
  return {
    tsas: tsaList(), emit,
    fullCapture: async (url, caseId) => {
      const { capture, planCapture } = await import('./capture.js');
      const plan = planCapture({ urls: [url], video: false, comments: 20 }, await signingHome(caseId));
      const [o] = await capture(plan, { vault, caseId }, vault.home, () => undefined);
      return { item: o?.item ?? null, status: o?.manifest.status ?? 'FAILED', ...(o?.manifest.error ? { error: o.manifest.error.en } : {}) };
    },
    cookies: async (login, url) => {
      const { cookieHeader } = await import('../vault/logins.js');
      return cookieHeader(vault.home, login, url).catch(() => null);
    },
    ...(notifier ? { notify: notifier } : {}),
  };
}

export async function runWatches(vault: Vault, options: { once?: boolean; forSeconds?: number }, emit: (e: WatchEvent) => void, stop?: () => boolean,
  signingHome?: (caseId: string) => Promise<string>): Promise<number> {
  return runDue(vault, { once: options.once, ...(options.forSeconds ? { until: Date.now() + options.forSeconds * 1000 } : {}) }, await checkContext(vault, emit, signingHome), stop);
}

/** The chart of one watch (by id or URL), or of every watch in a case, as SVG. */
export async function watchChart(vault: Vault, ref: string): Promise<{ svg: string; posts: number }> {
  let rows: WatchRow[];
  let title: string;
  try {
    const row = await findWatch(vault, ref);
    rows = [row];
    title = `帖子的传播 / A post's reach: ${row.url.length > 60 ? `${row.url.slice(0, 57)}…` : row.url}`;
  } catch (err) {
    if (!(err instanceof GuzhengError) || err.code !== 'E_NOT_FOUND') throw err;
    const kase = await vault.findCase(ref);
    rows = await listWatches(vault, kase.id);
    title = `案件中的帖子 / Posts of the case: ${kase.title}`;
  }
  const { chartSvg } = await import('../watch/chart.js');
  return { svg: chartSvg(await Promise.all(rows.map((r) => watchSeries(vault, r))), title), posts: rows.length };
}

/** The chart written as SVG or PNG (by the file's extension); a case with no watch is an error here. */
export async function chartWatches(vault: Vault, ref: string, out: string): Promise<{ file: string; posts: number }> {
  if (!/\.(svg|png)$/i.test(out)) throw new GuzhengError('E_USAGE', '--out 应为 .svg 或 .png 文件', '--out must be a .svg or .png file');
  const { existsSync } = await import('node:fs');
  if (existsSync(out)) throw new GuzhengError('E_EXISTS', `文件已存在，不会覆盖：${out}`, `The file exists and is not overwritten: ${out}`);
  const { svg, posts } = await watchChart(vault, ref);
  if (!posts) throw new GuzhengError('E_NOT_FOUND', '这个案件没有关注的帖子', 'This case watches no post', 'guzheng watch add');
  const { writeFile } = await import('node:fs/promises');
  if (/\.svg$/i.test(out)) await writeFile(out, svg);
  else await (await import('../watch/chart.js')).chartPng(svg, out);
  return { file: out, posts };
}

/** Where alerts go, as shown to a person: an SMTP address's password is never shown back. */
export interface NotifyShown { webhook: string | null; smtp: { url: string; from: string; to: string } | null }

const shown = (s: NotifySettings): NotifyShown => ({ webhook: s.webhook ?? null, smtp: s.smtp ? { ...s.smtp, url: s.smtp.url.replace(/\/\/[^@/]*@/, '//…@') } : null });

export async function notifySettings(vault: Vault): Promise<NotifyShown> {
  return shown(await readNotifySettings(vault.home));
}

/**
 * Changes where alerts go: `off` removes both; a webhook or SMTP given replaces that one (an SMTP address shown back
 * masked, "…@", keeps the stored password).
 */
export async function setNotify(vault: Vault, change: { off?: unknown; webhook?: unknown; smtp?: unknown; from?: unknown; to?: unknown }): Promise<NotifyShown> {
  if (change.off) return shown(await saveNotifySettings(vault.home, {}));
  const now = await readNotifySettings(vault.home);
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const next: NotifySettings = { ...now };
  if (change.webhook !== undefined) next.webhook = str(change.webhook) || undefined;
  if (change.smtp !== undefined) {
    let url = str(change.smtp);
    if (url.includes('//…@') && now.smtp) url = now.smtp.url;
    next.smtp = url ? { url, from: str(change.from), to: str(change.to) } : undefined;
  }
  return shown(await saveNotifySettings(vault.home, next));
}

/** Sends a test alert to every configured place; each outcome. */
export async function testNotify(vault: Vault): Promise<{ to: string; ok: boolean; error?: string }[]> {
  return sendAlerts(await readNotifySettings(vault.home), { id: 'test', url: 'https://example.invalid/test', case_id: 'test' }, [{ kind: 'test', zh: '这是一条测试提醒', en: 'This is a test alert', detail: {} }]);
}
