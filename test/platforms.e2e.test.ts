/**
 * Platform capture end to end: the real Chromium visits the real platform URLs (served from 127.0.0.1 under their
 * real host names) and post.json holds the facts the saved pages and responses contain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { BIN, readJson, runGuzheng, tempHome, type RunResult } from './helpers.js';
import { loginVisits, SECRETS, startPlatformSite, type PlatformSite } from './fixture-site/platform-site.js';
import { THREAD_COMMENTS, THREAD_ID } from './fixture-site/weibo-thread.js';

let site: PlatformSite;
let batch: RunResult;
const post = (url: string) => {
  const r = batch.json.find((x) => x.url === url);
  if (!r) throw new Error(`no capture of ${url}`);
  return { capture: r, facts: readJson(join(r.dir, 'post.json')) };
};

beforeAll(async () => {
  site = await startPlatformSite();
  const env = { GUZHENG_HOME: tempHome(), GUZHENG_BROWSER_ARGS: site.browserArgs, GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_DNS: '127.0.0.1:9', GUZHENG_TSA: 'off' };
  batch = await runGuzheng(['capture', '--out', tempHome('guzheng-out-'), '--json', '--no-video', '--timeout', '20',
    'https://m.weibo.cn/detail/4640329573078415', 'https://mp.weixin.qq.com/s/NJgNozEXo47KCvmRL4hDiw', 'https://mp.weixin.qq.com/s/-WZT_VzhmSkJRAjb6GwsUA',
    'https://x.com/XDevelopers/status/1649191520250245121', 'https://www.tiktok.com/@vantoan___/video/7305827432509082913',
    'https://www.zhihu.com/question/24825703/answer/39753456', 'https://www.zhihu.com/zvideo/1', 'https://www.zhihu.com/zvideo/2', `https://m.weibo.cn/detail/${THREAD_ID}`,
    '--comments', '30'], env);
}, 300_000);
afterAll(async () => {
  await site?.close();
});

describe('post.json from a real visit under the real host names', () => {
  it('every capture has post.json in its manifest (role "post")', () => {
    expect(batch.json).toHaveLength(9);
    for (const r of batch.json) expect(r.files.find((f: any) => f.path === 'post.json')?.role).toBe('post');
  });

  it('Weibo: the facts from the recorded API answer, and the counts agree with the page', () => {
    const { facts } = post('https://m.weibo.cn/detail/4640329573078415');
    expect(facts).toMatchObject({ module: 'weibo', state: { value: 'normal' } });
    expect(facts.author.name.value).toBe('余霜YSCandice');
    expect(facts.counts.likes.value).toBe(13758);
    expect(facts.counts.likes.source).toContain('WARC https://m.weibo.cn/api/container/getIndex');
    // Its pictures, from the WARC, as separate artifacts; the one never loaded says so.
    const saved = facts.media.filter((m: any) => m.artifact);
    expect(saved).toHaveLength(8);
    for (const m of saved) expect(readFileSync(join(post('https://m.weibo.cn/detail/4640329573078415').capture.dir, m.artifact))).toEqual(readFileSync(join(import.meta.dirname, '..', 'assets', 'demo', 'media', 'photo.png')));
    expect(facts.media.find((m: any) => m.url.includes('wx3.sinaimg.cn'))).toMatchObject({ artifact: null, note: expect.stringContaining('not in the WARC') });
    expect(post('https://m.weibo.cn/detail/4640329573078415').capture.files.filter((f: any) => f.role === 'media.image')).toHaveLength(8);
    expect(facts.checks).toEqual(expect.arrayContaining([{ field: 'counts.likes', ok: true, detail: 'shown on the page as "1.4万"' }, { field: 'author.name', ok: true, detail: 'shown on the page' }]));
    // And with the screenshot itself, read by Tesseract (chi_sim): the count and the name are in the first screen.
    expect(facts.checks).toEqual(expect.arrayContaining([{ field: 'screenshot:counts.likes', ok: true, detail: 'seen in screenshot-viewport.png (OCR) as "1.4万"' },
      { field: 'screenshot:author.name', ok: true, detail: 'seen in screenshot-viewport.png (OCR)' }]));
    expect(facts.notes.join()).toContain('screenshot compared by OCR: tesseract');
  });

  it('WeChat: the article as received; the violation page is reported as removed', () => {
    const a = post('https://mp.weixin.qq.com/s/NJgNozEXo47KCvmRL4hDiw').facts;
    expect(a).toMatchObject({ module: 'wechat', state: { value: 'normal' } });
    expect(a.author.name.value).toBe('波元霸');
    expect(a.ipLocation.value).toBe('浙江');
    expect(a.publishedAt.value).toBe('2025-11-04T15:59:29.000+08:00');
    const v = post('https://mp.weixin.qq.com/s/-WZT_VzhmSkJRAjb6GwsUA');
    expect(v.facts.state.value).toBe('removed-by-platform');
    expect(v.capture.status).toBe('COMPLETE');
  });

  it('X, TikTok and Zhihu', () => {
    const x = post('https://x.com/XDevelopers/status/1649191520250245121').facts;
    expect(x.counts.views.value).toBe(979440);
    expect(x.author.id.raw).toBe('@XDevelopers');
    const t = post('https://www.tiktok.com/@vantoan___/video/7305827432509082913').facts;
    expect(t.counts.likes.value).toBe(1700000);
    expect(t.checks.find((c: any) => c.field === 'counts.likes')).toMatchObject({ ok: true });
    // The page shows no comment count: flagged against the page and against the screenshot, not hidden.
    expect(t.checks.find((c: any) => c.field === 'counts.comments')).toMatchObject({ ok: false });
    expect(t.checks.find((c: any) => c.field === 'screenshot:counts.comments')).toMatchObject({ ok: false, detail: expect.stringContaining('look at the screenshot') });
    const z = post('https://www.zhihu.com/question/24825703/answer/39753456').facts;
    expect(z.author.name.value).toBe('芝士就是力量');
    expect(z.counts.likes.value).toBe(97);
  });
});

describe('comments, replies and reposts', () => {
  it('the first N comments are loaded by the page’s own "load more" control, replies opened, the repost list read; the page is recorded back on the comments', () => {
    const { capture, facts } = post(`https://m.weibo.cn/detail/${THREAD_ID}`);
    expect(facts.state.value).toBe('normal');
    // --comments 30: the page shows 10, two clicks on 点击加载更多 bring the rest of the 25.
    expect(facts.comments).toHaveLength(THREAD_COMMENTS);
    expect(facts.comments.map((c: any) => c.author)).toEqual(Array.from({ length: THREAD_COMMENTS }, (_, i) => `示例评论者${i + 1}`));
    expect(facts.comments[0]).toMatchObject({ text: '第1条评论：这种人就该曝光', ipLocation: '广东', likes: 99, time: '2026-03-03T09:01:00.000+08:00', timeRaw: 'Tue Mar 03 09:01:00 +0800 2026' });
    expect(facts.comments[0].source).toContain('WARC https://m.weibo.cn/comments/hotflow?');
    // Replies: the one nested in the list and the ones loaded by 共N条回复, each once.
    expect(facts.comments[0].replies.map((r: any) => r.text)).toEqual(['回复第1条的第1条：同意', '回复第1条的第2条：同意', '回复第1条的第3条：同意']);
    expect(facts.comments[1].replies).toHaveLength(2);
    expect(facts.comments[1].replies[1].source).toContain('hotFlowChild');
    expect(facts.comments[2].replies).toBeUndefined();
    // Reposts: who passed it on, from where.
    expect(facts.reposts).toHaveLength(10);
    expect(facts.reposts[0]).toMatchObject({ author: '示例评论者900', ipLocation: '浙江', text: '//@示例用户乙: 转发第1次' });
    const step = readFileSync(join(capture.dir, 'log.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((e) => e.name === 'platform-behaviour');
    expect(step.detail).toContain('opened the repost list: 1');
    expect(step.detail).toContain('loaded more comments: 2 click(s)');
    expect(step.detail).toContain('opened replies: 2');
    // What the screenshot and DOM show is the comment list, with the replies open, not the repost list.
    const dom = readFileSync(join(capture.dir, 'dom.html'), 'utf8');
    expect(dom).toContain('第25条评论');
    expect(dom).toContain('回复第2条的第2条');
    expect(dom).toContain('没有更多了');
    expect(dom).not.toContain('转发第1次');
  });
});

describe('streamed video', () => {
  it('HLS and DASH streams the page played are put together by ffmpeg into one MP4 artifact each, as long as the clip', () => {
    const { capture, facts } = post('https://www.zhihu.com/zvideo/1');
    const video = facts.media.find((m: any) => m.url.endsWith('/hls/master.m3u8'));
    expect(video).toMatchObject({ type: 'video', artifact: 'media/1.mp4' });
    expect(video.note).toContain('v720.m3u8');
    expect(capture.files.find((f: any) => f.path === 'media/1.mp4')?.role).toBe('media.video');
    const probe = (f: string) => Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', f]).toString());
    expect(Math.abs(probe(join(capture.dir, 'media/1.mp4')) - probe(join(import.meta.dirname, '..', 'assets', 'demo', 'media', 'clip.mp4')))).toBeLessThan(0.5);
    const dash = post('https://www.zhihu.com/zvideo/2');
    const d = dash.facts.media.find((m: any) => m.url.endsWith('/dash/stream.mpd'));
    expect(d).toMatchObject({ type: 'video', artifact: 'media/1.mp4' });
    expect(Math.abs(probe(join(dash.capture.dir, 'media/1.mp4')) - probe(join(import.meta.dirname, '..', 'assets', 'demo', 'media', 'clip.mp4')))).toBeLessThan(0.5);
  });
});

describe('logged-in capture', () => {
  it('login saves the session owner-only; the capture sees the logged-in post; no secret is left anywhere in the folder', async () => {
    const home = tempHome();
    const env = { GUZHENG_HOME: home, GUZHENG_BROWSER_ARGS: site.browserArgs, GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_DNS: '127.0.0.1:9', GUZHENG_TSA: 'off' };
    const login = await runGuzheng(['login', 'weibo', '--url', 'https://m.weibo.cn/login-fixture', '--headless', '--close-after-load', '--account', '测试账号'], env);
    expect(login.code).toBe(0);
    expect(statSync(join(home, 'logins', 'weibo.json')).mode & 0o077).toBe(0);
    // The login browser ran on the platform's own profile folder, owner-only, kept for next time.
    const profile = join(home, 'logins', 'weibo', 'profile');
    expect(statSync(profile).mode & 0o077).toBe(0);
    expect(existsSync(join(profile, 'Default'))).toBe(true);
    expect(readFileSync(join(home, 'logins', 'weibo.json'), 'utf8')).toContain(SECRETS.session);

    // The capture reads the login from a copy of the profile: with the saved state stripped of the session cookie,
    // the profile still has it (as Weibo's SUB, it persists); neither the copy nor a changed original is left.
    const statePath = join(home, 'logins', 'weibo.json');
    const stripped = JSON.parse(readFileSync(statePath, 'utf8'));
    stripped.cookies = stripped.cookies.filter((c: any) => c.name !== 'SUB');
    writeFileSync(statePath, JSON.stringify(stripped));
    const profileFiles = () => execFileSync('find', [profile, '-type', 'f', '-newer', join(home, 'logins', 'weibo.meta.json')]).toString().trim();
    const cap = await runGuzheng(['capture', 'https://m.weibo.cn/detail/4990000000000002', '--login', 'weibo', '--out', tempHome('guzheng-out-'), '--json', '--no-video'], env);
    expect(profileFiles()).toBe('');
    expect(existsSync(join(home, 'tmp')) ? readdirSync(join(home, 'tmp')).filter((f) => f.startsWith('login-')) : []).toEqual([]);
    const dir = cap.json[0].dir;
    const facts = readJson(join(dir, 'post.json'));
    expect(facts).toMatchObject({ module: 'weibo', state: { value: 'normal' }, loggedIn: { platform: 'weibo', account: '测试账号' } });
    expect(facts.author.name.value).toBe('示例用户乙');

    // Every byte of every file, and the WARC's records decompressed.
    const files = execFileSync('find', [dir, '-type', 'f']).toString().trim().split('\n');
    const haystacks = files.map((f) => readFileSync(f));
    haystacks.push(gunzipSync(readFileSync(join(dir, 'archive.warc.gz'))));
    for (const secret of Object.values(SECRETS)) {
      for (const [i, h] of haystacks.entries()) expect({ file: files[i] ?? 'archive.warc.gz (decompressed)', found: h.includes(secret) }).toEqual({ file: files[i] ?? 'archive.warc.gz (decompressed)', found: false });
    }
    const warc = haystacks.at(-1)!.toString('utf8');
    const mark = (v: string) => `[redacted sha256:${createHash('sha256').update(v).digest('hex')}]`;
    expect(warc).toContain(`SUB=${mark(SECRETS.session)}`);
    expect(warc).toContain(`Bearer ${mark(SECRETS.bearer)}`);
    expect(warc).toContain(`XSRF-TOKEN=${mark(SECRETS.xsrf)}`);
    expect(warc).toContain('guzheng-login: weibo as 测试账号');
    // Without the login the same post is behind a login wall, and says so.
    const anonymous = await runGuzheng(['capture', 'https://m.weibo.cn/detail/4990000000000002', '--out', tempHome('guzheng-out-'), '--json', '--no-video'], env);
    const wall = readJson(join(anonymous.json[0].dir, 'post.json'));
    expect(wall.state.value).toBe('login-wall');
    expect(wall.loggedIn).toBeNull();
    expect((await runGuzheng(['capture', 'https://m.weibo.cn/', '--login', 'douban'], env)).stderr).toContain('[E_NOT_FOUND]');
  }, 180_000);
});

describe('guzheng login with a visible window', () => {
  it('opens a real (headed) browser window on a display; Enter in the terminal saves the login; without a display it says so', async () => {
    const display = ':97';
    const xvfb = spawn('Xvfb', [display, '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 50 && !existsSync('/tmp/.X11-unix/X97'); i++) await new Promise((r) => setTimeout(r, 100));
      const home = tempHome();
      const env = { ...process.env, GUZHENG_HOME: home, GUZHENG_BROWSER_ARGS: site.browserArgs, DISPLAY: display };
      const child = spawn(process.execPath, [BIN, 'login', 'weibo', '--url', 'https://m.weibo.cn/login-fixture', '--account', '窗口账号'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (d) => (stderr += d));
      const before = loginVisits.length;
      for (let i = 0; i < 300 && !stderr.includes('按回车'); i++) await new Promise((r) => setTimeout(r, 100));
      expect(loginVisits.length).toBeGreaterThan(before);
      expect(loginVisits.at(-1)).not.toContain('Headless');
      expect(stderr).toContain('按回车');
      await new Promise((r) => setTimeout(r, 2500)); // the user logs in; the window stays open meanwhile
      expect(child.exitCode).toBeNull();
      child.stdin.write('\n');
      const code = await new Promise((r) => child.on('exit', r));
      expect({ code, stderr }).toMatchObject({ code: 0 });
      expect(stdout).toContain('已保存微博登录');
      expect(readFileSync(join(home, 'logins', 'weibo.json'), 'utf8')).toContain(SECRETS.session);
      expect(readJson(join(home, 'logins', 'weibo.meta.json'))).toMatchObject({ platform: 'weibo', account: '窗口账号' });
    } finally {
      xvfb.kill();
    }
    const noDisplay = await runGuzheng(['login', 'weibo'], { GUZHENG_HOME: tempHome(), DISPLAY: '', WAYLAND_DISPLAY: '' });
    expect(noDisplay.code).toBe(2);
    expect(noDisplay.stderr).toContain('没有图形界面');
  }, 120_000);
});
