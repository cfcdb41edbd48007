/**
 * The evidence of a case as the documents cite it: one entry per captured item (its post facts, capture time, the
 * manifest's SHA-256, its trusted timestamp, its first-screen screenshot — the framed one, whose band shows the
 * address and the time, when the capture has it), or, for a facts file without a vault, one entry per stated act with
 * the capture details left blank. Times stay ISO 8601 here; the documents write them the Chinese way (dates.ts).
 */
import { readFile } from 'node:fs/promises';
import type { ArtifactRow, Vault } from '../vault/vault.js';
import type { PostFacts } from '../platforms/types.js';
import { PLATFORMS } from '../platforms/registry.js';
import type { CaseFacts } from '../assess/facts.js';
import { zhDateTime } from './dates.js';

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
  counts: { views?: number; reposts?: number; shares?: number; comments?: number; likes?: number };
  /** ISO 8601 instant (or a day, from a facts file). */
  countsReadAt: string | null;
  /** ISO 8601 instant (UTC) the capture began. */
  capturedAt: string | null;
  status: string | null;
  manifestSha256: string | null;
  timestamp: { state: string; genTime: string | null; tsa: string | null } | null;
  screenshot: Screenshot | null;
  /** An imported file (not a captured page): what it is, where it came from as its importer stated, its flags, and
   * for a chat the messages chosen as the ones that matter (guzheng chat --select), which the documents quote. */
  imported?: ImportedEntry;
}

export interface ImportedEntry {
  name: string;
  kind: string;
  format: string;
  carrier: Record<string, string> | null;
  flags: string[];
  sha256: string;
  summary: Record<string, any>;
  quotes: { index: number; utc: string | null; sender: string | null; text: string }[] | null;
  selection: string | null;
  /** For a chat: each other party's identity checklist (what ties the account to a person, what is missing). */
  identity: { party: string; have: string[]; missing: string[] }[] | null;
}

/** The first-screen screenshot a document shows as the item's exhibit. */
export interface Screenshot {
  png: Buffer;
  width: number;
  height: number;
  /** The framed screenshot: the raw one under a band with the URL, the capture time, the item id and the raw file's SHA-256. */
  framed: boolean;
  /** SHA-256 of the raw first-screen screenshot (screenshot-viewport.png), as the manifest lists it. */
  rawSha256: string | null;
}

export const VIEWPORT = { raw: { path: 'screenshot-viewport.png', role: 'screenshot.viewport' }, framed: { path: 'screenshot-viewport-framed.png', role: 'screenshot.viewport.framed' } };

export const platformName = (id: string | null | undefined) => (id ? PLATFORMS.find((p) => p.id === id)?.name.zh ?? id : null);

export function pngSize(png: Buffer): { width: number; height: number } | null {
  if (png.length < 24 || png.toString('latin1', 1, 4) !== 'PNG') return null;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * The exhibit of an item: the framed first-screen screenshot when the item has one that reads as a PNG, else the raw
 * one, else none. `read` gives a file's bytes by its artifact, or null when it cannot be read.
 */
export async function pickScreenshot(artifacts: ArtifactRow[], read: (a: ArtifactRow) => Promise<Buffer | null>): Promise<Screenshot | null> {
  const find = (f: { path: string; role: string }) => artifacts.find((a) => a.path === f.path) ?? artifacts.find((a) => a.role === f.role);
  const raw = find(VIEWPORT.raw);
  for (const [artifact, framed] of [[find(VIEWPORT.framed), true], [raw, false]] as const) {
    if (!artifact) continue;
    const png = await read(artifact).catch(() => null);
    const size = png ? pngSize(png) : null;
    if (png && size && size.width > 0 && size.height > 0) return { png, ...size, framed, rawSha256: raw?.sha256 ?? null };
  }
  return null;
}

export async function evidenceFromVault(vault: Vault, caseId: string): Promise<EvidenceEntry[]> {
  const items = (await vault.itemsOfCase(caseId)).filter((i) => i.status === 'COMPLETE' || i.status === 'PARTIAL');
  const out: EvidenceEntry[] = [];
  for (const item of items) {
    const artifacts = await vault.artifacts(item.id);
    const readArtifact = async (a: ArtifactRow) => {
      try {
        return await readFile(await vault.blobs.local(a.sha256));
      } catch {
        return null;
      }
    };
    const read = async (path: string) => {
      const a = artifacts.find((x) => x.path === path);
      return a ? readArtifact(a) : null;
    };
    const postBytes = await read('post.json');
    const post = postBytes ? (JSON.parse(postBytes.toString('utf8')) as PostFacts) : null;
    const sealBytes = await read('seal/seal.json');
    const seal = sealBytes ? (JSON.parse(sealBytes.toString('utf8')) as { state: string; timestamps?: { genTime?: string; operator?: string; url: string }[] }) : null;
    const c = post?.counts ?? {};
    const views = c.views ?? c.reads ?? c.plays;
    const imported = await importedEntry(vault, item.id, artifacts, read);
    out.push({
      n: out.length + 1, item: item.id, url: post?.canonicalUrl?.value ?? item.final_url ?? item.url, platform: platformName(post?.platform), author: post?.author.name?.value ?? null,
      authorId: post?.author.id?.value ?? null, publishedAt: post?.publishedAt?.value ?? null, ipLocation: post?.ipLocation?.value ?? null,
      text: post?.text?.value ?? null, state: post?.state.value ?? null,
      counts: { ...(views ? { views: views.value } : {}), ...(c.reposts ? { reposts: c.reposts.value } : {}), ...(c.shares ? { shares: c.shares.value } : {}), ...(c.comments ? { comments: c.comments.value } : {}), ...(c.likes ? { likes: c.likes.value } : {}) },
      countsReadAt: post?.countsReadAt ?? null, capturedAt: item.started_at, status: item.status, manifestSha256: item.manifest_sha256,
      timestamp: seal ? { state: seal.state, genTime: seal.timestamps?.[0]?.genTime ?? null, tsa: seal.timestamps?.[0]?.operator ?? seal.timestamps?.[0]?.url ?? null } : item.seal_state ? { state: item.seal_state, genTime: null, tsa: null } : null,
      screenshot: imported ? await importedPicture(artifacts, readArtifact) : await pickScreenshot(artifacts, readArtifact),
      ...(imported ? { imported } : {}),
    });
  }
  return out;
}

/** An import's record, and for a chat the newest selection of messages (from the custody log) with their words. */
async function importedEntry(vault: Vault, itemId: string, artifacts: ArtifactRow[], read: (path: string) => Promise<Buffer | null>): Promise<ImportedEntry | undefined> {
  const bytes = await read('import.json');
  if (!bytes) return undefined;
  const r = JSON.parse(bytes.toString('utf8')) as { kind: string; fileFormat: string; source: { name: string; sha256: string }; carrier: Record<string, string> | null;
    checks: { result: string; zh: string }[]; summary: Record<string, any> };
  let quotes: ImportedEntry['quotes'] = null;
  let selection: string | null = null;
  const messagesFile = artifacts.find((a) => a.role === 'chat.messages');
  if (messagesFile) {
    const chosen = (await vault.events([itemId])).filter((e) => e.type === 'noted' && e.detail.selection).at(-1);
    if (chosen) {
      const sel = chosen.detail.selection as { ranges: string; indexes: number[] };
      selection = sel.ranges;
      const doc = JSON.parse((await read(messagesFile.path))!.toString('utf8')) as { messages: { index: number; time: { utc: string | null }; sender: { name: string | null }; text: string }[] };
      quotes = doc.messages.filter((m) => sel.indexes.includes(m.index)).map((m) => ({ index: m.index, utc: m.time.utc, sender: m.sender.name, text: m.text }));
    }
  }
  let identity: ImportedEntry['identity'] = null;
  if (messagesFile) {
    const { identityChecklists, IDENTITY_FIELDS } = await import('../actions/chats.js');
    identity = (await identityChecklists(vault, itemId)).parties.map((p) => ({ party: `${p.party.name ?? ''}${p.party.id ? `（${p.party.id}）` : ''}`,
      have: p.have.map((h) => `${IDENTITY_FIELDS[h.field].zh} ${h.value}`), missing: p.missing.map((f) => IDENTITY_FIELDS[f].zh) }));
  }
  return { name: r.source.name, kind: r.kind, format: r.fileFormat, carrier: r.carrier, flags: r.checks.filter((c) => c.result === 'flag').map((c) => c.zh),
    sha256: r.source.sha256, summary: r.summary, quotes, selection, identity };
}

/** An imported PNG picture is its own exhibit (unframed: its name, time and hash are in the caption). */
async function importedPicture(artifacts: ArtifactRow[], read: (a: ArtifactRow) => Promise<Buffer | null>): Promise<Screenshot | null> {
  const original = artifacts.find((a) => a.role === 'original' && a.media_type === 'image/png');
  const png = original ? await read(original) : null;
  const size = png ? pngSize(png) : null;
  return png && size ? { png, ...size, framed: false, rawSha256: original!.sha256 } : null;
}

/** Without a vault: what the facts file states about each act; how it was captured is unknown and left blank. */
export function evidenceFromFacts(facts: CaseFacts): EvidenceEntry[] {
  return facts.acts.map((a, i) => {
    const last = [...a.observations].sort((x, y) => x.at.localeCompare(y.at)).at(-1);
    return {
      n: i + 1, item: null, url: a.url ?? null, platform: platformName(a.platform), author: facts.poster?.account ?? null, authorId: null, publishedAt: a.start ?? null,
      ipLocation: null, text: a.summary ?? null, state: null,
      counts: last ? Object.fromEntries((['views', 'reposts', 'shares', 'comments', 'likes'] as const).filter((k) => typeof last[k] === 'number').map((k) => [k, last[k] as number])) : {},
      countsReadAt: last?.at ?? null, capturedAt: null, status: null, manifestSha256: null, timestamp: null, screenshot: null,
    };
  });
}

/** "浏览/阅读 5200 次、转发 612 次（2026年11月22日 20:30 读取）". */
export function countsText(e: EvidenceEntry): string | null {
  const parts = [e.counts.views !== undefined ? `浏览/阅读 ${e.counts.views} 次` : '', e.counts.reposts !== undefined ? `转发 ${e.counts.reposts} 次` : '',
    e.counts.shares !== undefined ? `分享 ${e.counts.shares} 次（分享按钮的使用次数，不是转发）` : '', e.counts.comments !== undefined ? `评论 ${e.counts.comments} 条` : '', e.counts.likes !== undefined ? `点赞 ${e.counts.likes} 次` : ''].filter(Boolean);
  return parts.length ? `${parts.join('、')}${e.countsReadAt ? `（${zhDateTime(e.countsReadAt)} 读取）` : ''}` : null;
}
