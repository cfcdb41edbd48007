/**
 * The custody log's hash chain, kept free of Node APIs so the package verifier page can run the same code.
 * Each event carries the hash of the previous event of its stream (an item or a case); an event's hash is the
 * SHA-256 of the canonical JSON of {actor, at, detail, prev, stream, type}. Changing, removing or reordering an
 * event breaks the chain from there on.
 */

export type CustodyType = 'created' | 'imported' | 'observed' | 'alert' | 'sealed' | 'timestamped' | 'viewed' | 'exported' | 'copied' | 'verified' | 'noted';

export interface CustodyEvent {
  stream: string;
  at: string;
  type: CustodyType | string;
  actor: string;
  detail: Record<string, unknown>;
  prev: string | null;
  hash: string;
}

/** JSON with object keys sorted at every level, no spaces: one byte string per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export type Sha256Text = (text: string) => Promise<string> | string;

export async function eventHash(e: Omit<CustodyEvent, 'hash'>, sha256: Sha256Text): Promise<string> {
  return sha256(canonicalJson({ actor: e.actor, at: e.at, detail: e.detail, prev: e.prev, stream: e.stream, type: e.type }));
}

export interface ChainProblem {
  stream: string;
  index: number;
  zh: string;
  en: string;
}

/** Checks every stream's chain, in the order given. Returns the problems found (none when the log is intact). */
export async function verifyChains(events: CustodyEvent[], sha256: Sha256Text): Promise<ChainProblem[]> {
  const problems: ChainProblem[] = [];
  const last = new Map<string, string | null>();
  for (const [index, e] of events.entries()) {
    const expectedPrev = last.has(e.stream) ? last.get(e.stream)! : null;
    if (e.prev !== expectedPrev) {
      problems.push({ stream: e.stream, index, zh: `第 ${index + 1} 条记录（${e.type}）的前一条哈希不符：链条断开，有记录被删除、插入或调换`,
        en: `event ${index + 1} (${e.type}) does not follow the previous event of its stream: an event was removed, inserted or reordered` });
    }
    const hash = await eventHash(e, sha256);
    if (hash !== e.hash) {
      problems.push({ stream: e.stream, index, zh: `第 ${index + 1} 条记录（${e.type}）的内容与其哈希不符：记录被修改`,
        en: `event ${index + 1} (${e.type}) does not match its hash: the event was modified` });
    }
    last.set(e.stream, e.hash);
  }
  return problems;
}
