/**
 * Capture: witness one or more web pages into a case of the vault (or a folder). Checks the request, refreshes a
 * saved login, runs the captures sharing one browser, and reports progress as events: each step of each capture as
 * it happens, each result, and earlier seals completed once a timestamp authority has answered.
 */
import { resolve } from 'node:path';
import { GuzhengError } from '../errors.js';
import { parseTargetUrl } from '../capture/url.js';
import { optionsFromEnv, resolveOptions, type CaptureOptions } from '../capture/options.js';
import { captureUrls, type CaptureOutcome } from '../capture/session.js';
import { tsaList } from '../seal/timestamp/tsa-list.js';
import { egressRules } from '../capture/egress/policy.js';
import { FolderStore } from '../vault/folder-store.js';
import type { CaptureStore, Interrupted } from '../vault/store.js';
import type { Vault } from '../vault/vault.js';

/** What a user asks for, as plain values (the CLI's flags, the app's form). */
export interface CaptureRequest {
  urls: unknown;
  video?: unknown;
  comments?: unknown;
  login?: unknown;
  insecure?: unknown;
  /** Page load timeout, seconds. */
  timeout?: unknown;
  /** Cap on recorded bytes, MB. */
  maxSize?: unknown;
  concurrency?: unknown;
}

export interface CapturePlan {
  urls: URL[];
  options: CaptureOptions;
  login: string | null;
  concurrency: number;
  /** The item id of each URL, fixed beforehand (the server's queued jobs); new ids when absent. */
  itemIds?: string[];
  /** A browser kept warm by the caller (a worker's), with its egress gate; else one is started for the plan. */
  browser?: import('../capture/browser/launch.js').LaunchedBrowser;
}

/** Measured on 2 cores (bench/capture): two pages at once give ~1.4× the throughput of one; more give nothing. */
export const DEFAULT_CONCURRENCY = 2;
const MAX_URLS = 100;

function positive(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new GuzhengError('E_USAGE', `${name} 需要一个正数，而不是“${String(value)}”`, `${name} needs a positive number, not "${String(value)}"`);
  return n;
}

/** Checks a request and turns it into what the capture runs with. Every bad value is an E_USAGE or E_URL_* error. */
export function planCapture(req: CaptureRequest, home: string): CapturePlan {
  const raw = typeof req.urls === 'string' ? [req.urls] : req.urls;
  if (!Array.isArray(raw) || raw.length === 0) throw new GuzhengError('E_USAGE', '请至少给出一个网址', 'Give at least one URL');
  if (raw.length > MAX_URLS) throw new GuzhengError('E_USAGE', `一次最多 ${MAX_URLS} 个网址`, `At most ${MAX_URLS} URLs at once`);
  const urls = raw.map((u) => {
    if (typeof u !== 'string') throw new GuzhengError('E_URL_INVALID', '网址应为文字', 'A URL must be text');
    return parseTargetUrl(u.trim());
  });
  const comments = req.comments === undefined || req.comments === null || req.comments === '' ? undefined : Number(req.comments);
  if (comments !== undefined && !(Number.isInteger(comments) && comments >= 0 && comments <= 1000)) {
    throw new GuzhengError('E_USAGE', `评论数应为 0 到 1000 的整数，收到“${String(req.comments)}”`, `The number of comments must be a whole number from 0 to 1000, got "${String(req.comments)}"`);
  }
  const timeout = positive(req.timeout, '--timeout');
  const maxSize = positive(req.maxSize, '--max-size');
  if (req.login !== undefined && req.login !== null && (typeof req.login !== 'string' || !/^[a-z0-9-]{1,40}$/.test(req.login))) {
    throw new GuzhengError('E_USAGE', `登录名称无效：“${String(req.login)}”`, `Not a login name: "${String(req.login)}"`);
  }
  const rules = egressRules();
  const options = resolveOptions(optionsFromEnv(), {
    seal: { home, tsas: tsaList(), timeoutMs: 15_000 },
    ...(rules ? { egress: rules } : {}),
    video: req.video === undefined ? true : Boolean(req.video),
    insecure: Boolean(req.insecure),
    ...(comments !== undefined ? { comments } : {}),
    ...(timeout ? { loadTimeoutMs: timeout * 1000, totalTimeoutMs: Math.max(120_000, timeout * 4000) } : {}),
    ...(maxSize ? { maxTotalBytes: Math.round(maxSize * 1024 * 1024), maxResourceBytes: Math.round(maxSize * 1024 * 1024) } : {}),
  });
  return { urls, options, login: (req.login as string | undefined) ?? null, concurrency: Math.floor(positive(req.concurrency, '--concurrency') ?? DEFAULT_CONCURRENCY) };
}

export type CaptureEvent =
  | { type: 'interrupted'; capture: Interrupted }
  | { type: 'started'; index: number; item: string; url: string }
  | { type: 'step'; index: number; item: string; name: string; outcome: 'ok' | 'failed' | 'skipped'; detail?: string }
  | { type: 'done'; index: number; outcome: CaptureOutcome }
  | { type: 'seal-completed'; item: string; state: string };

/**
 * Where the captures go: a case of an open vault (the vault stays open), or a folder outside it. `wrap` lets the
 * server's worker wait out a store that cannot be reached (see src/server/patient-store.ts).
 */
export type CaptureTarget = { vault: Vault; caseId: string; wrap?: (store: CaptureStore) => CaptureStore } | { folder: string };

async function storeFor(target: CaptureTarget): Promise<CaptureStore> {
  if ('folder' in target) return new FolderStore(resolve(target.folder));
  const { VaultStore } = await import('../vault/vault-store.js');
  const store = new VaultStore(target.vault, target.caseId);
  return target.wrap ? target.wrap(store) : store;
}

/**
 * Runs the plan. `reportInterrupted`: first mark captures of processes that died as interrupted (a CLI run does this;
 * the app does it once when it starts).
 */
export async function capture(plan: CapturePlan, target: CaptureTarget, home: string, emit: (e: CaptureEvent) => void,
  options: { reportInterrupted?: boolean } = {}): Promise<CaptureOutcome[]> {
  if (plan.login) {
    const [{ loadLogin, refreshFromProfile }, { findBrowser }, { launchPersistent }] = await Promise.all([import('../vault/logins.js'), import('../capture/browser/discover.js'), import('../capture/browser/launch.js')]);
    plan.options.login = await refreshFromProfile(home, await loadLogin(home, plan.login), async (copy) => {
      const context = await launchPersistent(findBrowser(), copy);
      try {
        return await context.storageState();
      } finally {
        await context.close();
      }
    });
  }
  const store = await storeFor(target);
  try {
    if (options.reportInterrupted) for (const r of (await store.markInterrupted?.()) ?? []) emit({ type: 'interrupted', capture: r });
    // captureUrls reports results in the order the URLs were given.
    let reported = 0;
    const outcomes = await captureUrls(plan.urls, store, plan.options, (o) => emit({ type: 'done', index: reported++, outcome: o }), plan.concurrency,
      (index, item, entry) => {
        if (entry.type === 'capture' && entry.event === 'start') emit({ type: 'started', index, item, url: plan.urls[index]!.href });
        if (entry.type === 'step') emit({ type: 'step', index, item, name: entry.name, outcome: entry.outcome, ...(entry.detail ? { detail: entry.detail } : {}) });
      }, plan.itemIds, plan.browser);
    // A capture that got a timestamp shows the TSAs are reachable: complete the seals of earlier captures that wait.
    if (store.completePendingSeals && plan.options.seal && outcomes.some((o) => o.seal?.state === 'timestamped')) {
      for (const done of await store.completePendingSeals(plan.options.seal)) emit({ type: 'seal-completed', item: done.item, state: done.state });
    }
    return outcomes;
  } finally {
    await store.close();
  }
}
