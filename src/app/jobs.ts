/**
 * Long work of the app (captures, exports, logins) as jobs: each has a state, the steps heard so far and a result.
 * Listeners (the Server-Sent Events of a page) hear each step and each change of state. Work runs one batch at a
 * time, in the order asked: two tabs may ask at once, and the second batch waits its turn (one browser, one vault).
 */
import { randomUUID } from 'node:crypto';
import { asGuzhengError } from '../errors.js';

export type JobState = 'queued' | 'running' | 'awaiting-storage' | 'done' | 'failed';
export type JobKind = 'capture' | 'export' | 'login' | 'check';

export interface JobStep { name: string; outcome: 'ok' | 'failed' | 'skipped'; detail?: string }

export interface JobView {
  id: string;
  kind: JobKind;
  state: JobState;
  url?: string;
  item?: string;
  error?: { code: string; zh: string; en: string };
  steps: JobStep[];
  result?: unknown;
  createdAt: string;
}

export type JobEvent = { type: 'step'; step: JobStep } | { type: 'state'; job: JobView };

export class Job {
  readonly id = randomUUID();
  readonly createdAt = new Date().toISOString();
  state: JobState = 'queued';
  item?: string;
  error?: { code: string; zh: string; en: string };
  result?: unknown;
  readonly steps: JobStep[] = [];
  private readonly listeners = new Set<(e: JobEvent) => void>();

  /** `caseId`: the case the job works on (null for work on the whole vault or this machine). */
  constructor(readonly kind: JobKind, readonly url?: string, readonly caseId: string | null = null) {}

  view(): JobView {
    return { id: this.id, kind: this.kind, state: this.state, ...(this.url ? { url: this.url } : {}), ...(this.item ? { item: this.item } : {}),
      ...(this.error ? { error: this.error } : {}), steps: [...this.steps], ...(this.result !== undefined ? { result: this.result } : {}), createdAt: this.createdAt };
  }

  get finished(): boolean {
    return this.state === 'done' || this.state === 'failed';
  }

  /** Hears what happens from now on; returns the way to stop hearing. */
  listen(fn: (e: JobEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  step(step: JobStep): void {
    this.steps.push(step);
    this.emit({ type: 'step', step });
  }

  set(change: Partial<Pick<Job, 'state' | 'item' | 'error' | 'result'>>): void {
    Object.assign(this, change);
    this.emit({ type: 'state', job: this.view() });
  }

  private emit(e: JobEvent): void {
    for (const fn of this.listeners) {
      try {
        fn(e);
      } catch {
        // A page that went away does not stop the work.
      }
    }
  }
}

/** How many finished jobs are remembered: a page asking about an older one gets 404 (its item stays in the vault). */
export const KEEP_FINISHED = 500;

/**
 * Jobs are kept in memory while the app runs, the newest finished ones up to KEEP_FINISHED; the work itself (items,
 * packages) is in the vault and on disk.
 */
export class Jobs {
  private readonly all = new Map<string, Job>();
  private chain: Promise<void> = Promise.resolve();

  get(id: string): Job | undefined {
    return this.all.get(id);
  }

  create(kind: JobKind, url?: string, caseId: string | null = null): Job {
    const job = new Job(kind, url, caseId);
    this.all.set(job.id, job);
    this.prune();
    return job;
  }

  /**
   * Runs `work` after every batch asked before it. The jobs become running when it starts; a job the work did not
   * finish is failed with the error it threw (or marked done when it finished without one).
   */
  enqueue(jobs: Job[], work: () => Promise<void>): void {
    this.chain = this.chain.then(() => this.run(jobs, work));
  }

  /** Runs `work` now, beside the queue: for work that waits on the user (a login window), not on the machine. */
  start(job: Job, work: () => Promise<void>): void {
    void this.run([job], work);
  }

  private async run(jobs: Job[], work: () => Promise<void>): Promise<void> {
    for (const j of jobs) j.set({ state: 'running' });
    try {
      await work();
      for (const j of jobs) if (!j.finished) j.set({ state: 'done' });
    } catch (err) {
      const e = asGuzhengError(err);
      for (const j of jobs) if (!j.finished) j.set({ state: 'failed', error: { code: e.code, zh: e.zh, en: e.en } });
    }
  }

  /** Forgets the oldest finished jobs beyond KEEP_FINISHED (a Map keeps the order jobs were made in). */
  private prune(): void {
    let finished = 0;
    for (const j of this.all.values()) if (j.finished) finished++;
    for (const [id, j] of this.all) {
      if (finished <= KEEP_FINISHED) break;
      if (j.finished) {
        this.all.delete(id);
        finished--;
      }
    }
  }

  /** Waits for the work asked so far (when the app stops). */
  idle(): Promise<void> {
    return this.chain;
  }
}
