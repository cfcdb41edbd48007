/**
 * Screen recordings and videos: the original stays as it is (copied and hashed as a stream, never read whole into
 * memory); ffprobe says what it is (duration, codecs, size, creation time, device tags), ffmpeg draws a contact sheet
 * of keyframes (decoding keyframes only), and the times it carries are compared. A re-encode by ffmpeg (an "Lavf"
 * encoder tag) is flagged: the file is then not what the phone wrote.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Reason } from '../capture/manifest.js';
import { nameTime, statedTime, type StatedTime } from './picture-meta.js';
import type { AnalyseInput, Derived, ImportCheck, KindResult } from './types.js';

const run = promisify(execFile);
const AGREE_MS = 2 * 60_000;

export const VIDEO_STATEMENT = {
  zh: '一段录屏或视频本身只能说明：这些数据在导入时已经存在，导入后未被改动（哈希与时间戳为证）。它不能单独证明画面中的内容真实发生、录制时间或录制设备——元数据可以被改写，视频可以被剪辑或重新编码。法院通常要求结合原始载体（录制它的手机）核对，并与其他证据相互印证。',
  en: 'A screen recording or video alone shows only that this data existed when imported and has not changed since (the hashes and timestamp prove that). It does not by itself prove that what it shows happened, when it was recorded or on which device: metadata can be rewritten, and videos can be cut or re-encoded. Courts usually examine the original device (the phone that recorded it) and weigh it against other evidence.',
};

interface Probe {
  format?: { duration?: string; format_name?: string; size?: string; bit_rate?: string; tags?: Record<string, string> };
  streams?: { codec_type?: string; codec_name?: string; width?: number; height?: number; avg_frame_rate?: string; duration?: string; tags?: Record<string, string> }[];
}

async function probe(file: string): Promise<{ probe: Probe | null; raw: string; error: string | null }> {
  try {
    const { stdout } = await run('ffprobe', ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', file], { maxBuffer: 32 * 1024 * 1024, timeout: 120_000 });
    return { probe: JSON.parse(stdout) as Probe, raw: stdout, error: null };
  } catch (err) {
    const e = err as { stderr?: string; code?: string; message: string };
    if (e.code === 'ENOENT') return { probe: null, raw: '', error: 'ffprobe is not installed (bash scripts/setup.sh installs it)' };
    return { probe: null, raw: '', error: (e.stderr || e.message).trim().split('\n').slice(-1)[0]! };
  }
}

/** A 4×4 grid of keyframes, each with its time in the video; only keyframes are decoded. */
async function contactSheet(file: string, out: string, duration: number): Promise<string | null> {
  const step = Math.max(0.5, duration / 16);
  try {
    await run('ffmpeg', ['-v', 'error', '-y', '-threads', '1', '-skip_frame', 'nokey', '-i', file, '-an', '-sn', '-dn',
      '-vf', `select='isnan(prev_selected_t)+gte(t-prev_selected_t\\,${step.toFixed(3)})',scale=320:-2,tile=4x4:padding=4:margin=4:color=white`,
      '-fps_mode', 'vfr', '-frames:v', '1', out], { timeout: 600_000 });
    return null;
  } catch (err) {
    return ((err as { stderr?: string }).stderr || (err as Error).message).trim().split('\n').slice(-1)[0]!;
  }
}

export async function analyseVideo(input: AnalyseInput): Promise<KindResult> {
  const file = join(input.dir, input.original);
  const reasons: Reason[] = [];
  const checks: ImportCheck[] = [];
  const derived: Derived[] = [];
  const p = await probe(file);
  if (p.error) {
    reasons.push({ code: 'E_VIDEO_UNREADABLE', zh: `视频无法完整读取（文件可能不完整或已损坏），原样保存：${p.error}`, en: `The video cannot be read whole (it may be truncated or damaged); it is kept as it is: ${p.error}` });
  } else {
    await writeFile(join(input.dir, 'probe.json'), p.raw);
    derived.push({ path: 'probe.json', role: 'probe', mediaType: 'application/json', tool: 'ffprobe -show_format -show_streams' });
  }
  const tags = p.probe?.format?.tags ?? {};
  const video = p.probe?.streams?.find((s) => s.codec_type === 'video');
  const audio = p.probe?.streams?.find((s) => s.codec_type === 'audio');
  const duration = Number(p.probe?.format?.duration ?? video?.duration ?? NaN);
  const device = Object.fromEntries(Object.entries(tags).filter(([k]) => /^com\.(android|apple\.quicktime)\./.test(k) || /^(make|model|location(-eng)?)$/i.test(k)));
  const created: StatedTime | null = tags.creation_time ? statedTime('container creation_time', tags.creation_time, null, null, input.tz)
    : video?.tags?.creation_time ? statedTime('video stream creation_time', video.tags.creation_time, null, null, input.tz) : null;
  const appleLocal = tags['com.apple.quicktime.creationdate'] ? statedTime('com.apple.quicktime.creationdate', tags['com.apple.quicktime.creationdate'], null, null, input.tz) : null;
  const fromName = nameTime(input.name, input.tz);

  if (video && Number.isFinite(duration) && duration > 0) {
    const failed = await contactSheet(file, join(input.dir, 'contact-sheet.png'), duration);
    if (failed) reasons.push({ code: 'E_CONTACT_SHEET', zh: `关键帧缩略图无法生成：${failed}`, en: `The contact sheet of keyframes could not be made: ${failed}` });
    else derived.push({ path: 'contact-sheet.png', role: 'contact-sheet', mediaType: 'image/png', tool: 'ffmpeg -skip_frame nokey, select, tile=4x4' });
  } else if (!p.error) {
    reasons.push({ code: 'E_VIDEO_UNREADABLE', zh: '文件里没有可读的视频画面', en: 'The file holds no readable video stream' });
  }

  const human = (t: StatedTime) => `${t.source}: ${t.raw}`;
  const own = appleLocal ?? created;
  if (own?.utc && fromName?.utc) {
    const agree = Math.abs(Date.parse(own.utc) - Date.parse(fromName.utc)) <= AGREE_MS + (Number.isFinite(duration) ? duration * 1000 : 0);
    checks.push({ id: 'time.name-vs-metadata', result: agree ? 'ok' : 'flag', zh: agree ? '文件名中的时间与视频记载的时间一致' : `文件名中的时间与视频记载的时间不一致：${human(fromName)}；${human(own)}`,
      en: agree ? 'The time in the file name agrees with the time the video states' : `The time in the file name differs from the time the video states: ${human(fromName)}; ${human(own)}`, evidence: { name: fromName, metadata: own } });
  }
  if (!own && !fromName) {
    checks.push({ id: 'time.none', result: 'flag', zh: '视频和文件名里都没有录制时间：只剩不可靠的文件时间', en: 'Neither the video nor its name gives a time: only the unreliable file time remains', evidence: { file: input.fileTimes } });
  }
  const encoder = tags.encoder ?? video?.tags?.encoder ?? null;
  if (encoder && /^Lavf/i.test(encoder)) {
    checks.push({ id: 'encoder.remuxed', result: 'flag', zh: `视频由 FFmpeg 重新封装或转码过（encoder = ${encoder}）：它不是手机录下的原始文件，请找原始文件`,
      en: `The video was re-muxed or transcoded by FFmpeg (encoder = ${encoder}): it is not the file the phone recorded; look for the original`, evidence: { encoder } });
  }
  checks.push({ id: 'device.tags', result: 'info', zh: Object.keys(device).length ? `设备信息：${Object.entries(device).map(([k, v]) => `${k} = ${v}`).join('；')}` : '没有设备信息（录屏通常没有）',
    en: Object.keys(device).length ? `Device tags: ${Object.entries(device).map(([k, v]) => `${k} = ${v}`).join('; ')}` : 'No device tags (screen recordings usually have none)', evidence: { device } });

  return {
    summary: {
      format: input.detected.format, container: p.probe?.format?.format_name ?? null, duration: Number.isFinite(duration) ? duration : null,
      width: video?.width ?? null, height: video?.height ?? null, videoCodec: video?.codec_name ?? null, audioCodec: audio?.codec_name ?? null,
      frameRate: video?.avg_frame_rate ?? null, created: own ?? fromName, device, encoder,
    },
    checks, derived, reasons, statement: VIDEO_STATEMENT, details: { tags, streams: p.probe?.streams ?? [] },
  };
}
