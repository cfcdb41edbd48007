/**
 * Response bodies, read through our own CDP session.
 *
 * Playwright's session keeps bodies in Chromium's inspector cache with default limits (about 10 MB a resource), so a
 * larger body — a post's video, say — would be evicted before it can be read. This session asks Chromium to keep
 * bodies up to the capture's own per-response limit. A body is read when the network recorder asks for it (so this
 * process never holds more bodies than the recorder is writing); the recorder asks by URL, and for one URL loaded
 * several times, the first finished is the first taken.
 */
import type { CDPSession } from 'playwright-core';

export class BodyReader {
  private readonly byRequest = new Map<string, string>();
  private readonly finished = new Map<string, string[]>();
  private readonly waiters = new Map<string, (() => void)[]>();

  constructor(private readonly cdp: CDPSession, private readonly limits: { maxResourceBytes: number; maxTotalBytes: number }) {}

  async start(): Promise<void> {
    this.cdp.on('Network.responseReceived', (e) => this.byRequest.set(e.requestId, e.response.url));
    this.cdp.on('Network.loadingFinished', (e) => {
      const url = this.byRequest.get(e.requestId);
      if (!url || !/^https?:/.test(url)) return;
      const list = this.finished.get(url) ?? [];
      list.push(e.requestId);
      this.finished.set(url, list);
      for (const w of this.waiters.get(url) ?? []) w();
      this.waiters.delete(url);
    });
    const resource = Math.min(this.limits.maxResourceBytes, 2 ** 31 - 1);
    const total = Math.min(2 ** 31 - 1, Math.max(resource, Math.min(this.limits.maxTotalBytes, 2 * resource)));
    await this.cdp.send('Network.enable', { maxResourceBufferSize: resource, maxTotalBufferSize: total });
  }

  /** The body of the next finished response for this URL; waits briefly for this session's event if it lags. */
  async take(url: string, waitMs = 300): Promise<Buffer | undefined> {
    if (!this.finished.get(url)?.length) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        const list = this.waiters.get(url) ?? [];
        list.push(() => { clearTimeout(timer); resolve(); });
        this.waiters.set(url, list);
      });
    }
    const requestId = this.finished.get(url)?.shift();
    if (!requestId) return undefined;
    try {
      const { body, base64Encoded } = await this.cdp.send('Network.getResponseBody', { requestId });
      return Buffer.from(body, base64Encoded ? 'base64' : 'utf8');
    } catch {
      return undefined; // evicted or never kept: the recorder tries the next source
    }
  }
}
