/**
 * Screenshots and photos: the original stays as it is; beside it the import records what the picture says about
 * itself (size, EXIF/XMP/PNG texts, device, software, times), the text read from it by OCR, and checks that compare
 * the times it carries (name, metadata, file system) and look for traces of editing software. The checks flag things
 * for a person to look at; they never decide that a picture is real or fake.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findTesseract, startScreenshotOcr } from '../platforms/screenshot-check.js';
import { decodeUserComment, EDITING_SOFTWARE, jpegComplete, nameTime, pictureSize, pngChunks, statedTime, xmpFields, type StatedTime } from './picture-meta.js';
import type { AnalyseInput, Derived, ImportCheck, KindResult } from './types.js';
import type { Reason } from '../capture/manifest.js';

/** Two clocks agree when they are this close (a screenshot is saved within moments of being taken). */
const AGREE_MS = 2 * 60_000;

export const PICTURE_STATEMENT = {
  zh: '一张截图或照片本身只能说明：这些像素在导入时已经存在，导入后未被改动（哈希与时间戳为证）。它不能单独证明画面内容真实发生、发布者是谁、截图时间，也不能证明没有经过编辑——元数据可以被改写或删除。法院通常要求结合原始载体（手机、电脑）当庭核对，并与聊天记录、网页取证等其他证据相互印证；需要更强证明力时，请考虑公证或第三方存证。',
  en: 'A screenshot or photo alone shows only that these pixels existed when imported and have not changed since (the hashes and timestamp prove that). It does not by itself prove that what it shows happened, who posted it, when it was taken, or that it was not edited: metadata can be rewritten or removed. Courts usually examine the original device (phone, computer) and weigh the picture against other evidence such as chats and web captures; where more weight is needed, consider notarisation or a neutral third party.',
};

interface Exif {
  ifd0?: Record<string, unknown>;
  exif?: Record<string, unknown>;
  gps?: Record<string, unknown>;
  ihdr?: Record<string, unknown>;
  xmp?: unknown;
  userComment?: unknown;
}

async function readExif(buf: Buffer): Promise<{ exif: Exif | null; error: string | null }> {
  try {
    const exifr = (await import('exifr')).default;
    const exif = (await exifr.parse(buf, { tiff: true, ifd1: false, exif: true, gps: true, interop: false, xmp: { parse: false } as never, iptc: false, icc: false,
      ihdr: true, jfif: false, userComment: true, makerNote: false, mergeOutput: false, reviveValues: false, translateValues: false, translateKeys: true })) as Exif | undefined;
    // exifr keeps going past a damaged block and lists what it could not read in `errors`.
    const errors = (exif as { errors?: unknown[] } | undefined)?.errors;
    if (errors?.length) {
      const strict = await exifr.parse(buf, { tiff: true, exif: true, silentErrors: false } as never).then(() => null, (e: Error) => e.message);
      return { exif: exif ?? null, error: strict ?? 'part of the metadata could not be read' };
    }
    return { exif: exif ?? null, error: null };
  } catch (err) {
    return { exif: null, error: (err as Error).message };
  }
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().replace(/\0+$/, '') : typeof v === 'number' ? String(v) : null);

export async function analysePicture(input: AnalyseInput): Promise<KindResult> {
  const file = join(input.dir, input.original);
  const buf = await readFile(file);
  const format = input.detected.format;
  const reasons: Reason[] = [];
  const checks: ImportCheck[] = [];
  const derived: Derived[] = [];

  // HEIC (iPhone photos and screenshots): libheif's heif-convert draws it as a PNG, the preview that OCR reads.
  const heic = format === 'heic' ? await heicPreview(file, join(input.dir, 'preview.png')) : null;
  if (heic?.tool) derived.push({ path: 'preview.png', role: 'preview', mediaType: 'image/png', tool: heic.tool });
  if (heic?.error) reasons.push({ code: 'E_HEIC', zh: `HEIC 图片无法解码：${heic.error}`, en: `The HEIC picture cannot be decoded: ${heic.error}` });
  const size = heic ? (heic.tool ? pictureSize(await readFile(join(input.dir, 'preview.png')), 'png') : null) : pictureSize(buf, format);
  const png = format === 'png' ? pngChunks(buf) : null;
  const complete = heic ? Boolean(heic.tool) : png ? png.complete : jpegComplete(buf);
  if ((!complete || !size) && !heic?.error) {
    reasons.push({ code: 'E_TRUNCATED', zh: '图片文件不完整或已损坏（缺少结尾标记或尺寸信息），原样保存，只能读出部分信息',
      en: 'The picture is truncated or damaged (its end marker or size header is missing); it is kept as it is, and only part of it could be read' });
  }

  const { exif, error: exifError } = await readExif(buf);
  // Metadata that cannot be read is said (and flagged); the picture itself is still whole, so the import is not partial.
  if (exifError) checks.push({ id: 'metadata.unreadable', result: 'flag', zh: `元数据（EXIF）无法读取：${exifError}；设备和拍摄时间因此不详`, en: `The metadata (EXIF) could not be read: ${exifError}; the device and the time taken are therefore unknown` });
  const ifd0 = exif?.ifd0 ?? {};
  const ex = exif?.exif ?? {};
  const rawXmp = typeof exif?.xmp === 'string' ? exif.xmp.slice(Math.max(0, exif.xmp.search(/<\?xpacket|<x:xmpmeta/))) : null;
  const xmp = rawXmp ? xmpFields(rawXmp) : {};
  const pngText = png?.texts ?? {};
  const userComment = decodeUserComment(exif?.userComment ?? ex.UserComment) ?? xmp['exif:UserComment'] ?? null;

  // Times the picture states, best first.
  const metaTimes: StatedTime[] = [];
  const add = (t: StatedTime | null) => { if (t) metaTimes.push(t); };
  if (str(ex.DateTimeOriginal)) add(statedTime('EXIF DateTimeOriginal', str(ex.DateTimeOriginal)!, str(ex.OffsetTimeOriginal), str(ex.SubSecTimeOriginal), input.tz));
  if (str(ex.CreateDate)) add(statedTime('EXIF CreateDate', str(ex.CreateDate)!, str(ex.OffsetTimeDigitized), str(ex.SubSecTimeDigitized), input.tz));
  for (const k of ['exif:DateTimeOriginal', 'photoshop:DateCreated', 'xmp:CreateDate']) if (xmp[k]) add(statedTime(`XMP ${k}`, xmp[k]!.split(' | ')[0]!, null, null, input.tz));
  if (pngText['Creation Time']) add(statedTime('PNG tEXt Creation Time', pngText['Creation Time'], null, null, input.tz));
  const modified: StatedTime[] = [];
  if (str(ifd0.ModifyDate)) { const t = statedTime('EXIF ModifyDate', str(ifd0.ModifyDate)!, str(ex.OffsetTime), str(ex.SubSecTime), input.tz); if (t) modified.push(t); }
  if (xmp['xmp:ModifyDate']) { const t = statedTime('XMP xmp:ModifyDate', xmp['xmp:ModifyDate'].split(' | ')[0]!, null, null, input.tz); if (t) modified.push(t); }
  const fromName = nameTime(input.name, input.tz);
  const taken = metaTimes.find((t) => t.utc) ?? null;

  const device = { make: str(ifd0.Make) ?? xmp['tiff:Make'] ?? null, model: str(ifd0.Model) ?? xmp['tiff:Model'] ?? null };
  const software = [
    ...(str(ifd0.Software) ? [{ source: 'EXIF Software', value: str(ifd0.Software)! }] : []),
    ...(xmp['tiff:Software'] ? [{ source: 'XMP tiff:Software', value: xmp['tiff:Software'] }] : []),
    ...(xmp['xmp:CreatorTool'] ? [{ source: 'XMP xmp:CreatorTool', value: xmp['xmp:CreatorTool'] }] : []),
    ...(xmp['stEvt:softwareAgent'] ? [{ source: 'XMP stEvt:softwareAgent', value: xmp['stEvt:softwareAgent'] }] : []),
    ...(pngText.Software ? [{ source: 'PNG tEXt Software', value: pngText.Software }] : []),
  ];

  // Checks.
  const fileModified = input.fileTimes.modified;
  const diff = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b));
  const human = (t: StatedTime) => `${t.source}: ${t.raw}${t.zoneAssumed ? `（按 ${t.zone} 理解 / read as ${t.zone}）` : ''}`;
  if (fromName?.utc && taken?.utc) {
    const agree = diff(fromName.utc, taken.utc) <= AGREE_MS;
    checks.push({ id: 'time.name-vs-metadata', result: agree ? 'ok' : 'flag',
      zh: agree ? `文件名中的时间与元数据时间一致（相差不超过 2 分钟）` : `文件名中的时间与元数据时间不一致：${human(fromName)}；${human(taken)}`,
      en: agree ? 'The time in the file name agrees with the metadata time (within 2 minutes)' : `The time in the file name differs from the metadata time: ${human(fromName)}; ${human(taken)}`,
      evidence: { name: fromName, metadata: taken, differenceSeconds: Math.round(diff(fromName.utc, taken.utc) / 1000) } });
  }
  const own = taken ?? fromName;
  if (own?.utc) {
    const early = Date.parse(fileModified) < Date.parse(own.utc) - AGREE_MS;
    checks.push({ id: 'time.picture-vs-file', result: early ? 'flag' : 'info',
      zh: early ? `文件的修改时间（${fileModified}）早于图片自身记载的时间（${human(own)}）：其中一个时钟不对，或文件被改过`
        : `文件的修改时间（${fileModified}）晚于或等于图片自身记载的时间；文件时间会因复制、同步而改变，仅供参考`,
      en: early ? `The file's modified time (${fileModified}) is earlier than the time the picture states (${human(own)}): one clock is wrong, or the file was changed`
        : `The file's modified time (${fileModified}) is at or after the time the picture states; file times change when files are copied or synced, so this is weak`,
      evidence: { file: input.fileTimes, picture: own } });
  } else {
    checks.push({ id: 'time.none', result: 'flag', zh: '图片的元数据和文件名里都没有拍摄/截图时间：只剩不可靠的文件时间，请另行说明截图时间（例如与聊天记录、手机相册核对）',
      en: 'Neither the metadata nor the file name gives a time: only the unreliable file time remains; state when the picture was taken some other way (the chat, the phone\'s album)', evidence: { file: input.fileTimes } });
  }
  if (modified.some((m) => m.utc && taken?.utc && diff(m.utc, taken.utc) > AGREE_MS)) {
    const m = modified.find((x) => x.utc && taken?.utc && diff(x.utc, taken.utc) > AGREE_MS)!;
    checks.push({ id: 'time.modified-after-taken', result: 'flag', zh: `元数据记载图片在拍摄后被修改过：${human(m)}（拍摄 ${human(taken!)}）`,
      en: `The metadata says the picture was modified after it was taken: ${human(m)} (taken ${human(taken!)})`, evidence: { modified: m, taken } });
  }
  const editors = software.filter((s) => EDITING_SOFTWARE.test(s.value));
  checks.push(editors.length
    ? { id: 'software.editing', result: 'flag', zh: `元数据中有编辑软件的痕迹：${editors.map((e) => `${e.source} = ${e.value}`).join('；')}`,
      en: `The metadata names editing software: ${editors.map((e) => `${e.source} = ${e.value}`).join('; ')}`, evidence: { software: editors } }
    : { id: 'software.editing', result: 'info', zh: '元数据中没有已知编辑软件的名字（这不能证明没有编辑：很多应用保存时会删除元数据）',
      en: 'The metadata names no known editing software (this does not prove there was no editing: many apps strip metadata when saving)', evidence: { software } });
  const screenshotMarks = [
    ...(userComment && /screenshot|截屏|截图/i.test(userComment) ? [`UserComment = ${userComment}`] : []),
    ...(/screenshot|截屏|截图|屏幕快照|screen_?shot/i.test(input.name) ? [`file name = ${input.name}`] : []),
  ];
  checks.push({ id: 'screenshot.marks', result: 'info', zh: screenshotMarks.length ? `截图的标记：${screenshotMarks.join('；')}` : '没有截图的标记（可能是照片，或标记被删除）',
    en: screenshotMarks.length ? `Marks of a screenshot: ${screenshotMarks.join('; ')}` : 'No marks of a screenshot (it may be a photo, or the marks were removed)', evidence: { marks: screenshotMarks } });

  // OCR, as a derived artifact.
  let ocr: { chars: number; tool: string } | null = null;
  const tesseract = findTesseract();
  const reading = complete ? startScreenshotOcr(heic ? join(input.dir, 'preview.png') : file) : null;
  const text = reading ? await reading : null;
  if (typeof text === 'string') {
    await writeFile(join(input.dir, 'ocr.txt'), text);
    ocr = { chars: text.replace(/\s/g, '').length, tool: `${tesseract!.version} (-l ${tesseract!.langs})` };
    derived.push({ path: 'ocr.txt', role: 'text.ocr', mediaType: 'text/plain', tool: ocr.tool });
  } else {
    checks.push({ id: 'ocr', result: 'info', zh: text instanceof Error ? `文字识别失败：${text.message.split('\n')[0]}` : tesseract ? '图片不完整，未做文字识别' : '未安装带中文的 Tesseract，未做文字识别（bash scripts/setup.sh 会安装）',
      en: text instanceof Error ? `OCR failed: ${text.message.split('\n')[0]}` : tesseract ? 'The picture is incomplete: no OCR' : 'Tesseract with Chinese is not installed: no OCR (bash scripts/setup.sh installs it)' });
  }

  const metadata = {
    device, software, userComment,
    times: { taken: metaTimes, modified, fromName },
    gps: exif?.gps ? Object.fromEntries(Object.entries(exif.gps).filter(([, v]) => v !== undefined).map(([k, v]) => [k, Array.isArray(v) ? v : String(v)])) : null,
    exif: exif ? { ifd0: plain(ifd0), exif: plain(ex) } : null,
    xmp: Object.keys(xmp).length ? xmp : null,
    png: png ? { chunks: png.chunks.map((c) => c.type).filter((t, i, a) => t !== 'IDAT' || a[i - 1] !== 'IDAT'), texts: pngText } : null,
  };
  return {
    summary: { format, width: size?.width ?? null, height: size?.height ?? null, complete, device, taken: own, ocr },
    checks, derived, reasons, statement: PICTURE_STATEMENT, details: { metadata },
  };
}

/** heif-convert's PNG of a HEIC file, or why there is none. */
async function heicPreview(file: string, out: string): Promise<{ tool: string | null; error: string | null }> {
  const { execFile } = await import('node:child_process');
  const run = (cmd: string, args: string[]) => new Promise<string>((resolve, reject) => execFile(cmd, args, { timeout: 120_000 }, (err, stdout, stderr) => (err ? reject(Object.assign(err, { stderr })) : resolve(`${stdout}${stderr}`))));
  try {
    await run('heif-convert', [file, out]);
    // heif-info prints its libheif version in its usage text ("heif-info  libheif version: 1.15.1").
    const version = await run('heif-info', []).catch((e: { stdout?: string; stderr?: string }) => `${e.stdout ?? ''}${e.stderr ?? ''}`).then((v) => /libheif version: ([\d.]+)/.exec(v)?.[1] ?? '');
    return { tool: `heif-convert (libheif ${version || '?'})`, error: null };
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    return { tool: null, error: e.code === 'ENOENT' ? 'heif-convert is not installed (bash scripts/setup.sh installs libheif-examples)' : (e.stderr || e.message).trim().split('\n').slice(-1)[0]! };
  }
}

/** Metadata values as JSON can hold them: byte arrays become hex, nothing else changes. */
function plain(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) => [k, v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v]));
}
