/**
 * Streamed video (HLS, DASH) put together into one file from what the browser recorded: the playlists and segments in the
 * WARC are written to a temporary folder, the playlist pointed at them, and ffmpeg copies the streams into one MP4
 * (no re-encoding). Only segments recorded from the start without a gap are used; encrypted streams are reported,
 * not decrypted. DASH: see assembleDash.
 */
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const isPlaylist = (url: string, mime: string) => /mpegurl/i.test(mime) || /\.m3u8(?:$|\?)/i.test(url);

interface Variant {
  url: string;
  bandwidth: number;
}

function lines(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

/** The variants of a master playlist, best first; none for a media playlist. */
export function variants(text: string, base: string): Variant[] {
  const out: Variant[] = [];
  const ls = lines(text);
  for (const [i, l] of ls.entries()) {
    if (!l.startsWith('#EXT-X-STREAM-INF')) continue;
    const uri = ls[i + 1];
    if (uri && !uri.startsWith('#')) out.push({ url: new URL(uri, base).href, bandwidth: Number(/BANDWIDTH=(\d+)/.exec(l)?.[1] ?? 0) });
  }
  return out.sort((a, b) => b.bandwidth - a.bandwidth);
}

/** Segment (and init map) URLs of a media playlist, in order. */
export function segments(text: string, base: string): { init: string | null; segments: string[]; encrypted: boolean } {
  let init: string | null = null;
  const segs: string[] = [];
  let encrypted = false;
  for (const l of lines(text)) {
    if (l.startsWith('#EXT-X-MAP')) init = new URL(/URI="([^"]+)"/.exec(l)?.[1] ?? '', base).href;
    else if (l.startsWith('#EXT-X-KEY') && !/METHOD=NONE/.test(l)) encrypted = true;
    else if (!l.startsWith('#')) segs.push(new URL(l, base).href);
  }
  return { init, segments: segs, encrypted };
}

/** Bodies of the given URLs from the WARC (200 responses, not truncated). */
export async function bodiesFromWarc(warc: string, urls: Set<string>): Promise<Map<string, Buffer>> {
  const { WARCParser } = await import('warcio');
  const out = new Map<string, Buffer>();
  for await (const record of new WARCParser(createReadStream(warc))) {
    const url = record.warcTargetURI ?? '';
    if (record.warcType !== 'response' || !urls.has(url) || Number(record.httpHeaders?.statusCode) !== 200 || record.warcHeaders.headers.get('WARC-Truncated')) {
      await record.skipFully();
      continue;
    }
    out.set(url, Buffer.from(await record.readFully(false)));
  }
  return out;
}

export interface Assembled {
  ok: boolean;
  note: string;
}

/** Assembles the stream of `playlistUrl` (master or media playlist) into `outFile`. */
export async function assembleHls(warc: string, playlistUrl: string, playlists: Map<string, string>, outFile: string): Promise<Assembled> {
  let mediaUrl = playlistUrl;
  const v = variants(playlists.get(playlistUrl) ?? '', playlistUrl);
  if (v.length) {
    const recorded = v.find((x) => playlists.has(x.url));
    if (!recorded) return { ok: false, note: 'no variant playlist of this stream was loaded during the visit / 访问中没有加载任何一路视频流' };
    mediaUrl = recorded.url;
  }
  const list = segments(playlists.get(mediaUrl) ?? '', mediaUrl);
  if (list.encrypted) return { ok: false, note: 'the stream is encrypted (EXT-X-KEY); its segments are in the WARC but are not decrypted / 视频流已加密，未解密' };
  const bodies = await bodiesFromWarc(warc, new Set([...list.segments, ...(list.init ? [list.init] : [])]));
  const have: string[] = [];
  for (const s of list.segments) {
    if (!bodies.has(s)) break;
    have.push(s);
  }
  if (!have.length || (list.init && !bodies.has(list.init))) return { ok: false, note: 'the browser did not load the first segments of the stream / 浏览器没有加载视频流的开头部分' };
  const work = await mkdtemp(join(tmpdir(), 'guzheng-hls-'));
  try {
    const local: string[] = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-TARGETDURATION:60', '#EXT-X-PLAYLIST-TYPE:VOD'];
    if (list.init) {
      await writeFile(join(work, 'init.mp4'), bodies.get(list.init)!);
      local.push('#EXT-X-MAP:URI="init.mp4"');
    }
    for (const [i, s] of have.entries()) {
      // ffmpeg accepts only the usual segment extensions: keep the original one.
      const ext = /\.(ts|m4s|mp4|m4a|aac|mp3|vtt)$/i.exec(new URL(s).pathname)?.[1]?.toLowerCase() ?? 'ts';
      await writeFile(join(work, `s${i}.${ext}`), bodies.get(s)!);
      local.push('#EXTINF:10,', `s${i}.${ext}`);
    }
    local.push('#EXT-X-ENDLIST');
    await writeFile(join(work, 'local.m3u8'), local.join('\n') + '\n');
    await mkdir(join(outFile, '..'), { recursive: true });
    await runFfmpeg(['-y', '-loglevel', 'error', '-allowed_extensions', 'ALL', '-protocol_whitelist', 'file', '-i', join(work, 'local.m3u8'), '-c', 'copy', '-bsf:a', 'aac_adtstoasc', '-movflags', '+faststart', outFile]);
    const partial = have.length < list.segments.length;
    return { ok: true, note: `assembled with ffmpeg (stream copy) from ${have.length} of ${list.segments.length} recorded segment(s)${partial ? '; the browser did not load the rest / 只加载了部分片段' : ''}; playlist ${mediaUrl}` };
  } catch (err) {
    return { ok: false, note: `ffmpeg could not assemble the stream: ${(err as Error).message} / ffmpeg 无法合成视频流` };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function runFfmpeg(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.env.GUZHENG_FFMPEG || 'ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(err.trim().slice(0, 300) || `exit ${code}`))));
  });
}

export const isDashManifest = (url: string, mime: string) => /dash\+xml/i.test(mime) || /\.mpd(?:$|\?)/i.test(url);

/**
 * A DASH stream: the manifest and every recorded file beside or below it are written to a temporary folder under
 * their relative paths, and ffmpeg reads the manifest there (relative segment URLs resolve to the recorded files).
 */
export async function assembleDash(warc: string, manifestUrl: string, manifest: string, recordedUrls: string[], outFile: string): Promise<Assembled> {
  if (/<BaseURL>\s*https?:/i.test(manifest) || /(media|initialization)="https?:/i.test(manifest)) {
    return { ok: false, note: 'the DASH manifest names its segments by absolute URLs: not assembled / DASH 清单使用绝对地址，未合成' };
  }
  const base = manifestUrl.slice(0, manifestUrl.lastIndexOf('/') + 1);
  const wanted = recordedUrls.filter((u) => u.startsWith(base) && u !== manifestUrl && !/[?#]/.test(u.slice(base.length)));
  const bodies = await bodiesFromWarc(warc, new Set(wanted));
  const work = await mkdtemp(join(tmpdir(), 'guzheng-dash-'));
  try {
    for (const [u, body] of bodies) {
      const rel = decodeURIComponent(u.slice(base.length));
      if (rel.split('/').some((p) => p === '..' || p === '')) continue;
      await mkdir(join(work, ...rel.split('/').slice(0, -1)), { recursive: true });
      await writeFile(join(work, ...rel.split('/')), body);
    }
    await writeFile(join(work, 'manifest.mpd'), manifest);
    await mkdir(join(outFile, '..'), { recursive: true });
    await runFfmpeg(['-y', '-loglevel', 'error', '-i', join(work, 'manifest.mpd'), '-map', '0', '-c', 'copy', '-movflags', '+faststart', outFile]);
    return { ok: true, note: `assembled with ffmpeg (stream copy) from the DASH manifest ${manifestUrl} and ${bodies.size} recorded file(s)` };
  } catch (err) {
    return { ok: false, note: `ffmpeg could not assemble the DASH stream (segments missing?): ${(err as Error).message} / ffmpeg 无法合成 DASH 视频流` };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
