/**
 * A case's watched posts in its package: each watch's custody stream (in guzheng/custody.jsonl with the case's), each
 * check's WARC records and each timestamp token over the log's head, from the blob store, and the series as JSON
 * for people and other tools. Removed watches are included too: their record is evidence.
 */
import type { Vault } from '../vault/vault.js';
import { watchSeriesPath, watchTokenPath, watchWarcPath } from './layout.js';

export interface WatchExport {
  streams: string[];
  /** Blobs to put in the package under these names. */
  blobs: { name: string; sha256: string }[];
  /** Timestamp tokens (their roots go in guzheng/tsa-roots/). */
  tokens: string[];
  series: { name: string; data: Buffer }[];
}

export async function watchExport(vault: Vault, caseId: string): Promise<WatchExport> {
  const created = await vault.db.selectFrom('custody').select(['stream', 'detail']).where('type', '=', 'created').where('detail', 'like', '%"watch":%').execute();
  const streams = created.filter((c) => {
    const d = JSON.parse(c.detail) as { watch?: string; case?: string };
    return d.watch === c.stream && d.case === caseId;
  }).map((c) => c.stream);
  const out: WatchExport = { streams, blobs: [], tokens: [], series: [] };
  if (!streams.length) return out;
  const events = await vault.events(streams);
  for (const e of events) {
    const warc = (e.detail.warc as { sha256?: string } | null | undefined)?.sha256;
    if (e.type === 'observed' && warc) out.blobs.push({ name: watchWarcPath(e.stream, warc), sha256: warc });
    if (e.type === 'timestamped' && typeof e.detail.token === 'string') {
      out.blobs.push({ name: watchTokenPath(e.stream, e.detail.token), sha256: e.detail.token });
      out.tokens.push(e.detail.token);
    }
  }
  const { watchSeries } = await import('../watch/series.js');
  for (const id of streams) {
    const row = await vault.db.selectFrom('watches').selectAll().where('id', '=', id).executeTakeFirst();
    const first = events.find((e) => e.stream === id && e.type === 'created')!;
    // A removed watch has no row: its series is read from its stream with what its "created" event says.
    const base = row ?? { id, case_id: caseId, url: String(first.detail.url), every_seconds: Number(first.detail.everySeconds ?? 0), until: null, paused: 1, created_at: first.at,
      next_at: first.at, last_at: null, state: 'removed', gone_streak: 0, schedule: String(first.detail.schedule ?? 'fixed'), capture: 0, last_capture_at: null, stamped_at: null,
      stamp_tried_at: null, stamp_needed: 0, last_text: null, last_media: null, login: null, known_state: null };
    out.series.push({ name: watchSeriesPath(id), data: Buffer.from(JSON.stringify(await watchSeries(vault, base), null, 2) + '\n') });
  }
  return out;
}
