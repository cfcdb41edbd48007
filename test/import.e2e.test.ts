/**
 * guzheng import, pictures: the original kept byte for byte, metadata and OCR read, times compared, editing software
 * flagged, duplicates not stored twice, bad files refused with nothing stored, and the import sealed, exported and
 * verified like a capture. The pictures are SYNTHETIC (test/fixtures/imports/README.md); Tesseract and ffmpeg are real.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileHashes, queryDb, runGuzheng, tempHome } from './helpers.js';
import { startTestTsa, type TestTsa } from './fixture-site/tsa-server.js';
import { drawPicture, makeVideo, TAG, toHeic, withExif } from './fixtures/imports/synthetic.js';

let tsa: TestTsa;
const work = mkdtempSync(join(tmpdir(), 'guzheng-import-'));
const home = tempHome();
const base = { GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_HOME: home };
let env: Record<string, string>;

const shot = join(work, 'Screenshot_20240305-091500_WeChat.png');
const photo = join(work, 'IMG_0042.jpg');
const misnamed = join(work, 'Screenshot_20240101-080000.jpg');

beforeAll(async () => {
  tsa = await startTestTsa('Import TSA');
  env = { ...base, GUZHENG_TSA: tsa.url, GUZHENG_TSA_CA: tsa.caPath };
  drawPicture(shot, ['张三 造谣说我偷东西', '阅读 12345']);
  drawPicture(photo, ['照片']);
  withExif(photo, [[TAG.Make, 'Xiaomi'], [TAG.Model, 'Redmi Note 12'], [TAG.Software, 'Adobe Photoshop 25.0 (Windows)'], [TAG.ModifyDate, '2024:03:06 10:00:00']],
    [[TAG.DateTimeOriginal, '2024:03:05 09:15:00'], [TAG.OffsetTimeOriginal, '+08:00']]);
  drawPicture(misnamed, ['截图']);
  withExif(misnamed, [[TAG.Make, 'HUAWEI']], [[TAG.DateTimeOriginal, '2024:03:05 09:15:00']]);
});
afterAll(async () => {
  await tsa.close();
});

const items = () => queryDb(home, `select id, kind, status from items`);

describe('guzheng import: pictures', () => {
  let first: any;

  it('imports a screenshot: the original unchanged, OCR text, the time from an Android name read in the zone given, sealed with a timestamp', async () => {
    const carrier = join(work, 'carrier.json');
    writeFileSync(carrier, JSON.stringify({ device: '小米 Redmi Note 12', os: 'Android 14', app: '微信 8.0.47', exportedBy: '李四', originalKeptAt: '李四的手机，未删除' }));
    const r = await runGuzheng(['import', shot, '--carrier', carrier, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    first = r.json[0];
    expect(first).toMatchObject({ kind: 'picture', format: 'png', status: 'COMPLETE', seal: 'timestamped' });
    expect(first.summary).toMatchObject({ width: 900, height: 300, complete: true });
    expect(first.summary.taken).toMatchObject({ source: 'file name (yyyyMMdd-HHmmss)', utc: '2024-03-05T01:15:00.000Z', zone: 'Asia/Shanghai', zoneAssumed: true });
    const original = first.files.find((f: any) => f.role === 'original');
    expect(original.sha256).toBe(fileHashes(shot).sha256);
    expect(first.files.map((f: any) => f.role).sort()).toEqual(['import', 'original', 'text.ocr']);
    // The stored original is the same bytes; the OCR text holds what the picture shows.
    const dir = first.dir as string;
    expect(readFileSync(join(dir, original.path)).equals(readFileSync(shot))).toBe(true);
    expect(readFileSync(join(dir, 'ocr.txt'), 'utf8').replace(/\s/g, '')).toContain('造谣');
    const record = JSON.parse(readFileSync(join(dir, 'import.json'), 'utf8'));
    expect(record.carrier).toMatchObject({ device: '小米 Redmi Note 12', exportedBy: '李四' });
    expect(record.derived[0]).toMatchObject({ path: 'ocr.txt', role: 'text.ocr', tool: expect.stringMatching(/^tesseract /) });
    expect(record.statement.zh).toContain('不能单独证明');
    expect(record.source.fileTimes.note.en).toContain('not reliable');
  });

  it('writes "created" then "imported" (name, size, hashes, file times, tool, carrier) to the custody log', async () => {
    const events = queryDb(home, `select type, detail from custody where stream = '${first.item}' order by seq`);
    expect(events.map((e: any) => e.type)).toEqual(['created', 'imported', 'sealed', 'timestamped']);
    const imported = JSON.parse(events[1].detail);
    expect(imported).toMatchObject({ name: 'Screenshot_20240305-091500_WeChat.png', size: fileHashes(shot).size, sha256: fileHashes(shot).sha256, sm3: fileHashes(shot).sm3,
      kind: 'picture', timeZone: 'Asia/Shanghai', carrier: { app: '微信 8.0.47' }, tool: { name: 'guzheng' } });
    expect(imported.fileTimes.modified).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('does not store the same file twice: it names the item already in the vault', async () => {
    const copy = join(work, 'copy-of-shot.png');
    copyFileSync(shot, copy);
    const before = items().length;
    const r = await runGuzheng(['import', copy, '--json'], env);
    expect(r.code).toBe(0);
    expect(r.json[0]).toMatchObject({ status: 'duplicate', item: first.item });
    expect(items().length).toBe(before);
  });

  it('reads EXIF with its offset, names the device, and flags editing software and a modification after the picture was taken', async () => {
    const r = await runGuzheng(['import', photo, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const o = r.json[0];
    expect(o).toMatchObject({ kind: 'picture', format: 'jpeg', status: 'COMPLETE' });
    expect(o.summary.device).toEqual({ make: 'Xiaomi', model: 'Redmi Note 12' });
    expect(o.summary.taken).toMatchObject({ source: 'EXIF DateTimeOriginal', utc: '2024-03-05T01:15:00.000Z', offset: '+08:00', zoneAssumed: false });
    const flags = o.checks.filter((c: any) => c.result === 'flag').map((c: any) => c.id);
    expect(flags).toContain('software.editing');
    expect(flags).toContain('time.modified-after-taken');
    expect(o.checks.find((c: any) => c.id === 'software.editing').zh).toContain('Adobe Photoshop 25.0');
  });

  // heif-enc (libheif 1.15) writes the JPEG's EXIF into the HEIC in a form exifr 7.1.3 calls malformed: the import must
  // say so, not guess. Reading EXIF from a real iPhone HEIC is not tested here (no licensed sample).
  it('reads a HEIC: a PNG preview by libheif, OCR of that preview, and EXIF it cannot read flagged, not guessed', async () => {
    const jpeg = join(work, 'heic-source.jpg');
    drawPicture(jpeg, ['苹果手机照片', '转发 600']);
    withExif(jpeg, [[TAG.Make, 'Apple'], [TAG.Model, 'iPhone 13']], [[TAG.DateTimeOriginal, '2024:03:05 09:15:00'], [TAG.OffsetTimeOriginal, '+08:00']]);
    const heic = join(work, 'IMG_0101.HEIC');
    toHeic(jpeg, heic);
    const r = await runGuzheng(['import', heic, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const o = r.json[0];
    expect(o).toMatchObject({ kind: 'picture', format: 'heic', status: 'COMPLETE', summary: { width: 900, height: 300 } });
    expect(o.checks.find((c: any) => c.id === 'metadata.unreadable')).toMatchObject({ result: 'flag' });
    expect(o.checks.find((c: any) => c.id === 'metadata.unreadable').en).toContain('Malformed EXIF data');
    expect(o.files.map((f: any) => f.role).sort()).toEqual(['import', 'original', 'preview', 'text.ocr']);
    expect(readFileSync(join(o.dir, 'ocr.txt'), 'utf8').replace(/\s/g, '')).toContain('600');
    const record = JSON.parse(readFileSync(join(o.dir, 'import.json'), 'utf8'));
    expect(record.derived.find((d: any) => d.role === 'preview').tool).toMatch(/^heif-convert \(libheif \d/);
  });

  it('flags a file name whose time differs from the metadata, and reads zone-less EXIF in the zone given (--tz)', async () => {
    const r = await runGuzheng(['import', misnamed, '--tz', 'America/New_York', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const o = r.json[0];
    const check = o.checks.find((c: any) => c.id === 'time.name-vs-metadata');
    expect(check.result).toBe('flag');
    expect(check.evidence.metadata).toMatchObject({ raw: '2024:03:05 09:15:00', utc: '2024-03-05T14:15:00.000Z', zone: 'America/New_York', zoneAssumed: true });
    expect(check.evidence.name).toMatchObject({ utc: '2024-01-01T13:00:00.000Z' });
  });

  it('keeps a truncated picture as it is and says the import is PARTIAL (exit 3)', async () => {
    const whole = readFileSync(shot);
    const cut = join(work, 'cut.png');
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const r = await runGuzheng(['import', cut, '--json'], env);
    expect(r.code).toBe(3);
    expect(r.json[0].status).toBe('PARTIAL');
    expect(r.json[0].reasons.map((x: any) => x.code)).toContain('E_TRUNCATED');
    expect(readFileSync(join(r.json[0].dir, 'original/cut.png')).equals(readFileSync(cut))).toBe(true);
  });

  it('refuses an empty file, an unknown format and a bad carrier with a clear error, storing nothing', async () => {
    const before = items().length;
    const empty = join(work, 'empty.jpg');
    writeFileSync(empty, '');
    const text = join(work, 'notes.png');
    writeFileSync(text, '这不是图片 / not a picture\n');
    const r = await runGuzheng(['import', empty, text, '--json'], env);
    expect(r.code).toBe(1);
    expect(r.json.map((o: any) => o.error.code)).toEqual(['E_FORMAT', 'E_FORMAT']);
    expect(r.json[0].error.zh).toContain('空');
    expect(r.json[1].error.en).toMatch(/not recognised.*pictures \(PNG, JPEG, HEIC\)/);
    const badCarrier = join(work, 'bad-carrier.json');
    writeFileSync(badCarrier, JSON.stringify({ phone: 'x' }));
    const c = await runGuzheng(['import', shot, '--carrier', badCarrier], env);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('Unknown carrier field "phone"');
    const z = await runGuzheng(['import', shot, '--tz', 'Mars/Olympus'], env);
    expect(z.code).toBe(2);
    expect(z.stderr).toContain('Unknown time zone');
    expect(items().length).toBe(before);
    expect(queryDb(home, `select count(*) as n from items where status = 'capturing'`)[0].n).toBe(0);
    expect(existsSync(join(home, 'tmp')) ? (await import('node:fs')).readdirSync(join(home, 'tmp')).length : 0).toBe(0);
  });

  it('is exported and verified like a capture; the certificate names the file, the carrier and what an import proves', async () => {
    const pkg = join(work, 'imports.wacz');
    const e = await runGuzheng(['export', first.item, '--out', pkg, '--json'], env);
    expect(e.code, e.stderr).toBe(0);
    const v = await runGuzheng(['verify', pkg, '--json'], env);
    expect(v.code, v.stdout).toBe(0);
    expect(v.json[0]).toMatchObject({ valid: true, state: 'valid', timeFixed: true });
    const { execFileSync } = await import('node:child_process');
    const unzip = join(work, 'unzipped');
    execFileSync('unzip', ['-q', '-o', pkg, '-d', unzip]);
    const text = execFileSync('pdftotext', ['-layout', join(unzip, 'guzheng', 'certificate.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Screenshot_20240305-091500_WeChat.png');
    expect(text).toContain('小米 Redmi Note 12');
    expect(text.replace(/\s/g, '')).toContain('不能单独证明');
  });
});

describe('guzheng import: screen recordings and videos', () => {
  const video = join(work, 'screen-20240305-091500.mp4');

  it('reads what ffprobe says (duration, codecs, creation time, device tags), makes a contact sheet of keyframes, and flags an FFmpeg re-encode', async () => {
    makeVideo(video, 4, { creation_time: '2024-03-05T01:15:02Z', 'com.android.version': '14' });
    const r = await runGuzheng(['import', video, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const o = r.json[0];
    expect(o).toMatchObject({ kind: 'video', format: 'mp4', status: 'COMPLETE', seal: 'timestamped' });
    expect(o.summary).toMatchObject({ width: 640, height: 360, videoCodec: 'h264', audioCodec: 'aac', device: { 'com.android.version': '14' } });
    expect(o.summary.duration).toBeCloseTo(4, 0);
    expect(o.summary.created).toMatchObject({ source: 'container creation_time', utc: '2024-03-05T01:15:02.000Z', zoneAssumed: false });
    expect(o.checks.find((c: any) => c.id === 'time.name-vs-metadata').result).toBe('ok');
    expect(o.checks.find((c: any) => c.id === 'encoder.remuxed')).toMatchObject({ result: 'flag', evidence: { encoder: expect.stringMatching(/^Lavf/) } });
    expect(o.files.map((f: any) => f.role).sort()).toEqual(['contact-sheet', 'import', 'original', 'probe']);
    const sheet = readFileSync(join(o.dir, 'contact-sheet.png'));
    expect(sheet.subarray(1, 4).toString()).toBe('PNG');
    expect(sheet.readUInt32BE(16)).toBeGreaterThan(640); // a grid of frames, wider than one
    expect(o.files.find((f: any) => f.role === 'original').sha256).toBe(fileHashes(video).sha256);
  });

  it('keeps a truncated video as it is and says the import is PARTIAL with the reason', async () => {
    const whole = readFileSync(video);
    const cut = join(work, 'cut.mp4');
    // ffmpeg writes the index (moov) at the end: without it the video cannot be read.
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const r = await runGuzheng(['import', cut, '--json'], env);
    expect(r.code).toBe(3);
    expect(r.json[0]).toMatchObject({ kind: 'video', status: 'PARTIAL' });
    expect(r.json[0].reasons.map((x: any) => x.code)).toContain('E_VIDEO_UNREADABLE');
    expect(readFileSync(join(r.json[0].dir, 'original/cut.mp4')).equals(readFileSync(cut))).toBe(true);
  });
});
