/**
 * A light check of a watched page: one request, the way a visitor's browser asks for the page, and what its answer
 * says — the state (there, gone, blocked, or the check failed) and the counts shown in its visible text. An
 * unreachable site is a failed check, recorded as such: never counts of zero. The answer's hash is kept with the
 * observation. (Platform pages whose counts need the platform's own scripts are checked by a full capture instead.)
 */
import { createHash } from 'node:crypto';
import { visibleCounts } from '../platforms/visible-counts.js';
import { TOOL_NAME, TOOL_VERSION } from '../tool.js';

export type PostState = 'normal' | 'gone' | 'blocked' | 'failed';

export interface LightCheck {
  at: string;
  url: string;
  state: PostState;
  http: number | null;
  /** Each count with its parsed lower bound and the string shown. */
  counts: Record<string, { value: number; raw: string }>;
  bodySha256: string | null;
  bytes: number;
  error: string | null;
  ms: number;
}

/** The answers platforms give when they stop a visitor (rate limits, anti-bot pages): a check that says nothing of the post. */
const BLOCKING = new Set([403, 412, 418, 429, 432, 461]);
const GONE = new Set([404, 410]);
const CAPTCHA = /captcha|验证码|安全验证|访问过于频繁|请求过于频繁/i;

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

export async function lightCheck(url: string, timeoutMs = 20_000): Promise<LightCheck> {
  const started = Date.now();
  const at = new Date(started).toISOString();
  try {
    const res = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(timeoutMs),
      headers: { 'User-Agent': `Mozilla/5.0 (compatible; ${TOOL_NAME}/${TOOL_VERSION}; evidence watch)`, 'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.5' } });
    const body = Buffer.from(await res.arrayBuffer());
    const text = /html|text/.test(res.headers.get('content-type') ?? 'text/html') ? body.toString('utf8') : '';
    const state: PostState = GONE.has(res.status) ? 'gone' : BLOCKING.has(res.status) || CAPTCHA.test(text.slice(0, 4000)) ? 'blocked' : res.ok ? 'normal' : 'failed';
    const counts: LightCheck['counts'] = {};
    if (state === 'normal') {
      for (const [name, fact] of Object.entries(visibleCounts(visibleText(text)).counts)) {
        if (fact) counts[name] = { value: fact.value, raw: fact.raw ?? String(fact.value) };
      }
    }
    return { at, url, state, http: res.status, counts, bodySha256: createHash('sha256').update(body).digest('hex'), bytes: body.length,
      error: state === 'failed' ? `HTTP ${res.status}` : null, ms: Date.now() - started };
  } catch (err) {
    // fetch says "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, a timeout…) is in its cause.
    const e = err as Error & { cause?: { code?: string; message?: string; errors?: { code?: string }[] } };
    const why = e.cause?.code ?? e.cause?.errors?.[0]?.code ?? (e.name === 'TimeoutError' ? 'ETIMEDOUT' : null) ?? e.cause?.message ?? e.message;
    return { at, url, state: 'failed', http: null, counts: {}, bodySha256: null, bytes: 0, error: why, ms: Date.now() - started };
  }
}
