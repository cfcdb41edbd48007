/**
 * The rule every route is answered by (issue 10): available when the facts it requires are met and no stated fact
 * excludes it; not available when a required fact is not met or an exception is stated; unknown only when a required
 * fact is missing. An exception nobody stated is a caveat and a question, never "cannot tell".
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assess } from '../src/assess/assess.js';
import { checkFacts, type CaseFacts } from '../src/assess/facts.js';
import { caseFactsFromVault } from '../src/assess/from-vault.js';
import { answer } from '../src/assess/rule.js';
import type { Condition, Route, RouteId } from '../src/assess/types.js';
import type { Vault } from '../src/vault/vault.js';
import { runGuzheng, tempHome } from './helpers.js';

const AS_OF = '2026-05-20';
const URL = 'https://weibo.com/1/A';
/** Only what is given is stated: nothing about consequences, prior penalties, social order, the victim or dates known. */
type Counts = { views?: number | null; reads?: number | null; plays?: number | null; reposts?: number | null; shares?: number | null };
const facts = (over: Record<string, unknown> = {}, counts: Counts = { reposts: 500 }): CaseFacts => checkFacts({
  acts: [{ url: URL, platform: 'weibo', start: '2026-03-03', observations: [{ at: '2026-03-05T10:00:00+08:00', ...counts }] }],
  poster: { identified: true, name: '李四' }, ...over,
});
const routes = (f: CaseFacts) => Object.fromEntries(assess(f, AS_OF).routes.map((r) => [r.id, r])) as Record<RouteId, Route>;
const cond = (r: Route, name: string) => r.conditions.find((c) => c.name === name)!;

describe('the rule, on conditions alone', () => {
  const req = (name: string, met: boolean | null): Condition => ({ name, kind: 'requires', met, detail: `${name} detail`, ask: `${name}?` });
  const exc = (name: string, met: boolean | null, presumed = true): Condition => ({ name, kind: 'exception', met, presumed, detail: `${name} caveat`, ask: `${name}?` });

  it('requires met and an exception not stated: available, the exception a caveat and a question, not missing', () => {
    const a = answer([req('a', true), exc('x', null)]);
    expect(a).toEqual({ available: true, missing: [], caveats: ['x caveat'], questions: ['x?'], blockedBy: [] });
  });

  it('a required fact missing: unknown, named in missing; an exception stated to hold wins over it', () => {
    expect(answer([req('a', null), exc('x', null)])).toMatchObject({ available: null, missing: ['a detail'], blockedBy: ['a'], caveats: ['x caveat'] });
    expect(answer([req('a', null), exc('x', false)])).toMatchObject({ available: false, missing: [], blockedBy: ['x'] });
    expect(answer([req('a', false), req('b', null)])).toMatchObject({ available: false, missing: [], blockedBy: ['a'] });
  });

  it('a route that exists only by an exception is not available while nobody states it, and asks; a missing required fact still comes first', () => {
    expect(answer([exc('x', null, false), req('a', true)])).toMatchObject({ available: false, blockedBy: ['x'], missing: [], caveats: ['x caveat'], questions: ['x?'] });
    expect(answer([exc('x', true, false), req('a', true)])).toMatchObject({ available: true, caveats: [] });
    expect(answer([exc('x', null, false), req('a', null)])).toMatchObject({ available: null, blockedBy: ['a'], missing: ['a detail'], questions: ['x?', 'a?'] });
    expect(answer([exc('x', null, false), req('a', false)])).toMatchObject({ available: false, blockedBy: ['a'] });
  });

  it('parts name what is missing for the condition they decide; notes never decide', () => {
    const parts: Condition[] = [{ name: 's', kind: 'requires', met: null, detail: 's' }, { name: 'p1', kind: 'part', of: 's', met: false, detail: 'p1' },
      { name: 'p2', kind: 'part', of: 's', met: null, detail: 'p2 unknown', ask: 'p2?' }, { name: 'n', kind: 'note', met: false, detail: 'n' }];
    expect(answer(parts)).toMatchObject({ available: null, missing: ['p2 unknown'], questions: ['p2?'] });
    expect(answer([req('a', true), { name: 'n', kind: 'note', met: false, detail: 'n' }]).available).toBe(true);
  });
});

describe('private prosecution (刑法 246, 两高2013年解释 第二条、第三条)', () => {
  it('the issue: 500 reposts and an identified poster, nothing said of mass incidents → available, with the public-order exception as a caveat', () => {
    const r = routes(facts());
    const pp = r['private-prosecution'];
    expect(pp.available).toBe(true);
    expect(pp.missing).toEqual([]);
    expect(pp.blockedBy).toEqual([]);
    expect(cond(pp, 'not-public-order-case')).toMatchObject({ kind: 'exception', met: null, presumed: true });
    expect(pp.caveats.join('\n')).toContain('群体性事件');
    expect(pp.caveats.join('\n')).toContain('mass incident');
    expect(pp.questions.join('\n')).toContain('socialOrderHarm');
    // Consequences and prior penalties were not stated either: 500 reposts is enough, so they are not asked.
    expect(pp.questions.join('\n')).not.toContain('consequences');
    expect(pp.citations.map((c) => c.id)).toEqual(expect.arrayContaining(['criminal-law:246', 'defamation-interpretation-2013:2', 'defamation-interpretation-2013:3', 'criminal-procedure-interpretation:316']));
    // Public prosecution is not available until someone states such harm; it asks the same question and never says "cannot tell".
    expect(r['public-prosecution']).toMatchObject({ available: false, missing: [], blockedBy: ['social-order-harm'] });
    expect(r['public-prosecution'].questions.join('\n')).toContain('socialOrderHarm');
  });

  it('the same post, poster not stated → unknown, missing names the poster (not the public-order exception); poster stated unknown → not available', () => {
    const pp = routes(facts({ poster: undefined }))['private-prosecution'];
    expect(pp.available).toBeNull();
    expect(pp.blockedBy).toEqual(['defendant-identified']);
    expect(pp.missing).toHaveLength(1);
    expect(pp.missing[0]).toContain('发帖人身份');
    expect(pp.missing.join()).not.toContain('群体性事件');
    expect(pp.caveats.join()).toContain('群体性事件');
    expect(routes(facts({ poster: { identified: false, account: 'anon' } }))['private-prosecution']).toMatchObject({ available: false, blockedBy: ['defendant-identified'] });
  });

  it('499 reposts: with views recorded below 5,000 and the other cases stated as none → not met; with views not recorded → unknown, missing names the views', () => {
    const none = { consequences: [], priorDefamationPenalty: null };
    const below = routes(facts(none, { views: 4999, reposts: 499 }))['private-prosecution'];
    expect(below).toMatchObject({ available: false, blockedBy: ['serious-circumstances'], missing: [] });
    expect(cond(below, 'serious-circumstances').met).toBe(false);

    // Platforms rarely show views: 499 reposts with views never read is not "no".
    const noViews = routes(facts(none, { reposts: 499 }))['private-prosecution'];
    expect(noViews).toMatchObject({ available: null, blockedBy: ['serious-circumstances'] });
    expect(noViews.missing).toHaveLength(1);
    expect(noViews.missing[0]).toContain('浏览（点击）次数没有记录');
    expect(noViews.questions.join()).toContain('浏览');

    // Nothing stated about the other cases either: each one left open is named.
    const open = routes(facts({}, { views: 4999, reposts: 499 }))['private-prosecution'];
    expect(open.available).toBeNull();
    expect(open.missing.join('\n')).toMatch(/精神失常[\s\S]*行政处罚/);

    // Any other case is enough on its own.
    expect(routes(facts({ consequences: ['self-harm'] }, { reposts: 499 }))['private-prosecution'].available).toBe(true);
  });

  it('a stated mass incident: public prosecution available (no need to name the poster), private prosecution excluded and redirected', () => {
    const f = facts({ socialOrderHarm: ['mass-incident'], poster: { identified: false } });
    const r = routes(f);
    expect(r['public-prosecution']).toMatchObject({ available: true, missing: [], caveats: [], blockedBy: [] });
    expect(cond(r['public-prosecution'], 'social-order-harm').detail).toContain('引发群体性事件');
    expect(r['private-prosecution'].available).toBe(false);
    expect(r['private-prosecution'].blockedBy).toContain('not-public-order-case');
    expect(r['private-prosecution'].reasons.join()).toContain('改走公诉');

    // Stated, but 情节严重 not known: public prosecution cannot tell; private stays excluded.
    const unknown = routes(facts({ socialOrderHarm: ['public-disorder'] }, { reposts: 10 }));
    expect(unknown['public-prosecution'].available).toBeNull();
    expect(unknown['public-prosecution'].missing.join()).toContain('浏览');
    expect(unknown['private-prosecution']).toMatchObject({ available: false, blockedBy: ['not-public-order-case'] });
  });

  it('stated as none: no caveat, the same answer as when unstated', () => {
    const r = routes(facts({ socialOrderHarm: [] }));
    expect(r['private-prosecution']).toMatchObject({ available: true, caveats: [] });
    expect(cond(r['private-prosecution'], 'not-public-order-case').met).toBe(true);
    expect(r['public-prosecution']).toMatchObject({ available: false, caveats: [], blockedBy: ['social-order-harm'] });
  });

  it('five years from the act: the day after, not available; no date, unknown with the date missing', () => {
    expect(assess(facts(), '2031-03-03').routes.find((r) => r.id === 'private-prosecution')!.available).toBe(true);
    expect(assess(facts(), '2031-03-04').routes.find((r) => r.id === 'private-prosecution')).toMatchObject({ available: false, blockedBy: ['within-five-years'] });
    const undated = checkFacts({ acts: [{ url: URL, observations: [{ at: '2026-03-05T10:00:00+08:00', reposts: 800 }] }], poster: { identified: true } });
    const pp = assess(undated, AS_OF).routes.find((r) => r.id === 'private-prosecution')!;
    expect(pp).toMatchObject({ available: null, blockedBy: ['within-five-years'] });
    expect(pp.missing.join()).toContain('行为的日期');
  });
});

describe('the other routes under the same rule', () => {
  it('platform notice: a post with a URL is enough; evidence and the victim\'s identity are what to prepare, not blockers', () => {
    const bare = checkFacts({ acts: [{ url: URL }] });
    const pn = routes(bare)['platform-notice'];
    expect(pn).toMatchObject({ available: true, missing: [], blockedBy: [] });
    expect(pn.caveats.join()).toMatch(/取证[\s\S]*真实身份/);
    const noUrl = routes(checkFacts({ acts: [{ start: '2026-03-03' }] }))['platform-notice'];
    expect(noUrl).toMatchObject({ available: null, blockedBy: ['post-urls'] });
    expect(noUrl.missing.join()).toContain('网址');
  });

  it('demand letter: an identified poster or a known account is enough; neither stated → unknown; no identity and no account → not available', () => {
    expect(routes(facts())['demand-letter']).toMatchObject({ available: true, missing: [] });
    expect(routes(facts({ poster: { account: 'lisi' } }))['demand-letter'].available).toBe(true);
    const open = routes(facts({ poster: undefined }))['demand-letter'];
    expect(open).toMatchObject({ available: null, blockedBy: ['poster-reachable'] });
    expect(open.missing.join()).toContain('发帖人身份');
    expect(routes(facts({ poster: { identified: false, account: null } }))['demand-letter']).toMatchObject({ available: false, blockedBy: ['poster-reachable'] });
    // The damages period is a note: unknown, it is a caveat and a question, not a blocker.
    expect(routes(facts())['demand-letter'].questions.join()).toContain('knewOfHarmAndPoster');
  });

  it('police report: within six months of the act → available; past → not; no date → unknown with the date missing', () => {
    expect(routes(facts())['police-report']).toMatchObject({ available: true, missing: [] });
    expect(assess(facts(), '2026-09-04').routes.find((r) => r.id === 'police-report')).toMatchObject({ available: false, blockedBy: ['within-six-months'] });
    const undated = routes(checkFacts({ acts: [{ url: URL }] }))['police-report'];
    expect(undated).toMatchObject({ available: null, blockedBy: ['within-six-months'] });
    expect(undated.missing.join()).toContain('行为的日期');
  });

  it('civil suit: an act is enough — the poster unknown (sue the platform) and the damages period unknown are caveats, not blockers; no act → unknown', () => {
    const cs = routes(facts({ poster: undefined }))['civil-suit'];
    expect(cs).toMatchObject({ available: true, missing: [], blockedBy: [] });
    expect(cond(cs, 'defendant-known')).toMatchObject({ kind: 'note', met: null });
    expect(cs.caveats.join()).toMatch(/起诉平台[\s\S]*knewOfHarmAndPoster/);
    expect(cs.citations.map((c) => c.id)).toContain('civil-code:1025');
    const none = routes(checkFacts({}))['civil-suit'];
    expect(none).toMatchObject({ available: null, blockedBy: ['acts'] });
    expect(none.missing.join()).toContain('侵害行为');
  });
});

describe('the rule holds for every route on every combination of these facts', () => {
  const posters = [undefined, { identified: true, name: '李四' }, { identified: false, account: 'anon' }, { identified: false, account: null }];
  const harms = [undefined, [], ['mass-incident']];
  const counts = [{ reposts: 500 }, { reposts: 499 }, { views: 4999, reposts: 499 }, {}, { shares: 800 }, { plays: 4999, shares: 800 }];
  const others = [{}, { consequences: [], priorDefamationPenalty: null }, { consequences: ['suicide'] }];
  const starts = ['2026-03-03', null, '2020-01-01'];
  const cases = posters.flatMap((poster) => harms.flatMap((socialOrderHarm) => counts.flatMap((c) => others.flatMap((o) => starts.map((start) =>
    checkFacts({ poster, socialOrderHarm, ...o, acts: [{ url: URL, start, observations: [{ at: '2026-03-05T10:00:00+08:00', ...c }] }] }))))));

  it(`${cases.length} fact patterns: unknown exactly when something required is missing; unstated exceptions never missing; stating "none" never changes the answer`, () => {
    for (const f of cases) {
      for (const r of assess(f, AS_OF).routes) {
        const where = `${r.id} ${JSON.stringify({ poster: f.poster, harm: f.socialOrderHarm, obs: f.acts[0]!.observations, start: f.acts[0]!.start })}`;
        expect(r.available === null, where).toBe(r.missing.length > 0);
        expect(r.available === true, where).toBe(r.blockedBy.length === 0);
        for (const c of r.conditions) {
          expect(['requires', 'exception', 'part', 'note'], where).toContain(c.kind);
          if (c.kind === 'exception' && c.met === null) {
            expect(r.missing, where).not.toContain(c.detail);
            expect(r.caveats, where).toContain(c.detail);
          }
          if (c.kind === 'requires' && c.met === false) expect(r.available, where).toBe(false);
        }
        for (const text of [...r.missing, ...r.caveats, ...r.questions]) expect(text, where).toMatch(/[\u4e00-\u9fff].* \/ \S/);
      }
      if (f.socialOrderHarm === undefined) {
        const stated = assess({ ...f, socialOrderHarm: [] }, AS_OF).routes;
        const unstated = assess(f, AS_OF).routes;
        // Public prosecution aside (stating "none" settles it as not available, where unstated it may still wait on 情节严重).
        const but = (rs: Route[]) => rs.filter((r) => r.id !== 'public-prosecution').map((r) => r.available);
        expect(but(unstated)).toEqual(but(stated));
        expect(stated.find((r) => r.id === 'public-prosecution')!.available).toBe(false);
        expect(unstated.find((r) => r.id === 'public-prosecution')!.available).not.toBe(true);
      }
    }
  });
});

describe('分享 (share-button uses) is not 转发 (reposts): 两高2013年解释 第二条 counts 转发 (issue 13)', () => {
  const DOUYIN = 'https://www.douyin.com/video/7300000000000000001';
  const none = { consequences: [], priorDefamationPenalty: null };
  const douyin = (counts: Counts, over: Record<string, unknown> = {}) => checkFacts({
    acts: [{ url: DOUYIN, platform: 'douyin', start: '2026-03-03', observations: [{ at: '2026-03-05T10:00:00+08:00', ...counts }] }],
    poster: { identified: true, name: '李四' }, ...over,
  });

  it('a Douyin-like post with 800 shares and no reposts: the reposts part is not met by shares; a caveat and a question say 分享 is not 转发', () => {
    const r = routes(douyin({ shares: 800 }, none));
    const pp = r['private-prosecution'];
    const part = cond(pp, 'views-5000-or-reposts-500');
    expect(part.met).toBeNull();
    expect(part.detail).toContain('转发数未知 reposts unknown');
    expect(part.detail).toContain('800 次分享（不是转发）');
    expect(pp).toMatchObject({ available: null, blockedBy: ['serious-circumstances'] });
    expect(pp.missing.join('\n')).toContain('浏览（点击）次数和转发次数都没有记录');

    // The note never decides: a caveat and a question, not a missing fact.
    expect(cond(pp, 'shares-not-reposts')).toMatchObject({ kind: 'note', met: null });
    const caveat = pp.caveats.find((c) => c.includes('分享'))!;
    expect(caveat).toContain(`${DOUYIN}：平台显示 800 次“分享”`);
    expect(caveat).toMatch(/与两高2013年网络诽谤解释第二条所说的“被转发次数”不是一回事[\s\S]*由法院判断 \/ /);
    expect(caveat).toContain('not the same as 转发 (reposts)');
    expect(caveat).toContain('whether a court counts them is for the court');
    expect(pp.missing.join('\n')).not.toContain('平台显示');
    expect(pp.questions.join('\n')).toContain('分享能否计入');
    // Public prosecution reads the same conditions.
    expect(r['public-prosecution'].caveats.join('\n')).toContain('800 次“分享”');
    // Routes that do not depend on the counts do not carry it.
    expect(r['civil-suit'].caveats.join('\n')).not.toContain('分享');
  });

  it('reposts recorded beside shares: no note, and shares are never added to reposts, for one post or added up over a year', () => {
    const below = routes(douyin({ views: 4999, reposts: 10, shares: 800 }, none))['private-prosecution'];
    expect(cond(below, 'views-5000-or-reposts-500').met).toBe(false);
    expect(below).toMatchObject({ available: false, blockedBy: ['serious-circumstances'] });
    expect(below.conditions.map((c) => c.name)).not.toContain('shares-not-reposts');

    const act = (start: string, url: string) => ({ url, start, observations: [{ at: `${start}T12:00:00+08:00`, views: 100, reposts: 200, shares: 400 }] });
    const two = checkFacts({ ...none, poster: { identified: true }, acts: [act('2026-02-01', `${DOUYIN}1`), act('2026-03-01', `${DOUYIN}2`)] });
    const pp = routes(two)['private-prosecution'];
    expect(cond(pp, 'added-up-within-one-year')).toMatchObject({ met: false, detail: expect.stringContaining('累计 200 次浏览、400 次转发') });
    expect(pp.available).toBe(false);
  });

  it('reads (阅读) and plays (播放) are views for the 5,000 mark', () => {
    expect(cond(routes(douyin({ plays: 5000, shares: 800 }))['private-prosecution'], 'views-5000-or-reposts-500').met).toBe(true);
    expect(cond(routes(douyin({ reads: 4999, reposts: 499 }, none))['private-prosecution'], 'views-5000-or-reposts-500').met).toBe(false);
    expect(routes(douyin({ reads: 5000 }))['private-prosecution'].available).toBe(true);
    expect(() => checkFacts({ acts: [{ url: DOUYIN, observations: [{ at: '2026-03-05T10:00:00+08:00', shares: -1, plays: 1.5 }] }] }))
      .toThrow(/plays must be a whole number ≥ 0, got 1.5[\s\S]*shares must be a whole number ≥ 0, got -1/);
  });

  it('from the vault: shares stay shares, a share count stored as "reposts" by an older capture is read as shares, plays are views, Weibo 转发 stay reposts', async () => {
    const BILIBILI = 'https://www.bilibili.com/video/BV1xx411c7mD';
    const WEIBO = 'https://weibo.com/1/A';
    const row = (item: string, url: string, metric: string, value: number, source: string) => ({ id: `${item}-${metric}`, item_id: item, url, at: '2026-03-05T02:00:00.000Z', metric, value, state: null, source });
    const rows: Record<string, ReturnType<typeof row>[]> = {
      douyin: [row('douyin', DOUYIN, 'shares', 800, 'post.json (WARC https://www.douyin.com/aweme/v1/web/aweme/detail/ (aweme_detail) statistics.share_count)'),
        row('douyin', DOUYIN, 'plays', 4000, 'post.json (WARC https://www.douyin.com/aweme/v1/web/aweme/detail/ (aweme_detail) statistics.play_count)')],
      bilibili: [row('bilibili', BILIBILI, 'reposts', 900, 'post.json (WARC https://api.bilibili.com/x/web-interface/wbi/view (video BV1xx411c7mD) stat.share)')],
      weibo: [row('weibo', WEIBO, 'reposts', 30, 'post.json (WARC https://m.weibo.cn/statuses/extend (data.reposts_count))'), row('weibo', WEIBO, 'reads', 6000, 'post.json (dom.html (visible text: "阅读 6000"))')],
    };
    const items = [DOUYIN, BILIBILI, WEIBO].map((url, i) => ({ id: ['douyin', 'bilibili', 'weibo'][i], status: 'sealed', url, final_url: null }));
    const vault = {
      caseFacts: async () => ({ poster: { identified: true } }),
      itemsOfCase: async () => items,
      observationsOf: async (ids: string[]) => ids.flatMap((id) => rows[id] ?? []),
      artifactsWithRole: async () => [],
      watchObservations: async () => [],
    } as unknown as Vault;
    const f = await caseFactsFromVault(vault, 'case');
    expect(f.acts.map((a) => a.observations.map(({ at, item, ...counts }) => counts))).toEqual([[{ shares: 800, views: 4000 }], [{ shares: 900 }], [{ reposts: 30, views: 6000 }]]);
    const pp = routes(f)['private-prosecution'];
    // The Weibo post's 6,000 reads meet the mark; the shares never did.
    expect(cond(pp, 'views-5000-or-reposts-500')).toMatchObject({ met: true, detail: expect.stringContaining(`${WEIBO}: 6000 次浏览`) });
    const note = cond(pp, 'shares-not-reposts').detail;
    expect(note).toContain(`${DOUYIN}：平台显示 800 次“分享”`);
    expect(note).toContain(`${BILIBILI}：平台显示 900 次“分享”`);
    expect(note).not.toContain(WEIBO);
  });
});

describe('guzheng assess prints what the answer assumes', () => {
  it('the issue\'s case: private prosecution available, the public-order exception as an assumption and a question', async () => {
    const file = join(tempHome('guzheng-rule-'), 'facts.json');
    writeFileSync(file, JSON.stringify(facts()));
    const r = await runGuzheng(['assess', '--facts', file, '--as-of', AS_OF]);
    expect(r.code).toBe(0);
    const section = r.stdout.split('■ ').find((s) => s.startsWith('刑事自诉'))!;
    expect(section).toContain('可以 / available');
    expect(section).toContain('⚠ 前提 / assumed: 未说明是否引发群体性事件');
    expect(section).toContain('❓ 帖子是否引发群体性事件');
    const json = JSON.parse((await runGuzheng(['assess', '--facts', file, '--as-of', AS_OF, '--json'])).stdout);
    const pp = json.routes.find((x: any) => x.id === 'private-prosecution');
    expect(Object.keys(pp)).toEqual(expect.arrayContaining(['id', 'title', 'available', 'reasons', 'conditions', 'deadlines', 'citations', 'missing', 'caveats', 'questions', 'blockedBy']));
    expect(pp.available).toBe(true);
  });
});
