/**
 * guzheng worker: takes captures and exports from the queue and does them, with the vault's stores (PostgreSQL and
 * the bucket). Any number run, on any number of machines. At least once delivery, exactly once evidence: a capture's
 * item id is fixed when it is queued; the item, its files and custody events are committed in one transaction, and
 * only then is the job completed. A job given again (its worker died) finds its item committed and only finishes
 * the job, or finds it unfinished and captures again under the same id; it never makes a second item.
 */
import { hostname, freemem, totalmem } from 'node:os';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type PgBoss from 'pg-boss';
import { asGuzhengError } from '../errors.js';
import { capture, planCapture } from '../actions/capture.js';
import { exportEvidence } from '../actions/packages.js';
import type { JobStep } from '../app/jobs.js';
import { withActor } from '../vault/custody.js';
import type { JobsTable } from '../vault/schema.js';
import { Vault, type VaultOptions } from '../vault/vault.js';
import { openQueue, QUEUES, queueSettings, type QueueSettings } from './queue.js';
import { patientStore } from './patient-store.js';
import { patiently } from './transient.js';
import { parseAllowList, type AllowList } from '../capture/egress/addresses.js';
import { BrowserPool } from './browsers.js';
import { startWatchTicks } from './watch-loop.js';
import { useEgressRules } from '../capture/egress/policy.js';
import { keySecret, orgKeyHome } from '../identity/org-keys.js';

/** About what one capture (a browser and its recording) needs; the default concurrency fits the machine's memory. */
const MEMORY_PER_CAPTURE = 700 * 1024 * 1024;

export function defaultConcurrency(): number {
  return Math.max(1, Math.min(4, Math.floor(Math.min(freemem(), totalmem() / 2) / MEMORY_PER_CAPTURE)));
}

export interface WorkerOptions {
  home: string;
  vault: VaultOptions;
  concurrency: number;
  log?: (line: string) => void;
}

export interface RunningWorker {
  name: string;
  vault: Vault;
  stop(): Promise<void>;
}

const FINISHED = new Set(['done', 'failed']);

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const settings = queueSettings();
  const secret = keySecret();
  const log = options.log ?? (() => undefined);
  const vault = await Vault.open(options.home, options.vault);
  const boss = await openQueue(options.vault.db!, settings, (err) => log(`queue: ${err.message}`));
  const name = `${hostname()}:${process.pid}`;
  // Every connection of a capture goes through its browser's egress gate: no internal addresses (GUZHENG_SSRF_ALLOW opens some).
  const allow = parseAllowList(process.env.GUZHENG_SSRF_ALLOW);
  const browsers = new BrowserPool(allow);
  useEgressRules(allow);
  const ctx = { vault, home: options.home, settings, name, log, secret, allow, browsers };
  const workers: string[] = [];
  for (let i = 0; i < options.concurrency; i++) {
    workers.push(await boss.work<{ job: string }>(QUEUES.capture, { batchSize: 1, pollingIntervalSeconds: settings.pollingSeconds }, async ([job]) => runCapture(ctx, job!)));
  }
  const signingHome = async (caseId: string) => {
    const row = await vault.db.selectFrom('cases').select('org_id').where('id', '=', caseId).executeTakeFirstOrThrow();
    return orgKeyHome(vault, options.home, row.org_id!, secret);
  };
  const stopWatching = startWatchTicks(vault, options.vault.db!, signingHome, log);
  workers.push(await boss.work<{ job: string }>(QUEUES.export, { batchSize: 1, pollingIntervalSeconds: settings.pollingSeconds }, async ([job]) => runExport(ctx, job!)));
  return {
    name, vault,
    async stop() {
      await stopWatching();
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 }).catch(() => undefined);
      await browsers.close();
      await vault.close();
    },
  };
}

interface Ctx { vault: Vault; home: string; settings: QueueSettings; name: string; log: (line: string) => void; secret: string; allow: AllowList; browsers: BrowserPool }

async function update(vault: Vault, id: string, change: Partial<JobsTable>): Promise<void> {
  await patiently(() => vault.db.updateTable('jobs').set({ ...change, updated_at: new Date().toISOString() }).where('id', '=', id).execute(), Date.now() + 120_000);
}

async function load(vault: Vault, id: string): Promise<JobsTable | undefined> {
  return patiently(() => vault.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst(), Date.now() + 120_000);
}

async function runCapture(ctx: Ctx, pgJob: PgBoss.Job<{ job: string }>): Promise<void> {
  const { vault } = ctx;
  const row = await load(vault, pgJob.data.job);
  if (!row || FINISHED.has(row.state) || !row.item_id || !row.url) return;
  // Delivered again after a crash: the item may be committed already (then only the job is finished), or half made.
  const item = await vault.db.selectFrom('items').select(['status', 'seal_state']).where('id', '=', row.item_id).executeTakeFirst();
  if (item && !['capturing', 'interrupted'].includes(item.status)) {
    await update(vault, row.id, { state: item.status === 'FAILED' ? 'failed' : 'done', result: JSON.stringify({ status: item.status, seal: item.seal_state, item: row.item_id, recovered: true }) });
    return;
  }
  if (item) await vault.db.deleteFrom('items').where('id', '=', row.item_id).where('status', 'in', ['capturing', 'interrupted']).execute();
  const steps: JobStep[] = JSON.parse(row.steps);
  await update(vault, row.id, { state: 'running', attempts: row.attempts + 1, worker: ctx.name });
  const payload = JSON.parse(row.payload) as { video?: boolean; comments?: number };
  const plan = planCapture({ urls: [row.url], video: payload.video ?? false, comments: payload.comments }, ctx.home);
  plan.itemIds = [row.item_id];
  plan.concurrency = 1;
  // Every connection of the capture goes through the egress gate of the worker's browser: no internal addresses.
  plan.options.egress = ctx.allow;
  // Sealed with the organisation's key, whichever machine this is.
  if (plan.options.seal) plan.options.seal = { ...plan.options.seal, home: await orgKeyHome(vault, ctx.home, row.org_id, ctx.secret) };
  // Waiting for a store ends before the queue would give the job to another worker.
  const deadline = Date.now() + ctx.settings.captureExpireSeconds * 900;
  let writes = Promise.resolve();
  let savedAt = 0;
  const save = (change: Partial<JobsTable>) => (writes = writes.then(() => update(vault, row.id, change)).catch(() => undefined));
  const wrap = (store: import('../vault/store.js').CaptureStore) => patientStore(store, () => deadline,
    (outage) => save({ state: 'awaiting-storage', error: JSON.stringify(outage === 'storage'
      ? { code: 'E_STORAGE_UNAVAILABLE', zh: '对象存储暂时无法访问：取证已完成，正在等待保存', en: 'The object storage cannot be reached: the capture is done and waits to be stored' }
      : { code: 'E_DB', zh: '数据库暂时无法访问：取证已完成，正在等待保存', en: 'The database cannot be reached: the capture is done and waits to be stored' }) }),
    () => save({ state: 'running', error: null }));
  const browser = await ctx.browsers.acquire().catch(() => undefined);
  if (browser) plan.browser = browser;
  try {
    const [outcome] = await withActor(row.actor.replace(/ \(guzheng [^)]*\)$/, ''), () => capture(plan, { vault, caseId: row.case_id, wrap }, ctx.home, (e) => {
      if (e.type === 'step') {
        steps.push({ name: e.name, outcome: e.outcome, ...(e.detail ? { detail: e.detail } : {}) });
        // The page following the job sees the steps within a second; the database is not written for each.
        if (Date.now() - savedAt > 1000) {
          savedAt = Date.now();
          save({ steps: JSON.stringify(steps) });
        }
      }
    }));
    await writes;
    const m = outcome!.manifest;
    if (!outcome!.item) {
      // Not committed (the browser could not start, the store could not be reached in time): the queue tries again.
      await update(vault, row.id, { state: 'queued', error: JSON.stringify(m.error ?? null), steps: JSON.stringify(steps) });
      throw new Error(`${m.error?.code ?? 'E_INTERNAL'}: ${m.error?.en ?? 'not committed'}`);
    }
    await update(vault, row.id, { state: m.status === 'FAILED' ? 'failed' : 'done', steps: JSON.stringify(steps),
      ...(m.status === 'FAILED' && m.error ? { error: JSON.stringify({ code: m.error.code, zh: m.error.zh, en: m.error.en }) } : { error: null }),
      result: JSON.stringify({ status: m.status, reasons: m.reasons, warnings: m.warnings, seal: outcome!.seal?.state ?? null, item: outcome!.item }) });
  } catch (err) {
    await writes;
    const e = asGuzhengError(err);
    ctx.log(`capture ${row.id} (${row.url}): ${e.code} ${e.en}`);
    // The last try: the job is failed for the page to see; the queue keeps it in the dead-letter queue.
    const meta = pgJob as PgBoss.Job<{ job: string }> & { retryCount?: number; retryLimit?: number };
    if (meta.retryCount !== undefined && meta.retryLimit !== undefined && meta.retryCount >= meta.retryLimit) {
      await update(vault, row.id, { state: 'failed', error: JSON.stringify({ code: e.code, zh: e.zh, en: e.en }) });
    }
    throw err;
  } finally {
    if (browser) ctx.browsers.release(browser);
  }
}

async function runExport(ctx: Ctx, pgJob: PgBoss.Job<{ job: string }>): Promise<void> {
  const { vault } = ctx;
  const row = await load(vault, pgJob.data.job);
  if (!row || FINISHED.has(row.state)) return;
  await update(vault, row.id, { state: 'running', attempts: row.attempts + 1, worker: ctx.name,
    steps: JSON.stringify([{ name: 'export', outcome: 'ok', detail: '正在导出 / exporting' }]) });
  const dir = join(ctx.home, 'exports', row.id);
  await mkdir(dir, { recursive: true });
  try {
    const keyHome = await orgKeyHome(vault, ctx.home, row.org_id, ctx.secret);
    const r = await withActor(row.actor.replace(/ \(guzheng [^)]*\)$/, ''), () => exportEvidence(vault, row.case_id, join(dir, 'case.wacz'), keyHome));
    // The package goes to the bucket, so that any server can hand it out.
    const stored = await vault.blobs.put(r.file, r.sha256);
    await update(vault, row.id, { state: 'done', result: JSON.stringify({ download: `/api/exports/${row.id}.wacz`, sha256: stored.sha256, size: r.size, items: r.items, skipped: r.skipped }) });
  } catch (err) {
    const e = asGuzhengError(err);
    await update(vault, row.id, { state: 'failed', error: JSON.stringify({ code: e.code, zh: e.zh, en: e.en }) });
    throw err;
  }
}
