/**
 * yt-dlp, only when the user has it installed (GUZHENG_YTDLP=off never uses it): for a video of the post whose bytes
 * the browser did not receive during the visit. It is a second request, made after the visit — said so on the media
 * entry, with the tool's version, the SHA-256 of the program and the exact command.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { sha256File } from '../seal/digests.js';

export interface YtDlp {
  path: string;
  version: string;
  sha256: string;
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      /* not here */
    }
  }
  return null;
}

function run(bin: string, args: string[], timeoutMs: number): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => resolve({ code: -1, out, err: e.message }));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

let cached: Promise<YtDlp | null> | null = null;

export function findYtDlp(): Promise<YtDlp | null> {
  cached ??= (async () => {
    const setting = process.env.GUZHENG_YTDLP;
    if (setting === 'off') return null;
    const path = setting || onPath('yt-dlp');
    if (!path) return null;
    const v = await run(path, ['--version'], 20_000);
    if (v.code !== 0) return null;
    return { path, version: v.out.trim(), sha256: await sha256File(path) };
  })();
  return cached;
}

/** Downloads `url` to media/<n>.<ext> in `dir`; returns the artifact path, or why not. */
export async function downloadWithYtDlp(tool: YtDlp, url: string, dir: string, n: number, proxy?: string): Promise<{ artifact: string | null; command: string[]; detail: string }> {
  const command = [tool.path, ...(proxy ? ['--proxy', proxy] : []), '--no-playlist', '--no-part', '--no-mtime', '--no-cache-dir', '--quiet', '--no-warnings', '--no-progress', '-o', join(dir, 'media', `${n}.%(ext)s`), url];
  const r = await run(command[0]!, command.slice(1), 10 * 60_000);
  const made = (await readdir(join(dir, 'media')).catch(() => [] as string[])).find((f) => f.startsWith(`${n}.`));
  if (r.code !== 0 || !made) return { artifact: null, command, detail: `yt-dlp failed: ${(r.err || r.out).trim().split('\n').slice(-1)[0] ?? `exit ${r.code}`}` };
  return { artifact: `media/${made}`, command, detail: 'downloaded by yt-dlp' };
}
