/**
 * A worker's warm browsers: one per capture it runs at once, each behind its own egress gate, kept between jobs
 * (starting a browser costs about a second; a batch on one machine shares one too). A browser that crashed is
 * closed and replaced at the next job.
 */
import { findBrowser } from '../capture/browser/discover.js';
import { launchBrowser, type LaunchedBrowser } from '../capture/browser/launch.js';
import type { AllowList } from '../capture/egress/addresses.js';
import { SocksGate } from '../capture/egress/socks-gate.js';

export class BrowserPool {
  private readonly idle: LaunchedBrowser[] = [];
  private readonly all = new Set<LaunchedBrowser>();

  constructor(private readonly allow: AllowList) {}

  async acquire(): Promise<LaunchedBrowser> {
    while (this.idle.length) {
      const b = this.idle.pop()!;
      if (b.browser.isConnected()) return b;
      await this.dispose(b);
    }
    const gate = new SocksGate(this.allow);
    await gate.start();
    try {
      const b = await launchBrowser(findBrowser(), process.env, { gate });
      this.all.add(b);
      return b;
    } catch (err) {
      await gate.stop();
      throw err;
    }
  }

  release(b: LaunchedBrowser): void {
    b.gate?.take();
    if (b.browser.isConnected()) this.idle.push(b);
    else void this.dispose(b);
  }

  private async dispose(b: LaunchedBrowser): Promise<void> {
    this.all.delete(b);
    await b.browser.close().catch(() => undefined);
    await b.gate?.stop();
  }

  async close(): Promise<void> {
    await Promise.all([...this.all].map((b) => this.dispose(b)));
    this.idle.length = 0;
  }
}
