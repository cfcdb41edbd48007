/**
 * The organisation server's queue: pg-boss on the same PostgreSQL (its own schema). Captures and exports are
 * delivered to workers on any machine, retried with back-off, expired when a worker dies in the middle (another
 * worker then takes the job), and moved to a dead-letter queue when every try failed. A queue of the `stately`
 * policy keeps one job per key queued: the same URL in the same case is queued once.
 *
 * Order: interactive captures (a few URLs asked by a person) before batches, batches before watch work; within
 * each class, an organisation's k-th waiting job has priority −k, so one organisation's 5,000 cannot starve
 * another's single capture: the queue takes the organisations' jobs in turn.
 */
import PgBoss from 'pg-boss';
import type { Vault } from '../vault/vault.js';

export const QUEUES = { capture: 'guzheng-capture', export: 'guzheng-export', dead: 'guzheng-dead' } as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** A capture request of at most this many URLs is interactive (a person waiting for it); more is a batch. */
export const INTERACTIVE_URLS = 5;
const CLASS_BASE = { interactive: 2_000_000, batch: 1_000_000, watch: 0 } as const;
export type WorkClass = keyof typeof CLASS_BASE;

export interface QueueSettings {
  /** A capture whose worker has gone silent this long is given to another worker. */
  captureExpireSeconds: number;
  exportExpireSeconds: number;
  retryLimit: number;
  retryDelaySeconds: number;
  /** How often pg-boss looks for expired jobs. */
  maintenanceSeconds: number;
  pollingSeconds: number;
}

const envNumber = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : d);

export function queueSettings(env: NodeJS.ProcessEnv = process.env): QueueSettings {
  return {
    captureExpireSeconds: envNumber(env.GUZHENG_JOB_EXPIRE_SECONDS, 900),
    exportExpireSeconds: envNumber(env.GUZHENG_EXPORT_EXPIRE_SECONDS, 3600),
    retryLimit: envNumber(env.GUZHENG_JOB_RETRIES, 3),
    retryDelaySeconds: envNumber(env.GUZHENG_JOB_RETRY_DELAY, 10),
    maintenanceSeconds: envNumber(env.GUZHENG_QUEUE_MAINTENANCE_SECONDS, 30),
    pollingSeconds: envNumber(env.GUZHENG_QUEUE_POLL_SECONDS, 1),
  };
}

export async function openQueue(db: string, settings: QueueSettings, onError: (err: Error) => void = () => undefined): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: db, schema: 'guzheng_queue', max: 4, application_name: 'guzheng', maintenanceIntervalSeconds: settings.maintenanceSeconds });
  // A lost connection (PostgreSQL restarted) is reported here and retried by pg-boss itself.
  boss.on('error', onError);
  // Servers and workers starting at once would create the same queues at once (and deadlock): one at a time.
  const { default: pg } = await import('pg');
  const lock = new pg.Client({ connectionString: db });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [SETUP_LOCK]);
    await boss.start();
    const common = { retryLimit: settings.retryLimit, retryDelay: settings.retryDelaySeconds, retryBackoff: true, deadLetter: QUEUES.dead };
    await ensureQueue(boss, QUEUES.dead, { policy: 'standard' });
    await ensureQueue(boss, QUEUES.capture, { policy: 'stately', ...common, expireInSeconds: settings.captureExpireSeconds });
    await ensureQueue(boss, QUEUES.export, { policy: 'stately', ...common, expireInSeconds: settings.exportExpireSeconds });
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [SETUP_LOCK]).catch(() => undefined);
    await lock.end().catch(() => undefined);
  }
  return boss;
}

const SETUP_LOCK = 0x67757a71;

async function ensureQueue(boss: PgBoss, name: string, options: Omit<PgBoss.Queue, 'name'>): Promise<void> {
  await boss.createQueue(name, { name, ...options });
  await boss.updateQueue(name, { name, ...options });
}

/** The priority of an organisation's next job of a class: its waiting jobs of that class push it back. */
export async function priorityFor(vault: Vault, orgId: string, klass: WorkClass): Promise<number> {
  const kinds = klass === 'watch' ? ['watch'] : ['capture', 'export'];
  const row = await vault.db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId).where('state', '=', 'queued').where('kind', 'in', kinds).executeTakeFirst();
  return CLASS_BASE[klass] - Number(row?.n ?? 0);
}
