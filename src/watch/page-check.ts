/**
 * A light check inside the post's own page, for platforms whose public JSON answer needs the platform's signing code
 * (Douyin's a_bogus, Bilibili's dynamics): the real browser opens the page and the platform's own JavaScript signs and
 * sends the request; guzheng keeps the page's document and that answer (as WARC records) and reads the answer. No
 * screenshot, video or full WARC: that is what the full capture is for. One browser serves a whole run of checks.
 */
import type { Browser, Response } from 'playwright-core';
import type { CheckRequest } from './platform-checks.js';
import { visibleText } from './platform-checks.js';
import type { Exchange } from './http.js';
import { egressRules } from '../capture/egress/policy.js';
import { SocksGate } from '../capture/egress/socks-gate.js';

export class PageChecker {
  private browser: Promise<Browser> | null = null;
  private gate: SocksGate | null = null;

  private async open(): Promise<Browser> {
    this.browser ??= (async () => {
      const [{ findBrowser }, { launchBrowser }] = await Promise.all([import('../capture/browser/discover.js'), import('../capture/browser/launch.js')]);
      // On an organisation's server, the page's connections go through an egress gate, as a capture's do.
      const rules = egressRules();
      if (rules) {
        this.gate = new SocksGate(rules);
        await this.gate.start();
      }
      return (await launchBrowser(findBrowser(), process.env, { gate: this.gate ?? undefined })).browser;
    })();
    return this.browser;
  }

  async check(req: CheckRequest, timeoutMs: number): Promise<{ exchanges: Exchange[]; dom: string; text: string }> {
    const browser = await this.open();
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
    const kept: Promise<Exchange | null>[] = [];
    try {
      const page = await context.newPage();
      let main = true;
      page.on('response', (res) => {
        const isMain = main && res.request().isNavigationRequest() && res.frame() === page.mainFrame();
        if (isMain || req.waitFor?.test(res.url())) kept.push(toExchange(res));
        if (isMain && res.status() < 300) main = false;
      });
      const answered = req.waitFor ? page.waitForResponse((r) => req.waitFor!.test(r.url()), { timeout: timeoutMs }).catch(() => null) : Promise.resolve(null);
      await page.goto(req.url, { waitUntil: 'domcontentloaded', timeout: timeoutMs }).catch(() => null);
      await answered;
      // The page renders what its answer holds; a short wait lets the visible text follow.
      await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => undefined);
      const dom = await page.content().catch(() => '');
      const exchanges = (await Promise.all(kept)).filter((x): x is Exchange => x !== null);
      return { exchanges, dom, text: visibleText(dom) };
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    if (!this.browser) return;
    const b = await this.browser.catch(() => null);
    this.browser = null;
    await b?.close().catch(() => undefined);
    await this.gate?.stop();
    this.gate = null;
  }
}

/** A response as the browser saw it. Its body comes decoded, so the header that named the encoding is kept renamed. */
async function toExchange(res: Response): Promise<Exchange | null> {
  try {
    const req = res.request();
    const body = await res.body().catch(() => Buffer.alloc(0));
    const url = new URL(res.url());
    const requestHeaders = (await req.headersArray()).map(({ name, value }) => [name, value] as [string, string]);
    const responseHeaders = (await res.headersArray()).map(({ name, value }) => [/^(content-encoding|transfer-encoding|content-length)$/i.test(name) ? `X-Original-${name}` : name, value] as [string, string]);
    const addr = await res.serverAddr().catch(() => null);
    const timing = req.timing();
    return { url: res.url(), at: new Date(timing.startTime > 0 ? timing.startTime : Date.now()).toISOString(), requestLine: `${req.method()} ${url.pathname}${url.search} HTTP/1.1`,
      requestHeaders, status: res.status(), statusText: res.statusText(), responseHeaders, rawBody: body, body, ip: addr?.ipAddress ?? null, truncated: false };
  } catch {
    return null;
  }
}
