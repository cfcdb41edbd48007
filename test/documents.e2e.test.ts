/**
 * Documents: every kind, from a case in the vault (a post captured by real Chromium) and from a facts file, written
 * as DOCX and PDF. Our PDFs are read back with pdftotext and rendered to PNG with pdftoppm; the DOCX files are
 * opened by the real LibreOffice and converted to PDF, as a lawyer's or clerk's word processor would open them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
/** DOCX → PDF with LibreOffice, then its text. */
function docxText(file: string): string {
  const dir = tempHome('guzheng-lo-out-');
  execFileSync('soffice', [`-env:UserInstallation=${LO_PROFILE}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'ignore', timeout: 120_000 });
  const pdf = join(dir, readdirSync(dir).find((f) => f.endsWith('.pdf'))!);
  return pdfText(pdf);
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
    const word = flat(docxText(docx));
    for (const text of [ours, word]) {
      expect(text.startsWith(TITLES[kind]!)).toBe(true);
      expect(text).toContain('https://weibo.com/7000000002/Q1a2B3c4E');
      expect(text).toContain('待填写');
      expect(text).toContain('本工具不构成法律意见');
      if (kind !== 'notarization-request' && kind !== 'disclosure-request') expect(text).toContain(item.item);
    }
    // Fonts are embedded; the pages render.
    expect(execFileSync('pdffonts', [pdf]).toString()).toMatch(/yes\s+(yes|no)\s+yes/);
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
    for (const s of ['自诉人：姓名：张三', '被告人：姓名：李四', '文化程度', '犯罪时间：2026-03-03', '危害后果：造成被害人自残', '有帖子达到五千次浏览或五百次转发', '证据的名称、来源', '证人的姓名、住址、联系方式', '此致', '北京互联网法院']) expect(pp).toContain(s);
    // The evidence list: number, name, source with capture time, hash and timestamp state, what it proves, page.
    const list = text('evidence-list');
    for (const s of ['序号', '证据名称', '证据来源', '证明对象', '页码', manifestSha256, '已签名，尚待加盖时间戳', '附件第1页']) expect(list).toContain(flat(s));
    // The police report applies the 治安管理处罚法 of the act's day (2026-03-03: the 2025 revision, 第五十条).
    expect(text('police-report')).toContain('《中华人民共和国治安管理处罚法》（2025-06-27）第五十条');
    expect(text('notarization-request')).toContain('经过法定程序公证证明的法律事实和文书');
  });
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
    expect(text).toContain('2026-02-01，anon123在微博发布帖子（https://weibo.com/1/XYZ）');
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
