/**
 * A video of the whole visit. The browser sends a frame (CDP Page.startScreencast) whenever the picture changes,
 * stamped with its own time. Each frame is written to disk as it comes; at the end ffmpeg joins them with each
 * frame shown for exactly as long as it was on screen (variable frame rate), so the video's clock is the visit's.
 */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { GuzhengError } from '../../errors.js';

interface Frame {
  file: string;
  /** Browser timestamp, seconds since the epoch. */
  at: number;
}

export interface VideoResult {
  frames: number;
  startedAt: number;
  endedAt: number;
}

export class VideoRecorder {
  private readonly frames: Frame[] = [];
  private writes: Promise<unknown>[] = [];
  private startedAt = 0;
  private endedAt = 0;
  private running = false;

  constructor(private readonly cdp: CDPSession, private readonly workDir: string, private readonly size: { width: number; height: number }) {}

  async start(): Promise<void> {
    await mkdir(this.workDir, { recursive: true });
    this.cdp.on('Page.screencastFrame', (e) => {
      const n = this.frames.length;
      const file = `f${String(n).padStart(6, '0')}.jpg`;
      this.frames.push({ file, at: e.metadata.timestamp ?? Date.now() / 1000 });
      this.writes.push(writeFile(join(this.workDir, file), Buffer.from(e.data, 'base64')));
      this.cdp.send('Page.screencastFrameAck', { sessionId: e.sessionId }).catch(() => undefined);
    });
    this.startedAt = Date.now() / 1000;
    await this.cdp.send('Page.startScreencast', { format: 'jpeg', quality: 70, maxWidth: this.size.width, maxHeight: this.size.height, everyNthFrame: 1 });
    this.running = true;
  }

  /** Stops the screencast; safe to call when the browser is gone. */
  async stop(): Promise<void> {
    this.endedAt = Date.now() / 1000;
    if (this.running) await this.cdp.send('Page.stopScreencast').catch(() => undefined);
    this.running = false;
    await Promise.allSettled(this.writes);
  }

  /**
   * Joins the frames into an MP4 (H.264, variable frame rate). With a band (a PNG as wide as the video, see
   * framing.ts), the band sits above every frame and a Beijing-time clock is drawn into its right part; the clock is
   * each frame's own browser timestamp (the video's time since its start, plus the start), to the millisecond.
   */
  async encode(outPath: string, band?: { png: string; height: number }): Promise<VideoResult> {
    if (this.frames.length === 0) {
      throw new GuzhengError('E_INTERNAL', '浏览器没有送来任何画面，无法生成录像', 'The browser sent no frames; no video could be made');
    }
    const frames = [...this.frames].sort((a, b) => a.at - b.at);
    const lines = ['ffconcat version 1.0'];
    // The first frame covers the time from the start of recording until it arrived.
    const start = Math.min(this.startedAt, frames[0]!.at);
    const end = Math.max(this.endedAt, frames[frames.length - 1]!.at + 0.04);
    frames.forEach((f, i) => {
      const from = i === 0 ? start : f.at;
      const to = i + 1 < frames.length ? frames[i + 1]!.at : end;
      lines.push(`file '${f.file}'`, `duration ${Math.max(0.001, to - from).toFixed(6)}`);
    });
    lines.push(`file '${frames[frames.length - 1]!.file}'`);
    const list = join(this.workDir, 'frames.ffconcat');
    await writeFile(list, lines.join('\n') + '\n');
    const { width, height } = this.size;
    const fit = `scale=${width}:${height}:force_original_aspect_ratio=decrease,pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2:color=white,setsar=1`;
    // The band (as wide as the video) on top of every frame: the frame is padded downwards and the band laid over
    // the space; the band is one picture, repeated for the whole length. Heights are kept even for yuv420p.
    const bandH = band ? band.height + (band.height % 2) : 0;
    const filter = band
      ? ['-i', band.png, '-filter_complex', `[0:v]${fit},pad=${width}:${height + bandH}:0:${bandH}:color=white[shot];[shot][1:v]overlay=0:0:eof_action=repeat,${await clockFilter(this.workDir, start, width, bandH)},format=yuv420p[out]`, '-map', '[out]']
      : ['-vf', fit];
    await runFfmpeg(['-hide_banner', '-loglevel', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list, ...filter,
      '-fps_mode', 'vfr', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '28', '-pix_fmt', 'yuv420p',
      '-movflags', '+faststart', '-metadata', `creation_time=${new Date(start * 1000).toISOString()}`, outPath]);
    return { frames: frames.length, startedAt: start, endedAt: end };
  }
}

/**
 * The clock: "北京时间 2026-12-02 09:30:12.345" and the UTC time beneath it, at the band's top right, from each
 * frame's presentation time plus the recording's start (an epoch in seconds). The texts go through files so that
 * only drawtext's own expansion applies to them (no filtergraph quoting).
 */
async function clockFilter(workDir: string, startEpoch: number, width: number, bandHeight: number): Promise<string> {
  const ms = `%{eif:mod(floor((${startEpoch.toFixed(3)}+t)*1000),1000):d:3}`;
  const at = (offsetHours: number) => `%{pts:gmtime:${(startEpoch + offsetHours * 3600).toFixed(3)}:%Y-%m-%d %H\\:%M\\:%S}`;
  const beijing = join(workDir, 'clock-beijing.txt');
  const utc = join(workDir, 'clock-utc.txt');
  await writeFile(beijing, `北京时间 ${at(8)}.${ms}`);
  await writeFile(utc, `UTC ${at(0)}.${ms}`);
  const path = (p: string) => `'${p.replace(/\\/g, '/').replace(/'/g, "'\\''").replace(/:/g, '\\:')}'`;
  const x = `${width}-text_w-20`;
  const common = `font='Noto Sans CJK SC':fontcolor=0x111827:box=1:boxcolor=0xfff3c4:boxborderw=6`;
  const top = Math.max(8, Math.round(bandHeight / 2) - 36);
  return `drawtext=${common}:fontsize=26:x=${x}:y=${top}:textfile=${path(beijing)},drawtext=${common}:fontsize=18:x=${x}:y=${top + 44}:textfile=${path(utc)}`;
}

function runFfmpeg(args: string[]): Promise<void> {
  const bin = process.env.GUZHENG_FFMPEG || 'ffmpeg';
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => (err += d));
    child.on('error', (e) => reject((e as NodeJS.ErrnoException).code === 'ENOENT'
      ? new GuzhengError('E_FFMPEG_NOT_FOUND', '没有找到 ffmpeg，无法生成录像（Debian/Ubuntu：sudo apt-get install ffmpeg）。截图和网络记录不受影响。',
        'ffmpeg was not found, so no video was made (Debian/Ubuntu: sudo apt-get install ffmpeg). Screenshots and the network record are not affected.')
      : e));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new GuzhengError('E_INTERNAL', 'ffmpeg 生成录像失败', 'ffmpeg failed to make the video', err.trim().slice(0, 500)))));
  });
}
