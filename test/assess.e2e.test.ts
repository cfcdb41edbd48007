/**
 * Assessment of a case in the vault: a post captured into the case (real Chromium, the synthetic Weibo thread under
 * its real host name) gives the act, its publish day and its counts; the user's stated facts are stored and logged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runGuzheng, tempHome } from './helpers.js';
import { startPlatformSite, type PlatformSite } from './fixture-site/platform-site.js';
import { THREAD_ID } from './fixture-site/weibo-thread.js';

let site: PlatformSite;
let env: Record<string, string>;
let caseId: string;

beforeAll(async () => {
  site = await startPlatformSite();
  env = { GUZHENG_HOME: tempHome(), GUZHENG_BROWSER_ARGS: site.browserArgs, GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_DNS: '127.0.0.1:9', GUZHENG_TSA: 'off' };
  caseId = JSON.parse((await runGuzheng(['case', 'new', '微博诽谤案', '--json'], env)).stdout).case;
  const cap = await runGuzheng(['capture', `https://m.weibo.cn/detail/${THREAD_ID}`, '--case', caseId, '--json', '--no-video', '--comments', '0'], env);
  expect(cap.json[0]?.status).toBe('COMPLETE');
}, 300_000);
afterAll(async () => {
  await site?.close();
});

describe('guzheng assess <case>', () => {
  it('reads the act and its counts from the evidence, merges the stated facts, and finds 情节严重 by 500 reposts', async () => {
    const file = join(tempHome('guzheng-facts-'), 'facts.json');
    writeFileSync(file, JSON.stringify({ victim: { name: '张三' }, poster: { identified: true, name: '李四', account: '示例用户乙', platform: 'weibo' },
      knewOfHarmAndPoster: '2026-03-05', consequences: [], priorDefamationPenalty: null, socialOrderHarm: [], goals: ['takedown', 'punishment'] }));
    const set = await runGuzheng(['case', 'facts', caseId, '--set', file], env);
    expect(set.code).toBe(0);
    const facts = JSON.parse((await runGuzheng(['case', 'facts', caseId], env)).stdout);
    expect(facts.acts).toHaveLength(1);
    expect(facts.acts[0]).toMatchObject({ url: 'https://weibo.com/7000000002/Q1a2B3c4E', platform: 'weibo', start: '2026-03-03' });
    expect(facts.acts[0].observations[0]).toMatchObject({ reposts: 612 });
    expect(facts.victim.name).toBe('张三');

    const r = await runGuzheng(['assess', caseId, '--as-of', '2026-11-22', '--json'], env);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout);
    const pp = a.routes.find((x: any) => x.id === 'private-prosecution');
    expect(pp.conditions.find((c: any) => c.name === 'views-5000-or-reposts-500')).toMatchObject({ met: true, detail: expect.stringContaining('612') });
    expect(pp.available).toBe(true);
    expect(pp.deadlines[0].date).toBe('2031-03-03');
    expect(a.routes.find((x: any) => x.id === 'police-report')).toMatchObject({ available: false, deadlines: [{ date: '2026-09-03' }] });
    expect(a.routes.find((x: any) => x.id === 'civil-suit').deadlines[0].date).toBe('2029-03-05');

    // Stating facts is recorded in the case's custody log, with the facts' hash.
    const log = await runGuzheng(['log', caseId, '--json'], env);
    expect(log.stdout).toContain('caseFacts');
  });

  it('issue 10: the captured post (612 reposts) and only "the poster is identified" stated → private prosecution available, the public-order exception a caveat', async () => {
    const file = join(tempHome('guzheng-facts-'), 'facts.json');
    writeFileSync(file, JSON.stringify({ poster: { identified: true, name: '李四' } }));
    expect((await runGuzheng(['case', 'facts', caseId, '--set', file], env)).code).toBe(0);
    const a = JSON.parse((await runGuzheng(['assess', caseId, '--as-of', '2026-05-20', '--json'], env)).stdout);
    const pp = a.routes.find((x: any) => x.id === 'private-prosecution');
    expect(pp).toMatchObject({ available: true, missing: [], blockedBy: [] });
    expect(pp.conditions.find((c: any) => c.name === 'not-public-order-case')).toMatchObject({ kind: 'exception', met: null });
    expect(pp.caveats.join()).toContain('群体性事件');
    expect(a.routes.find((x: any) => x.id === 'public-prosecution')).toMatchObject({ available: false, blockedBy: ['social-order-harm'] });
  });

  it('a case with no evidence and no stated facts: every route says what is missing', async () => {
    const empty = JSON.parse((await runGuzheng(['case', 'new', '空案件', '--json'], env)).stdout).case;
    const a = JSON.parse((await runGuzheng(['assess', empty, '--json'], env)).stdout);
    expect(a.routes.every((x: any) => x.available === null)).toBe(true);
    expect(a.routes.find((x: any) => x.id === 'platform-notice').missing.join()).toContain('帖子网址');
    expect(a.warnings.join()).toContain('没有侵害行为');
    expect((await runGuzheng(['assess', 'no-such-case'], env)).code).toBe(2);
  });
});
