/**
 * How a light check asks each platform for a post's state and counts, the way the platform's own page does, and how
 * its answer is read. The answer is read by the same platform module that reads a full capture (so a count means the
 * same thing in both: 转发 is reposts, 分享 is shares). Three modes:
 *   api   a public JSON answer that needs no signing (Weibo's m.weibo.cn statuses/show, Bilibili's video view);
 *   page  the post's own page in a real browser, where the platform's JavaScript signs its API request (Douyin's
 *         a_bogus, Bilibili's dynamics): guzheng never copies signing code;
 *   html  any other page: its visible text, with the counts a reader sees.
 * A second access mode (another public address of the same post) confirms a deletion where the platform has one:
 * platforms answer "gone" alike for a deleted post and for a private or rate-limited one.
 */
import { platformFor } from '../platforms/registry.js';
import { visibleCounts } from '../platforms/visible-counts.js';
import { weiboPostId } from '../platforms/weibo.js';
import type { PostFacts, Recorded } from '../platforms/types.js';
import type { Exchange } from './http.js';

export type ReadingState = 'normal' | 'gone' | 'blocked' | 'failed' | 'login-needed';

export interface Reading {
  state: ReadingState;
  counts: Record<string, { value: number; raw: string }>;
  /** The post's text and media, where the platform gives them: an edit is a change of either. */
  text: string | null;
  media: string[];
  reason: string | null;
}

export interface CheckRequest {
  mode: 'api' | 'html' | 'page';
  url: string;
  headers: Record<string, string>;
  /** page mode: the answer the page loads (and signs) that holds the post. */
  waitFor?: RegExp;
}

export interface CheckPlan {
  platform: string;
  primary: CheckRequest;
  second: CheckRequest | null;
  /** The gap between two requests to this platform from one identity, ms (a random point between the two). */
  gapMs: [number, number];
}

const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const PAGE_HEADERS = { 'User-Agent': BROWSER_UA, Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.5', 'Accept-Encoding': 'gzip, deflate, br' };
const JSON_HEADERS = (referer: string) => ({ 'User-Agent': BROWSER_UA, Accept: 'application/json, text/plain, */*', 'Accept-Language': 'zh-CN,zh;q=0.9', 'Accept-Encoding': 'gzip, deflate, br', Referer: referer });

/**
 * The safe gaps per platform and identity. Weibo: one request per 8–15 s, as open-source scrapers found it
 * tolerates; the others are kept as careful. GUZHENG_WATCH_GAP_MS lowers them for tests and the benchmark only.
 */
const GAPS: Record<string, [number, number]> = { weibo: [8000, 15000], bilibili: [5000, 10000], douyin: [15000, 30000], generic: [2000, 4000] };

export function planFor(url: URL, env: NodeJS.ProcessEnv = process.env): CheckPlan {
  const module = platformFor(url).id;
  const override = Number(env.GUZHENG_WATCH_GAP_MS);
  const gap = (p: string): [number, number] => (Number.isFinite(override) && env.GUZHENG_WATCH_GAP_MS !== undefined && env.GUZHENG_WATCH_GAP_MS !== '' ? [override, override] : GAPS[p] ?? GAPS.generic!);
  const page: CheckRequest = { mode: 'html', url: url.href, headers: PAGE_HEADERS };
  if (module === 'weibo') {
    const id = weiboPostId(url);
    if (id) {
      return { platform: 'weibo', gapMs: gap('weibo'),
        primary: { mode: 'api', url: `https://m.weibo.cn/statuses/show?id=${id}`, headers: { ...JSON_HEADERS(`https://m.weibo.cn/detail/${id}`), 'X-Requested-With': 'XMLHttpRequest', 'MWeibo-Pwa': '1' } },
        second: { mode: 'api', url: `https://weibo.com/ajax/statuses/show?id=${id}`, headers: { ...JSON_HEADERS(`https://weibo.com/detail/${id}`), 'X-Requested-With': 'XMLHttpRequest' } } };
    }
  }
  if (module === 'bilibili') {
    const bvid = /\/video\/(BV\w+)/.exec(url.pathname)?.[1];
    if (bvid) {
      return { platform: 'bilibili', gapMs: gap('bilibili'),
        primary: { mode: 'api', url: `https://api.bilibili.com/x/web-interface/view?bvid=${bvid}`, headers: JSON_HEADERS(`https://www.bilibili.com/video/${bvid}/`) },
        second: { ...page, url: `https://www.bilibili.com/video/${bvid}/` } };
    }
    if (/^\/(?:opus\/)?\d{15,}/.test(url.pathname)) return { platform: 'bilibili', gapMs: gap('bilibili'), primary: { ...page, mode: 'page', waitFor: /\/x\/polymer\/web-dynamic\/v1\/(feed\/detail|opus\/detail)/ }, second: null };
  }
  if (module === 'douyin' && /douyin\.com$/.test(url.hostname)) {
    return { platform: 'douyin', gapMs: gap('douyin'), primary: { ...page, mode: 'page', waitFor: /\/aweme\/v1\/web\/aweme\/detail\// }, second: null };
  }
  return { platform: 'generic', gapMs: gap('generic'), primary: page, second: null };
}

/** Answers that stop a visitor and say nothing of the post (rate limits, anti-bot pages). */
const BLOCKING_HTTP = new Set([403, 412, 418, 429, 432, 461]);
const GONE_HTTP = new Set([404, 410]);
const CAPTCHA = /captcha|验证码|安全验证|访问过于频繁|请求过于频繁|人机验证/i;
/** Bilibili's risk-control codes (-412 request blocked, -352 risk control, -351) and its codes for a video that is not there. */
const BILIBILI_BLOCKING = new Set([-412, -352, -351, -401]);
const BILIBILI_GONE = new Set([-404, 62002, 62004, 62012]);
const GONE_TEXT = /该微博已被删除|微博已被作者删除|此微博已被作者删除|微博不存在|内容已被删除|该内容已被删除|作品已删除|视频不见了|视频去哪了呢|啥都木有|稿件不可见|页面不存在/;

/** The text a reader sees: scripts, styles and tags removed, block ends kept as line breaks, entities decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style|noscript|template)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(br|\/p|\/div|\/li|\/h\d|\/tr|\/section|\/article|\/header|\/footer)[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ');
}

const reading = (state: ReadingState, reason: string | null, rest: Partial<Reading> = {}): Reading => ({ state, counts: {}, text: null, media: [], reason, ...rest });

function countsOf(f: PostFacts): Reading['counts'] {
  const out: Reading['counts'] = {};
  for (const [name, c] of Object.entries(f.counts)) if (c && typeof c.value === 'number') out[name] = { value: c.value, raw: c.raw ?? String(c.value) };
  return out;
}

const json = (x: Exchange): any => {
  try {
    return JSON.parse(x.body.toString('utf8'));
  } catch {
    return null;
  }
};

/** What the platform's answer says, read by its platform module; `dom` and `text` are the page's, in page mode. */
export async function readAnswer(plan: CheckPlan, request: CheckRequest, postUrl: string, exchanges: Exchange[], page?: { dom: string; text: string }): Promise<Reading> {
  const last = exchanges.at(-1);
  const text = page?.text ?? (last && /html|text/i.test(header(last, 'content-type') ?? 'text/html') ? visibleText(last.body.toString('utf8')) : '');
  if (last && BLOCKING_HTTP.has(last.status)) return reading('blocked', `HTTP ${last.status}`);
  if (CAPTCHA.test(text.slice(0, 4000))) return reading('blocked', 'a captcha or "too many requests" page');
  if (last && GONE_HTTP.has(last.status)) return reading('gone', `HTTP ${last.status}`);
  if (request.mode === 'html') {
    if (!last || last.status < 200 || last.status >= 300) return reading('failed', last ? `HTTP ${last.status}` : 'no answer');
    if (plan.platform !== 'generic' && GONE_TEXT.test(text)) return reading('gone', 'the page says the post is gone');
    const counts: Reading['counts'] = {};
    for (const [name, fact] of Object.entries(visibleCounts(text).counts)) if (fact) counts[name] = { value: fact.value, raw: fact.raw ?? String(fact.value) };
    return reading('normal', null, { counts });
  }
  // api and page mode: the platform module reads what was answered.
  const answers = request.mode === 'page' ? exchanges.filter((x) => request.waitFor?.test(x.url)) : exchanges;
  const body = answers.length ? json(answers.at(-1)!) : null;
  if (plan.platform === 'weibo' && body) {
    if (body.ok === -100) return reading('login-needed', 'Weibo asks to log in (ok: -100)');
    if (body.ok === 0 || (body.ok === undefined && !body.id && !body.data)) {
      const msg = String(body.msg ?? body.message ?? '');
      return GONE_TEXT.test(msg) || /删除|不存在|权限|违规|屏蔽/.test(msg) ? reading('gone', `Weibo: ${msg || 'ok: 0'}`) : reading('failed', `Weibo answered ok: ${body.ok} ${msg}`.trim());
    }
  }
  if (plan.platform === 'bilibili' && body && typeof body.code === 'number' && body.code !== 0) {
    if (BILIBILI_BLOCKING.has(body.code)) return reading('blocked', `Bilibili code ${body.code} ${body.message ?? ''}`.trim());
    if (BILIBILI_GONE.has(body.code)) return reading('gone', `Bilibili code ${body.code} ${body.message ?? ''}`.trim());
    return reading('failed', `Bilibili code ${body.code} ${body.message ?? ''}`.trim());
  }
  if (plan.platform === 'douyin' && body && (body.aweme_detail === null || body.status_code && body.status_code !== 0)) {
    return reading('gone', `Douyin: ${body.filter_detail?.notice ?? body.filter_detail?.filter_reason ?? `status_code ${body.status_code}`}`);
  }
  const recorded: Recorded = {
    url: postUrl, finalUrl: postUrl, capturedAt: last?.at ?? new Date().toISOString(), dom: page?.dom ?? null, visibleText: text,
    responses: exchanges.map((x) => ({ url: x.url, status: x.status, mime: header(x, 'content-type') ?? 'application/octet-stream', body: x.body })),
  };
  const facts = await platformFor(new URL(postUrl)).extract(recorded);
  switch (facts.state.value) {
    case 'normal':
      return reading('normal', null, { counts: countsOf(facts), text: facts.text?.value ?? null, media: facts.media.map((m) => m.url) });
    case 'deleted-by-author': case 'removed-by-platform': case 'not-found': case 'unavailable':
      return reading('gone', facts.state.reason ?? facts.state.value);
    case 'login-wall':
      return reading('login-needed', facts.state.reason ?? 'the platform asks to log in');
    default:
      if (page && GONE_TEXT.test(text)) return reading('gone', 'the page says the post is gone');
      return reading('failed', answers.length ? 'the answer holds no post the platform module can read' : 'the page did not load the post\'s data');
  }
}

export function header(x: Exchange, name: string): string | undefined {
  return x.responseHeaders.find(([n]) => n.toLowerCase() === name)?.[1];
}
