/**
 * A post's images and videos as separate artifacts (media/1.jpg, media/2.mp4…), taken from the WARC — the bytes the
 * browser received during the visit, never downloaded again. A video the browser fetched in byte ranges is put
 * together from them; one it did not fetch whole is saved as far as it got and said so. Each media entry of
 * post.json then names the artifact that holds its bytes, or why there is none.
 */
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXTENSIONS, assembleRanges } from '../capture/recorders/ranges.js';
import { assembleDash, assembleHls, isDashManifest, isPlaylist } from './streams.js';
import type { PostFacts } from './types.js';
import { downloadWithYtDlp, findYtDlp } from './ytdlp.js';

interface Found {
  whole: Buffer | null;
  parts: { contentRange: string | null; bytes: Uint8Array }[];
  mime: string;
  truncated: boolean;
}

/** `proxy`: on an organisation's server, yt-dlp goes through the capture's egress gate like the browser. */
export async function saveMedia(dir: string, facts: PostFacts, proxy?: string): Promise<string> {
  const warc = join(dir, 'archive.warc.gz');
  if (!existsSync(warc)) return 'no media';
  const wanted = new Map(facts.media.map((m) => [m.url, null as Found | null]));
  const playlists = new Map<string, string>();
  const manifests = new Map<string, string>();
  const recordedUrls: string[] = [];
  const { WARCParser } = await import('warcio');
  for await (const record of new WARCParser(createReadStream(warc))) {
    const url = record.warcTargetURI ?? '';
    const mime = record.httpHeaders?.headers.get('content-type') ?? '';
    if (record.warcType === 'response') recordedUrls.push(url);
    if (record.warcType === 'response' && record.httpHeaders && isPlaylist(url, mime)) {
      playlists.set(url, Buffer.from(await record.readFully(false)).toString('utf8'));
      continue;
    }
    if (record.warcType === 'response' && record.httpHeaders && isDashManifest(url, mime)) {
      manifests.set(url, Buffer.from(await record.readFully(false)).toString('utf8'));
      continue;
    }
    if (record.warcType !== 'response' || !wanted.has(url) || !record.httpHeaders) {
      await record.skipFully();
      continue;
    }
    const status = Number(record.httpHeaders.statusCode);
    const found = wanted.get(url) ?? { whole: null, parts: [], mime: '', truncated: false };
    found.mime = (record.httpHeaders.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const bytes = Buffer.from(await record.readFully(false));
    if (record.warcHeaders.headers.get('WARC-Truncated')) found.truncated = true;
    else if (status === 200) found.whole = bytes;
    else if (status === 206) found.parts.push({ contentRange: record.httpHeaders.headers.get('content-range') ?? null, bytes });
    wanted.set(url, found);
  }
  // Streams the page played (HLS) are videos of the post too, even when the module did not name them.
  const masters = [...playlists.keys()].filter((u) => !facts.media.some((m) => m.url === u) && ![...playlists.entries()].some(([other, text]) => other !== u && text.includes(new URL(u).pathname.split('/').pop()!)));
  for (const u of masters) facts.media.push({ type: 'video', url: u, source: `WARC ${u} (HLS playlist loaded by the page)` });
  for (const u of manifests.keys()) if (!facts.media.some((m) => m.url === u)) facts.media.push({ type: 'video', url: u, source: `WARC ${u} (DASH manifest loaded by the page)` });
  if (!facts.media.length) return 'no media';
  await mkdir(join(dir, 'media'), { recursive: true });
  let saved = 0;
  for (const [i, m] of facts.media.entries()) {
    if (manifests.has(m.url) || playlists.has(m.url)) {
      const name = `media/${i + 1}.mp4`;
      const r = manifests.has(m.url)
        ? await assembleDash(warc, m.url, manifests.get(m.url)!, recordedUrls, join(dir, name))
        : await assembleHls(warc, m.url, playlists, join(dir, name));
      m.artifact = r.ok ? name : null;
      m.note = r.note;
      if (r.ok) saved++;
      continue;
    }
    const found = wanted.get(m.url);
    if (!found) {
      m.artifact = null;
      m.note = 'not loaded during the visit: not in the WARC / 访问中没有加载，WARC 中没有';
      continue;
    }
    const ext = EXTENSIONS[found.mime] ?? /\.(jpe?g|png|gif|webp|mp4|webm)(?:$|\?)/i.exec(m.url)?.[1]?.toLowerCase().replace('jpeg', 'jpg') ?? 'bin';
    const name = `media/${i + 1}.${ext}`;
    if (found.whole) {
      await writeFile(join(dir, name), found.whole);
      m.artifact = name;
      saved++;
    } else if (found.parts.length) {
      const { bytes, total } = assembleRanges(found.parts);
      await writeFile(join(dir, name), bytes);
      m.artifact = name;
      saved++;
      if (total === null || bytes.length < total) m.note = `the browser loaded ${bytes.length} of ${total ?? '?'} bytes; saved as received / 只加载了部分，按收到的保存`;
    } else {
      m.artifact = null;
      m.note = 'only a truncated copy is in the WARC / WARC 中只有截断的副本';
    }
  }
  // Videos the browser did not receive: yt-dlp, if the user has it, fetches them now (a second request, said so).
  const ytdlp = facts.media.some((m) => m.type === 'video' && !m.artifact) ? await findYtDlp() : null;
  let fetched = 0;
  for (const [i, m] of facts.media.entries()) {
    if (!ytdlp || m.type !== 'video' || m.artifact) continue;
    const at = new Date().toISOString();
    const r = await downloadWithYtDlp(ytdlp, m.url, dir, i + 1, proxy);
    m.artifact = r.artifact;
    m.note = r.artifact
      ? `not received during the visit; downloaded afterwards by yt-dlp ${ytdlp.version} at ${at} — a second request, not the browser session / 访问中未收到，事后由 yt-dlp 另行下载`
      : `${m.note ?? ''}; ${r.detail}`;
    m.downloadedBy = { tool: 'yt-dlp', version: ytdlp.version, sha256: ytdlp.sha256, path: ytdlp.path, at, command: r.command };
    if (r.artifact) fetched++;
  }
  return `${saved} of ${facts.media.length} media file(s) saved from the WARC${fetched ? `, ${fetched} downloaded by yt-dlp after the visit` : ''}`;
}
