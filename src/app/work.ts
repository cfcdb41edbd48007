/**
 * The app's long work — captures and exports — as jobs a page can follow. The local app runs them in this process,
 * one batch after another (`LocalWork`); the organisation server queues them for its workers on any machine
 * (src/server/queued-work.ts). Routes only ask for work and show its jobs: they never know which it is.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { capture, planCapture } from '../actions/capture.js';
import { exportEvidence } from '../actions/packages.js';
import type { Vault } from '../vault/vault.js';
import type { Jobs, JobEvent, JobView } from './jobs.js';

export interface CaptureAsk { urls: unknown; video?: boolean; comments?: number; login?: string }

export interface Work {
  /** Captures into a case: one job per URL, in the order given. */
  capture(caseId: string, ask: CaptureAsk): Promise<{ id: string; url: string }[]>;
  /** Exports a case's package. */
  exportCase(caseId: string): Promise<{ id: string }>;
  view(id: string): Promise<JobView | undefined>;
  /** The case a job works on, or null (also for a job that does not exist). */
  caseOf(id: string): Promise<string | null>;
  /** Hears a job's steps and changes of state from now on; returns the way to stop. */
  follow(id: string, fn: (e: JobEvent) => void): Promise<() => void>;
  /** The package an export job wrote, as a local file. */
  exportFile(id: string): Promise<string>;
  /** Waits for the work asked so far (when the app stops). */
  idle(): Promise<void>;
}

export class LocalWork implements Work {
  constructor(private readonly vault: Vault, private readonly home: string, private readonly jobs: Jobs) {}

  async capture(caseId: string, ask: CaptureAsk) {
    const plan = planCapture({ urls: ask.urls, video: ask.video ?? true, comments: ask.comments, login: ask.login }, this.home);
    const jobs = plan.urls.map((u) => this.jobs.create('capture', u.href, caseId));
    this.jobs.enqueue(jobs, async () => {
      await capture(plan, { vault: this.vault, caseId }, this.home, (e) => {
        if (e.type === 'started') jobs[e.index]!.set({ item: e.item });
        else if (e.type === 'step') jobs[e.index]!.step({ name: e.name, outcome: e.outcome, ...(e.detail ? { detail: e.detail } : {}) });
        else if (e.type === 'done') {
          const m = e.outcome.manifest;
          const failed = m.status === 'FAILED';
          jobs[e.index]!.set({ state: failed ? 'failed' : 'done', ...(e.outcome.item ? { item: e.outcome.item } : {}),
            ...(failed && m.error ? { error: { code: m.error.code, zh: m.error.zh, en: m.error.en } } : {}),
            result: { status: m.status, reasons: m.reasons, warnings: m.warnings, seal: e.outcome.seal?.state ?? null, item: e.outcome.item } });
        }
      });
    });
    return jobs.map((j) => ({ id: j.id, url: j.url! }));
  }

  async exportCase(caseId: string) {
    const j = this.jobs.create('export', undefined, caseId);
    this.jobs.enqueue([j], async () => {
      const dir = join(this.home, 'exports', j.id);
      await mkdir(dir, { recursive: true });
      j.step({ name: 'export', outcome: 'ok', detail: '正在导出 / exporting' });
      const r = await exportEvidence(this.vault, caseId, join(dir, 'case.wacz'));
      j.set({ state: 'done', result: { download: `/api/exports/${j.id}.wacz`, sha256: r.sha256, size: r.size, items: r.items, skipped: r.skipped } });
    });
    return { id: j.id };
  }

  async view(id: string) {
    return this.jobs.get(id)?.view();
  }

  async caseOf(id: string) {
    return this.jobs.get(id)?.caseId ?? null;
  }

  async follow(id: string, fn: (e: JobEvent) => void) {
    const j = this.jobs.get(id);
    return j ? j.listen(fn) : () => undefined;
  }

  async exportFile(id: string) {
    return join(this.home, 'exports', id, 'case.wacz');
  }

  idle() {
    return this.jobs.idle();
  }
}
