/**
 * The law as data: every provision's quoted words appear verbatim, in order, inside the named article of the file it
 * names in ../shared/law/; the required provisions are all there; `guzheng law list --json` prints them.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROVISIONS, cite, publicSecurityLawOn } from '../src/law/index.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { BIN, runGuzheng } from './helpers.js';

const execFileP = promisify(execFile);

const LAW_DIR = join(import.meta.dirname, '..', '..', 'shared', 'law');
const HEADING = /^(第[零一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?)[ \u3000]*(.*)$/;

/** The text of every article of a file: from its "第…条" heading to the next heading or chapter title. */
function articles(file: string): Map<string, string> {
  const out = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of readFileSync(join(LAW_DIR, file), 'utf8').split('\n')) {
    const m = HEADING.exec(line);
    if (m) {
      current = [];
      if (out.has(m[1]!)) throw new Error(`${file}: ${m[1]} appears twice`);
      out.set(m[1]!, current);
      if (m[2]) current.push(m[2]);
    } else if (/^#|^第[一二三四五六七八九十]+[章节编]/.test(line.trim())) {
      current = null;
    } else if (current && line.trim()) {
      current.push(line.trim());
    }
  }
  return new Map([...out].map(([k, v]) => [k, v.join('\n')]));
}

const cache = new Map<string, Map<string, string>>();
const article = (file: string, a: string) => {
  if (!cache.has(file)) cache.set(file, articles(file));
  return cache.get(file)!.get(a);
};

describe('law as data', () => {
  it.each(PROVISIONS.map((p) => [p.id, p] as const))('%s: the quoted words are in that article of that file, verbatim and in order', (_id, p) => {
    const body = article(p.law.file, p.article);
    expect(body, `${p.law.file} has no ${p.article}`).toBeDefined();
    let from = 0;
    for (const piece of p.text.split('\n')) {
      const at = body!.indexOf(piece, from);
      expect({ piece, found: at >= 0 }).toEqual({ piece, found: true });
      from = at + piece.length;
    }
    expect(p.explain.zh.length).toBeGreaterThan(5);
    expect(p.explain.en.length).toBeGreaterThan(5);
  });

  it('has every provision the product relies on, each once', () => {
    const required: Record<string, number[]> = {
      'civil-code': [188, 995, 997, 998, 1000, 1018, 1019, 1020, 1024, 1025, 1028, 1032, 1033, 1034, 1037, 1182, 1183, 1194, 1195, 1196, 1197],
      'criminal-law': [87, 98, 246, 293], 'defamation-interpretation-2013': [1, 2, 3, 4, 5], 'public-security-2025': [25, 50, 56, 90], 'public-security-2012': [22, 42],
      'personal-information-law': [10, 27, 47, 50, 69, 72], 'personal-information-interpretation-2017': [1, 3, 5], 'provocation-interpretation-2013': [1, 3],
      'civil-procedure': [66, 72, 84, 124], 'civil-evidence-rules': [14, 15, 93, 94], 'internet-courts-rules': [11], 'online-litigation-rules': [16, 17, 18],
      'network-tort-rules': [3, 12], 'criminal-procedure': [210], 'criminal-procedure-interpretation': [1, 316, 319, 320, 325], 'electronic-signature-law': [5, 7, 8],
    };
    const ids = PROVISIONS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [key, numbers] of Object.entries(required)) for (const n of numbers) expect(ids).toContain(`${key}:${n}`);
    for (const id of ['criminal-law:246-3', 'criminal-law:253.1', 'public-security-2025:50(1)', 'public-security-2025:50(5)', 'public-security-2025:50(6)', 'public-security-2025:50-2',
      'public-security-2025:29(1)', 'public-security-2012:42(1)', 'public-security-2012:42(5)', 'public-security-2012:42(6)', 'public-security-2012:25(1)']) expect(ids).toContain(id);
  });

  it('a deliberately altered quotation would be caught', () => {
    const body = article('民法典_侵权责任编.md', '第一千一百九十五条')!;
    expect(body).toContain('通知应当包括构成侵权的初步证据及权利人的真实身份信息。');
    expect(body).not.toContain('通知应当包括构成侵权的证据及权利人的真实身份信息。');
  });

  it('the 治安管理处罚法 of the day of the act: 2012 text up to 2025-12-31, the 2025 revision from 2026-01-01', () => {
    expect(publicSecurityLawOn('2025-12-31')).toMatchObject({ offence: 'public-security-2012:42', limit: 'public-security-2012:22' });
    expect(publicSecurityLawOn('2026-01-01')).toMatchObject({ offence: 'public-security-2025:50', limit: 'public-security-2025:25' });
    expect(cite('public-security-2025:50(6)').article).toBe('第五十条第一款第（六）项');
    expect(cite('public-security-2025:50-2').article).toBe('第五十条第二款');
    expect(cite('criminal-law:253.1').article).toBe('第二百五十三条之一');
    expect(cite('criminal-law:246-3')).toEqual({ id: 'criminal-law:246-3', law: '刑法', version: '1997-03-14（修正至刑法修正案（十二），2023-12-29）', article: '第二百四十六条第三款' });
  });

  it('guzheng law list --json prints every provision with law, version, dates, article, text, status and file', async () => {
    const r = await runGuzheng(['law', 'list', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list).toHaveLength(PROVISIONS.length);
    const n1195 = list.find((x: any) => x.id === 'civil-code:1195');
    expect(n1195).toMatchObject({ law: '中华人民共和国民法典', version: '2020-05-28', effectiveFrom: '2021-01-01', effectiveTo: null, article: '第一千一百九十五条',
      status: 'unofficial-copy', file: '民法典_侵权责任编.md' });
    expect(n1195.text).toContain('初步证据');
    for (const x of list) for (const k of ['law', 'version', 'effectiveFrom', 'effectiveTo', 'article', 'text', 'status', 'file']) expect(x).toHaveProperty(k);
    const human = await runGuzheng(['law', 'list']);
    expect(human.stdout).toContain('不构成法律意见');
    expect(human.stdout).toContain('第五十条');
  });

  it('a long output piped to a reader that starts late arrives whole (the command waits for it to be written before it exits)', async () => {
    // More than a pipe holds (64 KiB on Linux): `process.exit()` right after the write cut it at 65,536 bytes.
    const { stdout } = await execFileP('sh', ['-c', `"${process.execPath}" "${BIN}" law list --json | (sleep 1; cat)`], { maxBuffer: 8 << 20 });
    expect(Buffer.byteLength(stdout)).toBeGreaterThan(65_536);
    expect(JSON.parse(stdout)).toHaveLength(PROVISIONS.length);
  });
});
