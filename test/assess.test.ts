/** The assessment: routes, conditions and exact deadlines from a case's facts, at the boundaries the law draws. */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assess } from '../src/assess/assess.js';
import { addMonths, addYears } from '../src/assess/dates.js';
import { checkFacts, type CaseFacts } from '../src/assess/facts.js';
import { runGuzheng, tempHome } from './helpers.js';

const base = (over: Partial<CaseFacts> = {}): CaseFacts => checkFacts({
  asOf: '2026-11-21', victim: { name: '张三' }, poster: { identified: true, name: '李四', account: 'lisi', platform: 'weibo' }, knewOfHarmAndPoster: '2026-03-02',
  acts: [{ url: 'https://weibo.com/1/A', platform: 'weibo', start: '2026-02-01', end: null, observations: [{ at: '2026-02-03T10:00:00+08:00', views: 100, reposts: 10 }] }],
  consequences: [], priorDefamationPenalty: null, socialOrderHarm: [], goals: ['takedown'], ...over,
});
const route = (f: CaseFacts, id: string, asOf?: string) => assess(f, asOf).routes.find((r) => r.id === id)!;
const cond = (f: CaseFacts, id: string, name: string) => route(f, id).conditions.find((c) => c.name === name)!;
const act = (start: string, views: number | null, reposts: number | null, url = `https://weibo.com/1/${start}`) =>
  ({ url, platform: 'weibo', start, end: null, observations: [{ at: `${start}T12:00:00+08:00`, views, reposts }] });

describe('periods are counted as 民法典 201–202 count them', () => {
  it('corresponding day, or the last day of a month that has none', () => {
    expect(addMonths('2026-02-01', 6)).toBe('2026-08-01');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addYears('2024-02-29', 3)).toBe('2027-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addMonths('2025-12-31', 6)).toBe('2026-06-30');
  });
});

describe('police report: the law in force on the day of the act, and six months from it', () => {
  it('an act on 2025-12-31 falls under the 2012 text (第四十二条, 第二十二条); on 2026-01-01 under the 2025 revision (第五十条, 第二十五条)', () => {
    const old = route(base({ acts: [act('2025-12-31', 1, 1)] }), 'police-report', '2026-03-01');
    expect(old.citations.map((c) => c.article)).toEqual(['第四十二条第（二）项', '第二十二条', '第九十条']);
    expect(old.citations[0]).toMatchObject({ law: '治安管理处罚法（2012年修正）', version: '2012-10-26' });
    expect(old.deadlines[0]!.date).toBe('2026-06-30');
    const now = route(base({ acts: [act('2026-01-01', 1, 1)] }), 'police-report', '2026-03-01');
    expect(now.citations.map((c) => c.article)).toEqual(['第五十条第一款第（二）项', '第二十五条', '第九十条']);
    expect(now.citations[0]).toMatchObject({ law: '治安管理处罚法（2025年修订）', version: '2025-06-27' });
    expect(now.deadlines[0]!.date).toBe('2026-07-01');
  });

  it('available up to and including the last day, not the day after; a continuing act counts from its end', () => {
    const f = base({ acts: [act('2026-01-01', 1, 1)] });
    expect(route(f, 'police-report', '2026-07-01').available).toBe(true);
    expect(route(f, 'police-report', '2026-07-02').available).toBe(false);
    const continuing = base({ acts: [{ ...act('2026-01-01', 1, 1), end: '2026-05-10' }] });
    expect(route(continuing, 'police-report', '2026-07-02')).toMatchObject({ available: true, deadlines: [{ date: '2026-11-10' }] });
  });
});

describe('情节严重 (两高2013年解释 第二条、第四条)', () => {
  it('4,999 views is not enough, 5,000 is; 499 reposts is not, 500 is', () => {
    expect(cond(base({ acts: [act('2026-02-01', 4999, 10)] }), 'private-prosecution', 'views-5000-or-reposts-500').met).toBe(false);
    expect(cond(base({ acts: [act('2026-02-01', 5000, 10)] }), 'private-prosecution', 'views-5000-or-reposts-500').met).toBe(true);
    expect(cond(base({ acts: [act('2026-02-01', 100, 499)] }), 'private-prosecution', 'views-5000-or-reposts-500').met).toBe(false);
    expect(cond(base({ acts: [act('2026-02-01', 100, 500)] }), 'private-prosecution', 'views-5000-or-reposts-500').met).toBe(true);
    // Unknown views with few reposts: cannot tell, never "no".
    expect(cond(base({ acts: [act('2026-02-01', null, 499)] }), 'private-prosecution', 'views-5000-or-reposts-500').met).toBeNull();
  });

  it('two posts within one year add up; the same posts more than a year apart do not', () => {
    const within = base({ asOf: '2027-02-01', acts: [act('2026-01-10', 3000, 100), act('2027-01-10', 2500, 100)] });
    expect(cond(within, 'private-prosecution', 'added-up-within-one-year')).toMatchObject({ met: true, detail: expect.stringContaining('5500') });
    expect(route(within, 'private-prosecution', '2027-02-01').available).toBe(true);
    const apart = base({ asOf: '2027-02-01', acts: [act('2026-01-10', 3000, 100), act('2027-01-11', 2500, 100)] });
    expect(cond(apart, 'private-prosecution', 'added-up-within-one-year').met).toBe(false);
    expect(route(apart, 'private-prosecution', '2027-02-01').available).toBe(false);
  });

  it('a penalty for defamation two years before counts; two years and one day before does not', () => {
    expect(cond(base({ priorDefamationPenalty: '2024-02-01' }), 'private-prosecution', 'prior-penalty-within-two-years').met).toBe(true);
    expect(cond(base({ priorDefamationPenalty: '2024-01-31' }), 'private-prosecution', 'prior-penalty-within-two-years').met).toBe(false);
  });

  it('serious consequences alone make it serious; the five-year limit gives the exact day', () => {
    const r = route(base({ consequences: ['self-harm'] }), 'private-prosecution');
    expect(r.available).toBe(true);
    expect(r.deadlines).toEqual([{ what: expect.stringContaining('五年'), date: '2031-02-01' }]);
    expect(r.citations.map((c) => `${c.law}${c.article}`)).toEqual(expect.arrayContaining(['刑法第二百四十六条', '刑法第八十七条', '两高2013年网络诽谤解释第二条']));
  });
});

describe('routes', () => {
  it('an unidentified poster: private prosecution is not available now, civil suit is (sue the platform, ask for disclosure), the damages clock has not started', () => {
    const f = base({ poster: { identified: false, account: 'anon', platform: 'weibo' }, knewOfHarmAndPoster: null, consequences: ['suicide'] });
    expect(route(f, 'private-prosecution')).toMatchObject({ available: false });
    const civil = route(f, 'civil-suit');
    expect(civil.available).toBe(true);
    expect(civil.citations.map((c) => c.id)).toContain('network-tort-rules:3');
    expect(civil.conditions.find((c) => c.name === 'damages-within-three-years')).toMatchObject({ met: true, detail: expect.stringContaining('尚未开始') });
    expect(route(f, 'demand-letter').available).toBe(true);
  });

  it('civil damages: three years from knowing the harm and the poster, to the day; stopping and apology never time-barred', () => {
    const f = base({ knewOfHarmAndPoster: '2024-02-29' });
    const civil = route(f, 'civil-suit', '2027-03-01');
    expect(civil.deadlines[0]).toMatchObject({ date: '2027-02-28' });
    expect(civil.conditions.find((c) => c.name === 'damages-within-three-years')!.met).toBe(false);
    expect(civil.conditions.find((c) => c.name === 'stop-and-apology-not-time-barred')!.met).toBe(true);
    expect(civil.available).toBe(true);
  });

  it('public prosecution when the facts match 第三条 and the circumstances are serious', () => {
    const f = base({ socialOrderHarm: ['public-disorder'], acts: [act('2026-02-01', 9000, 10)] });
    expect(route(f, 'public-prosecution').available).toBe(true);
    expect(route(f, 'private-prosecution').conditions.find((c) => c.name === 'not-public-order-case')!.met).toBe(false);
  });

  it('unknown facts give null with what is missing, never "no"', () => {
    const f = checkFacts({ acts: [{ url: 'https://weibo.com/1/A', start: '2026-02-01', observations: [] }] });
    const a = assess(f, '2026-11-21');
    const pp = a.routes.find((r) => r.id === 'private-prosecution')!;
    expect(pp.available).toBeNull();
    expect(pp.missing.join('\n')).toContain('未说明发帖人身份是否已知');
    expect(pp.conditions.find((c) => c.name === 'serious-consequences')!.met).toBeNull();
    expect(a.routes.find((r) => r.id === 'public-prosecution')!.available).toBeNull();
    expect(a.notLegalAdvice).toBe(true);
  });

  it('the platform notice warns of liability for a wrongful notice and of the counter-notice', () => {
    const r = route(base(), 'platform-notice');
    expect(r.available).toBe(true);
    expect(r.reasons.join('\n')).toContain('错误通知');
    expect(r.citations.map((c) => c.id)).toEqual(expect.arrayContaining(['civil-code:1195', 'civil-code:1196']));
  });
});

describe('guzheng assess --facts', () => {
  it('prints the JSON the issue names, with every route, exact dates and the not-legal-advice flag', async () => {
    const dir = tempHome('guzheng-facts-');
    const file = join(dir, 'facts.json');
    writeFileSync(file, JSON.stringify({ ...base(), acts: [act('2026-02-01', 5200, 120)] }));
    const r = await runGuzheng(['assess', '--facts', file, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ asOf: '2026-11-21', notLegalAdvice: true });
    expect(out.routes.map((x: any) => x.id)).toEqual(['platform-notice', 'demand-letter', 'police-report', 'civil-suit', 'private-prosecution', 'public-prosecution']);
    for (const x of out.routes) {
      expect(Object.keys(x)).toEqual(expect.arrayContaining(['id', 'available', 'reasons', 'conditions', 'deadlines', 'citations']));
      for (const c of x.citations) expect(Object.keys(c)).toEqual(expect.arrayContaining(['law', 'version', 'article']));
    }
    expect(out.routes.find((x: any) => x.id === 'police-report').deadlines[0].date).toBe('2026-08-01');
    const human = await runGuzheng(['assess', '--facts', file]);
    expect(human.stdout).toContain('不构成法律意见');
  });

  it('contradicting or invalid facts: E_FACTS, every problem named in Chinese and English, exit 2', async () => {
    const dir = tempHome('guzheng-facts-');
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ acts: [{ url: 'https://weibo.com/1/A', start: '2026-05-01', observations: [{ at: '2026-04-01T10:00:00+08:00', views: -5 }] }], knewOfHarmAndPoster: '2026-13-01' }));
    const r = await runGuzheng(['assess', '--facts', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[E_FACTS]');
    expect(r.stderr).toContain('发布日期晚于取证日期');
    expect(r.stderr).toContain('views 应为非负整数');
    expect(r.stderr).toContain('knewOfHarmAndPoster 不是有效日期');
    expect(r.stderr).toContain('must be a whole number');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    writeFileSync(file, '{"acts": [');
    expect((await runGuzheng(['assess', '--facts', file])).stderr).toContain('不是有效的 JSON');
    expect((await runGuzheng(['assess', '--facts', join(dir, 'none.json')])).code).toBe(2);
    expect((await runGuzheng(['assess'])).stderr).toContain('[E_USAGE]');
  });
});
