/**
 * The bundled demo post (a Weibo-styled page served on 127.0.0.1, so read by the generic module) captured by the
 * real browser: its counts come from what the page shows (dom.html visible text), each with its source and the
 * string shown, and agree with the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readJson, runGuzheng, tempHome, type RunResult } from './helpers.js';
import { startDemoServer, type DemoServer } from '../src/demo/server.js';

let demo: DemoServer;
let cap: RunResult;

beforeAll(async () => {
  demo = await startDemoServer(join(import.meta.dirname, '..', 'assets', 'demo'));
  cap = await runGuzheng(['capture', demo.url, '--json', '--no-video', '--out', tempHome('guzheng-out-')],
    { GUZHENG_HOME: tempHome(), GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_BROWSER_ARGS: '', GUZHENG_TSA: 'off' });
}, 180_000);
afterAll(async () => {
  await demo?.close();
});

describe('counts of a generic page, from its visible text', () => {
  it('the demo post: reads (阅读), reposts, comments, likes as the page shows them', () => {
    expect(cap.code).toBe(0);
    const post = readJson(join(cap.json[0].dir, 'post.json'));
    expect(post.module).toBe('generic');
    expect(post.counts).toEqual({
      reads: { value: 12345, raw: '12,345', source: 'dom.html (visible text: "阅读 12,345")' },
      reposts: { value: 678, raw: '678', source: 'dom.html (visible text: "转发 678")' },
      comments: { value: 234, raw: '234', source: 'dom.html (visible text: "评论 234")' },
      likes: { value: 1567, raw: '1,567', source: 'dom.html (visible text: "赞 1,567")' },
    });
    expect(post.missing).not.toContain('counts');
    expect(post.checks.filter((c: any) => /^counts\./.test(c.field))).toEqual([
      { field: 'counts.reads', ok: true, detail: 'shown on the page as "12,345"' }, { field: 'counts.reposts', ok: true, detail: 'shown on the page as "678"' },
      { field: 'counts.comments', ok: true, detail: 'shown on the page as "234"' }, { field: 'counts.likes', ok: true, detail: 'shown on the page as "1,567"' }]);
  });
});
