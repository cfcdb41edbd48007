/**
 * When the page itself is a PDF (or another file the browser shows in a viewer), Chromium hands its viewer the
 * bytes and gives every client a small wrapper page instead. To keep the file as received, top-level documents
 * that are not HTML are paused at the response stage (CDP Fetch) and their body is read there, before the viewer.
 * HTML is never held (slow pages stream on), and neither is audio or video (they stream in ranges).
 */
import type { CDPSession } from 'playwright-core';

const PASS_THROUGH = /html|xml|^text\/|^video\/|^audio\//i;

export class DocumentBodies {
  private readonly bodies = new Map<string, Buffer>();
  /** URLs whose answer reached the browser and was held here for its body (the body may still be being read). */
  private readonly held = new Set<string>();

  constructor(private readonly cdp: CDPSession) {}

  async start(): Promise<void> {
    this.cdp.on('Fetch.requestPaused', (e) => void this.paused(e));
    await this.cdp.send('Fetch.enable', { patterns: [{ resourceType: 'Document', requestStage: 'Response' }] });
  }

  /** Whether an answer for the URL reached the browser and was held for the viewer (its body read here, or being read). */
  arrived(url: string): boolean {
    return this.held.has(url);
  }

  /** The body as received from the network, when the browser would otherwise give a viewer's wrapper. */
  get(url: string): Buffer | undefined {
    return this.bodies.get(url);
  }

  async stop(): Promise<void> {
    await this.cdp.send('Fetch.disable').catch(() => undefined);
  }

  private async paused(e: { requestId: string; request: { url: string }; responseStatusCode?: number; responseHeaders?: { name: string; value: string }[] }): Promise<void> {
    const type = e.responseHeaders?.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '';
    const status = e.responseStatusCode ?? 0;
    try {
      if (status >= 200 && status < 300 && type && !PASS_THROUGH.test(type)) {
        this.held.add(e.request.url);
        const { body, base64Encoded } = await this.cdp.send('Fetch.getResponseBody', { requestId: e.requestId });
        this.bodies.set(e.request.url, Buffer.from(body, base64Encoded ? 'base64' : 'utf8'));
      }
    } catch {
      /* the body could not be read here: the recorder keeps what the browser gives */
    } finally {
      await this.cdp.send('Fetch.continueRequest', { requestId: e.requestId }).catch(() => undefined);
    }
  }
}
