/** Steps that drive the browser: open a fresh profile, start the recorders, load, settle, scroll, close. */
import { readFile } from 'node:fs/promises';
import { REDACTION_NOTE, Secrets } from './redact.js';
import { join } from 'node:path';
import { TOOL_NAME, TOOL_VERSION } from '../tool.js';
import { WarcWriter } from './recorders/warc-writer.js';
import { NetworkRecorder } from './recorders/network.js';
import { VideoRecorder } from './recorders/video.js';
import { DocumentBodies } from './recorders/document-bodies.js';
import { BodyReader } from './recorders/body-reader.js';
import { OriginWatcher } from './facts/network-facts.js';
import { fetchPresentedChain, hostResolverRules } from './facts/tls-diagnostic.js';
import { startNetworkChecks, profileFreshness } from './environment/attest.js';
import { classifyLoadError } from './load-errors.js';
import { FatalVisitError } from './steps.js';
import { scrollThrough, waitQuiet, waitSettled } from './behaviours/scroll.js';
import { addReason, remainingMs, type RedirectHop, type Visit } from './visit-state.js';

export async function openProfile(v: Visit): Promise<string> {
  v.checks = startNetworkChecks(v.options, v.launched.flags);
  v.context = await v.launched.browser.newContext({
    viewport: v.options.viewport,
    ignoreHTTPSErrors: v.options.insecure,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    serviceWorkers: 'block',
    acceptDownloads: false,
    // A logged-in capture starts from the saved login (cookies, local storage); otherwise from nothing.
    ...(v.options.login ? { storageState: v.options.login.statePath } : {}),
  });
  v.page = await v.context.newPage();
  v.page.on('crash', () => (v.crashed = true));
  v.launched.browser.on('disconnected', () => (v.crashed = true));
  v.cdp = await v.context.newCDPSession(v.page);
  [v.freshness, v.userAgent] = await Promise.all([profileFreshness(v.context, v.cdp), v.page.evaluate(() => navigator.userAgent).catch(() => null)]);
  const f = v.freshness.value as { cookies: number; origins: number; extensionTargets: string[] };
  return `new isolated context: ${f.cookies} cookies, ${f.origins} origins with storage, ${f.extensionTargets.length} extension targets`;
}

export async function startRecorders(v: Visit): Promise<string> {
  if (v.options.login) {
    v.secrets = new Secrets();
    v.secrets.addStorageState(JSON.parse(await readFile(v.options.login.statePath, 'utf8')));
  }
  v.warc = new WarcWriter(join(v.dir, 'archive.warc.gz'), v.secrets ?? null);
  await v.warc.warcinfo('archive.warc.gz', {
    software: `${TOOL_NAME} ${TOOL_VERSION}`,
    format: 'WARC File Format 1.1',
    conformsTo: 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/',
    'browser': `Chromium ${v.launched.version}`,
    'browser-executable': v.launched.found.executable,
    'http-header-user-agent': v.userAgent ?? '',
    'guzheng-capture-id': v.id,
    'guzheng-target-url': v.url.href,
    'guzheng-body-note': 'Bodies are as the browser received them after removing content encoding; original Content-Encoding, Transfer-Encoding and Content-Length headers are kept as X-Guzheng-Orig-*.',
    ...(v.options.login ? { 'guzheng-login': `${v.options.login.platform}${v.options.login.account ? ` as ${v.options.login.account}` : ''} (saved ${v.options.login.savedAt})`, 'guzheng-redaction': REDACTION_NOTE } : {}),
  });
  const limits = { maxTotalBytes: v.options.maxTotalBytes, maxResourceBytes: v.options.maxResourceBytes };
  v.documentBodies = new DocumentBodies(v.cdp!);
  await v.documentBodies.start();
  const gate = v.launched.gate;
  const addressOf = gate ? (u: string) => gate.addressOf(u) : undefined;
  v.origins = new OriginWatcher(v.cdp!, addressOf);
  v.origins.start();
  const reader = new BodyReader(v.cdp!, limits);
  await reader.start();
  v.network = new NetworkRecorder(v.warc, limits, { documents: v.documentBodies, reader }, addressOf);
  v.network.attach(v.context!, v.cdp);
  v.network.targetUrl = v.url.href;
  if (v.options.video) {
    v.video = new VideoRecorder(v.cdp!, join(v.workDir, 'frames'), v.options.viewport);
    await v.video.start();
  }
  return v.options.video ? 'WARC, network, TLS and video recorders running' : 'WARC, network and TLS recorders running (no video)';
}

async function redirectChainOf(finalRequest: import('playwright-core').Request | null, fallback: import('playwright-core').Request[]): Promise<RedirectHop[]> {
  const chain: import('playwright-core').Request[] = [];
  for (let r = finalRequest; r; r = r.redirectedFrom()) chain.unshift(r);
  const list = chain.length ? chain : fallback;
  return Promise.all(list.map(async (r) => {
    const resp = await r.response().catch(() => null);
    return { url: r.url(), status: resp?.status() ?? null, location: resp ? (await resp.headerValue('location').catch(() => null)) : null };
  }));
}

export async function load(v: Visit): Promise<string> {
  const page = v.page!;
  const timeout = Math.min(v.options.loadTimeoutMs, remainingMs(v));
  try {
    v.mainResponse = await page.goto(v.url.href, { waitUntil: 'commit', timeout });
  } catch (err) {
    v.redirectChain = await redirectChainOf(null, v.network!.mainNavigation(page));
    const port = Number(v.url.port || (v.url.protocol === 'https:' ? 443 : 80));
    const refused = v.launched.gate?.refusalOf(v.url.hostname, port);
    const fatal = refused
      ? new FatalVisitError('E_SSRF', `拒绝访问：${v.url.hostname} 指向内部或保留地址（${refused.reason}），组织服务器不访问这些地址`,
        `Refused: ${v.url.hostname} points to an internal or reserved address (${refused.reason}); the organisation server does not reach such addresses`, refused.address ?? undefined)
      : classifyLoadError(err, v.url, timeout);
    // A navigation that timed out is still pending: stop it, as a person would, so the browser shows what it has.
    if (fatal.code === 'E_TIMEOUT') await v.cdp!.send('Page.stopLoading').catch(() => undefined);
    // The diagnostic connection would go around the egress gate: not on an organisation's server.
    if (fatal.code === 'E_TLS' && !v.launched.gate) {
      v.presentedCertificate = { ...(await fetchPresentedChain(v.url, v.dir, v.options.envCheckTimeoutMs, hostResolverRules(v.launched.flags))),
        how: 'a separate diagnostic TLS connection made after the browser refused the certificate (not the browser\'s own connection)' };
    }
    throw fatal;
  }
  v.loaded = v.mainResponse !== null;
  if (v.mainResponse) v.network!.targetUrl = v.mainResponse.url();
  v.redirectChain = await redirectChainOf(v.mainResponse?.request() ?? null, v.network!.mainNavigation(page));
  v.contentType = (await v.mainResponse?.headerValue('content-type').catch(() => null)) ?? null;
  v.isDocument = !v.contentType || /html|xml|^text\//i.test(v.contentType);
  const status = v.mainResponse?.status() ?? 0;
  if (status >= 400) {
    addReason(v.warnings, { code: 'W_HTTP_STATUS', zh: `页面返回 HTTP ${status}（仍已完整取证：错误页或“内容已删除”页本身也是证据）`,
      en: `The page answered HTTP ${status} (captured in full: an error or "content deleted" page is itself evidence)`, detail: String(status) });
  }
  if (v.options.insecure) {
    addReason(v.warnings, { code: 'W_INSECURE', zh: '用户选择了 --insecure：忽略了 HTTPS 证书错误', en: 'The user chose --insecure: HTTPS certificate errors were ignored' });
  }
  try {
    await page.waitForLoadState('load', { timeout: Math.min(v.options.loadTimeoutMs, remainingMs(v)) });
  } catch (err) {
    if (v.crashed) throw err;
    addReason(v.reasons, { code: 'E_TIMEOUT', zh: `页面在 ${Math.round(v.options.loadTimeoutMs / 1000)} 秒内没有加载完成，已记录到此为止的内容`,
      en: `The page did not finish loading within ${Math.round(v.options.loadTimeoutMs / 1000)} s; what had arrived is recorded`, detail: 'load event' });
    return `HTTP ${status}, ${v.contentType ?? 'no content type'}; load event not reached in time`;
  }
  return `HTTP ${status}, ${v.contentType ?? 'no content type'}, ${v.redirectChain.length - 1} redirect(s)`;
}

export async function waitNetworkIdle(v: Visit): Promise<string> {
  const started = Date.now();
  const until = v.deadline - Math.min(v.options.finishReserveMs, v.options.totalTimeoutMs / 4);
  const outcome = await waitSettled(v.network!, v.options.networkIdleQuietMs, v.options.networkStallMs, until);
  const waited = `${((Date.now() - started) / 1000).toFixed(1)} s`;
  if (outcome === 'idle') return `network idle after ${waited}`;
  return outcome === 'stalled'
    ? `nothing moved on the network for ${v.options.networkStallMs / 1000} s (${v.network!.openCount} request(s) open) after ${waited}; continuing`
    : `data still flowing after ${waited}, the most the time limit allows (${v.network!.openCount} request(s) open); continuing`;
}

export async function scroll(v: Visit): Promise<string> {
  const r = await scrollThrough(v.page!, v.network!, { maxScrolls: v.options.maxScrolls, scrollTimeoutMs: Math.min(v.options.scrollTimeoutMs, remainingMs(v)), maxPageHeight: v.options.maxPageHeight }, v.options.networkIdleQuietMs);
  v.layout.scrolls = r.scrolls;
  v.layout.scrollHeight = r.finalHeight;
  if (r.stoppedBecause !== 'bottom') {
    addReason(v.warnings, { code: 'W_SCROLL_BOUND', zh: `滚动在设定的上限处停止（${r.stoppedBecause}），页面可能还有更多内容`,
      en: `Scrolling stopped at its bound (${r.stoppedBecause}); the page may hold more content`, detail: `${r.scrolls} screens, ${r.finalHeight} px` });
  }
  return `${r.scrolls} screens, height ${r.finalHeight} px, stopped: ${r.stoppedBecause}`;
}

export async function returnToTop(v: Visit): Promise<string> {
  await v.page!.evaluate(() => window.scrollTo(0, 0));
  await waitQuiet(v.network!, v.options.networkIdleQuietMs, Math.min(2000, remainingMs(v)));
  return 'scrolled back to the top';
}

export async function closeProfile(v: Visit): Promise<string> {
  await v.video?.stop();
  // Answers already received are written as long as writing goes on (at least 15 s more even past the time limit).
  await v.network?.stop(Math.max(10_000, v.options.networkStallMs), Math.max(v.deadline, Date.now() + 15_000));
  await v.documentBodies?.stop();
  v.visitEndedAt = new Date();
  // Cookies and storage the site set during a logged-in visit are secrets too.
  if (v.secrets && v.context) v.secrets.addStorageState(await v.context.storageState().catch(() => ({ cookies: [], origins: [] })));
  await v.context?.close().catch(() => undefined);
  return `visit ended; ${v.network?.exchanges ?? 0} exchanges recorded, ${v.network?.failures.length ?? 0} failed or unanswered`;
}

/** What the egress gate refused during the visit, listed in the capture (an organisation's server only). */
export async function egressRefusals(v: Visit): Promise<string> {
  const refused = v.launched.gate!.take();
  if (!refused.length) return 'nothing refused';
  const list = refused.slice(0, 50).map((r) => `${r.host}:${r.port}${r.address ? ` → ${r.address}` : ''} (${r.reason})`).join('; ');
  addReason(v.warnings, { code: 'W_EGRESS_REFUSED', zh: `为防止访问内网，拒绝了 ${refused.length} 个指向内部或保留地址的连接`,
    en: `${refused.length} connection(s) to internal or reserved addresses were refused (no access to internal networks)`, detail: list + (refused.length > 50 ? `; … ${refused.length - 50} more` : '') });
  return `${refused.length} refused: ${list}`;
}
