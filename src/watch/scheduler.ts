/**
 * Running the checks that are due. The schedule lives in the vault's database: a check is due when its next time has
 * come, and its next time is moved on in the same transaction that records it, so each due check runs once, across
 * restarts. Requests to one platform from one identity (visitor, or each login) keep that platform's safe gap; a
 * blocking answer (HTTP 418/432/412/461, Bilibili −412/−352, a captcha page) backs that identity off — a minute, then
 * twice as long each time up to an hour — and is reported. Different platforms are checked side by side.
 */
import type { Vault } from '../vault/vault.js';
import { PageChecker } from './page-check.js';
import { planFor } from './platform-checks.js';
import { CaseTotals, checkWatch, type CheckContext, type WatchEvent, type WatchRow } from './watches.js';

const BACKOFF_FIRST_MS = 60_000;
const BACKOFF_MAX_MS = 3600_000;
/** Platforms (identities) checked side by side. */
const LANES = 4;

/** When each identity on each platform may be asked again, and how long it is backed off after a blocking answer. */
export class Gate {
  private next = new Map<string, number>();
  private backoff = new Map<string, number>();

  readyAt(key: string): number {
    return this.next.get(key) ?? 0;
  }

  passed(key: string, gapMs: [number, number]): void {
    this.backoff.delete(key);
    this.next.set(key, Date.now() + gapMs[0] + Math.random() * (gapMs[1] - gapMs[0]));
  }

  blocked(key: string): number {
    const wait = Math.min(BACKOFF_MAX_MS, (this.backoff.get(key) ?? BACKOFF_FIRST_MS / 2) * 2);
    this.backoff.set(key, wait);
    this.next.set(key, Date.now() + wait);
    return wait;
  }
}

const gateKey = (row: WatchRow) => {
  const plan = planFor(new URL(row.url));
  return { key: `${plan.platform === 'generic' ? new URL(row.url).host : plan.platform}|${row.login ?? 'visitor'}`, gap: plan.gapMs };
};

export interface RunOptions {
  once?: boolean;
  /** Run until this time (ms since the epoch). */
  until?: number;
}

/**
 * Runs the checks that are due and waits for the next until `until`; with `once`, one pass over what is due now
 * (a check whose platform is still in its gap waits for it).
 */
export async function runDue(vault: Vault, options: RunOptions, ctx: Omit<CheckContext, 'pages'>, stop: () => boolean = () => false, gate = new Gate()): Promise<number> {
  const pages = new PageChecker();
  const full: CheckContext = { ...ctx, pages, totals: ctx.totals ?? new CaseTotals() };
  let done = 0;
  try {
    for (;;) {
      const now = new Date().toISOString();
      const due = await vault.db.selectFrom('watches').selectAll().where('paused', '=', 0).where('next_at', '<=', now)
        .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', now)])).orderBy('next_at').execute();
      const lanes = new Map<string, WatchRow[]>();
      for (const row of due) {
        const { key } = gateKey(row);
        lanes.set(key, [...(lanes.get(key) ?? []), row]);
      }
      const keys = [...lanes.keys()];
      const work = async () => {
        for (let key = keys.shift(); key !== undefined; key = keys.shift()) {
          for (const row of lanes.get(key)!) {
            if (stop() || (options.until && Date.now() >= options.until)) return;
            const wait = gate.readyAt(key) - Date.now();
            if (wait > 0) {
              if (options.until && Date.now() + wait >= options.until) return;
              if (wait > 120_000 && !options.once) break; // backed off: the rest of this platform waits for a later pass
              await new Promise((r) => setTimeout(r, wait));
            }
            const after = await checkWatch(vault, row, full);
            done++;
            if (after.state === 'blocked') {
              const ms = gate.blocked(key);
              ctx.emit({ type: 'blocked', watch: row.id, url: row.url, detail: { backoffSeconds: Math.round(ms / 1000), identity: key } });
              break;
            }
            gate.passed(key, gateKey(row).gap);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(LANES, keys.length) }, work));
      if (options.once || stop()) return done;
      const next = await vault.db.selectFrom('watches').select('next_at').where('paused', '=', 0).orderBy('next_at').executeTakeFirst();
      const end = options.until ?? Infinity;
      const wake = Math.min(next ? Date.parse(next.next_at) : Date.now() + 60_000, end);
      if (Date.now() >= end) return done;
      await sleepUnless(Math.max(50, wake - Date.now()), stop);
      if (Date.now() >= end || stop()) return done;
    }
  } finally {
    await pages.close();
  }
}

async function sleepUnless(ms: number, stop: () => boolean): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until && !stop()) await new Promise((r) => setTimeout(r, Math.min(250, until - Date.now())));
}

export type { WatchEvent };
