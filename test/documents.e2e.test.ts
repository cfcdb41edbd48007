/**
 * Documents: every kind, from a case in the vault (a post captured by real Chromium) and from a facts file, written
 * as DOCX and PDF. Our PDFs are read back with pdftotext and rendered to PNG with pdftoppm; the DOCX files are
 * opened by the real LibreOffice and converted to PDF, as a lawyer's or clerk's word processor would open them.
 * Both PDFs must draw the Han characters with their Simplified Chinese shapes (Noto CJK SC), not the Japanese ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { runGuzheng, tempHome } from './helpers.js';
import { startPlatformSite, type PlatformSite } from './fixture-site/platform-site.js';
import { THREAD_ID } from './fixture-site/weibo-thread.js';
import { KINDS } from '../src/documents/build.js';

let site: PlatformSite;
let env: Record<string, string>;
let caseId: string;
let item: { item: string; dir: string };
let manifestSha256: string;
const out = tempHome('guzheng-docs-');
const LO_PROFILE = `file://${tempHome('guzheng-lo-')}`;

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-']).toString();
/** DOCX → PDF with LibreOffice (in the given profile and environment, e.g. a Japanese locale). */
function docxPdf(file: string, profile = LO_PROFILE, env: Record<string, string> = {}): string {
  const dir = tempHome('guzheng-lo-out-');
  execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'ignore', timeout: 120_000, env: { ...process.env, ...env } });
  return join(dir, readdirSync(dir).find((f) => f.endsWith('.pdf'))!);
}
const docxText = (file: string) => pdfText(docxPdf(file));

/**
 * Which glyph each character of a PDF was drawn with, per font: LibreOffice embeds Type 1 fonts whose glyphs are named
 * cid<N>, Chromium Type 3 fonts whose glyphs are named g<hex>; the ToUnicode maps say which character each code is.
 * (pdffonts alone cannot tell SC from JP: the Noto CJK collections share one CFF named "…CJKjp…", which is the name
 * LibreOffice writes whatever face it used; Chromium's Type 3 fonts show as [none].)
 */
function pdfGlyphs(file: string): { font: string; glyphs: [string, number][] }[] {
  const pdf = readFileSync(file);
  const text = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; start: number; end: number }>();
  for (const m of text.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const s = /stream\r?\n/.exec(body);
    const at = m.index! + m[0].indexOf(body);
    objects.set(Number(m[1]), s ? { dict: body.slice(0, s.index), start: at + s.index + s[0].length, end: at + body.lastIndexOf('endstream') } : { dict: body, start: -1, end: -1 });
  }
  const ref = (dict: string, key: string) => Number(new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict)?.[1] ?? NaN);
  const stream = (n: number): string => {
    const o = objects.get(n)!;
    const len = /\/Length\s+(\d+)(\s+0 R)?/.exec(o.dict)!;
    const length = len[2] ? Number(objects.get(Number(len[1]))!.dict.trim()) : Number(len[1]);
    const raw = pdf.subarray(o.start, Math.min(o.start + length, o.end));
    return (/FlateDecode/.test(o.dict) ? inflateSync(raw) : raw).toString('latin1');
  };
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  const out: { font: string; glyphs: [string, number][] }[] = [];
  for (const { dict } of objects.values()) {
    if (!/\/Type\s*\/Font\b/.test(dict) || !/\/ToUnicode/.test(dict)) continue;
    const chars = new Map<number, string>();
    const cmap = stream(ref(dict, 'ToUnicode'));
    for (const b of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) for (const p of b[1]!.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi)) chars.set(parseInt(p[1]!, 16), utf16(p[2]!));
    for (const b of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const p of b[1]!.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi)) {
        for (let c = parseInt(p[1]!, 16), u = parseInt(p[3]!, 16); c <= parseInt(p[2]!, 16); c++, u++) chars.set(c, String.fromCodePoint(u));
      }
    }
    const glyph = new Map<number, number>();
    const descriptor = objects.get(ref(dict, 'FontDescriptor'))?.dict ?? '';
    if (/\/Subtype\s*\/Type3/.test(dict)) {
      let code = 0;
      for (const t of /\/Differences\s*\[([^\]]*)\]/.exec(dict)?.[1]?.match(/\d+|\/[^\s/\]]+/g) ?? []) {
        if (/^\d+$/.test(t)) code = Number(t);
        else glyph.set(code++, /^\/g([0-9A-F]+)$/i.test(t) ? parseInt(t.slice(2), 16) : -1);
      }
    } else if (/\/FontFile\s/.test(descriptor)) {
      for (const d of stream(ref(descriptor, 'FontFile')).matchAll(/dup (\d+) \/cid(\d+) put/g)) glyph.set(Number(d[1]), Number(d[2]));
    }
    const font = (/\/FontName\s*\/(\S+)/.exec(descriptor)?.[1] ?? /\/BaseFont\s*\/(\S+)/.exec(dict)?.[1] ?? '').replace(/^[A-Z]{6}\+/, '');
    out.push({ font, glyphs: [...chars].filter(([code]) => glyph.has(code)).map(([code, ch]) => [ch, glyph.get(code)!]) });
  }
  return out;
}

/** The glyph a face of a font collection maps a character to (its cmap, format 12 or 4). */
const fontFiles = new Map<string, Buffer>();
function cmapGlyph(file: string, face: number, ch: string): number {
  if (!fontFiles.has(file)) fontFiles.set(file, readFileSync(file));
  const f = fontFiles.get(file)!;
  const base = f.toString('latin1', 0, 4) === 'ttcf' ? f.readUInt32BE(12 + 4 * face) : 0;
  const tables = f.readUInt16BE(base + 4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) if (f.toString('latin1', base + 12 + 16 * i, base + 16 + 16 * i) === 'cmap') cmap = f.readUInt32BE(base + 12 + 16 * i + 8);
  const c = ch.codePointAt(0)!;
  const subtables = Array.from({ length: f.readUInt16BE(cmap + 2) }, (_, i) => ({ platform: f.readUInt16BE(cmap + 4 + 8 * i), encoding: f.readUInt16BE(cmap + 6 + 8 * i), at: cmap + f.readUInt32BE(cmap + 8 + 8 * i) }));
  const sub = subtables.find((t) => t.platform === 3 && t.encoding === 10) ?? subtables.find((t) => t.platform === 3 && t.encoding === 1)!;
  if (f.readUInt16BE(sub.at) === 12) {
    for (let i = 0, n = f.readUInt32BE(sub.at + 12); i < n; i++) {
      const g = sub.at + 16 + 12 * i;
      if (c >= f.readUInt32BE(g) && c <= f.readUInt32BE(g + 4)) return f.readUInt32BE(g + 8) + c - f.readUInt32BE(g);
    }
    return 0;
  }
  const segs = f.readUInt16BE(sub.at + 6) / 2;
  for (let i = 0; i < segs; i++) {
    const end = f.readUInt16BE(sub.at + 14 + 2 * i);
    if (c > end) continue;
    const start = f.readUInt16BE(sub.at + 16 + 2 * segs + 2 * i);
    if (c < start) return 0;
    const delta = f.readInt16BE(sub.at + 16 + 4 * segs + 2 * i);
    const rangeAt = sub.at + 16 + 6 * segs + 2 * i;
    const range = f.readUInt16BE(rangeAt);
    if (!range) return (c + delta) & 0xffff;
    const g = f.readUInt16BE(rangeAt + range + 2 * (c - start));
    return g ? (g + delta) & 0xffff : 0;
  }
  return 0;
}

const FACES = execFileSync('fc-list', ['-f', '%{file}\t%{index}\t%{postscriptname}\n']).toString().trim().split('\n').map((l) => l.split('\t')).map(([file, index, ps]) => ({ file: file!, index: Number(index), ps: ps ?? '' }));

/**
 * How a PDF drew the Han characters whose Simplified Chinese and Japanese shapes differ in Noto CJK: each is counted as
 * SC, JP or other, by comparing its glyph with the one the SC and the JP face of the same font file map it to.
 */
function hanShapes(pdf: string): { fonts: string[]; sc: number; jp: number; other: string[] } {
  const r = { fonts: [] as string[], sc: 0, jp: 0, other: [] as string[] };
  for (const { font, glyphs } of pdfGlyphs(pdf)) {
    const own = FACES.filter((f) => f.ps && font.startsWith(f.ps)).sort((a, b) => b.ps.length - a.ps.length)[0];
    if (!own || !/CJK/.test(font)) continue;
    r.fonts.push(font);
    const sibling = (region: string) => FACES.find((f) => f.file === own.file && f.ps === own.ps.replace(/CJK(jp|kr|sc|tc|hk)-/, `CJK${region}-`))!;
    const [sc, jp] = [sibling('sc'), sibling('jp')];
    for (const [ch, g] of glyphs) {
      if (!/^[\u3400-\u4dbf\u4e00-\u9fff]$/.test(ch)) continue;
      const [gs, gj] = [cmapGlyph(sc.file, sc.index, ch), cmapGlyph(jp.file, jp.index, ch)];
      if (gs === gj) continue;
      if (g === gs) r.sc++;
      else if (g === gj) r.jp++;
      else r.other.push(ch);
    }
  }
  return r;
}
const flat = (s: string) => s.replace(/\s+/g, '');
const TITLES: Record<string, string> = { 'platform-notice': '侵权通知书', 'disclosure-request': '用户信息披露申请书', 'demand-letter': '停止侵权告知函', 'police-report': '报案材料',
  'civil-complaint': '民事起诉状', 'private-prosecution': '刑事自诉状', 'evidence-list': '证据目录', 'notarization-request': '证据保全公证申请书' };

beforeAll(async () => {
  site = await startPlatformSite();
  env = { GUZHENG_HOME: tempHome(), GUZHENG_BROWSER_ARGS: site.browserArgs, GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_DNS: '127.0.0.1:9', GUZHENG_TSA: 'off' };
  caseId = JSON.parse((await runGuzheng(['case', 'new', '文书测试', '--json'], env)).stdout).case;
  const cap = await runGuzheng(['capture', `https://m.weibo.cn/detail/${THREAD_ID}`, '--case', caseId, '--json', '--no-video', '--comments', '0'], env);
  item = cap.json[0];
  manifestSha256 = createHash('sha256').update(readFileSync(join(item.dir, 'manifest.json'))).digest('hex');
  const facts = join(out, 'case-facts.json');
  writeFileSync(facts, JSON.stringify({ victim: { name: '张三', gender: '女', phone: '13800000000' }, poster: { identified: true, name: '李四', account: '示例用户乙', platform: 'weibo' },
    knewOfHarmAndPoster: '2026-03-05', consequences: ['self-harm'], priorDefamationPenalty: null, socialOrderHarm: [], court: '北京互联网法院' }));
  expect((await runGuzheng(['case', 'facts', caseId, '--set', facts], env)).code).toBe(0);
}, 300_000);
afterAll(async () => {
  await site?.close();
});

describe('guzheng doc <kind> <case>', () => {
  it.each(Object.keys(KINDS))('%s: DOCX (opened by LibreOffice) and PDF (CJK embedded) carry the case, its evidence and the blanks', async (kind) => {
    const docx = join(out, `${kind}.docx`);
    const pdf = join(out, `${kind}.pdf`);
    const a = await runGuzheng(['doc', kind, caseId, '--out', docx, '--date', '2026-11-22', '--json'], env);
    expect(a.code).toBe(0);
    expect(a.json[0]).toMatchObject({ kind, evidence: 1, notLegalAdvice: true });
    expect((await runGuzheng(['doc', kind, caseId, '--out', pdf, '--date', '2026-11-22'], env)).code).toBe(0);

    const ours = flat(pdfText(pdf));
    const wordPdf = docxPdf(docx);
    const word = flat(pdfText(wordPdf));
    for (const text of [ours, word]) {
      expect(text.startsWith(TITLES[kind]!)).toBe(true);
      expect(text).toContain('https://weibo.com/7000000002/Q1a2B3c4E');
      expect(text).toContain('待填写');
      expect(text).toContain('本工具不构成法律意见');
      if (kind !== 'notarization-request' && kind !== 'disclosure-request') expect(text).toContain(item.item);
      // Dates as Chinese documents write them, in Beijing time; no ISO strings.
      expect(text).not.toMatch(/(19|20)\d\d-[01]\d-[0-3]\d/);
      expect(text).not.toContain('UTC+8');
      expect(text).toContain('2026年11月22日');
      if (kind !== 'notarization-request') expect(text).toMatch(/，20\d\d年\d{1,2}月\d{1,2}日\d\d:\d\d:\d\d（北京时间）由guzheng取证；/);
      if (kind !== 'evidence-list' && kind !== 'notarization-request') {
        // Published "Tue Mar 03 08:30:00 +0800 2026"; the counts read at the capture.
        expect(text).toContain('1.2026年3月3日08:30，示例用户乙');
        expect(text).toMatch(/（20\d\d年\d{1,2}月\d{1,2}日\d\d:\d\d读取）/);
      }
    }
    // The capture time, to the second, in the evidence table (read in content order: -layout interleaves the cells).
    for (const file of [pdf, wordPdf]) expect(flat(execFileSync('pdftotext', ['-raw', file, '-']).toString())).toMatch(/于20\d\d年\d{1,2}月\d{1,2}日\d\d:\d\d:\d\d（北京时间）自行取证；/);
    // Fonts are embedded; the pages render.
    expect(execFileSync('pdffonts', [pdf]).toString()).toMatch(/yes\s+(yes|no)\s+yes/);
    // Both PDFs draw the Han characters with their Simplified Chinese shapes, none with the Japanese ones. pdffonts
    // names LibreOffice's fonts after the Noto CJK collection only ("NotoSerifCJKjp-…" whatever face), so the glyphs
    // drawn are compared with the SC and JP faces' own; Chromium's PDF also names its faces: SC only.
    expect(execFileSync('pdffonts', [wordPdf]).toString()).toMatch(/NotoSerifCJK\w*-Regular\S*\s+Type 1\s+\S+\s+yes/);
    for (const file of [pdf, wordPdf]) {
      const shapes = hanShapes(file);
      expect(shapes.fonts.length).toBeGreaterThan(0);
      expect(shapes.sc).toBeGreaterThan(10);
      expect(shapes.jp).toBe(0);
      expect(shapes.other).toEqual([]);
    }
    const faces = [...readFileSync(pdf).toString('latin1').matchAll(/\/FontName\s*\/(?:[A-Z]{6}\+)?(\S+)/g)].map((m) => m[1]!).filter((n) => /CJK/.test(n));
    expect(faces.some((n) => /CJKsc-/.test(n))).toBe(true);
    expect(faces.filter((n) => !/CJKsc-/.test(n))).toEqual([]);
    const png = join(out, `${kind}-page`);
    execFileSync('pdftoppm', ['-r', '40', '-png', '-f', '1', '-l', '1', pdf, png]);
    expect(statSync(`${png}-1.png`).size).toBeGreaterThan(5000);
    // The first-screen screenshot is appended as an exhibit with its caption (not in the notary application).
    const images = execFileSync('pdfimages', ['-list', pdf]).toString().trim().split('\n').length - 2;
    if (kind === 'notarization-request') expect(images).toBe(0);
    else {
      expect(images).toBeGreaterThanOrEqual(1);
      expect(ours).toContain('附件第1页·证据1');
    }
  }, 120_000);

  it('each filing has the contents the law requires', () => {
    const text = (k: string) => flat(pdfText(join(out, `${k}.pdf`)));
    // 民法典 1195: preliminary evidence, real identity, the measures asked; and the warning of 1195 ¶3.
    expect(text('platform-notice')).toEqual(expect.stringContaining('构成侵权的初步证据'));
    expect(text('platform-notice')).toContain('真实身份信息');
    expect(text('platform-notice')).toContain('删除、屏蔽、断开链接');
    expect(text('platform-notice')).toContain('因错误通知造成网络用户或者网络服务提供者损害的，应当承担侵权责任');
    // 民事诉讼法 124: parties, claims with facts and reasons, evidence and its sources, witnesses.
    const civil = text('civil-complaint');
    for (const s of ['原告：姓名：张三，性别：女', '被告：姓名：李四', '诉讼请求', '事实与理由', '证据和证据来源，证人姓名和住所', '北京互联网法院', '2026年11月22日']) expect(civil).toContain(s);
    // 刑诉法解释 319: both parties' particulars, time/place/means/circumstances/harm, request, court and date, evidence, witnesses.
    const pp = text('private-prosecution');
    for (const s of ['自诉人：姓名：张三', '被告人：姓名：李四', '文化程度', '犯罪时间：2026年3月3日起', '危害后果：造成被害人自残', '有帖子达到五千次浏览或五百次转发', '证据的名称、来源', '证人的姓名、住址、联系方式', '此致', '北京互联网法院']) expect(pp).toContain(s);
    // The evidence list: number, name, source with capture time, hash and timestamp state, what it proves, page.
    const list = text('evidence-list');
    for (const s of ['序号', '证据名称', '证据来源', '证明对象', '页码', manifestSha256, '已签名，尚待加盖时间戳', '附件第1页']) expect(list).toContain(flat(s));
    // The police report applies the 治安管理处罚法 of the act's day (2026-03-03: the 2025 revision, 第五十条).
    expect(text('police-report')).toContain('《中华人民共和国治安管理处罚法》（2025年6月27日）第五十条');
    expect(text('notarization-request')).toContain('经过法定程序公证证明的法律事实和文书');
  });

  it('the DOCX says it is Simplified Chinese: LibreOffice under a Japanese locale still draws the SC shapes', () => {
    const pdf = docxPdf(join(out, 'civil-complaint.docx'), `file://${tempHome('guzheng-lo-ja-')}`, { LANG: 'ja_JP.UTF-8', LC_ALL: 'ja_JP.UTF-8', LANGUAGE: 'ja' });
    expect(flat(pdfText(pdf))).toContain('民事起诉状');
    const shapes = hanShapes(pdf);
    expect(shapes.sc).toBeGreaterThan(10);
    expect(shapes.jp).toBe(0);
  }, 120_000);
});

describe('documents from a facts file, and bad input', () => {
  it('--facts without a vault: the evidence the tool did not capture is marked as a gap, not filled', async () => {
    const facts = join(out, 'facts.json');
    writeFileSync(facts, JSON.stringify({ victim: { name: '王五' }, poster: { identified: false, account: 'anon123', platform: 'weibo' },
      acts: [{ url: 'https://weibo.com/1/XYZ', platform: 'weibo', start: '2026-02-01', observations: [{ at: '2026-02-03T10:00:00+08:00', views: 5200, reposts: 120 }] }] }));
    const file = join(out, 'facts-complaint.pdf');
    const r = await runGuzheng(['doc', 'civil-complaint', '--facts', facts, '--out', file, '--json'], { GUZHENG_HOME: tempHome() });
    expect(r.code).toBe(0);
    const text = flat(pdfText(file));
    expect(text).toContain('2026年2月1日，anon123在微博发布帖子（https://weibo.com/1/XYZ）');
    expect(text).toContain('浏览/阅读5200次、转发120次（2026年2月3日10:00读取）');
    expect(r.json[0].blanks).toContain('证据形式（如截图、录屏、公证书）');
    expect(text).toContain('证据形式（如截');
    expect(text).toContain('责令被告提供发布上述内容的网络用户的姓名');
    expect(r.json[0].blanks).toContain('平台运营公司名称');
  });

  it('a case with no evidence: the document marks the gap and the command says so; nothing is overwritten; bad facts write nothing', async () => {
    const empty = JSON.parse((await runGuzheng(['case', 'new', '空案件', '--json'], env)).stdout).case;
    const file = join(out, 'empty-notice.docx');
    const r = await runGuzheng(['doc', 'platform-notice', empty, '--out', file], env);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('本案还没有证据');
    expect(flat(docxText(file))).toContain('【待填写：侵权帖子的网址、发布时间、内容和传播情况（本案尚无证据，请先取证）】');

    const before = readFileSync(file);
    const again = await runGuzheng(['doc', 'platform-notice', empty, '--out', file], env);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('[E_EXISTS]');
    expect(readFileSync(file)).toEqual(before);

    const bad = join(out, 'bad.json');
    writeFileSync(bad, JSON.stringify({ acts: [{ url: 'https://weibo.com/1/A', start: '2026-05-01', observations: [{ at: '2026-04-01T00:00:00+08:00', reposts: -1 }] }] }));
    const target = join(out, 'never.pdf');
    const b = await runGuzheng(['doc', 'police-report', '--facts', bad, '--out', target]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('[E_FACTS]');
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(out).some((f) => f.includes('.partial-'))).toBe(false);
    expect((await runGuzheng(['doc', 'court-order', caseId, '--out', join(out, 'x.pdf')], env)).stderr).toContain('未知的文书种类');
    expect((await runGuzheng(['doc', 'evidence-list', caseId, '--out', join(out, 'x.txt')], env)).code).toBe(2);
  }, 120_000);
});
