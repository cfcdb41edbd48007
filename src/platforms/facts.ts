/** Building PostFacts: the empty record, sourced facts, JSON and response helpers shared by the modules. */
import type { CountName, Fact, PageState, PostFacts, Recorded, RecordedResponse } from './types.js';

export function emptyFacts(platform: string, r: Recorded): PostFacts {
  return {
    format: 'guzheng-post/1', platform, module: platform, state: { value: 'unknown', source: 'not determined' },
    postId: null, canonicalUrl: null, author: { name: null, id: null, profileUrl: null }, title: null,
    publishedAt: null, editedAt: null, ipLocation: null, text: null, media: [], counts: {}, countsReadAt: r.capturedAt,
    comments: [], reposts: [], checks: [], missing: [], notes: [], loggedIn: null,
  };
}

export function fact<T>(value: T | null | undefined, source: string, raw?: unknown): Fact<T> | null {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '') || (typeof value === 'number' && !Number.isFinite(value))) return null;
  return raw === undefined || raw === null ? { value, source } : { value, source, raw: String(raw) };
}

export function setState(f: PostFacts, value: PageState, source: string, reason?: string): void {
  f.state = reason ? { value, source, reason } : { value, source };
}

export function setCount(f: PostFacts, name: CountName, value: unknown, source: string): void {
  const n = parseCount(value);
  const c = fact(n, source, typeof value === 'string' ? value : undefined);
  if (c) f.counts[name] = c;
}

/** 7110 · "7110" · "3.9万" · "1.2亿" · "12,345" · "1.7M" · "979440" → a number; anything else → null. */
export function parseCount(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const s = v.trim().replace(/,/g, '');
  const m = /^(\d+(?:\.\d+)?)\s*(万|w|W|亿|k|K|m|M)?\+?$/.exec(s);
  if (!m) return null;
  const mult = { 万: 1e4, w: 1e4, W: 1e4, 亿: 1e8, k: 1e3, K: 1e3, m: 1e6, M: 1e6 }[m[2] as '万'] ?? 1;
  return Math.round(Number(m[1]) * mult);
}

/** Responses whose URL matches, newest last. */
export function responsesMatching(r: Recorded, re: RegExp): RecordedResponse[] {
  return r.responses.filter((x) => re.test(x.url) && x.status >= 200 && x.status < 300);
}

export function parseJson(res: RecordedResponse): any {
  try {
    return JSON.parse(res.body.toString('utf8').replace(/^\)\]\}',?\s*/, ''));
  } catch {
    return null;
  }
}

/** The main document as received (the first HTML response for the visited URL or where it led). */
export function mainDocument(r: Recorded): RecordedResponse | null {
  const urls = new Set([r.url, r.finalUrl].filter(Boolean) as string[]);
  return r.responses.find((x) => urls.has(x.url) && /html/.test(x.mime)) ?? r.responses.find((x) => /html/.test(x.mime)) ?? null;
}

export const warcSource = (res: RecordedResponse, path: string) => `WARC ${res.url} (${path})`;

/** Plain text from an HTML fragment (a post body): tags dropped, <br> as newlines, entities decoded. */
export function htmlToText(html: string): string {
  return html.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]+>/g, '').replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/[ \t]+\n/g, '\n').trim();
}

/** Lists the facts a module did not find, so the user sees plainly what is missing. */
export function listMissing(f: PostFacts): void {
  const want: [string, unknown][] = [['postId', f.postId], ['author.name', f.author.name], ['author.id', f.author.id], ['publishedAt', f.publishedAt],
    ['ipLocation', f.ipLocation], ['text', f.text]];
  f.missing = want.filter(([, v]) => v === null).map(([k]) => k);
  if (!Object.keys(f.counts).length) f.missing.push('counts');
}

/** The page as received (else the DOM snapshot), parsed, with how to name it as a source. */
export async function pageDocument(r: Recorded) {
  const doc = mainDocument(r);
  const html = doc ? doc.body.toString('utf8') : (r.dom ?? '');
  const src = doc ? `WARC ${doc.url}` : 'dom.html';
  const { parseHTML } = await import('linkedom');
  return { html, src, document: parseHTML(html).document };
}
