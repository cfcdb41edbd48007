/**
 * Watched posts on the organisation server: every worker offers to run the checks that are due, every
 * GUZHENG_WATCH_TICK_SECONDS (30 by default), and one of them at a time does (a PostgreSQL advisory lock taken
 * without waiting), so that a post is never checked twice for one turn, and a worker that dies lets another go on.
 * Full captures on events are sealed with the organisation's key; every connection passes the egress rules.
 */
import { runWatches } from '../actions/watch.js';
import type { Vault } from '../vault/vault.js';

const WATCH_LOCK = 0x67757a77;

export function startWatchTicks(vault: Vault, db: string, signingHome: (caseId: string) => Promise<string>, log: (line: string) => void,
  everyMs = Number(process.env.GUZHENG_WATCH_TICK_SECONDS ?? 30) * 1000): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout;
  const tick = () => {
    if (stopped) return;
    running = (async () => {
      const { default: pg } = await import('pg');
      const lock = new pg.Client({ connectionString: db });
      lock.on('error', () => undefined);
      await lock.connect();
      try {
        const got = (await lock.query('select pg_try_advisory_lock($1) as ok', [WATCH_LOCK])).rows[0] as { ok: boolean } | undefined;
        if (!got?.ok) return;
        try {
          const n = await runWatches(vault, { once: true }, () => undefined, () => stopped, signingHome);
          if (n) log(`watch: ${n} check(s)`);
        } finally {
          await lock.query('select pg_advisory_unlock($1)', [WATCH_LOCK]).catch(() => undefined);
        }
      } finally {
        await lock.end().catch(() => undefined);
      }
    })().catch((err) => log(`watch: ${(err as Error).message}`)).finally(() => {
      if (!stopped) timer = setTimeout(tick, everyMs);
    });
  };
  timer = setTimeout(tick, Math.min(everyMs, 2000));
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
