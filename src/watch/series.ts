/**
 * A watch as people read it: its observations (the series), its alerts each with its evidence (the check's WARC
 * records and the full capture made for it), the full captures, and the timestamps of its log's head — all read
 * from the watch's own custody stream, which is the record.
 */
import type { Vault } from '../vault/vault.js';
import type { WatchRow } from './watches.js';

export interface WatchSeries {
  id: string;
  url: string;
  case: string;
  state: string | null;
  schedule: string;
  everySeconds: number;
  paused: boolean;
  login: string | null;
  /** The highest value read of each count, with its string and when. */
  highest: Record<string, { value: number; raw: string; at: string }>;
  observations: { at: string; state: string; counts: Record<string, number>; raw: Record<string, string>; http: number | null; error: string | null; mode: string | null; access: string | null; warc: string | null }[];
  alerts: { at: string; kind: string; zh: string; en: string; detail: Record<string, unknown>; evidence: { warc: string | null; capture: string | null } }[];
  captures: { at: string; item: string | null; status: string; why: string[] }[];
  timestamps: { at: string; head: string; tsa: string; genTime: string; token: string }[];
}

type Counts = Record<string, { value: number; raw: string }>;

export async function watchSeries(vault: Vault, row: WatchRow): Promise<WatchSeries> {
  const events = await vault.events([row.id]);
  const captures = events.filter((e) => e.type === 'noted' && 'fullCapture' in e.detail).map((e) => ({ at: e.at, item: (e.detail.fullCapture as string | null) ?? null,
    status: String(e.detail.status), why: (e.detail.why as string[]) ?? [] }));
  const observations: WatchSeries['observations'] = events.filter((e) => e.type === 'observed').map((e) => {
    const d = e.detail as { at: string; state: string; counts: Counts; http: number | null; error: string | null; mode?: string; access?: string; warc?: { sha256: string } | null };
    return { at: d.at, state: d.state, counts: Object.fromEntries(Object.entries(d.counts).map(([k, v]) => [k, v.value])),
      raw: Object.fromEntries(Object.entries(d.counts).map(([k, v]) => [k, v.raw])), http: d.http, error: d.error, mode: d.mode ?? null, access: d.access ?? null, warc: d.warc?.sha256 ?? null };
  });
  const highest: WatchSeries['highest'] = {};
  for (const o of observations) for (const [k, v] of Object.entries(o.counts)) if (!highest[k] || v > highest[k]!.value) highest[k] = { value: v, raw: o.raw[k] ?? String(v), at: o.at };
  return {
    id: row.id, url: row.url, case: row.case_id, highest, state: row.state, schedule: row.schedule, everySeconds: row.every_seconds, paused: row.paused === 1, login: row.login,
    observations,
    alerts: events.filter((e) => e.type === 'alert').map((e) => {
      const { kind, zh, en, evidence, ...detail } = e.detail as { kind: string; zh: string; en: string; evidence?: { warc: string | null } };
      // The full capture made for an alert is the first one noted after it that names its kind.
      const capture = captures.find((c) => c.at >= e.at && c.why.includes(kind))?.item ?? null;
      return { at: e.at, kind, zh, en, detail, evidence: { warc: evidence?.warc ?? null, capture } };
    }),
    captures,
    timestamps: events.filter((e) => e.type === 'timestamped').map((e) => ({ at: e.at, head: String(e.detail.head), tsa: String(e.detail.tsa), genTime: String(e.detail.genTime), token: String(e.detail.token) })),
  };
}
