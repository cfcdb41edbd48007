/**
 * Framed pictures: a headless browser shows no address bar, yet a court (and every guide for victims) asks that a
 * screenshot show the page's address and when it was taken. A framed picture is the raw screenshot, untouched,
 * under a band like an address bar that states the requested URL in full (wrapped, never cut), the final URL when
 * different, the time in Beijing time and UTC, the item id and the SHA-256 of the raw file it frames. The raw files
 * stay the originals; the framed ones are derived from them and sealed beside them.
 *
 * The band is laid out by the same browser, in a context of its own that loads nothing from the network (the page
 * is set from a string), so nothing of it reaches the capture's WARC; the band and the raw picture are then stacked
 * without decoding the raw one (png-stack.ts).
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { stackPngs } from './png-stack.js';
import { TOOL_NAME, TOOL_VERSION } from '../tool.js';
import { shanghaiIso } from './time.js';

export interface BandFacts {
  /** What the picture is, e.g. { zh: '首屏截图', en: 'first-screen screenshot' }. */
  what: { zh: string; en: string };
  requestedUrl: string;
  finalUrl: string | null;
  /** When the picture was taken (a video's band has a running clock drawn into it instead; see recorders/video.ts). */
  at: Date | null;
  itemId: string;
  /** The raw file framed and its SHA-256, or null for a video (whose own hash is in the manifest). */
  raw: { path: string; sha256: string } | null;
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** "2026年12月2日 09:30:12.345" in Beijing time. */
export function beijingText(d: Date): string {
  const [, y, m, day, time] = /^(\d+)-(\d+)-(\d+)T([\d:.]+)/.exec(shanghaiIso(d))!;
  return `${y}年${Number(m)}月${Number(day)}日 ${time}`;
}

/** "2026-12-02 01:30:12.345 UTC" */
export function utcText(d: Date): string {
  return `${d.toISOString().replace('T', ' ').replace('Z', '')} UTC`;
}

/** Width (CSS px) kept free at the right of a video's band for the running clock that ffmpeg draws. */
const CLOCK_SLOT_WIDTH = 520;

function bandHtml(f: BandFacts, width: number, clockSlot: boolean): string {
  const row = (k: string, v: string, mono = true) => `<div class="row"><span class="k">${k}</span><span class="v${mono ? ' mono' : ''}">${v}</span></div>`;
  const rows = [
    `<div class="head"><b>固证 ${escape(TOOL_NAME)} ${escape(TOOL_VERSION)}</b> · ${escape(f.what.zh)}${f.raw
      ? '（加框：上方说明栏由固证添加，下方为原始截图，未作改动）' : '（上方说明栏由固证添加，下方为浏览器录下的画面）'}<br><span class="en">${escape(f.what.en)}${f.raw
      ? ', framed: this band was added by guzheng; below it is the raw screenshot, unchanged' : ': this band was added by guzheng; below it is the screen as the browser recorded it'}</span></div>`,
    row('网址 URL', escape(f.requestedUrl)),
    f.finalUrl && f.finalUrl !== f.requestedUrl ? row('最终网址 Final URL', escape(f.finalUrl)) : '',
    f.at ? row('时间 Time', `${beijingText(f.at)} 北京时间 (UTC+8)　·　${utcText(f.at)}`, false) : '',
    row('证据编号 Item', escape(f.itemId)),
    f.raw ? row('原始文件 Raw file', `${escape(f.raw.path)}　SHA-256 ${f.raw.sha256}`) : '',
  ].filter(Boolean).join('');
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><style>
    html,body{margin:0;padding:0;background:#fff}
    .band{box-sizing:border-box;width:${width}px;padding:10px 16px 12px;${clockSlot ? `padding-right:${CLOCK_SLOT_WIDTH + 24}px;` : ''}
      background:#f3f4f6;border-bottom:3px solid #374151;color:#111827;
      font:17px/1.45 "Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","Microsoft YaHei",sans-serif}
    .head{font-size:15px;color:#374151;margin-bottom:4px}.head .en{color:#4b5563}
    .row{display:flex;gap:12px;align-items:baseline}
    .k{flex:none;width:170px;color:#374151;font-size:15px}
    .v{flex:1;min-width:0;overflow-wrap:anywhere;word-break:break-all;font-size:18px}
    .mono{font-family:"DejaVu Sans Mono","Noto Sans Mono CJK SC","Liberation Mono",monospace}
  </style><body><div class="band">${rows}</div></body></html>`;
}

/**
 * One page per browser lays out the bands, reused from capture to capture (a new context costs more than the band),
 * one band at a time. Its context loads nothing: no network, no scripts.
 */
const painters = new WeakMap<Browser, { page: Promise<Page>; queue: Promise<unknown> }>();

function painterFor(browser: Browser) {
  let p = painters.get(browser);
  if (!p) {
    const page = browser.newContext({ viewport: { width: 1280, height: 200 }, deviceScaleFactor: 1, javaScriptEnabled: false, offline: true }).then((c) => c.newPage());
    page.catch(() => painters.delete(browser));
    p = { page, queue: Promise.resolve() };
    painters.set(browser, p);
  }
  return p;
}

/** Renders the band alone, `width` px wide, as PNG bytes. `clockSlot` keeps room at the right for a video clock. */
export async function renderBand(browser: Browser, f: BandFacts, width: number, clockSlot = false): Promise<Buffer> {
  const painter = painterFor(browser);
  const job = painter.queue.then(async () => {
    const page = await painter.page;
    await page.setViewportSize({ width, height: 200 });
    await page.setContent(bandHtml(f, width, clockSlot), { waitUntil: 'load' });
    return page.locator('.band').screenshot({ animations: 'disabled', caret: 'hide' });
  });
  painter.queue = job.catch(() => undefined);
  return job;
}

/** PNG width and height from the IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * Writes `outPath`: the band over the raw screenshot at `rawPath`, whose pixels are copied exactly (png-stack.ts)
 * and whose file is not changed.
 */
export async function frameScreenshot(browser: Browser, rawPath: string, outPath: string, facts: Omit<BandFacts, 'raw'> & { rawName: string }): Promise<{ width: number; height: number; bandHeight: number }> {
  const raw = await readFile(rawPath);
  const sha256 = createHash('sha256').update(raw).digest('hex');
  const { width, height } = pngSize(raw);
  const band = await renderBand(browser, { ...facts, raw: { path: facts.rawName, sha256 } }, width);
  const bandHeight = pngSize(band).height;
  await writeFile(outPath, await stackPngs(band, raw, `Framed by ${TOOL_NAME} ${TOOL_VERSION}: the band above row ${bandHeight} was added; below it, ${facts.rawName} (SHA-256 ${sha256}) unchanged.`));
  return { width, height: bandHeight + height, bandHeight };
}
