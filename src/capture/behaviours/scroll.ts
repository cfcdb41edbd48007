/**
 * Scroll through lazy and infinite content, within bounds: at most maxScrolls screens, scrollTimeoutMs in all, and
 * no further once the page is maxPageHeight tall. After each screen, wait briefly for the content it triggered.
 */
import type { Page } from 'playwright-core';
import type { NetworkRecorder } from '../recorders/network.js';

export interface ScrollBounds {
  maxScrolls: number;
  scrollTimeoutMs: number;
  maxPageHeight: number;
}

export interface ScrollResult {
  scrolls: number;
  finalHeight: number;
  stoppedBecause: 'bottom' | 'max-scrolls' | 'time' | 'max-height';
}

/** Waits at most maxMs for the network to go quiet (quietMs without an open request); true when it did. */
export async function waitQuiet(network: NetworkRecorder, quietMs: number, maxMs: number): Promise<boolean> {
  return (await waitSettled(network, quietMs, Infinity, Date.now() + maxMs)) === 'idle';
}

/**
 * Waits for the network to go quiet (quietMs without an open request) for as long as something moves: it gives up
 * when nothing has moved for stallMs, or at untilMs.
 */
export async function waitSettled(network: NetworkRecorder, quietMs: number, stallMs: number, untilMs: number): Promise<'idle' | 'stalled' | 'time'> {
  for (;;) {
    if (network.quietForMs >= quietMs) return 'idle';
    if (network.stalledForMs >= stallMs) return 'stalled';
    if (Date.now() >= untilMs) return 'time';
    await new Promise((r) => setTimeout(r, 50));
  }
}

const metrics = (page: Page) => page.evaluate(() => ({
  height: Math.max(document.documentElement.scrollHeight, document.body?.scrollHeight ?? 0),
  y: window.scrollY,
  viewport: window.innerHeight,
}));

export async function scrollThrough(page: Page, network: NetworkRecorder, bounds: ScrollBounds, quietMs: number): Promise<ScrollResult> {
  const until = Date.now() + bounds.scrollTimeoutMs;
  let scrolls = 0;
  let lastScrollAt = 0;
  let m = await metrics(page);
  for (;;) {
    if (m.height >= bounds.maxPageHeight) return { scrolls, finalHeight: m.height, stoppedBecause: 'max-height' };
    if (scrolls >= bounds.maxScrolls) return { scrolls, finalHeight: m.height, stoppedBecause: 'max-scrolls' };
    if (Date.now() >= until) return { scrolls, finalHeight: m.height, stoppedBecause: 'time' };
    const atBottom = m.y + m.viewport >= m.height - 2;
    if (atBottom) {
      // At the bottom: give lazy content one chance to arrive before concluding. The network being quiet counts only
      // from the last scroll on: under load the page may not yet have asked for what the scroll should bring.
      const sinceScroll = Date.now() - lastScrollAt;
      if (sinceScroll < quietMs) await new Promise((r) => setTimeout(r, quietMs - sinceScroll));
      await waitQuiet(network, quietMs, Math.min(1500, Math.max(0, until - Date.now())));
      const after = await metrics(page);
      if (after.height <= m.height) return { scrolls, finalHeight: after.height, stoppedBecause: 'bottom' };
      m = after;
      continue;
    }
    // Scroll, and return once the page has had its scroll event (dispatched before the next animation frame's
    // callbacks), so the requests it makes have begun; at most 500 ms if no frame comes.
    await page.evaluate(() => new Promise<void>((done) => {
      window.scrollBy(0, window.innerHeight);
      requestAnimationFrame(() => setTimeout(done, 0));
      setTimeout(done, 500);
    }));
    scrolls++;
    lastScrollAt = Date.now();
    await new Promise((r) => setTimeout(r, 100));
    await waitQuiet(network, quietMs, Math.min(1500, Math.max(0, until - Date.now())));
    m = await metrics(page);
  }
}
