/** Appending to and reading the custody log in the database. The chain rules are in custody-chain.ts. */
import { AsyncLocalStorage } from 'node:async_hooks';
import { hostname, userInfo } from 'node:os';
import type { Kysely, Transaction } from 'kysely';
import { sha256Hex } from '../seal/digests.js';
import { TOOL_NAME, TOOL_VERSION } from '../tool.js';
import { canonicalJson, eventHash, type CustodyEvent, type CustodyType } from '../seal/custody-chain.js';
import type { Schema } from './db.js';

export interface NewEvent {
  stream: string;
  type: CustodyType;
  detail: Record<string, unknown>;
}

let cachedActor: string | null = null;
const acting = new AsyncLocalStorage<string>();

/** Runs `fn` on behalf of a person (a signed-in user of the organisation server): its events name them. */
export function withActor<T>(who: string, fn: () => Promise<T>): Promise<T> {
  return acting.run(who, fn);
}

/** Who did it: the person the server acts for, else the operating-system account and machine, and the tool. */
export function actor(): string {
  const person = acting.getStore();
  if (person) return `${person} (${TOOL_NAME} ${TOOL_VERSION})`;
  if (!cachedActor) {
    let user = 'unknown';
    try {
      user = userInfo().username;
    } catch {
      /* no passwd entry */
    }
    cachedActor = `${user}@${hostname()} (${TOOL_NAME} ${TOOL_VERSION})`;
  }
  return cachedActor;
}

/** Appends events inside the caller's write transaction, each chained to the last event of its stream. */
export async function appendEvents(trx: Transaction<Schema> | Kysely<Schema>, events: NewEvent[], at = new Date()): Promise<CustodyEvent[]> {
  const written: CustodyEvent[] = [];
  for (const e of events) {
    const last = await trx.selectFrom('custody').select('hash').where('stream', '=', e.stream).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const base = { stream: e.stream, at: at.toISOString(), type: e.type, actor: actor(), detail: JSON.parse(canonicalJson(e.detail)) as Record<string, unknown>, prev: last?.hash ?? null };
    const event: CustodyEvent = { ...base, hash: await eventHash(base, sha256Hex) };
    await trx.insertInto('custody').values({ stream: event.stream, at: event.at, type: event.type, actor: event.actor, detail: canonicalJson(event.detail), prev_hash: event.prev, hash: event.hash }).execute();
    written.push(event);
  }
  return written;
}

type Row = Schema['custody'] extends infer T ? { [K in keyof T]: K extends 'seq' ? number : T[K] } : never;

export function toEvent(r: Pick<Row, 'stream' | 'at' | 'type' | 'actor' | 'detail' | 'prev_hash' | 'hash'>): CustodyEvent {
  return { stream: r.stream, at: r.at, type: r.type, actor: r.actor, detail: JSON.parse(r.detail) as Record<string, unknown>, prev: r.prev_hash, hash: r.hash };
}

/** Events in the order written, of the given streams (all streams when none are given). */
export async function readEvents(db: Kysely<Schema>, streams?: string[]): Promise<CustodyEvent[]> {
  let q = db.selectFrom('custody').selectAll().orderBy('seq');
  if (streams) {
    if (!streams.length) return [];
    q = q.where('stream', 'in', streams);
  }
  return (await q.execute()).map(toEvent);
}
