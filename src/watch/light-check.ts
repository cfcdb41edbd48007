/**
 * A light check of a watched post: ask the platform for the post's state and counts the way its own page does
 * (platform-checks.ts), keep every request and response as WARC records, and say what the answer means — the post is
 * there (with its counts, text and media), gone, blocked, login needed, or the check failed. An unreachable site is a
 * failed check, recorded as such: never counts of zero.
 */
import { createHash } from 'node:crypto';
import { TOOL_NAME, TOOL_VERSION } from '../tool.js';
import { httpGet, warcRecords, type Exchange } from './http.js';
import type { PageChecker } from './page-check.js';
import { planFor, readAnswer, type CheckPlan, type CheckRequest, type ReadingState } from './platform-checks.js';

export type PostState = ReadingState;

export interface LightCheck {
  at: string;
  url: string;
  platform: string;
  /** api, page or html, and whether this was the second access mode. */
  mode: string;
  state: PostState;
  http: number | null;
  /** Each count with its parsed lower bound and the string shown. */
  counts: Record<string, { value: number; raw: string }>;
  text: string | null;
  media: string[];
  /** SHA-256 of the last answer's body (decoded). */
  bodySha256: string | null;
  bytes: number;
  error: string | null;
  ms: number;
  /** The requests made, each with its status and the SHA-256 of its body. */
  requests: { url: string; status: number; sha256: string }[];
  /** The WARC records of the check (gzip members), or null when nothing was answered. */
  warc: Buffer | null;
}

const MAX_REDIRECTS = 5;
const MAX_BYTES = 8 * 1024 * 1024;

/** Follows redirects (http and https only); a login's cookies are chosen for each request's own address. */
async function fetchFollowing(req: CheckRequest, timeoutMs: number, cookies: ((url: string) => Promise<string | null>) | null): Promise<Exchange[]> {
  const out: Exchange[] = [];
  let url = req.url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const cookie = cookies ? await cookies(url) : null;
    const x = await httpGet(url, cookie ? { ...req.headers, Cookie: cookie } : req.headers, { timeoutMs, maxBytes: MAX_BYTES });
    out.push(x);
    const location = x.responseHeaders.find(([n]) => n.toLowerCase() === 'location')?.[1];
    if (x.status < 300 || x.status >= 400 || !location) break;
    const next = new URL(location, url);
    if (next.protocol !== 'http:' && next.protocol !== 'https:') break;
    url = next.href;
  }
  return out;
}

/**
 * `cookies`: a saved login's Cookie header for a URL (api and html modes; each request gets its own address's). The
 * WARC keeps the cookies' names only, never their values, and the same for cookies the platform sets.
 */
export async function lightCheck(url: string, options: { second?: boolean; pages?: PageChecker; timeoutMs?: number; plan?: CheckPlan; cookies?: ((url: string) => Promise<string | null>) | null; access?: string } = {}): Promise<LightCheck> {
  const started = Date.now();
  const at = new Date(started).toISOString();
  const plan = options.plan ?? planFor(new URL(url));
  const req = options.second ? plan.second : plan.primary;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const base = { at, url, platform: plan.platform, mode: `${req?.mode ?? 'none'}${options.second ? ' (second access mode)' : ''}` };
  if (!req) return { ...base, state: 'failed', http: null, counts: {}, text: null, media: [], bodySha256: null, bytes: 0, error: 'no second access mode', ms: 0, requests: [], warc: null };
  let exchanges: Exchange[] = [];
  try {
    let page: { dom: string; text: string } | undefined;
    if (req.mode === 'page') {
      if (!options.pages) throw Object.assign(new Error('a page check needs the browser'), { code: 'E_NO_BROWSER' });
      const r = await options.pages.check(req, timeoutMs);
      exchanges = r.exchanges;
      page = { dom: r.dom, text: r.text };
    } else {
      exchanges = await fetchFollowing(req, timeoutMs, options.cookies ?? null);
    }
    const reading = await readAnswer(plan, req, url, exchanges, page);
    const last = exchanges.at(-1);
    return {
      ...base, state: reading.state, http: last?.status ?? null, counts: reading.state === 'normal' ? reading.counts : {}, text: reading.text, media: reading.media,
      bodySha256: last ? sha256(last.body) : null, bytes: exchanges.reduce((n, x) => n + x.rawBody.length, 0),
      error: reading.state === 'normal' ? null : reading.reason, ms: Date.now() - started,
      requests: exchanges.map((x) => ({ url: x.url, status: x.status, sha256: sha256(x.body) })),
      warc: exchanges.length ? await warcRecords(options.cookies ? exchanges.map(withoutSecrets) : exchanges, { software: `${TOOL_NAME} ${TOOL_VERSION}`, 'guzheng-watch-check': `${plan.platform} ${base.mode} of ${url}`, 'guzheng-access-mode': options.access ?? 'visitor' }) : null,
    };
  } catch (err) {
    const e = err as Error & { code?: string };
    return { ...base, state: 'failed', http: null, counts: {}, text: null, media: [], bodySha256: null, bytes: 0, error: e.code ?? e.message, ms: Date.now() - started,
      requests: exchanges.map((x) => ({ url: x.url, status: x.status, sha256: sha256(x.body) })), warc: null };
  }
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Cookie values (sent and set) replaced by a marker; the names stay, so that it shows a login was used. */
function withoutSecrets(x: Exchange): Exchange {
  const hide = (v: string) => v.split(/;\s*/).map((c) => c.replace(/=.*$/, '=[redacted]')).join('; ');
  return { ...x, requestHeaders: x.requestHeaders.map(([n, v]) => [n, /^cookie$/i.test(n) ? hide(v) : v]), responseHeaders: x.responseHeaders.map(([n, v]) => [n, /^set-cookie$/i.test(n) ? hide(v.split(';')[0]!) : v]) };
}
