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
import type { PostFacts } from './types.js';

interface Found {
  whole: Buffer | null;
  parts: { contentRange: string | null; bytes: Uint8Array }[];
  mime: string;
  truncated: boolean;
}

export async function saveMedia(dir: string, facts: PostFacts): Promise<string> {
  const warc = join(dir, 'archive.warc.gz');
  if (!facts.media.length || !existsSync(warc)) return 'no media';
  const wanted = new Map(facts.media.map((m) => [m.url, null as Found | null]));
  const { WARCParser } = await import('warcio');
  for await (const record of new WARCParser(createReadStream(warc))) {
    const url = record.warcTargetURI ?? '';
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
  await mkdir(join(dir, 'media'), { recursive: true });
  let saved = 0;
  for (const [i, m] of facts.media.entries()) {
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
  return `${saved} of ${facts.media.length} media file(s) saved from the WARC`;
}
