/**
 * Watching posts: a schedule in the vault's database (it survives restarts; each due check runs once), a light check
 * of each post when due, every check kept as evidence — observations per count and state, an "observed" event in the
 * watch's own hash-chained custody stream naming the check's WARC records — and alerts on what the law and the
 * victim care about: a count crossing 5,000 views or 500 reposts (两高 2013 诽谤解释 第二条), a count that fell, a post
 * gone, a deletion confirmed after several checks in a row and by a second access mode where one exists (a platform
 * answers "gone" for a private or rate-limited post too), a post restored, an edit (kept as a diff). A full capture
 * (the witness) is made on the first check, once a day and on every event; the log's head is timestamped hourly and
 * at once after every event.
 */
import { sql } from 'kysely';
import { GuzhengError } from '../errors.js';
import { uuidv7 } from '../capture/ids.js';
import { appendEvents } from '../vault/custody.js';
import type { Vault } from '../vault/vault.js';
import type { WatchesTable } from '../vault/db.js';
import type { TsaEntry } from '../seal/timestamp/tsa-list.js';
import { diffText } from './diff.js';
import { blobRow, stampDue, stampHead } from './evidence.js';
import { lightCheck, type LightCheck } from './light-check.js';
import type { PageChecker } from './page-check.js';
import { planFor } from './platform-checks.js';

export type WatchRow = WatchesTable;
export type WatchState = 'normal' | 'gone-suspected' | 'deleted-confirmed' | 'restored' | 'edited' | 'failed' | 'blocked' | 'login-needed';

/** Checks in a row that must find a post gone before its deletion counts as confirmed. */
export const CONFIRM_AFTER = 3;
/** The legal thresholds: 两高 2013 诽谤解释 第二条 (one post read 5,000 times or reposted 500 times). */
export const THRESHOLDS: { metrics: string[]; value: number; zh: string; en: string }[] = [
  { metrics: ['views', 'reads', 'plays'], value: 5000, zh: '浏览/阅读/播放 5000 次', en: '5,000 views, reads or plays' },
  { metrics: ['reposts'], value: 500, zh: '转发 500 次', en: '500 reposts' },
];
/** What each count is called in Chinese, for alerts and documents. */
export const METRIC_ZH: Record<string, string> = { views: '浏览', reads: '阅读', plays: '播放', reposts: '转发', shares: '分享', comments: '评论', likes: '点赞' };
/** A full capture is made at least this often while a post is watched (a daily baseline). */
const CAPTURE_EVERY_MS = 24 * 3600_000;

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

export interface Alert {
  kind: string;
  zh: string;
  en: string;
  detail: Record<string, unknown>;
}

export interface WatchEvent {
  type: 'checked' | 'alert' | 'captured' | 'timestamped' | 'blocked' | 'login-expired' | 'error';
  watch: string;
  url: string;
  check?: LightCheck;
  state?: WatchState;
  alert?: Alert;
  detail?: Record<string, unknown>;
}

export interface WatchOptions {
  everySeconds: number | 'adaptive';
  until: string | null;
  capture: boolean;
  login: string | null;
}

export async function addWatch(vault: Vault, caseId: string, url: string, o: WatchOptions): Promise<{ row: WatchRow; existed: boolean }> {
  const floor = minimumSeconds();
  if (o.everySeconds !== 'adaptive' && o.everySeconds < floor) {
    throw new GuzhengError('E_USAGE', `检查间隔不能短于 ${floor} 秒（避免给平台造成负担）`, `The interval cannot be shorter than ${floor} s (so as never to hammer a platform)`);
  }
  const existing = await vault.db.selectFrom('watches').selectAll().where('case_id', '=', caseId).where('url', '=', url).executeTakeFirst();
  if (existing) return { row: existing, existed: true };
  const now = new Date().toISOString();
  const row: WatchRow = { id: uuidv7(), case_id: caseId, url, every_seconds: o.everySeconds === 'adaptive' ? 0 : o.everySeconds, until: o.until, paused: 0, created_at: now,
    next_at: now, last_at: null, state: null, gone_streak: 0, schedule: o.everySeconds === 'adaptive' ? 'adaptive' : 'fixed', capture: o.capture ? 1 : 0, last_capture_at: null,
    stamped_at: null, stamp_tried_at: null, stamp_needed: 0, last_text: null, last_media: null, login: o.login, known_state: null };
  await vault.write(async (trx) => {
    await trx.insertInto('watches').values(row).execute();
    await appendEvents(trx, [{ stream: row.id, type: 'created', detail: { watch: row.id, case: caseId, url, schedule: row.schedule, everySeconds: row.every_seconds, until: o.until,
      capture: o.capture, login: o.login, platform: planFor(new URL(url)).platform } }]);
  });
  return { row, existed: false };
}

/**
 * The interval before the next check. Adaptive: every 10 minutes for the first 6 hours, hourly for a week, daily
 * after; a post within 20% of a legal threshold is checked four times as often. Never under the floor.
 */
export function intervalSeconds(row: WatchRow, highest: Map<string, number>, now = Date.now()): number {
  let s = row.every_seconds;
  if (row.schedule === 'adaptive') {
    const age = now - Date.parse(row.created_at);
    s = age < 6 * 3600_000 ? 600 : age < 7 * 86400_000 ? 3600 : 86400;
  }
  const near = THRESHOLDS.some((t) => t.metrics.some((m) => (highest.get(m) ?? 0) >= 0.8 * t.value && (highest.get(m) ?? 0) < t.value));
  if (near && row.schedule === 'adaptive') s = s / 4;
  return Math.max(minimumSeconds(), s);
}

/** The next check: the interval with ±10% jitter, so that checks never fall into a rhythm a site can see. */
const nextAt = (from: number, every: number) => new Date(from + every * 1000 * (0.9 + Math.random() * 0.2)).toISOString();

/** The watch's own observations (another case watching the same address, or a capture of it, has its own). */
export const watchSource = (id: string) => `watch ${id} %`;

/** The highest value this watch has seen of each count (the series the thresholds and "a count fell" use). */
async function highest(vault: Vault, row: WatchRow): Promise<Map<string, number>> {
  const rows = await vault.db.selectFrom('observations').select(['metric', (eb) => eb.fn.max('value').as('max')])
    .where('url', '=', row.url).where('source', 'like', watchSource(row.id)).where('value', 'is not', null).groupBy('metric').execute();
  return new Map(rows.map((r) => [r.metric, Number(r.max)]));
}

/**
 * The case's total within 365 days (两高 2013 诽谤解释 第四条 adds up the posts of one year): for each watched post of
 * the case, its highest views (阅读/浏览/播放) and reposts read in the last 365 days, added up. Loaded once per run and
 * kept up to date as checks come in, so that a run over thousands of posts does not add them up again at each check.
 */
export class CaseTotals {
  /** Per case: each post's best count per threshold (-1: none read), and the running totals and post counts. */
  private cases = new Map<string, { best: Map<string, number[]>; total: number[]; posts: number[] }>();

  private async load(vault: Vault, caseId: string) {
    let c = this.cases.get(caseId);
    if (c) return c;
    const since = new Date(Date.now() - 365 * 86400_000).toISOString();
    // Each watch's own observations (a capture of the same address, or another case's watch, counts elsewhere).
    const rows = await vault.db.selectFrom('observations').innerJoin('watches', 'watches.url', 'observations.url')
      .select(['observations.url', 'observations.metric', (eb) => eb.fn.max('observations.value').as('max')])
      .where('watches.case_id', '=', caseId).where(sql<boolean>`observations.source like 'watch ' || watches.id || ' %'`)
      .where('observations.at', '>=', since).where('observations.metric', 'in', THRESHOLDS.flatMap((t) => t.metrics))
      .where('observations.value', 'is not', null).groupBy(['observations.url', 'observations.metric']).execute();
    c = { best: new Map(), total: THRESHOLDS.map(() => 0), posts: THRESHOLDS.map(() => 0) };
    this.cases.set(caseId, c);
    for (const r of rows) this.add(c, r.url, r.metric, Number(r.max));
    return c;
  }

  private add(c: { best: Map<string, number[]>; total: number[]; posts: number[] }, url: string, metric: string, value: number): void {
    const i = THRESHOLDS.findIndex((t) => t.metrics.includes(metric));
    if (i < 0) return;
    const best = c.best.get(url) ?? THRESHOLDS.map(() => -1);
    c.best.set(url, best);
    if (value <= best[i]!) return;
    if (best[i]! < 0) c.posts[i]!++;
    c.total[i]! += value - Math.max(0, best[i]!);
    best[i] = value;
  }

  /** Each threshold's total over the case's posts, and how many posts have a count of it. */
  async totals(vault: Vault, caseId: string): Promise<{ zh: string; en: string; value: number; total: number; posts: number; single: number }[]> {
    const c = await this.load(vault, caseId);
    return THRESHOLDS.map((t, i) => ({ zh: t.zh, en: t.en, value: t.value, total: c.total[i]!, posts: c.posts[i]!, single: Math.max(0, ...[...c.best.values()].map((b) => b[i]!)) }));
  }

  async record(vault: Vault, caseId: string, url: string, counts: LightCheck['counts']): Promise<void> {
    const c = await this.load(vault, caseId);
    for (const [k, v] of Object.entries(counts)) this.add(c, url, k, v.value);
  }
}

export interface CheckContext {
  pages: PageChecker;
  /** The case totals of this run (made afresh when absent). */
  totals?: CaseTotals;
  tsas: TsaEntry[];
  emit: (e: WatchEvent) => void;
  /** A full capture of the URL into the case (the witness); absent: none is made. */
  fullCapture?: (url: string, caseId: string, why: string[]) => Promise<{ item: string | null; status: string; error?: string }>;
  /** The Cookie header a saved login sends to a URL (each request's own), or null. */
  cookies?: (login: string, url: string) => Promise<string | null>;
  /** Waits for the platform's gap before a second request of the same check (the second access mode, a visitor retry). */
  pace?: (row: WatchRow) => Promise<void>;
  /** Alerts sent on (webhook, e-mail). */
  notify?: (watch: WatchRow, alerts: Alert[]) => Promise<void>;
}

const WORDS: Record<string, [string, string]> = {
  'gone-suspected': ['帖子疑似被删除（也可能是设为私密或被限流）', 'The post seems gone (it may also be private or rate-limited)'],
  'deleted-confirmed': [`连续 ${CONFIRM_AFTER} 次检查都找不到帖子，另一种访问方式也找不到：确认已删除`, `${CONFIRM_AFTER} checks in a row, and a second access mode where there is one, found the post gone: deletion confirmed`],
  restored: ['帖子又能看到了', 'The post is back'],
};

function countAlerts(check: LightCheck, before: Map<string, number>): Alert[] {
  const alerts: Alert[] = [];
  for (const t of THRESHOLDS) {
    for (const metric of t.metrics) {
      const now = check.counts[metric]?.value;
      if (now !== undefined && now >= t.value && (before.get(metric) ?? -1) < t.value) {
        alerts.push({ kind: 'threshold', zh: `达到法定数量：${t.zh}（${METRIC_ZH[metric] ?? metric} ${check.counts[metric]!.raw}）`, en: `A legal threshold is reached: ${t.en} (${metric} ${check.counts[metric]!.raw})`, detail: { metric, value: now, threshold: t.value } });
      }
    }
  }
  for (const [metric, c] of Object.entries(check.counts)) {
    const max = before.get(metric);
    if (max !== undefined && c.value < max) alerts.push({ kind: 'count-fell', zh: `${METRIC_ZH[metric] ?? metric}从最高 ${max} 降到 ${c.value}`, en: `${metric} fell from its highest ${max} to ${c.value}`, detail: { metric, value: c.value, highest: max } });
  }
  return alerts;
}

/** Media compared by address without the query (CDNs sign their links afresh on every visit). */
const mediaKey = (urls: string[]) => JSON.stringify([...new Set(urls.map((u) => u.replace(/[?#].*$/, '')))].sort());

function editAlert(row: WatchRow, check: LightCheck): Alert | null {
  if (check.state !== 'normal' || check.text === null || row.last_text === null) return null;
  const textChanged = check.text !== row.last_text;
  const mediaChanged = row.last_media !== null && mediaKey(check.media) !== row.last_media;
  if (!textChanged && !mediaChanged) return null;
  const diff = textChanged ? diffText(row.last_text, check.text) : null;
  return { kind: 'edited', zh: `帖子被修改：${textChanged ? `文字（删去 ${diff!.removed} 字，加上 ${diff!.added} 字）` : ''}${mediaChanged ? ' 图片或视频有变化' : ''}`,
    en: `The post was edited: ${textChanged ? `text (${diff!.removed} characters removed, ${diff!.added} added)` : ''}${mediaChanged ? ' media changed' : ''}`,
    detail: { diff: diff?.shown ?? null, ops: diff?.ops ?? null, before: row.last_text, after: check.text, mediaBefore: row.last_media ? JSON.parse(row.last_media) : null, mediaAfter: JSON.parse(mediaKey(check.media)) } };
}

export async function checkWatch(vault: Vault, row: WatchRow, ctx: CheckContext): Promise<WatchRow> {
  const before = await highest(vault, row);
  const plan = planFor(new URL(row.url));
  let mode = 'visitor';
  const login = row.login;
  const cookies = login && ctx.cookies ? (u: string) => ctx.cookies!(login, u) : null;
  if (cookies && (await cookies(plan.primary.url))) mode = `login ${login}`;
  let check = await lightCheck(row.url, { pages: ctx.pages, plan, cookies: mode === 'visitor' ? null : cookies, access: mode });
  const notes: Record<string, unknown>[] = [];
  if (mode !== 'visitor' && (check.state === 'login-needed' || check.state === 'blocked')) {
    // The login has expired (or is refused): said, and the check made again as a visitor.
    ctx.emit({ type: 'login-expired', watch: row.id, url: row.url, detail: { login: row.login, answer: check.error } });
    notes.push({ login: row.login, expired: true, answer: check.error, fallback: 'visitor' });
    await ctx.pace?.(row);
    mode = 'visitor (the login expired)';
    check = await lightCheck(row.url, { pages: ctx.pages, plan, access: mode });
  }
  // The state. A check that could tell nothing (failed, blocked, login needed) is recorded as such and changes nothing
  // of what is known of the post: alerts follow the post, not the network.
  const known = (row.known_state ?? row.state) as WatchState | null;
  let state: WatchState;
  let knownNow: WatchState | null = known;
  let streak = row.gone_streak;
  let second: LightCheck | null = null;
  if (check.state === 'gone') {
    streak++;
    state = known === 'deleted-confirmed' ? 'deleted-confirmed' : 'gone-suspected';
    if (streak >= CONFIRM_AFTER && known !== 'deleted-confirmed') {
      if (plan.second) {
        await ctx.pace?.(row);
        second = await lightCheck(row.url, { pages: ctx.pages, plan, second: true });
        if (second.state === 'gone') state = 'deleted-confirmed';
      } else state = 'deleted-confirmed';
    }
    knownNow = state;
  } else if (check.state === 'normal') {
    streak = 0;
    state = known === 'gone-suspected' || known === 'deleted-confirmed' ? 'restored' : 'normal';
    knownNow = state;
  } else state = check.state;
  const alerts = check.state === 'normal' ? countAlerts(check, before) : [];
  if (check.state === 'normal' && ctx.totals) {
    // The case's total within a year crossing a threshold that no single post crossed is 第四条's case: an event too.
    const was = await ctx.totals.totals(vault, row.case_id);
    await ctx.totals.record(vault, row.case_id, row.url, check.counts);
    const now = await ctx.totals.totals(vault, row.case_id);
    for (const [i, t] of now.entries()) {
      if (t.posts >= 2 && t.total >= t.value && was[i]!.total < t.value && t.single < t.value) {
        alerts.push({ kind: 'case-threshold', zh: `案件中一年内关注的 ${t.posts} 条帖子累计达到 ${t.zh}（累计 ${t.total}，诽谤解释第四条）`,
          en: `The case's ${t.posts} watched posts of the last year add up to ${t.en} (total ${t.total}; 诽谤解释 第四条)`, detail: { threshold: t.value, total: t.total, posts: t.posts } });
      }
    }
  }
  const edit = editAlert(row, check);
  if (edit) {
    alerts.push(edit);
    if (state === 'normal') state = knownNow = 'edited';
  }
  if (knownNow !== known && WORDS[state]) {
    const [zh, en] = WORDS[state]!;
    alerts.push({ kind: state, zh, en, detail: { http: check.http, streak, ...(second ? { secondMode: { url: second.requests.at(-1)?.url ?? null, state: second.state, http: second.http } } : {}) } });
  }
  if (check.state === 'blocked') ctx.emit({ type: 'blocked', watch: row.id, url: row.url, detail: { http: check.http, answer: check.error } });

  // The evidence: WARC records to the blob store, then the observations, the row and the events in one transaction.
  const warcs = await Promise.all([check, second].filter((c): c is LightCheck => Boolean(c?.warc)).map(async (c) => ({ c, d: await vault.blobs.putBytes(c.warc!) })));
  const warcOf = (c: LightCheck) => warcs.find((w) => w.c === c)?.d;
  const highestNow = new Map(before);
  for (const [m, c] of Object.entries(check.counts)) highestNow.set(m, Math.max(c.value, highestNow.get(m) ?? 0));
  const now = Date.now();
  const updated: WatchRow = { ...row, last_at: check.at, next_at: nextAt(now, intervalSeconds(row, highestNow, now)), state, known_state: knownNow, gone_streak: streak,
    stamp_needed: alerts.length ? 1 : row.stamp_needed,
    ...(check.state === 'normal' && check.text !== null ? { last_text: check.text, last_media: mediaKey(check.media) } : {}) };
  const source = `watch ${row.id} light check (${check.platform} ${check.mode}, HTTP ${check.http ?? '—'}, body SHA-256 ${check.bodySha256 ?? '—'})`;
  const observed = (c: LightCheck, s: string) => ({ stream: row.id, type: 'observed' as const, detail: {
    at: c.at, state: s, platform: c.platform, mode: c.mode, access: mode, http: c.http, counts: c.counts, text: c.text, bodySha256: c.bodySha256, bytes: c.bytes, error: c.error,
    requests: c.requests, warc: warcOf(c) ? { sha256: warcOf(c)!.sha256, bytes: warcOf(c)!.size } : null } });
  await vault.write(async (trx) => {
    for (const { d } of warcs) await blobRow(trx, d);
    const obs = [{ metric: 'state', value: null, state }, ...Object.entries(check.counts).map(([metric, c]) => ({ metric, value: c.value, state: null }))];
    // A failed or blocked check says nothing of the counts: only its state is kept, never counts of zero.
    for (const o of check.state === 'normal' ? obs : obs.slice(0, 1)) {
      await trx.insertInto('observations').values({ id: uuidv7(), item_id: null, url: row.url, at: check.at, source, ...o }).execute();
    }
    await trx.updateTable('watches').set({ last_at: updated.last_at, next_at: updated.next_at, state, known_state: knownNow, gone_streak: streak, stamp_needed: updated.stamp_needed,
      last_text: updated.last_text, last_media: updated.last_media }).where('id', '=', row.id).execute();
    await appendEvents(trx, [
      ...notes.map((n) => ({ stream: row.id, type: 'noted' as const, detail: n })),
      observed(check, state),
      ...(second ? [observed(second, second.state === 'gone' ? 'deleted-confirmed' : `second mode: ${second.state}`)] : []),
      ...alerts.map((a) => ({ stream: row.id, type: 'alert' as const, detail: { kind: a.kind, zh: a.zh, en: a.en, ...a.detail, evidence: { warc: warcOf(check)?.sha256 ?? null } } })),
    ]);
  });
  ctx.emit({ type: 'checked', watch: row.id, url: row.url, check, state });
  for (const alert of alerts) ctx.emit({ type: 'alert', watch: row.id, url: row.url, alert });
  if (alerts.length && ctx.notify) await ctx.notify(row, alerts).catch(() => undefined);

  // The witness: a full capture on the first check, once a day, and on every event.
  const why = [...(row.last_capture_at === null ? ['first check'] : []), ...(row.last_capture_at && now - Date.parse(row.last_capture_at) >= CAPTURE_EVERY_MS ? ['daily baseline'] : []),
    ...alerts.map((a) => a.kind)];
  // Never when the platform stopped us or the check failed: a capture would only add to the load and show nothing.
  if (row.capture === 1 && ctx.fullCapture && why.length && (check.state === 'normal' || check.state === 'gone')) {
    const r = await ctx.fullCapture(row.url, row.case_id, why).catch((err: Error) => ({ item: null, status: 'FAILED', error: err.message }));
    const at = new Date().toISOString();
    await vault.write(async (trx) => {
      // A capture that failed is said in the log and not tried again at every check: the next event or day tries again.
      await trx.updateTable('watches').set({ last_capture_at: at, ...(r.item ? { stamp_needed: 1 } : {}) }).where('id', '=', row.id).execute();
      await appendEvents(trx, [{ stream: row.id, type: 'noted', detail: { fullCapture: r.item, status: r.status, why, ...(r.error ? { error: r.error } : {}) } }]);
    });
    updated.last_capture_at = at;
    if (r.item) updated.stamp_needed = 1;
    ctx.emit({ type: 'captured', watch: row.id, url: row.url, detail: { item: r.item, status: r.status, why, ...(r.error ? { error: r.error } : {}) } });
  }

  // The head of the log, timestamped hourly and at once after every event.
  if (ctx.tsas.length && stampDue(updated)) {
    const s = await stampHead(vault, row.id, ctx.tsas);
    if (s?.stamped.length) {
      updated.stamped_at = new Date().toISOString();
      updated.stamp_needed = 0;
    }
    if (s) ctx.emit({ type: 'timestamped', watch: row.id, url: row.url, detail: { head: s.head, stamped: s.stamped, failed: s.failed } });
  }
  return updated;
}
