/**
 * A batch of captures sharing one browser process: each capture gets its own fresh context. If the browser dies,
 * the next capture starts a new one.
 */
import { asGuzhengError } from '../errors.js';
import type { CaptureStore } from '../vault/store.js';
import { findBrowser } from './browser/discover.js';
import { launchBrowser, type LaunchedBrowser } from './browser/launch.js';
import { SocksGate } from './egress/socks-gate.js';
import { prehash } from './environment/attest.js';
import { uuidv7 } from './ids.js';
import { captureOne, type CaptureResult } from './visit.js';
import type { LoggedEntry } from './log.js';
import { loadFactsLibraries } from './facts/page-facts.js';
import type { Manifest } from './manifest.js';
import type { CaptureOptions } from './options.js';
import { dualTime } from './time.js';
import { TOOL_NAME, TOOL_VERSION } from '../tool.js';

export interface CaptureOutcome {
  manifest: Manifest;
  dir: string;
  seal: CaptureResult['seal'];
  /** The vault item and case (null for captures written with --out, or not committed). */
  item: string | null;
  case: string | null;
}

/** Hears each capture's log entries as they are written: the index of its URL, its item id, the entry. */
export type CaptureProgress = (index: number, id: string, entry: LoggedEntry) => void;

/**
 * `ids`: the item id of each URL, when the caller fixed them beforehand (a queued job retried after a crash).
 * `browser`: a browser the caller keeps warm between calls (a worker's); else one is started for this batch and
 * closed after it.
 */
export async function captureUrls(urls: URL[], store: CaptureStore, options: CaptureOptions, onDone: (o: CaptureOutcome) => void, concurrency = 1,
  onProgress?: CaptureProgress, ids?: string[], browser?: LaunchedBrowser): Promise<CaptureOutcome[]> {
  if (browser) return captureWith(urls, store, options, onDone, concurrency, onProgress, ids, async () => browser);
  const found = findBrowser();
  // On an organisation's server, every connection goes through the egress gate (no private addresses).
  const gate = options.egress ? new SocksGate(options.egress) : undefined;
  await gate?.start();
  let launched: Promise<LaunchedBrowser> = launchBrowser(found, process.env, { gate });
  // Libraries needed later in each capture load while the browser starts.
  void Promise.all([import('warcio'), loadFactsLibraries()]).catch(() => undefined);
  const first = await launched;
  prehash(first);
  const browserFor = async (): Promise<LaunchedBrowser> => {
    const current = await launched;
    if (current.browser.isConnected()) return current;
    launched = launchBrowser(found, process.env, { gate });
    return launched;
  };
  try {
    return await captureWith(urls, store, options, onDone, concurrency, onProgress, ids, browserFor);
  } finally {
    await (await launched).browser.close().catch(() => undefined);
    await gate?.stop();
  }
}

async function captureWith(urls: URL[], store: CaptureStore, options: CaptureOptions, onDone: (o: CaptureOutcome) => void, concurrency: number,
  onProgress: CaptureProgress | undefined, ids: string[] | undefined, browserFor: () => Promise<LaunchedBrowser>): Promise<CaptureOutcome[]> {
  const outcomes: CaptureOutcome[] = new Array(urls.length);
  // Results are reported in the order the URLs were given, whatever order they finish in.
  let reported = 0;
  const report = () => {
    while (reported < urls.length && outcomes[reported]) onDone(outcomes[reported++]!);
  };
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const index = next++;
      const url = urls[index]!;
      const id = ids?.[index] ?? uuidv7();
      const slot = await store.begin(id, url);
      let outcome: CaptureOutcome;
      try {
        const result = await captureOne(id, url, slot.tmpDir, await browserFor(), options, onProgress && ((entry) => onProgress(index, id, entry)));
        outcome = { manifest: result.manifest, seal: result.seal, ...(await store.commit(slot, result)) };
      } catch (err) {
        const e = asGuzhengError(err);
        const now = dualTime(new Date());
        // Nothing is moved into place: the temporary folder stays where it is, without a manifest.
        outcome = { dir: slot.tmpDir, manifest: { format: 'guzheng-capture/1', id, status: 'FAILED', url: url.href, finalUrl: null,
          startedAt: now, endedAt: now, reasons: [], warnings: [], error: { code: e.code, zh: e.zh, en: e.en, detail: e.detail },
          tool: { name: TOOL_NAME, version: TOOL_VERSION }, files: [] }, seal: null, item: null, case: null };
      }
      outcomes[index] = outcome;
      report();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, urls.length)) }, worker));
  return outcomes;
}
