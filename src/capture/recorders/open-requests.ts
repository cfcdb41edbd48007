/**
 * Requests still open when a visit ends. Each is named in the manifest; whether that is normal decides whether it
 * makes the capture PARTIAL (a picture, script or API answer that never arrived) or is a warning (a stream that
 * never ends by design, an analytics beacon, a long poll, a video the player was still buffering).
 */
import type { Reason } from '../manifest.js';

export interface OpenRequest {
  url: string;
  method: string;
  /** The browser's resource type: document, image, script, xhr, fetch, media, eventsource, ping… */
  type: string;
  /** How long it had been open when the visit ended (ms). */
  openMs: number;
  /** The response had arrived, but its body was still waiting to be read when the visit ended. */
  answered: boolean;
  /** True when being left open is normal for such a request. */
  expected: boolean;
  /** Why, in English (the manifest's reasons carry the Chinese summary). */
  why: string;
}

/** Hosts of analytics, error reporting and advertising, whose requests often stay open or are fire-and-forget. */
const BEACON_HOSTS = /(^|\.)(hm\.baidu\.com|cnzz\.com|umeng\.com|google-analytics\.com|googletagmanager\.com|doubleclick\.net|sentry\.io|growingio\.com|sensorsdata\.cn|mmstat\.com|log\.mmstat\.com|beacon\.qq\.com|pingjs\.qq\.com|bdstatic\.com|clarity\.ms|hotjar\.com)$/i;

/** An XHR or fetch open this long is taken for a long poll (a request the server answers only when there is news). */
export const LONG_POLL_MS = 20_000;

/**
 * `handedToPlayer`: the page's own URL is a video, audio or PDF file, whose answer the browser gave to its player or
 * PDF viewer instead of finishing the request; the file itself is kept (saveTarget says if whole).
 */
export function describeOpen(r: { url: string; method: string; resourceType: string; openMs: number; answered: boolean; handedToPlayer?: boolean }): OpenRequest {
  const base = { url: r.url, method: r.method, type: r.resourceType, openMs: r.openMs, answered: r.answered };
  if (r.handedToPlayer) return { ...base, expected: true, why: 'the page\'s own file (video, audio or PDF), handed by the browser to its player or viewer; the file itself is kept (target.*)' };
  let host = '';
  try { host = new URL(r.url).hostname; } catch { /* recorded requests are http(s) */ }
  if (r.answered) return { ...base, expected: false, why: 'the response arrived but its body was still being read when the visit ended' };
  if (r.resourceType === 'eventsource') return { ...base, expected: true, why: 'a server-sent event stream, which stays open by design' };
  if (r.resourceType === 'ping' || r.resourceType === 'beacon') return { ...base, expected: true, why: 'a beacon (sendBeacon or <a ping>), which no one waits for' };
  if (BEACON_HOSTS.test(host)) return { ...base, expected: true, why: `an analytics or reporting service (${host})` };
  if ((r.resourceType === 'xhr' || r.resourceType === 'fetch') && r.openMs >= LONG_POLL_MS) return { ...base, expected: true, why: `open for ${Math.round(r.openMs / 1000)} s: most likely a long poll or a streaming answer` };
  if (r.resourceType === 'media') return { ...base, expected: true, why: 'a video or audio stream the player was still buffering; post.json says whether each media file is whole' };
  return { ...base, expected: false, why: 'its answer had not arrived when the visit ended' };
}

const list = (xs: OpenRequest[], n = 8) => xs.slice(0, n).map((x) => `${x.method} ${x.url.length > 160 ? `${x.url.slice(0, 157)}…` : x.url} (${x.type})`).join('; ') + (xs.length > n ? `; and ${xs.length - n} more (manifest openRequests)` : '');

/** The manifest's reason (missing answers: PARTIAL) and warning (normal ones), each naming the requests. */
export function openRequestReasons(open: OpenRequest[]): { reason: Reason | null; warning: Reason | null } {
  const missing = open.filter((o) => !o.expected);
  const normal = open.filter((o) => o.expected);
  return {
    reason: missing.length ? { code: 'E_OPEN_REQUESTS', zh: `访问结束时仍有 ${missing.length} 个请求没有完成，它们的响应没有记入 WARC（逐一列在 manifest 的 openRequests 中）`,
      en: `${missing.length} request(s) were still open when the visit ended; their responses are not in the WARC (each is listed in the manifest's openRequests)`, detail: list(missing) } : null,
    warning: normal.length ? { code: 'W_OPEN_REQUESTS_NORMAL', zh: `访问结束时有 ${normal.length} 个通常不会结束的请求仍在进行（统计、长连接、事件流或正在缓冲的视频），已逐一列出`,
      en: `${normal.length} request(s) that normally stay open (analytics, long polls, event streams, buffering video) were still open when the visit ended; each is listed`, detail: list(normal) } : null,
  };
}
