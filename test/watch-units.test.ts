/** The parts of watching that are pure rules: the schedule, the back-off, the plans per platform, the diff, when the log is stamped. */
import { describe, expect, it } from 'vitest';
import { diffText } from '../src/watch/diff.js';
import { stampDue } from '../src/watch/evidence.js';
import { planFor, readAnswer } from '../src/watch/platform-checks.js';
import { Gate } from '../src/watch/scheduler.js';
import { intervalSeconds, type WatchRow } from '../src/watch/watches.js';
import type { Exchange } from '../src/watch/http.js';

const row = (over: Partial<WatchRow>): WatchRow => ({ id: 'w', case_id: 'c', url: 'https://example.com/p', every_seconds: 0, until: null, paused: 0, created_at: new Date().toISOString(),
  next_at: '', last_at: null, state: null, gone_streak: 0, schedule: 'adaptive', capture: 0, last_capture_at: null, stamped_at: null, stamp_tried_at: null, stamp_needed: 0,
  last_text: null, last_media: null, login: null, known_state: null, ...over });
const answer = (url: string, body: unknown, status = 200): Exchange => ({ url, at: new Date().toISOString(), requestLine: 'GET / HTTP/1.1', requestHeaders: [], status, statusText: 'OK',
  responseHeaders: [['Content-Type', 'application/json']], rawBody: Buffer.from(JSON.stringify(body)), body: Buffer.from(JSON.stringify(body)), ip: '127.0.0.1', truncated: false });

describe('the adaptive schedule', () => {
  const now = Date.parse('2026-12-02T12:00:00Z');
  const made = (hoursAgo: number) => new Date(now - hoursAgo * 3600_000).toISOString();
  it('every 10 minutes for 6 hours, hourly for a week, daily after; four times as often within 20% of a threshold', () => {
    expect(intervalSeconds(row({ created_at: made(1) }), new Map(), now)).toBe(600);
    expect(intervalSeconds(row({ created_at: made(30) }), new Map(), now)).toBe(3600);
    expect(intervalSeconds(row({ created_at: made(24 * 8) }), new Map(), now)).toBe(86400);
    expect(intervalSeconds(row({ created_at: made(30) }), new Map([['reposts', 420]]), now)).toBe(900);
    expect(intervalSeconds(row({ created_at: made(30) }), new Map([['reposts', 520]]), now)).toBe(3600);
    expect(intervalSeconds(row({ created_at: made(30) }), new Map([['reads', 4100]]), now)).toBe(900);
  });
  it('a fixed interval stays as set, never under the floor', () => {
    expect(intervalSeconds(row({ schedule: 'fixed', every_seconds: 7200 }), new Map([['reposts', 450]]), now)).toBe(7200);
    expect(intervalSeconds(row({ schedule: 'adaptive', created_at: made(1) }), new Map([['reposts', 450]]), now)).toBe(150);
  });
});

describe('the gate per platform and identity', () => {
  it('a blocking answer backs off a minute, then twice as long each time, up to an hour; an answer that passes resets it', async () => {
    const g = new Gate();
    expect([await g.blocked('weibo|visitor'), await g.blocked('weibo|visitor'), await g.blocked('weibo|visitor')]).toEqual([60_000, 120_000, 240_000]);
    for (let i = 0; i < 10; i++) await g.blocked('weibo|visitor');
    expect(await g.blocked('weibo|visitor')).toBe(3600_000);
    await g.passed('weibo|visitor', [8000, 15000]);
    expect(g.readyAt('weibo|visitor') - Date.now()).toBeGreaterThanOrEqual(7900);
    expect(await g.blocked('weibo|visitor')).toBe(60_000);
    expect(g.readyAt('bilibili|visitor')).toBe(0);
    g.mark('bilibili|visitor', [5000, 5000]);
    expect(g.readyAt('bilibili|visitor') - Date.now()).toBeGreaterThan(4900);
  });
});

describe('how each platform is asked', () => {
  it('Weibo through the mobile page\'s JSON (weibo.com\'s as the second mode), Bilibili videos through view, Douyin and dynamics in the page', () => {
    const w = planFor(new URL('https://weibo.com/7000000002/Q1a2B3c4D'), {});
    expect(w).toMatchObject({ platform: 'weibo', gapMs: [8000, 15000], primary: { mode: 'api', url: 'https://m.weibo.cn/statuses/show?id=Q1a2B3c4D' }, second: { url: 'https://weibo.com/ajax/statuses/show?id=Q1a2B3c4D' } });
    expect(planFor(new URL('https://www.bilibili.com/video/BV1Xx411c7mD?p=1'), {}).primary.url).toBe('https://api.bilibili.com/x/web-interface/view?bvid=BV1Xx411c7mD');
    expect(planFor(new URL('https://www.bilibili.com/opus/987654321098765432'), {}).primary.mode).toBe('page');
    expect(planFor(new URL('https://www.douyin.com/video/7300000000000000001'), {}).primary).toMatchObject({ mode: 'page' });
    expect(planFor(new URL('https://bbs.example.cn/thread/1'), {})).toMatchObject({ platform: 'generic', primary: { mode: 'html' }, second: null });
    expect(planFor(new URL('https://m.weibo.cn/detail/1'), { GUZHENG_WATCH_GAP_MS: '0' }).gapMs).toEqual([0, 0]);
  });
  it('Bilibili\'s risk-control codes are blocking answers, its "not visible" codes a post gone, never counts of zero', async () => {
    const plan = planFor(new URL('https://www.bilibili.com/video/BV1Xx411c7mD'), {});
    const read = (body: unknown, status = 200) => readAnswer(plan, plan.primary, 'https://www.bilibili.com/video/BV1Xx411c7mD', [answer(plan.primary.url, body, status)]);
    expect(await read({ code: -412, message: '请求被拦截' })).toMatchObject({ state: 'blocked', counts: {} });
    expect(await read({ code: -352, message: '风控校验失败' })).toMatchObject({ state: 'blocked' });
    expect(await read({ code: 62002, message: '稿件不可见' })).toMatchObject({ state: 'gone' });
    expect(await read({}, 432)).toMatchObject({ state: 'blocked', reason: 'HTTP 432' });
    expect(await read({}, 404)).toMatchObject({ state: 'gone' });
    expect(await read({ code: 0, data: { bvid: 'BV1Xx411c7mD', stat: { view: 12000, share: 30, reply: 4 } } })).toMatchObject({ state: 'normal', counts: { plays: { value: 12000 }, shares: { value: 30 } } });
  });
  it('Weibo asking to log in is "login needed"; its deletion message is a post gone', async () => {
    const plan = planFor(new URL('https://m.weibo.cn/detail/4990000000000002'), {});
    const read = (body: unknown) => readAnswer(plan, plan.primary, 'https://m.weibo.cn/detail/4990000000000002', [answer(plan.primary.url, body)]);
    expect(await read({ ok: -100, url: 'https://passport.weibo.com/' })).toMatchObject({ state: 'login-needed' });
    expect(await read({ ok: 0, msg: '该微博已被删除' })).toMatchObject({ state: 'gone', reason: 'Weibo: 该微博已被删除' });
    expect(await read({ ok: 0, msg: '服务器开小差了' })).toMatchObject({ state: 'failed' });
  });
});

describe('an edit as a diff', () => {
  it('marks what was removed and added, character by character', () => {
    const d = diffText('大家看清楚某公司员工张某某的真面目', '大家看清楚某员工李某的真面目！');
    expect(d.shown).toBe('大家看清楚某[-公司-]员工[-张某-]{+李+}某的真面目{+！+}');
    expect({ removed: d.removed, added: d.added }).toEqual({ removed: 4, added: 2 });
    expect(diffText('同样', '同样')).toMatchObject({ shown: '同样', removed: 0, added: 0 });
  });
});

describe('when the head of the log is timestamped', () => {
  const now = Date.parse('2026-12-02T12:00:00Z');
  const ago = (min: number) => new Date(now - min * 60_000).toISOString();
  it('at once after an event, hourly otherwise, and a failed attempt is retried after five minutes', () => {
    expect(stampDue({ stamped_at: null, stamp_tried_at: null, stamp_needed: 0 }, now)).toBe(true);
    expect(stampDue({ stamped_at: ago(10), stamp_tried_at: ago(10), stamp_needed: 0 }, now)).toBe(false);
    expect(stampDue({ stamped_at: ago(61), stamp_tried_at: ago(61), stamp_needed: 0 }, now)).toBe(true);
    expect(stampDue({ stamped_at: ago(10), stamp_tried_at: ago(10), stamp_needed: 1 }, now)).toBe(true);
    expect(stampDue({ stamped_at: ago(90), stamp_tried_at: ago(2), stamp_needed: 1 }, now)).toBe(false);
    expect(stampDue({ stamped_at: ago(90), stamp_tried_at: ago(6), stamp_needed: 1 }, now)).toBe(true);
  });
});

describe('the light check\'s HTTP client', () => {
  it('a small compressed answer that would expand without end is kept as it came, never decoded into memory', async () => {
    const { createServer } = await import('node:http');
    const { gzipSync } = await import('node:zlib');
    const { httpGet } = await import('../src/watch/http.js');
    // SYNTHETIC: 200 MB of zeros, gzip-compressed to about 200 kB.
    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024));
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      res.end(bomb);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const x = await httpGet(`http://127.0.0.1:${(server.address() as { port: number }).port}/`, {}, { timeoutMs: 10_000, maxBytes: 1024 * 1024 });
      expect(x.rawBody.length).toBe(bomb.length);
      expect(x.body.length).toBeLessThanOrEqual(8 * 1024 * 1024);
    } finally {
      server.close();
    }
  });
  it('a server that trickles its answer is cut at the deadline for the whole exchange', async () => {
    const { createServer } = await import('node:http');
    const { httpGet } = await import('../src/watch/http.js');
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const t = setInterval(() => res.write('.'), 100);
      res.on('close', () => clearInterval(t));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const started = Date.now();
      await expect(httpGet(`http://127.0.0.1:${(server.address() as { port: number }).port}/`, {}, { timeoutMs: 800, maxBytes: 1024 * 1024 })).rejects.toMatchObject({ code: 'ETIMEDOUT' });
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
