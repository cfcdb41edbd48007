/**
 * Failures that pass: the bucket or PostgreSQL could not be reached for a while (a network break, a restart). Work
 * that meets one waits and tries again; any other failure is the work's own and is reported.
 */
import { GuzhengError } from '../errors.js';
import { isUnavailable } from '../vault/s3-blobs.js';

const PG_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);
const NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);

export type Outage = 'storage' | 'database';

export function outageOf(err: unknown): Outage | null {
  if (err instanceof GuzhengError) {
    if (err.code === 'E_STORAGE_UNAVAILABLE') return 'storage';
    if (err.code === 'E_DB') return 'database';
    return null;
  }
  const e = err as { code?: string; message?: string; $metadata?: unknown; cause?: unknown };
  if (e.$metadata !== undefined && isUnavailable(err)) return 'storage';
  if (e.code && PG_CODES.has(e.code)) return 'database';
  if (e.code && NET_CODES.has(e.code)) return 'database';
  if (/Connection terminated|connection timeout|terminating connection|the database system is (starting up|shutting down)|Client has encountered a connection error/i.test(e.message ?? '')) return 'database';
  return e.cause ? outageOf(e.cause) : null;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `fn` until it succeeds or fails for a reason of its own, waiting out outages with back-off (1 s doubling to
 * 30 s) until `deadline` (ms since the epoch). `onWait` hears each outage, `onResume` the success after one.
 */
export async function patiently<T>(fn: () => Promise<T>, deadline: number, onWait: (o: Outage, err: unknown) => void | Promise<void> = () => undefined,
  onResume: () => void | Promise<void> = () => undefined): Promise<T> {
  let delay = 1000;
  let waited = false;
  for (;;) {
    try {
      const r = await fn();
      if (waited) await onResume();
      return r;
    } catch (err) {
      const o = outageOf(err);
      if (!o || Date.now() + delay > deadline) throw err;
      waited = true;
      await onWait(o, err);
      await sleep(delay);
      delay = Math.min(delay * 2, 30_000);
    }
  }
}
