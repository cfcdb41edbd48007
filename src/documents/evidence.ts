/**
 * The evidence of a case as the documents cite it: one entry per captured item (its post facts, capture time, the
 * manifest's SHA-256, its trusted timestamp, its first-screen screenshot), or, for a facts file without a vault, one
 * entry per stated act with the capture details left blank.
 */
import { readFile } from 'node:fs/promises';
import type { Vault } from '../vault/vault.js';
import type { PostFacts } from '../platforms/types.js';
import { PLATFORMS } from '../platforms/registry.js';
import { toShanghai } from '../capture/time.js';
import type { CaseFacts } from '../assess/facts.js';

export interface EvidenceEntry {
  n: number;
  item: string | null;
  url: string | null;
  platform: string | null;
  author: string | null;
  authorId: string | null;
  publishedAt: string | null;
  ipLocation: string | null;
  text: string | null;
  state: string | null;
  counts: { views?: number; reposts?: number; comments?: number; likes?: number };
  countsReadAt: string | null;
  capturedAt: string | null;
  status: string | null;
  manifestSha256: string | null;
  timestamp: { state: string; genTime: string | null; tsa: string | null } | null;
  screenshot: { png: Buffer; width: number; height: number } | null;
}

export const platformName = (id: string | null | undefined) => (id ? PLATFORMS.find((p) => p.id === id)?.name.zh ?? id : null);

export function pngSize(png: Buffer): { width: number; height: number } | null {
  if (png.length < 24 || png.toString('latin1', 1, 4) !== 'PNG') return null;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export async function evidenceFromVault(vault: Vault, caseId: string): Promise<EvidenceEntry[]> {
  const items = (await vault.itemsOfCase(caseId)).filter((i) => i.status === 'COMPLETE' || i.status === 'PARTIAL');
  const out: EvidenceEntry[] = [];
  for (const item of items) {
    const artifacts = await vault.artifacts(item.id);
    const read = (path: string) => {
      const a = artifacts.find((x) => x.path === path);
      return a ? readFile(vault.blobs.pathOf(a.sha256)).catch(() => null) : Promise.resolve(null);
    };
    const postBytes = await read('post.json');
    const post = postBytes ? (JSON.parse(postBytes.toString('utf8')) as PostFacts) : null;
    const sealBytes = await read('seal/seal.json');
    const seal = sealBytes ? (JSON.parse(sealBytes.toString('utf8')) as { state: string; timestamps?: { genTime?: string; operator?: string; url: string }[] }) : null;
    const png = await read('screenshot-viewport.png');
    const size = png ? pngSize(png) : null;
    const c = post?.counts ?? {};
    const views = c.views ?? c.reads ?? c.plays;
    out.push({
      n: out.length + 1, item: item.id, url: post?.canonicalUrl?.value ?? item.final_url ?? item.url, platform: platformName(post?.platform), author: post?.author.name?.value ?? null,
      authorId: post?.author.id?.value ?? null, publishedAt: post?.publishedAt?.value ?? null, ipLocation: post?.ipLocation?.value ?? null,
      text: post?.text?.value ?? null, state: post?.state.value ?? null,
      counts: { ...(views ? { views: views.value } : {}), ...(c.reposts ? { reposts: c.reposts.value } : {}), ...(c.comments ? { comments: c.comments.value } : {}), ...(c.likes ? { likes: c.likes.value } : {}) },
      countsReadAt: post?.countsReadAt ?? null, capturedAt: toShanghai(new Date(item.started_at)), status: item.status, manifestSha256: item.manifest_sha256,
      timestamp: seal ? { state: seal.state, genTime: seal.timestamps?.[0]?.genTime ?? null, tsa: seal.timestamps?.[0]?.operator ?? seal.timestamps?.[0]?.url ?? null } : item.seal_state ? { state: item.seal_state, genTime: null, tsa: null } : null,
      screenshot: png && size ? { png, ...size } : null,
    });
  }
  return out;
}

/** Without a vault: what the facts file states about each act; how it was captured is unknown and left blank. */
export function evidenceFromFacts(facts: CaseFacts): EvidenceEntry[] {
  return facts.acts.map((a, i) => {
    const last = [...a.observations].sort((x, y) => x.at.localeCompare(y.at)).at(-1);
    return {
      n: i + 1, item: null, url: a.url ?? null, platform: platformName(a.platform), author: facts.poster?.account ?? null, authorId: null, publishedAt: a.start ?? null,
      ipLocation: null, text: a.summary ?? null, state: null,
      counts: last ? Object.fromEntries((['views', 'reposts', 'comments', 'likes'] as const).filter((k) => typeof last[k] === 'number').map((k) => [k, last[k] as number])) : {},
      countsReadAt: last?.at ?? null, capturedAt: null, status: null, manifestSha256: null, timestamp: null, screenshot: null,
    };
  });
}

/** "浏览 5200 次、转发 612 次（2026-11-22T…读取）". */
export function countsText(e: EvidenceEntry): string | null {
  const parts = [e.counts.views !== undefined ? `浏览/阅读 ${e.counts.views} 次` : '', e.counts.reposts !== undefined ? `转发 ${e.counts.reposts} 次` : '',
    e.counts.comments !== undefined ? `评论 ${e.counts.comments} 条` : '', e.counts.likes !== undefined ? `点赞 ${e.counts.likes} 次` : ''].filter(Boolean);
  return parts.length ? `${parts.join('、')}${e.countsReadAt ? `（${e.countsReadAt} 读取）` : ''}` : null;
}
