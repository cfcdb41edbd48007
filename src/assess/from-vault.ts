/**
 * A case's facts from the vault: what the user stated (guzheng case facts --set) and, for every post captured in the
 * case, the act it records — URL, platform, publish day (post.json) and the counts read at each capture
 * (observations). Stated acts with the same URL are merged with the evidence; stated values win over read ones only
 * where the evidence has none. Shares (分享) stay shares: they are never read as reposts (转发).
 */
import { readFile } from 'node:fs/promises';
import type { Vault } from '../vault/vault.js';
import type { PostFacts } from '../platforms/types.js';
import { chinaDay } from './dates.js';
import { checkFacts, type Act, type CaseFacts, type Observation } from './facts.js';

/** Views, reads, plays and clicks are all "实际被点击、浏览" for the threshold. */
const VIEW_METRICS = ['views', 'reads', 'plays'];

/**
 * The share-button counts that captures before issue 13 stored as "reposts" (Douyin and TikTok share_count, Bilibili
 * stat.share, Xiaohongshu shareCount): the sealed record keeps its label, and the source it names says what it is.
 */
const SHARE_SOURCE = /statistics\.share_count|stats\.shareCount|interactInfo\.shareCount|\bstat\.share\b/;

/** What an observation row counts, for the assessment: views (and reads, plays), reposts (转发), shares (分享), … */
function kindOf(r: { metric: string; source: string | null }): 'views' | 'reposts' | 'shares' | 'comments' | 'likes' | null {
  if (VIEW_METRICS.includes(r.metric)) return 'views';
  if (r.metric === 'reposts' && r.source && SHARE_SOURCE.test(r.source)) return 'shares';
  return r.metric === 'reposts' || r.metric === 'shares' || r.metric === 'comments' || r.metric === 'likes' ? r.metric : null;
}

export async function caseFactsFromVault(vault: Vault, caseId: string): Promise<CaseFacts> {
  const stated = ((await vault.caseFacts(caseId)) ?? {}) as Record<string, any>;
  const items = (await vault.itemsOfCase(caseId)).filter((i) => i.status !== 'capturing' && i.status !== 'interrupted');
  // One query each (per 500 items) for the posts' files and for the observations: a case may hold a thousand items.
  const ids = items.map((i) => i.id);
  const postFiles = new Map((await vault.artifactsWithRole(ids, ['post'])).map((a) => [a.item_id, a.sha256]));
  const observed = new Map<string, Awaited<ReturnType<Vault['observationsOf']>>>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const r of await vault.observationsOf(ids.slice(i, i + 500))) {
      if (!observed.has(r.item_id!)) observed.set(r.item_id!, []);
      observed.get(r.item_id!)!.push(r);
    }
  }
  const acts = new Map<string, Act>();
  /** The act each captured address belongs to (a watch names the address it watches, the act the post's own). */
  const actOfUrl = new Map<string, string>();
  for (const item of items) {
    const sha = postFiles.get(item.id);
    const post = sha ? await postOf(vault, sha) : null;
    const url = post?.canonicalUrl?.value ?? item.final_url ?? item.url;
    if (!url) continue;
    const act = acts.get(url) ?? { url, platform: post?.platform ?? null, start: null, end: null, observations: [], items: [], summary: null };
    act.items!.push(item.id);
    for (const u of [item.url, item.final_url]) if (u && !actOfUrl.has(u)) actOfUrl.set(u, url);
    if (post?.publishedAt?.value && !act.start) act.start = chinaDay(post.publishedAt.value);
    if (post?.text?.value && !act.summary) act.summary = post.text.value.slice(0, 500);
    acts.set(url, act);
    act.observations.push(...byTime(observed.get(item.id) ?? [], item.id));
  }
  // The checks of the case's watched posts (guzheng watch): the counts read at each check count as well.
  for (const w of await vault.watchObservations(caseId)) {
    const rows = w.rows;
    // A watched post that was also captured (a watch's full captures are) is one act, not two: counted once.
    const key = actOfUrl.get(w.url) ?? w.url;
    const act = acts.get(key) ?? { url: w.url, platform: null, start: null, end: null, observations: [], items: [], summary: null };
    act.observations.push(...byTime(rows));
    acts.set(key, act);
  }
  for (const s of (Array.isArray(stated.acts) ? stated.acts : []) as Act[]) {
    const same = s.url ? acts.get(s.url) : undefined;
    if (!same) {
      acts.set(s.url ?? `stated-${acts.size}`, { ...s, observations: s.observations ?? [] });
      continue;
    }
    same.start ??= s.start ?? null;
    same.end = s.end ?? same.end ?? null;
    same.platform ??= s.platform ?? null;
    // What the act did, and what it disclosed, only the user can say.
    if (s.harms !== undefined) same.harms = s.harms;
    if (s.personalInfo !== undefined) same.personalInfo = s.personalInfo;
    same.observations.push(...(s.observations ?? []));
  }
  return checkFacts({ ...stated, acts: [...acts.values()] });
}

/** Observation rows grouped by the time they were read: one Observation per reading, its counts by what they count. */
function byTime(rows: { at: string; metric: string; value: number | null; source: string | null }[], item?: string): Observation[] {
  const out = new Map<string, Observation>();
  for (const r of rows) {
    if (r.value === null) continue;
    const o = out.get(r.at) ?? { at: r.at, ...(item ? { item } : {}) };
    const key = kindOf(r);
    if (key) o[key] = Math.max(o[key] ?? 0, r.value);
    out.set(r.at, o);
  }
  return [...out.values()];
}

/**
 * A post.json by its SHA-256. Stored files never change, so what was read once is kept (the app reads a case's facts
 * for every list of cases). Callers read it and never change it.
 */
const posts = new Map<string, PostFacts | null>();
const MAX_CACHED_POSTS = 2000;

async function postOf(vault: Vault, sha256: string): Promise<PostFacts | null> {
  let post = posts.get(sha256);
  if (post === undefined) {
    post = await vault.blobs.local(sha256).then((f) => readFile(f, 'utf8')).then((t) => JSON.parse(t) as PostFacts, () => null);
    if (post) {
      if (posts.size >= MAX_CACHED_POSTS) posts.delete(posts.keys().next().value!);
      posts.set(sha256, post);
    }
  }
  return post;
}
