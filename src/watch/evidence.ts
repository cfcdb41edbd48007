/**
 * What makes a watch's record evidence beyond its hash chain:
 *   - each check's requests and responses, as WARC records stored in the vault's content-addressed blob store (the
 *     "observed" event names their SHA-256);
 *   - the head of the watch's log, timestamped by the TSAs at least hourly while checks run and at once after every
 *     event (a "timestamped" event names the head and the token's SHA-256); a timestamp that could not be had is
 *     tried again at the next check, which covers everything before it.
 */
import type { Transaction } from 'kysely';
import type { FileDigests } from '../seal/digests.js';
import { appendEvents } from '../vault/custody.js';
import type { Schema } from '../vault/db.js';
import type { Vault } from '../vault/vault.js';
import type { TsaEntry } from '../seal/timestamp/tsa-list.js';

/** The blobs row of bytes put in the blob store (BlobStore.putBytes), added in the caller's transaction. */
export async function blobRow(trx: Transaction<Schema>, d: FileDigests): Promise<void> {
  await trx.insertInto('blobs').values({ sha256: d.sha256, size: d.size, sm3: d.sm3 ?? '', stored_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('sha256').doNothing()).execute();
}

/** The interval between two timestamps of a log's head while checks run. */
export const STAMP_EVERY_MS = 3600_000;
/** After a failed attempt, the next is tried no sooner than this. */
const RETRY_MS = 5 * 60_000;

export interface StampOutcome {
  head: string;
  stamped: { tsa: string; genTime: string }[];
  failed: { tsa: string; error: string }[];
}

/** Whether the head is due for a timestamp: an event waits for one, or the last is older than an hour. */
export function stampDue(row: { stamped_at: string | null; stamp_tried_at: string | null; stamp_needed: number }, now = Date.now()): boolean {
  if (row.stamp_tried_at && now - Date.parse(row.stamp_tried_at) < RETRY_MS && (!row.stamped_at || Date.parse(row.stamp_tried_at) > Date.parse(row.stamped_at))) return false;
  return row.stamp_needed === 1 || !row.stamped_at || now - Date.parse(row.stamped_at) >= STAMP_EVERY_MS;
}

/**
 * Asks every TSA at once for a timestamp over the head of the watch's log (the ASCII bytes of its last event's hash).
 * Each token goes to the blob store and a "timestamped" event; with no TSA configured or none answering, the watch
 * keeps waiting for one.
 */
export async function stampHead(vault: Vault, watchId: string, tsas: TsaEntry[], timeoutMs = 15_000): Promise<StampOutcome | null> {
  const head = await vault.db.selectFrom('custody').select('hash').where('stream', '=', watchId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  if (!head) return null;
  const now = new Date().toISOString();
  if (!tsas.length) {
    await vault.write((trx) => trx.updateTable('watches').set({ stamp_tried_at: now }).where('id', '=', watchId).execute());
    return { head: head.hash, stamped: [], failed: [] };
  }
  const [{ stampAtOnce }, { trustedTsaRoots }] = await Promise.all([import('../seal/timestamp/client.js'), import('../seal/timestamp/tsa-list.js')]);
  const results = await stampAtOnce(tsas.map((t) => t.url), Buffer.from(head.hash, 'ascii'), { trusted: await trustedTsaRoots(), timeoutMs });
  const good = results.filter((r) => r.ok && r.response);
  const stored = await Promise.all(good.map(async (r) => ({ r, d: await vault.blobs.putBytes(r.response!) })));
  await vault.write(async (trx) => {
    for (const { d } of stored) await blobRow(trx, d);
    await appendEvents(trx, stored.map(({ r, d }) => ({ stream: watchId, type: 'timestamped' as const,
      detail: { head: head.hash, stamped: 'the ASCII bytes of the head event\'s hash', tsa: r.url, genTime: r.genTime, token: d.sha256, bytes: d.size } })));
    await trx.updateTable('watches').set(stored.length ? { stamped_at: now, stamp_tried_at: now, stamp_needed: 0 } : { stamp_tried_at: now }).where('id', '=', watchId).execute();
  });
  return { head: head.hash, stamped: good.map((r) => ({ tsa: r.url, genTime: r.genTime! })), failed: results.filter((r) => !r.ok).map((r) => ({ tsa: r.url, error: r.error ?? 'failed' })) };
}
