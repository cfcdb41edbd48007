/** Steps that record what a person saw and the page as it stood: screenshots, DOM, MHTML, PDF, the target file. */
import { EXTENSIONS, assembleRanges } from './recorders/ranges.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { addReason, remainingMs, type Visit } from './visit-state.js';
import { waitQuiet } from './behaviours/scroll.js';

/** A screenshot never waits long: the page is already as loaded as it will get. */
const shotTimeout = (v: Visit) => Math.max(1000, Math.min(15_000, remainingMs(v)));

export async function screenshotViewport(v: Visit): Promise<string> {
  const shoot = () => v.page!.screenshot({ path: join(v.dir, 'screenshot-viewport.png'), animations: 'disabled', caret: 'initial', timeout: shotTimeout(v) });
  try {
    await shoot();
  } catch {
    // Right after a failed navigation Chromium's error page may not have a surface yet: one more try.
    await new Promise((r) => setTimeout(r, 300));
    await shoot();
    return `${v.options.viewport.width}×${v.options.viewport.height} (second try)`;
  }
  return `${v.options.viewport.width}×${v.options.viewport.height}`;
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
  await page.screenshot({ path: join(v.dir, 'screenshot-full.png'), fullPage: true, clip: { x: 0, y: 0, width, height }, animations: 'disabled', caret: 'initial', timeout: shotTimeout(v) });
  v.layout.screenshotHeight = height;
  if (height < dims.height) {
    addReason(v.warnings, { code: 'W_SCREENSHOT_CUT', zh: `页面高 ${dims.height} 像素，整页截图截至 ${height} 像素`, en: `The page is ${dims.height} px tall; the full-page screenshot stops at ${height} px` });
  }
  return `${width}×${height} px (page ${dims.width}×${dims.height})`;
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
  return `${v.warc.recordCount} records, ${v.warc.bytesWritten} bytes`;
}

export async function encodeVideo(v: Visit): Promise<string> {
  const r = await v.video!.encode(join(v.dir, 'video.mp4'));
  return `${r.frames} frames over ${(r.endedAt - r.startedAt).toFixed(2)} s`;
}
