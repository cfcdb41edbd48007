/**
 * Rendering details, without a browser or a word processor:
 * - the exhibit of an item is the framed first-screen screenshot (screenshot-viewport-framed.png, whose band shows the
 *   address, the time, the item and the raw file's SHA-256) when the item has one, else the raw screenshot; the caption
 *   says which, names the raw file's SHA-256 and writes the time the Chinese way; the image fits the A4 page;
 * - the DOCX is marked Simplified Chinese and names 宋体/黑体 (SimSun/SimHei) for East Asian text; the HTML for
 *   Chromium is lang="zh-CN" and names the SC faces first. (documents.e2e.test.ts checks the glyphs really drawn.)
 */
import { describe, expect, it } from 'vitest';
import { crc32, deflateSync } from 'node:zlib';
import yauzl from 'yauzl';
import type { ArtifactRow } from '../src/vault/vault.js';
import { pickScreenshot, type EvidenceEntry } from '../src/documents/evidence.js';
import { evidenceTable, exhibits, postParagraphs } from '../src/documents/common.js';
import { plain, type Block } from '../src/documents/model.js';
import { renderDocx } from '../src/documents/render-docx.js';
import { renderHtml } from '../src/documents/render-html.js';
import type { Doc } from '../src/documents/model.js';

/** A real (grey) PNG of the given size. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const rows = Buffer.alloc((width + 1) * height, 0xcc);
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

const RAW_SHA = 'a'.repeat(64);
const FRAMED_SHA = 'b'.repeat(64);
const artifact = (path: string, role: string, sha256: string): ArtifactRow =>
  ({ item_id: 'item-1', path, role, media_type: 'image/png', size: 1, sha256, sm3: '0'.repeat(64), added_at: '2026-03-02T13:14:00.000Z' });
const RAW = artifact('screenshot-viewport.png', 'screenshot.viewport', RAW_SHA);
const FRAMED = artifact('screenshot-viewport-framed.png', 'screenshot.viewport.framed', FRAMED_SHA);
const OTHER = artifact('screenshot-full.png', 'screenshot.full', 'c'.repeat(64));

/** A synthetic item folder: its files by SHA-256. */
const folder = (files: Record<string, Buffer | null>) => async (a: ArtifactRow) => files[a.sha256] ?? null;

describe('pickScreenshot', () => {
  it('takes the framed screenshot when the item has it, and names the raw one\'s SHA-256', async () => {
    const s = await pickScreenshot([OTHER, RAW, FRAMED], folder({ [RAW_SHA]: png(1280, 720), [FRAMED_SHA]: png(1280, 840) }));
    expect(s).toMatchObject({ framed: true, width: 1280, height: 840, rawSha256: RAW_SHA });
  });

  it('falls back to the raw screenshot: no framed file, an unreadable one, or one that is not a PNG', async () => {
    const files = { [RAW_SHA]: png(1280, 720) };
    expect(await pickScreenshot([RAW, OTHER], folder(files))).toMatchObject({ framed: false, width: 1280, height: 720, rawSha256: RAW_SHA });
    expect(await pickScreenshot([RAW, FRAMED], folder(files))).toMatchObject({ framed: false, height: 720 });
    expect(await pickScreenshot([RAW, FRAMED], folder({ ...files, [FRAMED_SHA]: Buffer.from('not a png') }))).toMatchObject({ framed: false });
    expect(await pickScreenshot([RAW, FRAMED], async (a) => { if (a === FRAMED) throw new Error('EIO'); return files[a.sha256] ?? null; })).toMatchObject({ framed: false });
  });

  it('finds the files by role when the path differs; nothing usable gives no exhibit', async () => {
    const moved = [{ ...RAW, path: 'shots/viewport.png' }, { ...FRAMED, path: 'shots/viewport-framed.png' }];
    expect(await pickScreenshot(moved, folder({ [RAW_SHA]: png(10, 10), [FRAMED_SHA]: png(10, 12) }))).toMatchObject({ framed: true, rawSha256: RAW_SHA });
    expect(await pickScreenshot([OTHER], folder({}))).toBeNull();
    expect(await pickScreenshot([RAW], folder({}))).toBeNull();
    // A framed screenshot without the raw one is still shown; the caption cannot name a raw hash then.
    expect(await pickScreenshot([FRAMED], folder({ [FRAMED_SHA]: png(10, 12) }))).toMatchObject({ framed: true, rawSha256: null });
  });
});

const entry = (screenshot: EvidenceEntry['screenshot']): EvidenceEntry => ({
  n: 1, item: '019c9f00-0000-7000-8000-000000000001', url: 'https://weibo.com/7000000002/Q1a2B3c4E', platform: '微博', author: '示例用户乙', authorId: '7000000002',
  publishedAt: '2026-03-02T21:14:00.000+08:00', ipLocation: '北京', text: '……', state: 'normal', counts: { views: 5200 }, countsReadAt: '2026-03-02T16:30:00.000Z',
  capturedAt: '2026-03-02T16:30:05.000Z', status: 'COMPLETE', manifestSha256: 'd'.repeat(64), timestamp: null, screenshot,
});

describe('the exhibit caption', () => {
  it('framed: says the band shows the address and time, names the raw file\'s SHA-256, gives the time in Beijing time', () => {
    const [b] = exhibits([entry({ png: png(1280, 840), width: 1280, height: 840, framed: true, rawSha256: RAW_SHA })]);
    expect(b).toMatchObject({ kind: 'exhibit', width: 1280, height: 840 });
    const caption = (b as { caption: string }).caption;
    expect(caption).toContain('带取证信息栏的网页首屏截图');
    expect(caption).toContain('网址、取证时间');
    expect(caption).toContain(`原始截图 screenshot-viewport.png 的 SHA-256 ${RAW_SHA}`);
    expect(caption).toContain('2026年3月3日 00:30:05（北京时间）');
    expect(caption).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('raw: the first-screen screenshot, with its SHA-256', () => {
    const caption = (exhibits([entry({ png: png(1280, 720), width: 1280, height: 720, framed: false, rawSha256: RAW_SHA })])[0] as { caption: string }).caption;
    expect(caption).toContain('网页截图（首屏）');
    expect(caption).not.toContain('信息栏');
    expect(caption).toContain(RAW_SHA);
  });
});

describe('times in the evidence table and the post paragraphs', () => {
  const cells = (b: Block) => (b.kind === 'table' ? b.rows.flat().map(plain).join('|') : '');
  it('capture and trusted-timestamp times to the second in Beijing time; publish and read times to the minute', () => {
    const e = { ...entry(null), timestamp: { state: 'timestamped', genTime: '2026-03-02T16:31:02Z', tsa: 'FreeTSA' } };
    const table = cells(evidenceTable([e]));
    expect(table).toContain('于 2026年3月3日 00:30:05（北京时间）自行取证');
    expect(table).toContain('可信时间戳 2026年3月3日 00:31:02（北京时间）（FreeTSA）');
    const [p] = postParagraphs([e]);
    const text = p!.kind === 'para' ? plain(p!.parts) : '';
    expect(text).toContain('1. 2026年3月2日 21:14，示例用户乙');
    expect(text).toContain('（2026年3月3日 00:30 读取）');
    expect(table + text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});

function unzipEntry(docx: Buffer, name: string): Promise<string> {
  return new Promise((resolve, reject) => yauzl.fromBuffer(docx, { lazyEntries: true }, (err, zip) => {
    if (err || !zip) return reject(err);
    zip.on('entry', (e: yauzl.Entry) => {
      if (e.fileName !== name) return zip.readEntry();
      zip.openReadStream(e, (err2, stream) => {
        if (err2 || !stream) return reject(err2);
        const parts: Buffer[] = [];
        stream.on('data', (d: Buffer) => parts.push(d)).on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
      });
    });
    zip.on('end', () => reject(new Error(`${name} not in the DOCX`)));
    zip.readEntry();
  }));
}

describe('the framed screenshot fits the A4 page', () => {
  const doc = (width: number, height: number): Doc => ({ title: '证据目录', blanks: [], blocks: exhibits([entry({ png: png(width, height), width, height, framed: true, rawSha256: RAW_SHA })]) });

  it.each([[1280, 840], [1280, 1000], [750, 1700]])('DOCX: %i×%i px is scaled within the text width and height of the page', async (w, h) => {
    const xml = await unzipEntry(await renderDocx(doc(w, h)), 'word/document.xml');
    const [cx, cy] = /<wp:extent cx="(\d+)" cy="(\d+)"/.exec(xml)!.slice(1).map(Number) as [number, number];
    // EMU: 914400 per inch; A4 text width here is 9000 twips = 6.25 in; the text height 9.8 in, less the caption.
    expect(cx / 914400).toBeLessThanOrEqual(6.25);
    expect(cy / 914400).toBeLessThanOrEqual(8.4);
    expect(cx / cy).toBeCloseTo(w / h, 2);
  });

  it('HTML (printed by Chromium): the image is bounded by the page width and height', () => {
    const html = renderHtml(doc(1280, 840));
    expect(html).toMatch(/figure img \{[^}]*max-width: 100%[^}]*max-height: \d+mm/);
    expect(html).toContain('<html lang="zh-CN">');
  });
});

describe('language and fonts', () => {
  const doc: Doc = { title: '民事起诉状', blanks: ['金额'], blocks: [{ kind: 'title', text: '民事起诉状' }, { kind: 'heading', text: '事实与理由' },
    { kind: 'para', parts: ['被告于2026年3月2日发布“骨直写说”。', { blank: '金额' }, { strong: '案由：' }] }] };

  it('DOCX: zh-CN for all text in the run defaults; SimSun body and SimHei headings for East Asian text, hinted', async () => {
    const docx = await renderDocx(doc);
    const styles = await unzipEntry(docx, 'word/styles.xml');
    const defaults = /<w:rPrDefault>([\s\S]*?)<\/w:rPrDefault>/.exec(styles)![1]!;
    expect(defaults).toContain('<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/>');
    expect(defaults).toMatch(/<w:rFonts [^>]*w:eastAsia="SimSun"/);
    const body = await unzipEntry(docx, 'word/document.xml');
    const fonts = [...body.matchAll(/<w:rFonts ([^>]*)\/>/g)].map((m) => m[1]!);
    expect(fonts.length).toBeGreaterThan(3);
    for (const f of fonts) {
      expect(f).toMatch(/w:eastAsia="(SimSun|SimHei)"/);
      expect(f).toContain('w:hint="eastAsia"');
    }
    expect(fonts.some((f) => f.includes('SimHei'))).toBe(true);
    // Nothing in the document overrides the language with another one.
    expect([...body.matchAll(/<w:lang [^>]*>/g)].every((m) => m[0].includes('zh-CN'))).toBe(true);
  });

  it('HTML: lang="zh-CN", SC faces before any other', () => {
    const html = renderHtml(doc);
    expect(html).toContain('<html lang="zh-CN">');
    for (const m of html.matchAll(/font-family: ([^;]+);/g)) {
      expect(m[1]!.split(',')[0]!.trim()).toMatch(/^"Noto (Serif|Sans) CJK SC"$/);
      expect(m[1]).not.toMatch(/JP|Japanese|Mincho|Gothic/i);
    }
  });
});
