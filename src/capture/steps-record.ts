/** Steps that record what a person saw and the page as it stood: screenshots, DOM, MHTML, PDF, the target file. */
import { EXTENSIONS, assembleRanges } from './recorders/ranges.js';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { addReason, remainingMs, shownUrl, type Visit } from './visit-state.js';
import { waitQuiet } from './behaviours/scroll.js';
import { startScreenshotOcr } from '../platforms/screenshot-check.js';
import { openRequestReasons } from './recorders/open-requests.js';
import { frameScreenshot, pngSize, renderBand } from './framing.js';

/** A screenshot never waits long: the page is already as loaded as it will get. */
const shotTimeout = (v: Visit) => Math.max(1000, Math.min(15_000, remainingMs(v)));

export async function screenshotViewport(v: Visit): Promise<string> {
  const shoot = () => (v.shotAt.viewport = new Date(), v.page!.screenshot({ path: join(v.dir, 'screenshot-viewport.png'), animations: 'disabled', caret: 'initial', timeout: shotTimeout(v) }));
  let second = false;
  try {
    await shoot();
  } catch {
    // Right after a failed navigation Chromium's error page may not have a surface yet: one more try.
    await new Promise((r) => setTimeout(r, 300));
    await shoot();
    second = true;
  }
  // The facts are compared with this picture by OCR (platforms/screenshot-check.ts), which starts now and runs
  // beside the next steps.
  v.ocr = startScreenshotOcr(join(v.dir, 'screenshot-viewport.png'));
  return `${v.options.viewport.width}×${v.options.viewport.height}${second ? ' (second try)' : ''}`;
}

export async function screenshotFull(v: Visit): Promise<string> {
  const page = v.page!;
  const dims = await page.evaluate(() => ({
    width: Math.max(document.documentElement.scrollWidth, document.body?.scrollWidth ?? 0),
    height: Math.max(document.documentElement.scrollHeight, document.body?.scrollHeight ?? 0),
  }));
  v.layout.scrollHeight = dims.height;
  const height = Math.min(dims.height, v.options.maxPageHeight);
  const width = Math.min(Math.max(dims.width, v.options.viewport.width), 4 * v.options.viewport.width);
  v.shotAt.full = new Date();
  await page.screenshot({ path: join(v.dir, 'screenshot-full.png'), fullPage: true, clip: { x: 0, y: 0, width, height }, animations: 'disabled', caret: 'initial', timeout: shotTimeout(v) });
  v.layout.screenshotHeight = height;
  if (height < dims.height) {
    addReason(v.warnings, { code: 'W_SCREENSHOT_CUT', zh: `页面高 ${dims.height} 像素，整页截图截至 ${height} 像素`, en: `The page is ${dims.height} px tall; the full-page screenshot stops at ${height} px` });
  }
  return `${width}×${height} px (page ${dims.width}×${dims.height})`;
}

/**
 * The framed pictures (framing.ts): each raw screenshot under a band with the URL, the time it was taken, the item id
 * and the raw file's SHA-256. The raw files are not touched. Framing needs the browser but not the page, so it runs
 * beside the snapshot steps; `framedScreenshotsWritten` waits for it.
 */
export async function frameScreenshots(v: Visit): Promise<string> {
  const shots = [
    { raw: 'screenshot-viewport.png', out: 'screenshot-viewport-framed.png', at: v.shotAt.viewport, what: { zh: '首屏截图', en: 'first-screen screenshot' } },
    { raw: 'screenshot-full.png', out: 'screenshot-full-framed.png', at: v.shotAt.full, what: { zh: '整页截图', en: 'full-page screenshot' } },
  ].filter((s) => s.at && existsSync(join(v.dir, s.raw)));
  v.framing = Promise.all(shots.map(async (s) => {
    const r = await frameScreenshot(v.launched.browser, join(v.dir, s.raw), join(v.dir, s.out), {
      what: s.what, requestedUrl: shownUrl(v, v.url.href), finalUrl: v.mainResponse ? shownUrl(v, v.mainResponse.url()) : null, at: s.at!, itemId: v.id, rawName: s.raw,
    });
    return `${s.out} ${r.width}×${r.height} (band ${r.bandHeight} px)`;
  })).then((done) => done.join('; ') || 'no screenshot to frame');
  v.framing.catch(() => undefined); // awaited (and reported) by framedScreenshotsWritten
  return `framing ${shots.map((s) => s.raw).join(', ')} beside the next steps`;
}

export async function framedScreenshotsWritten(v: Visit): Promise<string> {
  return v.framing!;
}

export async function snapshotDom(v: Visit): Promise<string> {
  const html = await v.page!.content();
  await writeFile(join(v.dir, 'dom.html'), html);
  return `${Buffer.byteLength(html)} bytes`;
}

export async function snapshotMhtml(v: Visit): Promise<string> {
  const { data } = await v.cdp!.send('Page.captureSnapshot', { format: 'mhtml' });
  await writeFile(join(v.dir, 'page.mhtml'), data);
  return `${Buffer.byteLength(data)} bytes`;
}

export async function snapshotPdf(v: Visit): Promise<string> {
  const pdf = await v.page!.pdf({ path: join(v.dir, 'page.pdf'), printBackground: true, format: 'A4',
    displayHeaderFooter: true, headerTemplate: '<span></span>',
    footerTemplate: '<div style="font-size:7px;width:100%;padding:0 8mm;color:#555"><span class="url"></span> · <span class="date"></span> · <span class="pageNumber"></span>/<span class="totalPages"></span></div>',
    margin: { top: '10mm', bottom: '12mm', left: '8mm', right: '8mm' } });
  return `${pdf.length} bytes`;
}


/**
 * A PDF, image or video target: the bytes as received, beside the screenshot of how the browser showed them. They
 * come from what was recorded: the whole body, or — for video, which browsers load in byte ranges — the ranges put
 * together. Ranges that do not cover the whole file are saved as they are and the capture says so.
 */
export async function saveTarget(v: Visit): Promise<string> {
  const mediaType = (v.contentType ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase();
  const url = v.mainResponse!.url();
  const wholeBody = () => v.documentBodies?.get(url) ?? v.network!.targetParts.find((p) => p.status === 200)?.bytes;
  const covered = () => { const { bytes, total } = assembleRanges(v.network!.targetParts); return total !== null && bytes.length >= total; };
  // The last range may still be on its way: wait (briefly) until the file is whole or the network is quiet.
  for (const until = Date.now() + Math.min(5000, remainingMs(v)); Date.now() < until && !wholeBody() && !covered();) {
    if (await waitQuiet(v.network!, v.options.networkIdleQuietMs, 200)) break;
  }
  const whole = wholeBody();
  const name = `target.${EXTENSIONS[mediaType] ?? 'bin'}`;
  if (whole) {
    await writeFile(join(v.dir, name), whole);
    return `${name}: ${mediaType}, ${whole.length} bytes`;
  }
  const { bytes, total } = assembleRanges(v.network!.targetParts);
  await writeFile(join(v.dir, name), bytes);
  if (total === null || bytes.length < total) {
    addReason(v.reasons, { code: 'E_TARGET_INCOMPLETE', zh: `浏览器只加载了目标文件的一部分（${bytes.length} / ${total ?? '未知'} 字节），已按收到的内容保存`,
      en: `The browser loaded only part of the target file (${bytes.length} of ${total ?? 'unknown'} bytes); it is saved as received` });
  }
  return `${name}: ${mediaType}, ${bytes.length} of ${total ?? '?'} bytes from ${v.network!.targetParts.length} range response(s)`;
}

export async function certificates(v: Visit): Promise<string> {
  for (const s of v.network!.servers.values()) v.origins!.addServer(s.origin, s.ipAddress, s.port);
  await v.origins!.collectCertificates(v.dir);
  const https = [...v.origins!.origins.values()].filter((o) => o.origin.startsWith('https:'));
  return `${https.length} HTTPS origin(s), ${https.filter((o) => o.certificateChain.length).length} chain(s) from the live connection`;
}

export async function writeWarc(v: Visit): Promise<string> {
  if (!v.warc) return 'no WARC was started';
  await v.warc.close();
  if (v.network?.unreadableBodies) {
    addReason(v.reasons, { code: 'E_BODY_UNAVAILABLE', zh: `有 ${v.network.unreadableBodies} 个响应的内容浏览器无法提供，已在 WARC 中标记（WARC-Truncated: unspecified）`,
      en: `The browser could not hand over ${v.network.unreadableBodies} response bodies; they are marked in the WARC (WARC-Truncated: unspecified)` });
  }
  if (v.network?.sizeCapHit) {
    addReason(v.reasons, { code: 'E_SIZE_CAP', zh: `页面超过大小上限，${v.network.truncatedCount} 个响应的内容被截断（WARC-Truncated）`,
      en: `The page exceeded the size cap; ${v.network.truncatedCount} response bodies were truncated (WARC-Truncated)`,
      detail: `total cap ${v.options.maxTotalBytes} bytes, per response ${v.options.maxResourceBytes} bytes` });
  }
  const open = v.network?.openAtEnd ?? [];
  const { reason, warning } = openRequestReasons(open.map((o) => ({ ...o, url: shownUrl(v, o.url) })));
  if (reason) addReason(v.reasons, reason);
  if (warning) addReason(v.warnings, warning);
  const failed = (v.network?.failures ?? []).filter((f) => !/when the visit ended/.test(f.error));
  if (failed.length) {
    addReason(v.warnings, { code: 'W_REQUESTS_FAILED', zh: `有 ${failed.length} 个请求在浏览器中失败（被页面取消、被拦截或连接出错），没有响应可记录；逐一列在 network.json 的 failures 中`,
      en: `${failed.length} request(s) failed in the browser (cancelled by the page, blocked, or a connection error), so there was no answer to record; each is listed in network.json (failures)`,
      detail: failed.slice(0, 8).map((f) => `${f.method} ${shownUrl(v, f.url).slice(0, 160)}: ${f.error}`).join('; ') + (failed.length > 8 ? `; and ${failed.length - 8} more` : '') });
  }
  return `${v.warc.recordCount} records, ${v.warc.bytesWritten} bytes${open.length ? `; ${open.length} request(s) still open at the end` : ''}`;
}

export async function encodeVideo(v: Visit): Promise<string> {
  // The band above the video: the address and the item, with room for the running clock ffmpeg draws into it.
  let band: { png: string; height: number } | undefined;
  if (v.launched.browser.isConnected()) {
    const png = await renderBand(v.launched.browser, { what: { zh: '访问过程录像', en: 'video of the visit' }, requestedUrl: shownUrl(v, v.url.href),
      finalUrl: v.mainResponse ? shownUrl(v, v.mainResponse.url()) : null, at: null, itemId: v.id, raw: null }, v.options.viewport.width, true).catch(() => null);
    if (png) {
      band = { png: join(v.workDir, 'video-band.png'), height: pngSize(png).height };
      await writeFile(band.png, png);
    }
  }
  if (!band) {
    addReason(v.warnings, { code: 'W_VIDEO_NO_BAND', zh: '录像上方没有网址和时间栏（浏览器已不可用），录像本身完整', en: 'The video has no address and clock band (the browser was gone); the video itself is whole' });
  }
  const r = await v.video!.encode(join(v.dir, 'video.mp4'), band);
  return `${r.frames} frames over ${(r.endedAt - r.startedAt).toFixed(2)} s${band ? ', with the address band and a Beijing-time clock' : ', without the address band (the browser was gone)'}`;
}
