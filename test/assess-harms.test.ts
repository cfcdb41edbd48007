/**
 * The harm kinds of an assessment (issue 14): each harm an act did gets its own routes, read only from the acts that
 * did it, with the law in force on the day of each act, the limits counted to the day and the provisions cited.
 * Expected dates are counted by hand: 治安 six months from the act's day (its end, else its start), 刑事 five or ten
 * years, civil twenty years from the first act; the same day of the month, or the month's last day when it has none.
 */
import { describe, expect, it } from 'vitest';
import { assess } from '../src/assess/assess.js';
import { checkFacts, type CaseFacts } from '../src/assess/facts.js';
import type { Route } from '../src/assess/types.js';
import { GuzhengError } from '../src/errors.js';
import { LAWS, PROVISIONS, cite, provision } from '../src/law/index.js';

const ASOF = '2026-02-01';

/** A case: an identified poster, the given acts; `over` sets or unsets (undefined) the case-level facts. */
const facts = (acts: Record<string, unknown>[], over: Record<string, unknown> = {}): CaseFacts => checkFacts({
  asOf: ASOF, victim: { name: '张三' }, poster: { identified: true, name: '李四', account: 'lisi', platform: 'weibo' }, acts, ...over,
});

/** One act on `start`, with its harms and one reading of its counts on that day. */
const act = (start: string, harms: string[] | undefined, extra: Record<string, unknown> = {}) => ({
  url: `https://weibo.com/1/${start}-${(harms ?? ['none']).join('+')}`, platform: 'weibo', start, end: null,
  observations: [{ at: `${start}T12:00:00+08:00`, views: 100, reposts: 3 }],
  ...(harms ? { harms } : {}), ...extra,
});

const routesOf = (f: CaseFacts, harm: string, asOf = ASOF) => assess(f, asOf).routes.filter((r) => r.harm === harm);
const get = (f: CaseFacts, harm: string, id: string, asOf = ASOF): Route => {
  const r = assess(f, asOf).routes.find((x) => x.harm === harm && x.id === id);
  if (!r) throw new Error(`no route ${harm}/${id}`);
  return r;
};
const cond = (r: Route, name: string) => {
  const c = r.conditions.find((x) => x.name === name);
  if (!c) throw new Error(`no condition ${name} in ${r.harm}/${r.id}: ${r.conditions.map((x) => x.name).join(', ')}`);
  return c;
};
const ids = (r: Route) => r.citations.map((c) => c.id);
const article = (r: Route, id: string) => r.citations.find((c) => c.id === id)?.article;
const dates = (r: Route) => r.deadlines.map((d) => d.date);

const CIVIL_SIX = ['platform-notice', 'demand-letter', 'police-report', 'civil-suit', 'private-prosecution', 'public-prosecution'];

describe('privacy (doxxing): the 治安管理处罚法 of the day, six months, 侵犯公民个人信息罪', () => {
  const doxx = (start: string, personalInfo: Record<string, unknown> | null = { kinds: ['whereabouts'], usedForCrime: true }, over: Record<string, unknown> = {}) =>
    facts([act(start, ['privacy'], { personalInfo })], over);

  it('privacy has its five routes, in order, in one section naming its act', () => {
    const a = assess(doxx('2026-01-10'), ASOF);
    expect(a.routes.map((r) => r.id)).toEqual(['platform-notice', 'demand-letter', 'police-report', 'civil-suit', 'criminal-report']);
    expect(a.routes.every((r) => r.harm === 'privacy')).toBe(true);
    expect(a.harms).toEqual([{ harm: 'privacy', title: expect.stringContaining('人肉搜索'), acts: [0], routes: a.routes.map((r) => r.id) }]);
  });

  it('an act on 2025-11-20 falls under the 2012 text: 第四十二条第（六）项 and 第二十二条, until 2026-05-20', () => {
    const r = get(doxx('2025-11-20'), 'privacy', 'police-report');
    expect(ids(r)).toEqual(['public-security-2012:42(6)', 'public-security-2012:22', 'public-security-2025:90']);
    expect(article(r, 'public-security-2012:42(6)')).toBe('第四十二条第（六）项');
    expect(article(r, 'public-security-2012:22')).toBe('第二十二条');
    expect(r.citations[0]!.law).toBe('治安管理处罚法（2012年修正）');
    expect(ids(r)).not.toContain('public-security-2025:56');
    expect(dates(r)).toEqual(['2026-05-20']);
    expect(r.available).toBe(true);
    expect(cond(r, 'within-six-months').met).toBe(true);
    // Up to and including the last day, not the day after.
    expect(get(doxx('2025-11-20'), 'privacy', 'police-report', '2026-05-20').available).toBe(true);
    const late = get(doxx('2025-11-20'), 'privacy', 'police-report', '2026-05-21');
    expect(late.available).toBe(false);
    expect(cond(late, 'within-six-months').met).toBe(false);
    expect(late.blockedBy).toEqual(['within-six-months']);
  });

  it('an act on 2026-01-10 falls under the 2025 revision: 第五十条第一款第（六）项, 第五十六条, 第二十五条, until 2026-07-10', () => {
    const r = get(doxx('2026-01-10'), 'privacy', 'police-report');
    expect(ids(r)).toEqual(['public-security-2025:50(6)', 'public-security-2025:56', 'public-security-2025:25', 'public-security-2025:90']);
    expect(article(r, 'public-security-2025:50(6)')).toBe('第五十条第一款第（六）项');
    expect(article(r, 'public-security-2025:56')).toBe('第五十六条');
    expect(article(r, 'public-security-2025:25')).toBe('第二十五条');
    expect(r.citations[0]!.law).toBe('治安管理处罚法（2025年修订）');
    expect(ids(r).some((id) => id.startsWith('public-security-2012'))).toBe(false);
    expect(dates(r)).toEqual(['2026-07-10']);
    expect(r.reasons.join('\n')).toContain('第五十六条');
    expect(r.available).toBe(true);
  });

  it('a continuing act counts from its end, and its end decides the law: 2025-12-20 to 2026-01-05 is under the 2025 revision until 2026-07-05', () => {
    const f = facts([act('2025-12-20', ['privacy'], { end: '2026-01-05' })]);
    const r = get(f, 'privacy', 'police-report');
    expect(dates(r)).toEqual(['2026-07-05']);
    expect(ids(r)[0]).toBe('public-security-2025:50(6)');
  });

  it('the platform notice cites 个人信息保护法 47 and 50 and 民法典 1032, 1034, 1037 — not 1028, which is for reports', () => {
    const r = get(doxx('2026-01-10'), 'privacy', 'platform-notice');
    expect(ids(r)).toEqual(expect.arrayContaining(['civil-code:1195', 'civil-code:1032', 'civil-code:1034', 'civil-code:1037', 'personal-information-law:47', 'personal-information-law:50']));
    expect(ids(r)).not.toContain('civil-code:1028');
    expect(article(r, 'personal-information-law:47')).toBe('第四十七条');
    expect(article(r, 'personal-information-law:50')).toBe('第五十条');
    expect(article(r, 'civil-code:1037')).toBe('第一千零三十七条第二款');
    expect(r.citations.find((c) => c.id === 'personal-information-law:47')!.law).toBe('个人信息保护法');
    expect(r.available).toBe(true);
  });

  it('before the personal information law (2021-11-01) the civil routes cite only the Civil Code', () => {
    const f = doxx('2021-06-01');
    const notice = get(f, 'privacy', 'platform-notice');
    expect(ids(notice)).toEqual(expect.arrayContaining(['civil-code:1032', 'civil-code:1034', 'civil-code:1037']));
    expect(ids(notice).some((id) => id.startsWith('personal-information-law'))).toBe(false);
    const suit = get(f, 'privacy', 'civil-suit');
    expect(ids(suit).some((id) => id.startsWith('personal-information-law'))).toBe(false);
    expect(suit.conditions.map((c) => c.name)).not.toContain('not-personal-affairs');
    // The same act in 2026 brings them in.
    expect(ids(get(doxx('2026-01-10'), 'privacy', 'civil-suit'))).toEqual(expect.arrayContaining(['personal-information-law:10', 'personal-information-law:27', 'personal-information-law:69', 'personal-information-law:72']));
  });

  it('the civil suit: 隐私权、个人信息保护纠纷, the defences as caveats, available, twenty years from the act', () => {
    const r = get(doxx('2026-01-10'), 'privacy', 'civil-suit');
    expect(r.title).toContain('隐私权、个人信息保护纠纷');
    expect(ids(r)).toEqual(expect.arrayContaining(['civil-code:1032', 'civil-code:1034', 'civil-code:1033']));
    expect(cond(r, 'not-personal-affairs')).toMatchObject({ kind: 'exception', met: null });
    expect(cond(r, 'not-already-public')).toMatchObject({ kind: 'exception', met: null });
    expect(r.caveats.length).toBeGreaterThanOrEqual(2);
    expect(r.available).toBe(true);
    expect(dates(r)).toContain('2046-01-10');
    expect(cond(r, 'within-twenty-years').met).toBe(true);
  });

  it('criminal report: whereabouts used for a crime is 情节严重; five years; no identified poster needed', () => {
    const r = get(doxx('2026-01-10', { kinds: ['whereabouts'], usedForCrime: true }, { poster: { identified: false } }), 'privacy', 'criminal-report');
    expect(r.title).toContain('侵犯公民个人信息罪');
    expect(cond(r, 'serious-circumstances').met).toBe(true);
    expect(cond(r, 'whereabouts-used-for-crime').met).toBe(true);
    expect(cond(r, 'within-five-years').met).toBe(true);
    expect(r.conditions.map((c) => c.name)).not.toContain('within-ten-years');
    expect(r.available).toBe(true);
    expect(r.blockedBy).toEqual([]);
    expect(dates(r)).toEqual(['2031-01-10']);
    expect(ids(r)).toEqual(['criminal-law:253.1', 'personal-information-interpretation-2017:1', 'personal-information-interpretation-2017:3', 'personal-information-interpretation-2017:5', 'criminal-law:87']);
    expect(article(r, 'criminal-law:253.1')).toBe('第二百五十三条之一');
    expect(article(r, 'criminal-law:87')).toBe('第八十七条');
  });

  it('criminal report: a phone number and an address (2 records), not used for a crime, no earlier penalty, is not serious', () => {
    const r = get(doxx('2026-01-10', { kinds: ['phone', 'address'], records: 2, usedForCrime: false }, { priorInfoPenalty: null }), 'privacy', 'criminal-report');
    expect(cond(r, 'whereabouts-used-for-crime').met).toBe(false);
    expect(cond(r, 'records').met).toBe(false);
    expect(cond(r, 'prior-penalty-within-two-years').met).toBe(false);
    expect(cond(r, 'serious-circumstances').met).toBe(false);
    expect(r.available).toBe(false);
    expect(r.blockedBy).toContain('serious-circumstances');
    expect(r.missing).toEqual([]);
  });

  it('records: 49 whereabouts records are below the mark of 50 (open while the prior penalty is unstated), 50 reach it, and two acts add up', () => {
    const below = get(doxx('2026-01-10', { kinds: ['whereabouts'], records: 49, usedForCrime: false }), 'privacy', 'criminal-report');
    expect(cond(below, 'records').met).toBe(false);
    expect(cond(below, 'prior-penalty-within-two-years').met).toBeNull();
    expect(below.available).toBeNull();
    expect(below.missing.join('\n')).toContain('未说明发帖人是否因侵犯个人信息受过行政处罚');
    const at = get(doxx('2026-01-10', { kinds: ['whereabouts'], records: 50, usedForCrime: false }), 'privacy', 'criminal-report');
    expect(cond(at, 'records').met).toBe(true);
    expect(at.available).toBe(true);
    const two = facts([act('2026-01-10', ['privacy'], { personalInfo: { kinds: ['whereabouts'], records: 30, usedForCrime: false } }),
      act('2026-01-20', ['privacy'], { personalInfo: { kinds: ['whereabouts'], records: 20, usedForCrime: false } })]);
    const sum = get(two, 'privacy', 'criminal-report');
    expect(cond(sum, 'records')).toMatchObject({ met: true, detail: expect.stringContaining('50') });
    expect(dates(sum)).toEqual(['2031-01-10', '2031-01-20']);
  });

  it('an earlier penalty: two years before the act counts, two years and one day before does not', () => {
    const info = { kinds: ['phone'], records: 1, usedForCrime: false };
    expect(cond(get(doxx('2026-01-10', info, { priorInfoPenalty: '2024-01-10' }), 'privacy', 'criminal-report'), 'prior-penalty-within-two-years').met).toBe(true);
    expect(cond(get(doxx('2026-01-10', info, { priorInfoPenalty: '2024-01-09' }), 'privacy', 'criminal-report'), 'prior-penalty-within-two-years').met).toBe(false);
  });

  it('mental disorder with a serious case met is 情节特别严重: the limit is ten years (within-ten-years, +10y to the day)', () => {
    const r = get(doxx('2026-01-10', { kinds: ['whereabouts'], usedForCrime: true }, { consequences: ['mental-disorder'] }), 'privacy', 'criminal-report');
    expect(cond(r, 'within-ten-years').met).toBe(true);
    expect(r.conditions.map((c) => c.name)).not.toContain('within-five-years');
    expect(dates(r)).toEqual(['2036-01-10']);
    expect(r.deadlines[0]!.what).toContain('十年');
    expect(cond(r, 'serious-circumstances').detail).toContain('情节特别严重');
    expect(r.available).toBe(true);
    // The same consequence without a serious case is not 特别严重: five years, not available.
    const notSerious = get(doxx('2026-01-10', { kinds: ['phone'], records: 2, usedForCrime: false }, { consequences: ['mental-disorder'], priorInfoPenalty: null }), 'privacy', 'criminal-report');
    expect(dates(notSerious)).toEqual(['2031-01-10']);
    expect(notSerious.available).toBe(false);
  });

  it('a leap day: five years from 2024-02-29 ends on 2029-02-28; twenty years on 2044-02-29', () => {
    const f = facts([act('2024-02-29', ['privacy'], { personalInfo: { kinds: ['whereabouts'], usedForCrime: true } })]);
    expect(dates(get(f, 'privacy', 'criminal-report'))).toEqual(['2029-02-28']);
    expect(dates(get(f, 'privacy', 'civil-suit'))).toContain('2044-02-29');
    expect(dates(get(f, 'privacy', 'police-report'))).toEqual(['2024-08-29']);
    expect(get(f, 'privacy', 'police-report').available).toBe(false);
  });
});

describe('insult: 侮辱 and 侮辱罪', () => {
  const thread = (extra: Record<string, unknown> = {}, over: Record<string, unknown> = {}) => facts([act('2026-01-15', ['insult'], extra)], over);

  it('insult has the six routes, in order', () => {
    const rs = routesOf(thread(), 'insult');
    expect(rs.map((r) => r.id)).toEqual(CIVIL_SIX);
    expect(assess(thread(), ASOF).routes).toHaveLength(6);
  });

  it('the police report of a 2026 act cites 第五十条第一款第（二）项, until 2026-07-15', () => {
    const r = get(thread(), 'insult', 'police-report');
    expect(r.citations[0]).toMatchObject({ id: 'public-security-2025:50', article: '第五十条第一款第（二）项' });
    expect(ids(r)).toEqual(['public-security-2025:50', 'public-security-2025:25', 'public-security-2025:90']);
    expect(dates(r)).toEqual(['2026-07-15']);
    expect(r.title).toContain('侮辱');
  });

  it('with no reach and consequences unknown, 情节严重 is open (null), never "not met"', () => {
    const r = get(thread(), 'insult', 'private-prosecution');
    expect(r.title).toContain('侮辱罪');
    expect(cond(r, 'reach').met).toBe(false);
    expect(cond(r, 'serious-consequences').met).toBeNull();
    expect(cond(r, 'serious-circumstances').met).toBeNull();
    expect(r.available).toBeNull();
    expect(r.missing.join('\n')).toContain('未说明造成了哪些后果');
    // Even with no consequences stated and a small reach, it stays open: no interpretation lists insult's cases.
    const none = get(thread({}, { consequences: null }), 'insult', 'private-prosecution');
    expect(cond(none, 'serious-consequences').met).toBe(false);
    expect(cond(none, 'serious-circumstances').met).toBeNull();
    expect(none.available).toBeNull();
  });

  it('self-harm and an identified poster make the private prosecution available, within five years (2031-01-15)', () => {
    const r = get(thread({}, { consequences: ['self-harm'] }), 'insult', 'private-prosecution');
    expect(cond(r, 'serious-circumstances').met).toBe(true);
    expect(cond(r, 'defendant-identified').met).toBe(true);
    expect(r.available).toBe(true);
    expect(dates(r)).toEqual(['2031-01-15']);
    expect(cond(r, 'within-five-years').met).toBe(true);
    // An unidentified poster: a private prosecution needs a named defendant.
    const anon = get(thread({}, { consequences: ['self-harm'], poster: { identified: false } }), 'insult', 'private-prosecution');
    expect(anon.available).toBe(false);
    expect(anon.blockedBy).toEqual(['defendant-identified']);
  });

  it('a reach of 5,000 views makes it serious by analogy to the defamation marks', () => {
    const r = get(thread({ observations: [{ at: '2026-01-16T10:00:00+08:00', views: 5000, reposts: 3 }] }), 'insult', 'private-prosecution');
    expect(cond(r, 'reach').met).toBe(true);
    expect(cond(r, 'serious-circumstances').met).toBe(true);
    expect(r.available).toBe(true);
  });

  it('the private prosecution cites 刑法 246, not the defamation interpretation\'s 第一条、第二条', () => {
    const r = get(thread({}, { consequences: ['self-harm'] }), 'insult', 'private-prosecution');
    expect(ids(r)).toEqual(expect.arrayContaining(['criminal-law:246', 'criminal-law:246-3', 'criminal-law:87']));
    expect(ids(r)).not.toContain('defamation-interpretation-2013:2');
    expect(ids(r)).not.toContain('defamation-interpretation-2013:1');
    expect(article(r, 'criminal-law:246')).toBe('第二百四十六条');
  });

  it('public prosecution: not available while nobody states harm to social order; available when it is stated and serious', () => {
    const r = get(thread({}, { consequences: ['self-harm'] }), 'insult', 'public-prosecution');
    expect(r.title).toContain('侮辱罪');
    expect(r.available).toBe(false);
    expect(r.blockedBy).toEqual(['social-order-harm']);
    expect(r.missing).toEqual([]);
    const stated = get(thread({}, { consequences: ['self-harm'], socialOrderHarm: ['public-disorder'] }), 'insult', 'public-prosecution');
    expect(stated.available).toBe(true);
    expect(ids(stated)).not.toContain('defamation-interpretation-2013:2');
    expect(get(thread({}, { consequences: ['self-harm'], socialOrderHarm: ['public-disorder'] }), 'insult', 'private-prosecution').available).toBe(false);
  });

  it('the civil routes: 名誉权纠纷（侮辱）; the notice does not cite 1028 (false reports)', () => {
    expect(get(thread(), 'insult', 'civil-suit').title).toContain('名誉权纠纷（侮辱）');
    expect(ids(get(thread(), 'insult', 'civil-suit'))).toContain('civil-code:1024');
    expect(dates(get(thread(), 'insult', 'civil-suit'))).toContain('2046-01-15');
    expect(ids(get(thread(), 'insult', 'platform-notice'))).not.toContain('civil-code:1028');
  });
});

describe('portrait', () => {
  const edit = (over: Record<string, unknown> = {}) => facts([act('2024-02-29', ['portrait'])], over);

  it('only the platform notice, the demand letter and the civil suit: no police report', () => {
    const a = assess(edit(), ASOF);
    expect(a.routes.map((r) => r.id)).toEqual(['platform-notice', 'demand-letter', 'civil-suit']);
    expect(a.routes.find((r) => r.id === 'police-report')).toBeUndefined();
    expect(a.harms).toEqual([{ harm: 'portrait', title: expect.stringContaining('肖像'), acts: [0], routes: ['platform-notice', 'demand-letter', 'civil-suit'] }]);
  });

  it('the civil suit: 肖像权纠纷, 1018–1020, reasonable use as a caveat, available, twenty years from 2024-02-29', () => {
    const r = get(edit(), 'portrait', 'civil-suit');
    expect(r.title).toContain('肖像权纠纷');
    expect(ids(r)).toEqual(expect.arrayContaining(['civil-code:1018', 'civil-code:1019', 'civil-code:1020']));
    expect(article(r, 'civil-code:1019')).toBe('第一千零一十九条第一款');
    expect(article(r, 'civil-code:1020')).toBe('第一千零二十条');
    expect(cond(r, 'not-reasonable-use')).toMatchObject({ kind: 'exception', met: null });
    expect(r.caveats.join('\n')).toContain('合理使用');
    expect(r.available).toBe(true);
    expect(r.missing).toEqual([]);
    expect(dates(r)).toContain('2044-02-29');
    expect(r.conditions.map((c) => c.name)).not.toContain('not-public-interest-reporting');
  });

  it('the platform notice and the demand letter name the portrait right', () => {
    expect(ids(get(edit(), 'portrait', 'platform-notice'))).toEqual(expect.arrayContaining(['civil-code:1018', 'civil-code:1019']));
    expect(ids(get(edit(), 'portrait', 'demand-letter'))).toEqual(expect.arrayContaining(['civil-code:1018', 'civil-code:1019']));
    expect(ids(get(edit(), 'portrait', 'demand-letter'))).not.toContain('civil-code:1024');
  });
});

describe('threats and abuse: 治安 第五十条 (一)(五), 禁止接触, 寻衅滋事', () => {
  /** `abuseFacts` 'absent' leaves the field out of the facts. */
  const abuse = (start: string, abuseFacts: Record<string, unknown> | null | 'absent' = { harassment: true }, over: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
    facts([act(start, ['threat-abuse'], extra)], { ...(abuseFacts === 'absent' ? {} : { abuse: abuseFacts }), ...over });

  it('its five routes, in order', () => {
    expect(routesOf(abuse('2026-01-20'), 'threat-abuse').map((r) => r.id)).toEqual(['platform-notice', 'police-report', 'no-contact-order', 'civil-suit', 'criminal-report']);
  });

  it('police: 第五十条第一款第（一）项、第（五）项 for a 2026 act (until 2026-07-20); 第四十二条 (一)(五) for a 2025 act (2025-08-31 until 2026-02-28)', () => {
    const now = get(abuse('2026-01-20'), 'threat-abuse', 'police-report');
    expect(ids(now)).toEqual(['public-security-2025:50(1)', 'public-security-2025:50(5)', 'public-security-2025:25', 'public-security-2025:90']);
    expect(now.citations.slice(0, 2).map((c) => c.article)).toEqual(['第五十条第一款第（一）项', '第五十条第一款第（五）项']);
    expect(dates(now)).toEqual(['2026-07-20']);
    const old = get(abuse('2025-08-31'), 'threat-abuse', 'police-report');
    expect(ids(old)).toEqual(['public-security-2012:42(1)', 'public-security-2012:42(5)', 'public-security-2012:22', 'public-security-2025:90']);
    expect(old.citations.slice(0, 2).map((c) => c.article)).toEqual(['第四十二条第（一）项', '第四十二条第（五）项']);
    expect(dates(old)).toEqual(['2026-02-28']);
    expect(old.available).toBe(true);
    expect(get(abuse('2025-08-31'), 'threat-abuse', 'police-report', '2026-03-01').available).toBe(false);
  });

  it('no-contact order: harassment on or after 2026-01-01, within six months of it', () => {
    const r = get(abuse('2026-01-20'), 'threat-abuse', 'no-contact-order');
    expect(r.available).toBe(true);
    expect(cond(r, 'act-from-2026').met).toBe(true);
    expect(cond(r, 'harassment').met).toBe(true);
    expect(cond(r, 'within-six-months').met).toBe(true);
    expect(dates(r)).toEqual(['2026-07-20']);
    expect(ids(r)).toEqual(['public-security-2025:50-2', 'public-security-2025:50(5)', 'public-security-2025:25', 'public-security-2025:90']);
    expect(article(r, 'public-security-2025:50-2')).toBe('第五十条第二款');
    expect(get(abuse('2026-01-20'), 'threat-abuse', 'no-contact-order', '2026-07-20').available).toBe(true);
    const late = get(abuse('2026-01-20'), 'threat-abuse', 'no-contact-order', '2026-07-21');
    expect(late.available).toBe(false);
    expect(late.blockedBy).toEqual(['within-six-months']);
  });

  it('no-contact order: not for harassment only in 2025 (the old law has none)', () => {
    const r = get(abuse('2025-08-31'), 'threat-abuse', 'no-contact-order');
    expect(cond(r, 'act-from-2026').met).toBe(false);
    expect(r.available).toBe(false);
    expect(r.blockedBy).toContain('act-from-2026');
    expect(r.deadlines).toEqual([]);
    // A 2025 act continuing into 2026 counts from its end: the new law applies.
    const continuing = get(abuse('2025-12-20', { harassment: true }, {}, { end: '2026-01-05' }), 'threat-abuse', 'no-contact-order');
    expect(continuing.available).toBe(true);
    expect(dates(continuing)).toEqual(['2026-07-05']);
    // One act in 2025 and one in 2026: available, and only the 2026 act has a deadline.
    const both = facts([act('2025-08-31', ['threat-abuse']), act('2026-01-20', ['threat-abuse'])], { abuse: { harassment: true } });
    const b = get(both, 'threat-abuse', 'no-contact-order');
    expect(b.available).toBe(true);
    expect(b.deadlines).toHaveLength(1);
    expect(b.deadlines[0]).toMatchObject({ date: '2026-07-20', what: expect.stringContaining('2026-01-20') });
  });

  it('no-contact order: harassment not stated is "cannot tell", naming it; stated false is "no"', () => {
    for (const a of [{}, null, 'absent'] as const) {
      const r = get(abuse('2026-01-20', a), 'threat-abuse', 'no-contact-order');
      expect(r.available).toBeNull();
      expect(r.blockedBy).toEqual(['harassment']);
      expect(r.missing.join('\n')).toContain('滋扰、纠缠、跟踪');
      expect(r.questions.join('\n')).toContain('abuse.harassment');
    }
    const no = get(abuse('2026-01-20', { harassment: false }), 'threat-abuse', 'no-contact-order');
    expect(no.available).toBe(false);
    expect(no.blockedBy).toEqual(['harassment']);
  });

  it('the civil suit: the peace of private life (1032, 1033), twenty years', () => {
    const r = get(abuse('2026-01-20'), 'threat-abuse', 'civil-suit');
    expect(r.title).toContain('侵扰私人生活安宁');
    expect(ids(r)).toEqual(expect.arrayContaining(['civil-code:1032', 'civil-code:1033']));
    expect(r.available).toBe(true);
    expect(dates(r)).toContain('2046-01-20');
  });

  it('criminal report (寻衅滋事): ten years; suicide makes it 情节恶劣; a personal dispute excludes it', () => {
    const r = get(abuse('2026-01-20', { harassment: true }, { consequences: ['suicide'] }), 'threat-abuse', 'criminal-report');
    expect(r.title).toContain('寻衅滋事');
    expect(cond(r, 'mental-disorder-or-suicide').met).toBe(true);
    expect(cond(r, 'vile-circumstances').met).toBe(true);
    expect(cond(r, 'within-ten-years').met).toBe(true);
    expect(r.conditions.map((c) => c.name)).not.toContain('within-five-years');
    expect(dates(r)).toEqual(['2036-01-20']);
    expect(r.available).toBe(true);
    expect(cond(r, 'not-a-personal-dispute').met).toBeNull();
    expect(r.caveats.join('\n')).toContain('纠纷');
    expect(ids(r)).toEqual(['criminal-law:293', 'defamation-interpretation-2013:5', 'provocation-interpretation-2013:1', 'provocation-interpretation-2013:3', 'criminal-law:87']);
    expect(article(r, 'criminal-law:293')).toBe('第二百九十三条第一款');
    const dispute = get(abuse('2026-01-20', { harassment: true, personalDispute: true }, { consequences: ['suicide'] }), 'threat-abuse', 'criminal-report');
    expect(cond(dispute, 'not-a-personal-dispute').met).toBe(false);
    expect(dispute.available).toBe(false);
    expect(dispute.blockedBy).toEqual(['not-a-personal-dispute']);
  });

  it('criminal report: nothing known about 情节恶劣 is "cannot tell"; a seriously disrupted life is enough; a 2025 act has ten years too', () => {
    const open = get(abuse('2026-01-20'), 'threat-abuse', 'criminal-report');
    expect(cond(open, 'vile-circumstances').met).toBeNull();
    expect(open.available).toBeNull();
    const disrupted = get(abuse('2026-01-20', { harassment: true, disruptedLife: true }), 'threat-abuse', 'criminal-report');
    expect(cond(disrupted, 'disrupted-work-or-life').met).toBe(true);
    expect(disrupted.available).toBe(true);
    // Repeated abuse needs a bad social effect too: with none stated it is open, with none it is not met.
    expect(cond(get(abuse('2026-01-20', { repeated: true }), 'threat-abuse', 'criminal-report'), 'repeated-with-bad-effect').met).toBeNull();
    expect(cond(get(abuse('2026-01-20', { repeated: true }, { socialOrderHarm: [] }), 'threat-abuse', 'criminal-report'), 'repeated-with-bad-effect').met).toBe(false);
    expect(dates(get(abuse('2025-08-31'), 'threat-abuse', 'criminal-report'))).toEqual(['2035-08-31']);
  });
});

describe('rumours that disturb public order', () => {
  const rumour = (start: string, over: Record<string, unknown> = {}) => facts([act(start, ['public-order-rumour'])], { asOf: '2026-04-15', ...over });

  it('only the police report and the criminal report', () => {
    const a = assess(rumour('2026-03-31'), '2026-04-15');
    expect(a.routes.map((r) => r.id)).toEqual(['police-report', 'criminal-report']);
    expect(a.routes.every((r) => r.harm === 'public-order-rumour')).toBe(true);
  });

  it('police: 第二十九条第（一）项 for 2026-03-31 (until 2026-09-30); the 2012 第二十五条第（一）项 for 2025-12-31 (until 2026-06-30)', () => {
    const now = get(rumour('2026-03-31'), 'public-order-rumour', 'police-report', '2026-04-15');
    expect(ids(now)).toEqual(['public-security-2025:29(1)', 'public-security-2025:25', 'public-security-2025:90']);
    expect(article(now, 'public-security-2025:29(1)')).toBe('第二十九条第（一）项');
    expect(dates(now)).toEqual(['2026-09-30']);
    const old = get(rumour('2025-12-31'), 'public-order-rumour', 'police-report', '2026-04-15');
    expect(ids(old)).toEqual(['public-security-2012:25(1)', 'public-security-2012:22', 'public-security-2025:90']);
    expect(article(old, 'public-security-2012:25(1)')).toBe('第二十五条第（一）项');
    expect(old.citations[0]!.law).toBe('治安管理处罚法（2012年修正）');
    expect(dates(old)).toEqual(['2026-06-30']);
  });

  it('criminal report: serious disorder not stated is a caveat and "not available", never "cannot tell"', () => {
    const r = get(rumour('2026-03-31'), 'public-order-rumour', 'criminal-report', '2026-04-15');
    expect(cond(r, 'serious-public-disorder')).toMatchObject({ kind: 'exception', met: null });
    expect(r.available).toBe(false);
    expect(r.missing).toEqual([]);
    expect(r.blockedBy).toEqual(['serious-public-disorder']);
    expect(r.caveats.join('\n')).toContain('未说明是否造成公共秩序严重混乱');
    expect(r.questions.join('\n')).toContain('socialOrderHarm');
  });

  it('criminal report: public disorder makes it available within ten years; harm of another kind does not', () => {
    const r = get(rumour('2026-03-31', { socialOrderHarm: ['public-disorder'] }), 'public-order-rumour', 'criminal-report', '2026-04-15');
    expect(r.available).toBe(true);
    expect(cond(r, 'within-ten-years').met).toBe(true);
    expect(dates(r)).toEqual(['2036-03-31']);
    expect(ids(r)).toEqual(['criminal-law:293', 'defamation-interpretation-2013:5', 'criminal-law:87']);
    expect(get(rumour('2026-03-31', { socialOrderHarm: ['mass-incident'] }), 'public-order-rumour', 'criminal-report', '2026-04-15').available).toBe(true);
    const other = get(rumour('2026-03-31', { socialOrderHarm: ['many-victims'] }), 'public-order-rumour', 'criminal-report', '2026-04-15');
    expect(cond(other, 'serious-public-disorder').met).toBe(false);
    expect(other.available).toBe(false);
    const none = get(rumour('2026-03-31', { socialOrderHarm: [] }), 'public-order-rumour', 'criminal-report', '2026-04-15');
    expect(none.available).toBe(false);
    expect(none.caveats).toEqual([]);
  });
});

describe('a case with several harms', () => {
  const A = 'https://weibo.com/1/A-defame-and-doxx';
  const B = 'https://weibo.com/1/B-insult';
  const mixed = () => facts([
    { url: A, platform: 'weibo', start: '2026-01-05', end: null, harms: ['defamation', 'privacy'], personalInfo: { kinds: ['address'], records: 1 },
      observations: [{ at: '2026-01-06T10:00:00+08:00', views: 100, reposts: 3 }] },
    { url: B, platform: 'weibo', start: '2026-01-12', end: null, harms: ['insult'], observations: [{ at: '2026-01-13T10:00:00+08:00', views: 6000, reposts: 3 }] },
  ]);

  it('sections in a fixed order (defamation, insult, privacy) with the acts that did each; every route in one section', () => {
    const a = assess(mixed(), ASOF);
    expect(a.harms.map((h) => [h.harm, h.acts])).toEqual([['defamation', [0]], ['insult', [1]], ['privacy', [0]]]);
    expect(a.routes.map((r) => r.harm)).toEqual([...Array(6).fill('defamation'), ...Array(6).fill('insult'), ...Array(5).fill('privacy')]);
    for (const h of a.harms) expect(a.routes.filter((r) => r.harm === h.harm).map((r) => r.id)).toEqual(h.routes);
    expect(a.harms.flatMap((h) => h.routes)).toHaveLength(a.routes.length);
    expect(new Set(a.routes.map((r) => `${r.harm}/${r.id}`)).size).toBe(a.routes.length);
    expect(a.harms[0]!.routes).toEqual(CIVIL_SIX);
    expect(a.harms[0]!.title).toContain('诽谤');
  });

  it('each harm\'s routes read only its acts: deadlines, counts and the first act of the long stop', () => {
    const f = mixed();
    const defPolice = get(f, 'defamation', 'police-report');
    expect(defPolice.deadlines).toHaveLength(1);
    expect(defPolice.deadlines[0]).toMatchObject({ date: '2026-07-05', what: expect.stringContaining(A) });
    expect(defPolice.deadlines.map((d) => d.what).join('\n')).not.toContain(B);
    const insultPolice = get(f, 'insult', 'police-report');
    expect(insultPolice.deadlines).toEqual([{ what: expect.stringContaining(B), date: '2026-07-12' }]);
    expect(get(f, 'privacy', 'police-report').deadlines).toEqual([{ what: expect.stringContaining(A), date: '2026-07-05' }]);
    // B's 6,000 views count for the insult, not for the defamation.
    const defPP = get(f, 'defamation', 'private-prosecution');
    expect(cond(defPP, 'views-5000-or-reposts-500').met).toBe(false);
    expect(cond(defPP, 'views-5000-or-reposts-500').detail).not.toContain(B);
    expect(cond(defPP, 'added-up-within-one-year').met).toBe(false);
    expect(cond(get(f, 'insult', 'private-prosecution'), 'reach').met).toBe(true);
    expect(dates(get(f, 'defamation', 'private-prosecution'))).toEqual(['2031-01-05']);
    expect(dates(get(f, 'insult', 'private-prosecution'))).toEqual(['2031-01-12']);
    expect(dates(get(f, 'insult', 'civil-suit'))).toContain('2046-01-12');
    expect(dates(get(f, 'defamation', 'civil-suit'))).toContain('2046-01-05');
    expect(get(f, 'privacy', 'platform-notice').conditions.find((c) => c.name === 'post-urls')!.detail).toContain('1 个帖子网址');
  });

  it('the insult act\'s routes cite the insult, the defamation act\'s routes the defamation interpretation', () => {
    const f = mixed();
    expect(ids(get(f, 'defamation', 'private-prosecution'))).toContain('defamation-interpretation-2013:2');
    expect(ids(get(f, 'insult', 'private-prosecution'))).not.toContain('defamation-interpretation-2013:2');
    expect(ids(get(f, 'privacy', 'police-report'))).toContain('public-security-2025:50(6)');
    expect(ids(get(f, 'defamation', 'police-report'))).not.toContain('public-security-2025:50(6)');
  });
});

describe('older facts files', () => {
  it('an act without harms is defamation only: exactly the six routes as before, with a warning naming acts[].harms', () => {
    const f = facts([act('2026-01-10', undefined)]);
    const a = assess(f, ASOF);
    expect(a.routes.map((r) => r.id)).toEqual(CIVIL_SIX);
    expect(a.routes.every((r) => r.harm === 'defamation')).toBe(true);
    expect(a.harms.map((h) => h.harm)).toEqual(['defamation']);
    expect(a.warnings.some((w) => w.includes('acts[].harms'))).toBe(true);
  });

  it('with doxxing: true it is defamation and privacy', () => {
    const a = assess(facts([act('2026-01-10', undefined)], { doxxing: true }), ASOF);
    expect(a.harms.map((h) => [h.harm, h.acts])).toEqual([['defamation', [0]], ['privacy', [0]]]);
    expect(a.routes).toHaveLength(11);
    expect(a.routes.filter((r) => r.harm === 'privacy').map((r) => r.id)).toEqual(['platform-notice', 'demand-letter', 'police-report', 'civil-suit', 'criminal-report']);
  });

  it('an act that names its harms is read as named, with doxxing or not; no warning when every act names them', () => {
    const a = assess(facts([act('2026-01-10', ['insult'])], { doxxing: true }), ASOF);
    expect(a.harms.map((h) => h.harm)).toEqual(['insult']);
    expect(a.warnings.some((w) => w.includes('acts[].harms'))).toBe(false);
    // One act without, one with: the warning is there.
    const some = assess(facts([act('2026-01-10', ['insult']), act('2026-01-11', undefined)]), ASOF);
    expect(some.warnings.some((w) => w.includes('acts[].harms'))).toBe(true);
    expect(some.harms.map((h) => [h.harm, h.acts])).toEqual([['defamation', [1]], ['insult', [0]]]);
  });
});

/** One act of every harm, every case-level fact stated: the largest set of routes and citations. */
const everything = () => facts([
  act('2025-11-20', ['defamation', 'privacy'], { personalInfo: { kinds: ['whereabouts', 'phone'], records: 60, usedForCrime: true } }),
  act('2026-01-10', ['insult', 'portrait', 'privacy']),
  act('2021-06-01', ['privacy'], { personalInfo: { kinds: ['id-number'], records: 1, usedForCrime: false } }),
  act('2026-01-15', ['threat-abuse', 'public-order-rumour'], { end: '2026-01-25' }),
  act('2025-08-31', ['threat-abuse']),
], { consequences: ['mental-disorder'], socialOrderHarm: ['public-disorder'], abuse: { harassment: true, repeated: true }, priorInfoPenalty: null,
  priorDefamationPenalty: null, knewOfHarmAndPoster: '2026-01-20', doxxing: false });

describe('texts not read are named, never cited', () => {
  it('unverified names the 2023 指导意见 and the 2024 网络暴力信息治理规定', () => {
    const a = assess(everything(), ASOF);
    expect(a.unverified).toHaveLength(2);
    expect(a.unverified.some((u) => u.includes('指导意见') && u.includes('2023'))).toBe(true);
    expect(a.unverified.some((u) => u.includes('网络暴力信息治理规定') && u.includes('2024'))).toBe(true);
  });

  it('no route cites them, and the law data has no entry for them', () => {
    const a = assess(everything(), ASOF);
    const cited = a.routes.flatMap((r) => r.citations);
    expect(cited.length).toBeGreaterThan(50);
    for (const c of cited) {
      const p = provision(c.id);
      expect(`${p.law.title}${p.law.short}`).not.toMatch(/指导意见|网络暴力信息治理规定|网络暴力/);
    }
    expect(Object.values(LAWS).some((l) => /指导意见|网络暴力/.test(l.title))).toBe(false);
    expect(PROVISIONS.some((p) => /指导意见|网络暴力信息治理规定/.test(p.law.title))).toBe(false);
  });
});

describe('every citation resolves', () => {
  it('a case of every harm: each route cites only provisions that exist, as `cite` gives them', () => {
    const a = assess(everything(), ASOF);
    expect(a.harms.map((h) => h.harm)).toEqual(['defamation', 'insult', 'privacy', 'portrait', 'threat-abuse', 'public-order-rumour']);
    expect(a.harms.map((h) => h.acts)).toEqual([[0], [1], [0, 1, 2], [1], [3, 4], [3]]);
    expect(a.routes).toHaveLength(6 + 6 + 5 + 3 + 5 + 2);
    const seen = new Set<string>();
    for (const r of a.routes) {
      expect(r.citations.length, `${r.harm}/${r.id}`).toBeGreaterThan(0);
      for (const c of r.citations) {
        expect(() => provision(c.id), c.id).not.toThrow();
        expect(c, c.id).toEqual(cite(c.id));
        seen.add(c.id);
      }
    }
    // Both texts of the 治安管理处罚法 are cited (acts on both sides of 2026-01-01) and every new item is reached.
    for (const id of ['public-security-2012:42(6)', 'public-security-2012:42(1)', 'public-security-2012:42(5)', 'public-security-2025:50(1)', 'public-security-2025:50(5)',
      'public-security-2025:50(6)', 'public-security-2025:50-2', 'public-security-2025:56', 'public-security-2025:29(1)', 'criminal-law:253.1', 'criminal-law:293',
      'civil-code:1018', 'civil-code:1019', 'civil-code:1020', 'personal-information-law:47']) expect(seen.has(id), id).toBe(true);
    expect(() => provision('public-security-2025:50(7)')).toThrow(GuzhengError);
  });

  it('in that case the privacy crime is 特别严重 (ten years per act, from each act\'s day) and the threats\' police route counts from the end', () => {
    const f = everything();
    expect(dates(get(f, 'privacy', 'criminal-report'))).toEqual(['2035-11-20', '2036-01-10', '2031-06-01']);
    expect(get(f, 'privacy', 'criminal-report').available).toBe(true);
    expect(dates(get(f, 'threat-abuse', 'police-report'))).toEqual(['2026-07-25', '2026-02-28']);
    expect(dates(get(f, 'privacy', 'civil-suit'))).toContain('2041-06-01');
    expect(dates(get(f, 'public-order-rumour', 'police-report'))).toEqual(['2026-07-25']);
  });
});

describe('checkFacts refuses bad harms input, in Chinese and English', () => {
  const refused = (raw: unknown): GuzhengError => {
    try {
      checkFacts(raw);
    } catch (e) {
      if (e instanceof GuzhengError) return e;
      throw e;
    }
    throw new Error('accepted');
  };
  const one = (a: Record<string, unknown>, over: Record<string, unknown> = {}) => ({ acts: [{ url: 'https://weibo.com/1/A', start: '2026-01-10', observations: [], ...a }], ...over });

  it('an unknown harm', () => {
    const e = refused(one({ harms: ['defamation', 'doxx'] }));
    expect(e.code).toBe('E_FACTS');
    expect(e.zh).toContain('acts[0].harms 中的“doxx”不是可选值');
    expect(e.en).toContain('"doxx" in acts[0].harms is not one of');
    expect(e.zh).not.toContain('“defamation”');
  });

  it('an empty harms list, or one that is not a list', () => {
    const e = refused(one({ harms: [] }));
    expect(e.code).toBe('E_FACTS');
    expect(e.zh).toContain('acts[0].harms 应为非空列表');
    expect(e.en).toContain('acts[0].harms must be a non-empty list');
    expect(refused(one({ harms: 'privacy' })).en).toContain('acts[0].harms must be a non-empty list');
  });

  it('negative or fractional records, and an unknown kind of information', () => {
    const e = refused(one({ harms: ['privacy'], personalInfo: { kinds: ['phone'], records: -1 } }));
    expect(e.code).toBe('E_FACTS');
    expect(e.zh).toContain('acts[0].personalInfo.records 应为非负整数');
    expect(e.en).toContain('acts[0].personalInfo.records must be a whole number ≥ 0, got -1');
    expect(refused(one({ personalInfo: { records: 2.5 } })).en).toContain('got 2.5');
    expect(refused(one({ personalInfo: { kinds: ['gps'] } })).en).toContain('"gps" in acts[0].personalInfo.kinds');
    expect(refused(one({ personalInfo: { usedForCrime: 'yes' } })).zh).toContain('acts[0].personalInfo.usedForCrime 应为 true、false 或 null');
  });

  it('a non-boolean abuse field, or abuse that is not an object', () => {
    const e = refused(one({ harms: ['threat-abuse'] }, { abuse: { harassment: 'yes' } }));
    expect(e.code).toBe('E_FACTS');
    expect(e.zh).toContain('abuse.harassment 应为 true、false 或 null');
    expect(e.en).toContain('abuse.harassment must be true, false or null');
    expect(refused(one({}, { abuse: [true] })).en).toContain('abuse must be an object');
  });

  it('every problem at once', () => {
    const e = refused({ acts: [{ url: 'https://weibo.com/1/A', start: '2026-01-10', observations: [], harms: ['bogus'], personalInfo: { records: -3 } }, { harms: [], observations: [] }],
      abuse: { personalDispute: 1 } });
    expect(e.zh).toContain('案件事实有 4 处问题');
    expect(e.en).toContain('4 problem(s)');
    for (const s of ['acts[0].harms', 'acts[0].personalInfo.records', 'acts[1].harms', 'abuse.personalDispute']) {
      expect(e.zh).toContain(s);
      expect(e.en).toContain(s);
    }
  });

  it('good harms input passes and is kept', () => {
    const f = checkFacts(one({ harms: ['privacy', 'portrait'], personalInfo: { kinds: ['phone'], records: 0, usedForCrime: null } }, { abuse: { harassment: null }, priorInfoPenalty: null }));
    expect(f.acts[0]!.harms).toEqual(['privacy', 'portrait']);
    expect(f.acts[0]!.personalInfo).toEqual({ kinds: ['phone'], records: 0, usedForCrime: null });
  });
});

describe('review fixes: the no-contact order of old acts, 情节特别严重 by quantity, self-harm and 寻衅滋事', () => {
  it('harassment only in 2025, still within six months of it: the no-contact order is refused for the date alone, not for the six months', () => {
    const f = facts([act('2025-08-31', ['threat-abuse'])], { abuse: { harassment: true } });
    const r = get(f, 'threat-abuse', 'no-contact-order');
    expect(r.available).toBe(false);
    expect(r.blockedBy).toEqual(['act-from-2026']);
    expect(r.conditions.some((c) => c.name === 'within-six-months')).toBe(false);
    // The police report of the same act is still in time: the two routes do not contradict each other.
    expect(get(f, 'threat-abuse', 'police-report').available).toBe(true);
  });

  it('ten times a quantity mark (500 whereabouts records) is 情节特别严重: ten years; 499 is serious only: five years', () => {
    const at = (records: number) => facts([act('2026-01-10', ['privacy'], { personalInfo: { kinds: ['whereabouts'], records, usedForCrime: false } })], { priorInfoPenalty: null, consequences: [] });
    expect(cond(get(at(500), 'privacy', 'criminal-report'), 'within-ten-years').met).toBe(true);
    expect(get(at(500), 'privacy', 'criminal-report').deadlines.map((d) => d.date)).toEqual(['2036-01-10']);
    expect(cond(get(at(499), 'privacy', 'criminal-report'), 'within-five-years').met).toBe(true);
    expect(get(at(499), 'privacy', 'criminal-report').deadlines.map((d) => d.date)).toEqual(['2031-01-10']);
  });

  it('suicide alone does not make the personal-information crime 特别严重 (the article names 死亡、重伤、精神失常、被绑架)', () => {
    const f = facts([act('2026-01-10', ['privacy'], { personalInfo: { kinds: ['whereabouts'], usedForCrime: true } })], { consequences: ['suicide'] });
    expect(cond(get(f, 'privacy', 'criminal-report'), 'within-five-years').met).toBe(true);
  });

  it('an administrative penalty counts for two years from the end of a continuing act; a criminal conviction is said to be for the police', () => {
    // The act began before the penalty (2024-01-01) and went on until 2026-01-20, inside the two years from 2024-02-01.
    const f = facts([act('2024-01-01', ['privacy'], { end: '2026-01-20' })], { priorInfoPenalty: '2024-02-01' });
    const c = cond(get(f, 'privacy', 'criminal-report'), 'prior-penalty-within-two-years');
    expect(c.met).toBe(true);
    expect(c.detail).toContain('刑事处罚');
  });

  it('寻衅滋事: self-harm alone leaves the open list to the authorities (null), no consequence at all is "no"', () => {
    const at = (consequences: string[]) => cond(get(facts([act('2026-01-10', ['threat-abuse'])], { consequences, abuse: {} }), 'threat-abuse', 'criminal-report'), 'mental-disorder-or-suicide').met;
    expect(at(['self-harm'])).toBeNull();
    expect(at([])).toBe(false);
    expect(at(['mental-disorder'])).toBe(true);
  });
});
