/**
 * The facts compared with the screenshot itself: where Tesseract with Chinese data is installed (GUZHENG_TESSERACT
 * names it, or 'off'), the first-screen screenshot is read by OCR and each count and the author's name is looked
 * for in it. What OCR does not find is flagged for a person to look at (it may be below the first screen, or
 * misread), never corrected. Without Tesseract the facts are compared with the page's visible text only, and
 * post.json says so.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { countForms } from './consistency.js';
import type { PostFacts } from './types.js';

interface Ocr { path: string; version: string; langs: string }

let found: Ocr | null | undefined;

export function findTesseract(env: NodeJS.ProcessEnv = process.env): Ocr | null {
  if (found !== undefined) return found;
  const path = env.GUZHENG_TESSERACT ?? 'tesseract';
  found = null;
  if (path === 'off') return found;
  const version = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const langs = spawnSync(path, ['--list-langs'], { encoding: 'utf8', timeout: 10_000 });
  if (version.status !== 0 || !/^chi_sim$/m.test(`${langs.stdout}${langs.stderr}`)) return found;
  // chi_sim alone: its model holds Latin letters and digits too. Measured on the demo post's first screen, it reads
  // the Chinese better than chi_sim+eng (which turned 演示页面 into "BIE") in two thirds of the CPU (0.62 s against 0.92 s).
  found = { path, version: `${version.stdout}${version.stderr}`.split('\n')[0]!.trim(), langs: 'chi_sim' };
  return found;
}

/**
 * One thread: Tesseract's OpenMP threads spin while they wait, which on two cores costs about three times the CPU for
 * no gain on a single picture (measured: 3.3 CPU-s against 1.1).
 */
function ocr(t: Ocr, png: string): Promise<string> {
  return new Promise((resolve, reject) => execFile(t.path, [png, '-', '-l', t.langs], { timeout: 60_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, OMP_THREAD_LIMIT: '1' } }, (err, stdout) => (err ? reject(err) : resolve(stdout))));
}

/**
 * Starts reading the screenshot by OCR (a process of its own, so the capture's next steps run meanwhile); null when
 * Tesseract with Chinese is not installed or there is no screenshot. Never rejects: a failure is the error returned.
 */
export function startScreenshotOcr(png: string): Promise<string | Error> | null {
  const t = findTesseract();
  if (!t || !existsSync(png)) return null;
  return ocr(t, png).catch((err: Error) => err);
}

export async function checkAgainstScreenshot(f: PostFacts, png: string, file = 'screenshot-viewport.png', started?: Promise<string | Error> | null): Promise<void> {
  const t = findTesseract();
  if (!f.checks.length) return;
  if (!t || !existsSync(png)) {
    f.notes.push(`未与截图核对（没有安装 Tesseract 中文识别或没有截图），只与页面可见文字核对 / not compared with the screenshot (no Tesseract with Chinese, or no screenshot): compared with the visible text only`);
    return;
  }
  let text: string;
  try {
    const read = await (started ?? ocr(t, png));
    if (read instanceof Error) throw read;
    text = read.replace(/\s+/g, '');
  } catch (err) {
    f.notes.push(`截图文字识别失败 / OCR of the screenshot failed: ${(err as Error).message.split('\n')[0]}`);
    return;
  }
  const flat = (s: string) => s.replace(/\s+/g, '');
  for (const [name, c] of Object.entries(f.counts)) {
    if (!c) continue;
    const hit = countForms(c.value).find((form) => text.includes(flat(form)));
    f.checks.push(hit ? { field: `screenshot:counts.${name}`, ok: true, detail: `seen in ${file} (OCR) as "${hit}"` }
      : { field: `screenshot:counts.${name}`, ok: false, detail: `${c.value} not found in ${file} by OCR: it may be below the first screen or misread — look at the screenshot` });
  }
  if (f.author.name) {
    const ok = text.includes(flat(f.author.name.value));
    f.checks.push({ field: 'screenshot:author.name', ok, detail: ok ? `seen in ${file} (OCR)` : `"${f.author.name.value}" not found in ${file} by OCR: look at the screenshot` });
  }
  f.notes.push(`截图核对 / screenshot compared by OCR: ${t.version}, ${t.langs}, ${file}`);
}
