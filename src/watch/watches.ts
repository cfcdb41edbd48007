/**
 * Watching posts: a schedule in the vault's database (it survives restarts; each due check runs once), a light check
 * of each post when due, every check kept as evidence — an observation per count and state, and an "observed" event
 * in the watch's own hash-chained custody stream — and alerts on what the law and the victim care about: a count
 * crossing 5,000 views or 500 reposts (两高 2013 诽谤解释 第二条), a count that fell, a post gone, a deletion confirmed
 * after several checks in a row (a platform answers "gone" for a private or rate-limited post too), a post restored.
 */
import { GuzhengError } from '../errors.js';
import { uuidv7 } from '../capture/ids.js';
import type { Vault } from '../vault/vault.js';
import type { WatchesTable } from '../vault/db.js';
import { lightCheck, type LightCheck } from './light-check.js';

export type WatchRow = WatchesTable;
export type WatchState = 'normal' | 'gone-suspected' | 'deleted-confirmed' | 'restored' | 'failed' | 'blocked';

/** Checks in a row that must find a post gone before its deletion counts as confirmed. */
export const CONFIRM_AFTER = 3;
/** The legal thresholds: 两高 2013 诽谤解释 第二条 (one post read 5,000 times or reposted 500 times). */
export const THRESHOLDS: { metrics: string[]; value: number; name: string }[] = [
  { metrics: ['views', 'reads', 'plays'], value: 5000, name: '浏览/阅读/播放 5000 次 / 5,000 views or reads' },
  { metrics: ['reposts'], value: 500, name: '转发 500 次 / 500 reposts' },
];

/** "2s", "10m", "1h", "1d" (and plain seconds) → seconds. */
export function parseDuration(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)?$/i.exec(s.trim());
  if (!m) throw new GuzhengError('E_USAGE', `时长“${s}”无效：例如 30s、10m、1h、1d`, `Not a duration: "${s}" (for example 30s, 10m, 1h, 1d)`);
  return Math.round(Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[(m[2] ?? 's').toLowerCase() as 's']);
}

/** The shortest interval allowed: a minute, so as never to hammer a site; a test may lower it (GUZHENG_WATCH_MIN_SECONDS). */
export function minimumSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.GUZHENG_WATCH_MIN_SECONDS);
  return Number.isFinite(v) && v > 0 ? v : 60;
}

export interface WatchEvent {
  type: 'checked' | 'alert';
  watch: string;
  url: string;
  check?: LightCheck;
  state?: WatchState;
  alert?: { kind: string; zh: string; en: string; detail: Record<string, unknown> };
}

export async function addWatch(vault: Vault, caseId: string, url: string, everySeconds: number, until: string | null): Promise<{ row: WatchRow; existed: boolean }> {
  const floor = minimumSeconds();
  if (everySeconds < floor) {
    throw new GuzhengError('E_USAGE', `检查间隔不能短于 ${floor} 秒（避免给平台造成负担）`, `The interval cannot be shorter than ${floor} s (so as never to hammer a platform)`);
  }
  const existing = await vault.db.selectFrom('watches').selectAll().where('case_id', '=', caseId).where('url', '=', url).executeTakeFirst();
  if (existing) return { row: existing, existed: true };
  const now = new Date().toISOString();
  const row: WatchRow = { id: uuidv7(), case_id: caseId, url, every_seconds: everySeconds, until, paused: 0, created_at: now, next_at: now, last_at: null, state: null, gone_streak: 0 };
  await vault.write(async (trx) => {
    await trx.insertInto('watches').values(row).execute();
  });
  await vault.appendEvents([{ stream: row.id, type: 'created', detail: { watch: row.id, case: caseId, url, everySeconds, until } }]);
  return { row, existed: false };
}

/** The next check: the interval with ±10% jitter, so that checks never fall into a rhythm a site can see. */
const nextAt = (from: number, every: number) => new Date(from + every * 1000 * (0.9 + Math.random() * 0.2)).toISOString();

function stateAfter(row: WatchRow, check: LightCheck): { state: WatchState; streak: number } {
  if (check.state === 'failed' || check.state === 'blocked') return { state: check.state, streak: row.gone_streak };
  if (check.state === 'gone') {
    const streak = row.gone_streak + 1;
    return { state: streak >= CONFIRM_AFTER ? 'deleted-confirmed' : 'gone-suspected', streak };
  }
  return { state: row.state === 'gone-suspected' || row.state === 'deleted-confirmed' ? 'restored' : 'normal', streak: 0 };
}

/** The highest value seen so far of each count of this URL (the series the thresholds and "a count fell" use). */
async function highest(vault: Vault, url: string): Promise<Map<string, number>> {
  const rows = await vault.db.selectFrom('observations').select(['metric', (eb) => eb.fn.max('value').as('max')])
    .where('url', '=', url).where('value', 'is not', null).groupBy('metric').execute();
  return new Map(rows.map((r) => [r.metric, Number(r.max)]));
}

export async function checkWatch(vault: Vault, row: WatchRow, emit: (e: WatchEvent) => void): Promise<WatchRow> {
  const before = await highest(vault, row.url);
  const check = await lightCheck(row.url);
  const { state, streak } = stateAfter(row, check);
  const source = `watch ${row.id} light check (HTTP ${check.http ?? '—'}, body SHA-256 ${check.bodySha256 ?? '—'})`;
  const alerts: NonNullable<WatchEvent['alert']>[] = [];
  for (const t of THRESHOLDS) {
    for (const metric of t.metrics) {
      const now = check.counts[metric]?.value;
      if (now !== undefined && now >= t.value && (before.get(metric) ?? -1) < t.value) {
        alerts.push({ kind: 'threshold', zh: `达到法定数量：${t.name}（${metric} ${check.counts[metric]!.raw}）`, en: `A legal threshold is reached: ${t.name} (${metric} ${check.counts[metric]!.raw})`, detail: { metric, value: now, threshold: t.value } });
      }
    }
  }
  for (const [metric, c] of Object.entries(check.counts)) {
    const max = before.get(metric);
    if (max !== undefined && c.value < max) alerts.push({ kind: 'count-fell', zh: `${metric} 从最高 ${max} 降到 ${c.value}`, en: `${metric} fell from its highest ${max} to ${c.value}`, detail: { metric, value: c.value, highest: max } });
  }
  if (state !== row.state && ['gone-suspected', 'deleted-confirmed', 'restored'].includes(state)) {
    const words: Record<string, [string, string]> = { 'gone-suspected': ['帖子疑似被删除（也可能是设为私密或被限流）', 'The post seems gone (it may also be private or rate-limited)'],
      'deleted-confirmed': [`连续 ${CONFIRM_AFTER} 次检查都找不到帖子：确认已删除`, `${CONFIRM_AFTER} checks in a row found the post gone: deletion confirmed`],
      restored: ['帖子又能看到了', 'The post is back'] };
    const [zh, en] = words[state]!;
    alerts.push({ kind: state, zh, en, detail: { http: check.http, streak } });
  }
  const now = Date.now();
  const updated: WatchRow = { ...row, last_at: check.at, next_at: nextAt(now, row.every_seconds), state, gone_streak: streak };
  await vault.write(async (trx) => {
    const obs = [{ metric: 'state', value: null, state }, ...Object.entries(check.counts).map(([metric, c]) => ({ metric, value: c.value, state: null }))];
    // A failed or blocked check says nothing of the counts: only its state is kept, never counts of zero.
    for (const o of check.state === 'failed' || check.state === 'blocked' ? obs.slice(0, 1) : obs) {
      await trx.insertInto('observations').values({ id: uuidv7(), item_id: null, url: row.url, at: check.at, source, ...o }).execute();
    }
    await trx.updateTable('watches').set({ last_at: updated.last_at, next_at: updated.next_at, state, gone_streak: streak }).where('id', '=', row.id).execute();
  });
  await vault.appendEvents([
    { stream: row.id, type: 'observed', detail: { at: check.at, state, http: check.http, counts: check.counts, bodySha256: check.bodySha256, bytes: check.bytes, error: check.error, mode: 'visitor' } },
    ...alerts.map((a) => ({ stream: row.id, type: 'alert' as const, detail: { kind: a.kind, zh: a.zh, en: a.en, ...a.detail } })),
  ]);
  emit({ type: 'checked', watch: row.id, url: row.url, check, state });
  for (const alert of alerts) emit({ type: 'alert', watch: row.id, url: row.url, alert });
  return updated;
}

/**
 * Runs the checks that are due, one after another, and waits for the next until `until` (ms since the epoch); with
 * `once`, one pass over what is due now. A check is due once: its next time is moved on when it is done.
 */
export async function runDue(vault: Vault, options: { once?: boolean; until?: number }, emit: (e: WatchEvent) => void, stop: () => boolean = () => false): Promise<number> {
  let done = 0;
  for (;;) {
    const now = new Date().toISOString();
    const due = await vault.db.selectFrom('watches').selectAll().where('paused', '=', 0).where('next_at', '<=', now)
      .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', now)])).orderBy('next_at').execute();
    for (const row of due) {
      if (stop()) return done;
      await checkWatch(vault, row, emit);
      done++;
    }
    if (options.once || stop()) return done;
    const next = await vault.db.selectFrom('watches').select('next_at').where('paused', '=', 0).orderBy('next_at').executeTakeFirst();
    const end = options.until ?? Infinity;
    const wake = Math.min(next ? Date.parse(next.next_at) : Date.now() + 60_000, end);
    if (Date.now() >= end) return done;
    await new Promise((r) => setTimeout(r, Math.max(50, wake - Date.now())));
    if (Date.now() >= end) return done;
  }
}

export interface WatchSeries {
  id: string;
  url: string;
  case: string;
  state: string | null;
  everySeconds: number;
  paused: boolean;
  observations: { at: string; state: string; counts: Record<string, number>; raw: Record<string, string>; http: number | null; error: string | null }[];
  alerts: { at: string; kind: string; zh: string; en: string; detail: Record<string, unknown> }[];
}

export async function watchSeries(vault: Vault, row: WatchRow): Promise<WatchSeries> {
  const events = await vault.events([row.id]);
  return {
    id: row.id, url: row.url, case: row.case_id, state: row.state, everySeconds: row.every_seconds, paused: row.paused === 1,
    observations: events.filter((e) => e.type === 'observed').map((e) => {
      const d = e.detail as { at: string; state: string; counts: Record<string, { value: number; raw: string }>; http: number | null; error: string | null };
      return { at: d.at, state: d.state, counts: Object.fromEntries(Object.entries(d.counts).map(([k, v]) => [k, v.value])),
        raw: Object.fromEntries(Object.entries(d.counts).map(([k, v]) => [k, v.raw])), http: d.http, error: d.error };
    }),
    alerts: events.filter((e) => e.type === 'alert').map((e) => {
      const { kind, zh, en, ...detail } = e.detail as { kind: string; zh: string; en: string };
      return { at: e.at, kind, zh, en, detail };
    }),
  };
}
