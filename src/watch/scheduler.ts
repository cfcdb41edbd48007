/**
 * Running the checks that are due. The schedule lives in the vault's database: a check is due when its next time has
 * come. Before a check, its row is claimed (its next time moved on by a lease, compare-and-set), so that two runs at
 * once — the app open while `guzheng watch run` goes — never check the same post twice; the check then sets the real
 * next time in the transaction that records it. Requests to one platform from one identity (visitor, or each login)
 * keep that platform's safe gap; a blocking answer (HTTP 418/432/412/461, Bilibili −412/−352, a captcha page) backs
 * that identity off — a minute, then twice as long each time up to an hour — kept in the database so that the next
 * run (the app's next pass, a cron job) waits too, and reported. Different platforms are checked side by side; a check
 * that throws is reported and never stops the others.
 */
import type { Vault } from '../vault/vault.js';
import { PageChecker } from './page-check.js';
import { planFor } from './platform-checks.js';
import { CaseTotals, checkWatch, intervalSeconds, type CheckContext, type WatchEvent, type WatchRow } from './watches.js';

const BACKOFF_FIRST_MS = 60_000;
const BACKOFF_MAX_MS = 3600_000;
/** Platforms (identities) checked side by side. */
const LANES = 4;
/** How long a claimed check is held for the run that claimed it (a check, with its full capture, takes less). */
const LEASE_MS = 2 * 60_000;

/**
 * When each identity on each platform may be asked again. The gaps between requests are kept in this process (one
 * Gate per vault); the back-off after a blocking answer also in the vault's database.
 */
export class Gate {
  private next = new Map<string, number>();
  private backoff = new Map<string, number>();

  readyAt(key: string): number {
    return this.next.get(key) ?? 0;
  }

  /** The identity is waiting out a back-off (not merely the gap between two requests). */
  backedOff(key: string): boolean {
    return this.backoff.has(key) && this.readyAt(key) > Date.now();
  }

  /** Reads the back-offs other runs left in the database. */
  async load(vault: Vault | null): Promise<void> {
    if (!vault) return;
    for (const g of await vault.db.selectFrom('watch_gates').selectAll().execute()) {
      this.backoff.set(g.key, g.backoff_ms);
      this.next.set(g.key, Math.max(this.next.get(g.key) ?? 0, Date.parse(g.ready_at)));
    }
  }

  /** A request is being made now: the next waits for the gap. */
  mark(key: string, gapMs: [number, number]): void {
    this.next.set(key, Date.now() + gapMs[0] + Math.random() * (gapMs[1] - gapMs[0]));
  }

  async passed(key: string, gapMs: [number, number], vault: Vault | null = null): Promise<void> {
    const was = this.backoff.delete(key);
    this.next.set(key, Date.now() + gapMs[0] + Math.random() * (gapMs[1] - gapMs[0]));
    if (was && vault) await vault.write((trx) => trx.deleteFrom('watch_gates').where('key', '=', key).execute());
  }

  async blocked(key: string, vault: Vault | null = null): Promise<number> {
    const wait = Math.min(BACKOFF_MAX_MS, (this.backoff.get(key) ?? BACKOFF_FIRST_MS / 2) * 2);
    this.backoff.set(key, wait);
    const until = Date.now() + wait;
    this.next.set(key, until);
    if (vault) {
      await vault.write((trx) => trx.insertInto('watch_gates').values({ key, ready_at: new Date(until).toISOString(), backoff_ms: wait })
        .onConflict((oc) => oc.column('key').doUpdateSet({ ready_at: new Date(until).toISOString(), backoff_ms: wait })).execute());
    }
    return wait;
  }
}

const gates = new Map<string, Gate>();

const gateKey = (row: WatchRow) => {
  const plan = planFor(new URL(row.url));
  return { key: `${plan.platform === 'generic' ? new URL(row.url).host : plan.platform}|${row.login ?? 'visitor'}`, gap: plan.gapMs };
};

/** Takes a due check for this run: its next time moves on by the lease, unless another run took it first. */
async function claim(vault: Vault, row: WatchRow): Promise<boolean> {
  const r = await vault.write((trx) => trx.updateTable('watches').set({ next_at: new Date(Date.now() + LEASE_MS).toISOString() })
    .where('id', '=', row.id).where('next_at', '=', row.next_at).executeTakeFirst());
  return Number(r.numUpdatedRows) === 1;
}

export interface RunOptions {
  once?: boolean;
  /** Run until this time (ms since the epoch). */
  until?: number;
}

/**
 * Runs the checks that are due and waits for the next until `until`; with `once`, one pass over what is due now
 * (a check whose platform is still in its gap waits for it; one that is backed off is left for a later run).
 */
export async function runDue(vault: Vault, options: RunOptions, ctx: Omit<CheckContext, 'pages'>, stop: () => boolean = () => false, gate?: Gate): Promise<number> {
  if (!gate) {
    gate = gates.get(vault.home) ?? new Gate();
    gates.set(vault.home, gate);
  }
  await gate.load(vault);
  const g = gate;
  const pages = new PageChecker();
  const pace = async (row: WatchRow) => {
    const { key, gap } = gateKey(row);
    const wait = g.readyAt(key) - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    g.mark(key, gap);
  };
  const full: CheckContext = { ...ctx, pages, pace, totals: ctx.totals ?? new CaseTotals() };
  let done = 0;
  const ended = () => stop() || (options.until !== undefined && Date.now() >= options.until);
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
            if (ended()) return;
            // Backed off after a blocking answer: this platform and identity wait for a later pass.
            if (g.backedOff(key)) break;
            const wait = g.readyAt(key) - Date.now();
            if (wait > 0) {
              if (options.until !== undefined && Date.now() + wait >= options.until) break;
              await new Promise((r) => setTimeout(r, wait));
            }
            if (!(await claim(vault, row).catch(() => false))) continue;
            g.mark(key, gateKey(row).gap);
            let after: WatchRow;
            try {
              after = await checkWatch(vault, row, full);
            } catch (err) {
              // A check that could not be recorded (a full disk, a locked database): reported; it is tried again at its
              // next time, one interval on, never in a tight loop.
              const next = new Date(Date.now() + intervalSeconds(row, new Map()) * 1000).toISOString();
              await vault.write((trx) => trx.updateTable('watches').set({ next_at: next }).where('id', '=', row.id).execute()).catch(() => undefined);
              ctx.emit({ type: 'error', watch: row.id, url: row.url, detail: { error: (err as Error).message, nextAt: next } });
              await g.passed(key, gateKey(row).gap, vault).catch(() => undefined);
              continue;
            }
            done++;
            if (after.state === 'blocked') {
              const ms = await g.blocked(key, vault);
              ctx.emit({ type: 'blocked', watch: row.id, url: row.url, detail: { backoffSeconds: Math.round(ms / 1000), identity: key } });
              break;
            }
            await g.passed(key, gateKey(row).gap, vault);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(LANES, keys.length) }, work));
      if (options.once || ended()) return done;
      // Sleep until the next check falls due (or the platform it waits for is ready again), never less than a second
      // when what is due is only waiting for its platform.
      const soon = new Date().toISOString();
      const nextRows = await vault.db.selectFrom('watches').selectAll().where('paused', '=', 0)
        .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', soon)])).orderBy('next_at').limit(50).execute();
      const wakeAt = nextRows.length ? Math.min(...nextRows.map((r) => Math.max(Date.parse(r.next_at), g.readyAt(gateKey(r).key)))) : Date.now() + 60_000;
      const wake = Math.min(wakeAt, options.until ?? Infinity);
      await sleepUnless(Math.max(1000, wake - Date.now()), ended);
      if (ended()) return done;
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
