/**
 * guzheng watch on the platforms: SYNTHETIC Weibo, Bilibili and Douyin answers served over HTTPS on 127.0.0.1 under
 * their real host names (test/fixture-site/watch-platforms.ts), two local TSAs (openssl ts), a webhook and an SMTP
 * server on 127.0.0.1. The test sets the posts' counts and states between runs and asserts: the series read by the
 * platform modules (分享 stays shares, never reposts), the alert at 500 reposts, an edit kept as a diff, a deletion
 * confirmed only after three checks and by the second access mode (not while that still sees the post), full
 * captures on the first check and on events, the log head timestamped, a blocking answer backed off, a page check
 * where only the page's own script can sign the request, an expired login falling back to visitor mode (its cookie
 * never written), alerts sent to the webhook and by e-mail, and the exported package verified with the chain, the
 * check records and the timestamps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { SMTPServer } from 'smtp-server';
import { queryDb, runGuzheng, tempHome } from './helpers.js';
import { readMembers, resignWithOtherKey, withVerifierPage, writeMembers } from './package-tools.js';
import { startTestTsa, type TestTsa } from './fixture-site/tsa-server.js';
import { AWEME_ID, BVID, WEIBO_ID, startWatchSite, type WatchSite } from './fixture-site/watch-platforms.js';

let site: WatchSite;
let tsa: TestTsa;
let hook: Server;
let smtp: SMTPServer;
const posted: any[] = [];
const mails: string[] = [];
const home = tempHome('guzheng-watch-platforms-');
let env: Record<string, string> = {};
const WEIBO = `https://m.weibo.cn/detail/${WEIBO_ID}`;
const BILI = `https://www.bilibili.com/video/${BVID}`;
const DOUYIN = `https://www.douyin.com/video/${AWEME_ID}`;

beforeAll(async () => {
  [site, tsa] = await Promise.all([startWatchSite(), startTestTsa('Watch TSA')]);
  hook = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      posted.push(JSON.parse(body));
      res.end('ok');
    });
  });
  smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
    onData(stream, _session, done) {
      let text = '';
      stream.on('data', (c: Buffer) => (text += c.toString('utf8')));
      stream.on('end', () => {
        mails.push(text);
        done();
      });
    } });
  await Promise.all([new Promise<void>((r) => hook.listen(0, '127.0.0.1', r)), new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r))]);
  env = { GUZHENG_HOME: home, GUZHENG_BROWSER_ARGS: site.browserArgs, GUZHENG_WATCH_MIN_SECONDS: '1', GUZHENG_WATCH_GAP_MS: '0', GUZHENG_TSA: tsa.url, GUZHENG_TSA_CA: tsa.caPath,
    GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_DNS: '127.0.0.1:9' };
}, 120_000);
afterAll(async () => {
  await Promise.all([site?.close(), tsa?.close(), new Promise((r) => hook?.close(r)), new Promise((r) => smtp?.close(() => r(undefined)))]);
});

/** One pass of the checks that are due (each watch checks every second), and its JSON lines. */
async function pass(): Promise<any[]> {
  await new Promise((r) => setTimeout(r, 1100));
  const r = await runGuzheng(['watch', 'run', '--once', '--json'], env);
  expect(r.code, r.stderr).toBe(0);
  return r.json;
}
/** A check's WARC records, read from the vault's blob store by their SHA-256. */
const warcText = (sha: string) => gunzipSync(readFileSync(join(home, 'blobs', 'sha256', sha.slice(0, 2), sha.slice(2)))).toString('utf8');
/** Watches a post (checked every second), with more flags; its id. */
const watchPost = async (url: string, ...flags: string[]) => {
  const add = await runGuzheng(['watch', 'add', url, '--every', '1s', ...flags, '--json'], env);
  expect(add.code, add.stderr).toBe(0);
  return add.json[0].id as string;
};
const show = async (ref: string) => JSON.parse((await runGuzheng(['watch', 'show', ref, '--json'], env)).stdout);

describe('guzheng watch on Weibo, Bilibili and Douyin', () => {
  let weiboId = '';

  it('Weibo: the first check reads the counts through the mobile page\'s JSON, makes a full capture and timestamps the log', async () => {
    const hookUrl = `http://127.0.0.1:${(hook.address() as { port: number }).port}/alerts`;
    const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;
    const n = await runGuzheng(['watch', 'notify', '--webhook', hookUrl, '--smtp', smtpUrl, '--from', 'guzheng@example.invalid', '--to', 'victim@example.invalid', '--json'], env);
    expect(n.code, n.stderr).toBe(0);
    const add = await runGuzheng(['watch', 'add', WEIBO, '--every', '1s', '--json'], env);
    expect(add.code, add.stderr).toBe(0);
    weiboId = add.json[0].id;
    const lines = await pass();
    const checked = lines.find((l) => l.type === 'checked' && l.watch === weiboId);
    expect(checked).toMatchObject({ state: 'normal', counts: { reposts: { value: 300 }, comments: { value: 40 }, likes: { value: 900 } } });
    expect(lines.find((l) => l.type === 'captured')).toMatchObject({ status: 'COMPLETE', why: ['first check'] });
    expect(lines.find((l) => l.type === 'timestamped')?.stamped).toHaveLength(1);
    const s = await show(weiboId);
    expect(s.observations[0]).toMatchObject({ mode: 'api', access: 'visitor', counts: { reposts: 300 } });
    // The check's request and response are WARC records in the vault: the API address, its answer, the count in it.
    const warc = warcText(s.observations[0].warc);
    expect(warc).toContain(`WARC-Target-URI: https://m.weibo.cn/statuses/show?id=${WEIBO_ID}`);
    expect(warc).toContain('WARC-Type: request');
    expect(warc).toContain('"reposts_count":300');
    expect(warc).toContain('guzheng-access-mode: visitor');
    expect(s.captures[0].item).toMatch(/^[0-9a-f-]{36}$/);
    expect(s.timestamps[0]).toMatchObject({ tsa: tsa.url });
  }, 120_000);

  it('Weibo: 500 reposts raise one alert (sent to the webhook and by e-mail); an edit is kept as a diff; both make a full capture', async () => {
    site.posts.weibo.counts.reposts = 620;
    const lines = await pass();
    expect(lines.find((l) => l.type === 'alert')).toMatchObject({ kind: 'threshold', detail: { metric: 'reposts', value: 620, threshold: 500 } });
    expect(lines.find((l) => l.type === 'captured')?.why).toEqual(['threshold']);
    site.posts.weibo.text = '【扩散】大家看清楚某员工（虚构人物）的真面目！';
    const edited = await pass();
    const alert = edited.find((l) => l.type === 'alert');
    expect(alert).toMatchObject({ kind: 'edited' });
    expect(alert.detail.diff).toBe('【扩散】大家看清楚某[-公司-]员工[-张某某-]（虚构人物）的真面目！');
    expect(edited.find((l) => l.type === 'checked')?.state).toBe('edited');
    const s = await show(weiboId);
    expect(s.alerts.map((a: any) => a.kind)).toEqual(['threshold', 'edited']);
    expect(s.alerts[0].evidence.capture).toBe(s.captures[1].item);
    expect(s.alerts[0].evidence.warc).toBe(s.observations[1].warc);
    // Every alert goes on: a POST of its JSON to the webhook and an e-mail over the user's SMTP server.
    expect(posted.map((p) => p.alerts[0].kind)).toEqual(['threshold', 'edited']);
    expect(posted[0]).toMatchObject({ watch: weiboId, url: WEIBO, evidence: `guzheng watch show ${weiboId}` });
    expect(mails).toHaveLength(2);
    expect(mails[0]).toContain('To: victim@example.invalid');
  }, 120_000);

  it('Weibo: a deletion is suspected at the first "gone", confirmed at the third and by the second access mode', async () => {
    site.posts.weibo.gone = true;
    const states: string[] = [];
    for (let i = 0; i < 3; i++) states.push((await pass()).find((l) => l.type === 'checked')?.state);
    expect(states).toEqual(['gone-suspected', 'gone-suspected', 'deleted-confirmed']);
    const s = await show(weiboId);
    const second = s.observations.at(-1);
    expect(second).toMatchObject({ mode: 'api (second access mode)', state: 'deleted-confirmed' });
    expect(site.hits['weibo.com/ajax/statuses/show']).toBe(1);
    expect(s.alerts.map((a: any) => a.kind)).toEqual(['threshold', 'edited', 'gone-suspected', 'deleted-confirmed']);
    expect(s.captures.map((c: any) => c.why[0])).toEqual(['first check', 'threshold', 'edited', 'gone-suspected', 'deleted-confirmed']);
    // A timestamp after every event: the last one covers the confirmation.
    expect(s.timestamps.length).toBeGreaterThanOrEqual(5);
    await runGuzheng(['watch', 'pause', weiboId], env);
  }, 180_000);

  it('Bilibili: plays cross 5,000, 分享 stays shares; a "gone" the second access mode does not confirm stays suspected; a blocking answer backs off', async () => {
    const id = await watchPost(BILI, '--no-capture');
    let lines = await pass();
    expect(lines.find((l) => l.type === 'checked')).toMatchObject({ state: 'normal', counts: { plays: { value: 3000 }, shares: { value: 200 }, comments: { value: 30 } } });
    expect(lines.find((l) => l.type === 'checked').counts.reposts).toBeUndefined();
    site.posts.bilibili.counts.view = 5200;
    lines = await pass();
    expect(lines.find((l) => l.type === 'alert')).toMatchObject({ kind: 'threshold', detail: { metric: 'plays', threshold: 5000 } });
    site.posts.bilibili.gone = true;
    site.posts.bilibili.secondSees = true;
    const states: string[] = [];
    for (let i = 0; i < 3; i++) states.push((await pass()).find((l) => l.type === 'checked')?.state);
    expect(states).toEqual(['gone-suspected', 'gone-suspected', 'gone-suspected']);
    site.posts.bilibili.secondSees = false;
    expect((await pass()).find((l) => l.type === 'checked')?.state).toBe('deleted-confirmed');
    site.posts.bilibili.blocked = true;
    lines = await pass();
    expect(lines.find((l) => l.type === 'checked')).toMatchObject({ state: 'blocked', error: 'Bilibili code -412 请求被拦截', counts: {} });
    expect(lines.find((l) => l.type === 'blocked' && l.backoffSeconds)).toMatchObject({ backoffSeconds: 60, identity: 'bilibili|visitor' });
    const s = await show(id);
    expect(s.state).toBe('blocked');
    // The back-off outlives the run: the next run (a new process) does not ask Bilibili at all.
    const hits = site.hits['api.bilibili.com/x/web-interface/view'];
    lines = await pass();
    expect(lines.filter((l) => l.type === 'checked' && l.watch === id)).toEqual([]);
    expect(site.hits['api.bilibili.com/x/web-interface/view']).toBe(hits);
    expect(queryDb(home, `select key, backoff_ms from watch_gates`)).toEqual([{ key: 'bilibili|visitor', backoff_ms: 60000 }]);
    await runGuzheng(['watch', 'pause', id], env);
  }, 120_000);

  it('Douyin: checked inside the real page, whose own script signs the request; a deletion reads as gone', async () => {
    const id = await watchPost(DOUYIN, '--no-capture');
    let lines = await pass();
    expect(lines.find((l) => l.type === 'checked')).toMatchObject({ state: 'normal', counts: { likes: { value: 1000 }, shares: { value: 300 }, comments: { value: 20 } } });
    const s = await show(id);
    expect(s.observations[0].mode).toBe('page');
    const warc = warcText(s.observations[0].warc);
    expect(warc).toMatch(/WARC-Target-URI: https:\/\/www\.douyin\.com\/aweme\/v1\/web\/aweme\/detail\/\?aweme_id=\d+&a_bogus=[0-9a-f]{24}/);
    site.posts.douyin.gone = true;
    lines = await pass();
    expect(lines.find((l) => l.type === 'checked')).toMatchObject({ state: 'gone-suspected', error: 'Douyin: 作品已删除' });
    await runGuzheng(['watch', 'pause', id], env);
  }, 120_000);

  it('a saved login that has expired is reported, the check falls back to visitor mode, and the cookie is never written', async () => {
    const { saveLogin } = await import('../src/vault/logins.js');
    await saveLogin(home, 'weibo', { cookies: [{ name: 'SUB', value: 'expired-secret-1234', domain: '.weibo.cn', path: '/', expires: -1 }], origins: [] }, 'demo');
    site.posts.weibo.gone = false;
    const other = `https://m.weibo.cn/status/${WEIBO_ID}`;
    const add = await runGuzheng(['watch', 'add', other, '--every', '1s', '--no-capture', '--login', 'weibo', '--json'], env);
    expect(add.code, add.stderr).toBe(0);
    const lines = await pass();
    expect(lines.find((l) => l.type === 'login-expired')).toMatchObject({ login: 'weibo' });
    expect(lines.find((l) => l.type === 'checked')).toMatchObject({ state: 'normal' });
    expect(site.cookies.at(-1)).toBe('SUB=expired-secret-1234');
    const s = await show(add.json[0].id);
    expect(s.observations[0].access).toBe('visitor (the login expired)');
    for (const f of readdirSync(join(home, 'blobs', 'sha256'), { recursive: true, withFileTypes: true })) {
      if (!f.isFile()) continue;
      const bytes = readFileSync(join(f.parentPath, f.name));
      const text = bytes[0] === 0x1f ? (() => { try { return gunzipSync(bytes).toString('latin1'); } catch { return ''; } })() : bytes.toString('latin1');
      expect(text).not.toContain('expired-secret-1234');
    }
  }, 120_000);

  it('the private prosecution names the watched posts: a table of their checks and the chart, as an exhibit (rendered and looked at)', async () => {
    const caseId = (await runGuzheng(['case', 'list', '--json'], env)).json[0].cases[0].case;
    const outDir = join(import.meta.dirname, 'output', 'watch');
    mkdirSync(outDir, { recursive: true });
    const pdf = join(outDir, 'private-prosecution.pdf');
    rmSync(pdf, { force: true });
    const d = await runGuzheng(['doc', 'private-prosecution', caseId, '--out', pdf, '--json'], env);
    expect(d.code, d.stderr).toBe(0);
    const text = execFileSync('pdftotext', ['-raw', pdf, '-']).toString().replace(/\s+/g, '');
    expect(text).toContain('帖子传播情况的持续记录');
    expect(text).toContain('已确认删除');
    expect(text).toContain('转发达到500次');
    expect(text).toContain('播放达到5000次');
    expect(text).toContain('附件·关注帖子的数量随时间变化图');
    // The chart's page, drawn to PNG to look at (test/output/watch/private-prosecution-*.png).
    execFileSync('pdftoppm', ['-png', '-r', '50', pdf, join(outDir, 'private-prosecution')]);
    expect(readdirSync(outDir).filter((f) => f.startsWith('private-prosecution-') && f.endsWith('.png')).length).toBeGreaterThan(1);
  }, 120_000);

  it('the case exports with its watches: the package verifies the chains, every check record and the timestamps', async () => {
    const caseId = (await runGuzheng(['case', 'list', '--json'], env)).json[0].cases[0].case;
    const out = join(tempHome('guzheng-watch-export-'), 'case.wacz');
    const e = await runGuzheng(['export', caseId, '--out', out, '--json'], env);
    expect(e.code, e.stderr).toBe(0);
    const v = await runGuzheng(['verify', out, '--json'], env);
    const report = JSON.parse(v.stdout);
    expect(v.code, v.stdout).toBe(0);
    const watchChecks = report.checks.filter((c: any) => c.name.startsWith(`watch ${weiboId}`));
    expect(watchChecks.find((c: any) => c.name.endsWith(': checks'))).toMatchObject({ ok: true });
    expect(watchChecks.find((c: any) => c.name.endsWith(': timestamps'))).toMatchObject({ ok: true });
    expect(watchChecks.find((c: any) => c.name.endsWith(': timestamps')).detail).toMatch(/^\d+ trusted timestamp\(s\) valid/);
    expect(queryDb(home, `select count(*) as n from custody where type = 'timestamped' and stream = '${weiboId}'`)[0].n).toBeGreaterThanOrEqual(5);
    // A forger who swaps two timestamp tokens (and re-signs the file list with a key of their own) is caught: each
    // token must be over an event of its own log, and a check record changed after the fact no longer matches.
    const members = await readMembers(out);
    // The package's own offline verifier page, in Chromium, gives the same checks, watches included.
    const pageFile = join(tempHome('guzheng-watch-page-'), 'verify.html');
    writeFileSync(pageFile, members.get('guzheng/verify.html')!);
    const inPage = await withVerifierPage(pageFile, async (tab) => {
      await tab.setInputFiles('#file', out);
      await tab.waitForSelector('#result:is([data-state="valid"], [data-state="intact-time-not-fixed"], [data-state="invalid"], [data-state="unreadable"])', { timeout: 60_000 });
      return { state: await tab.getAttribute('#result', 'data-state'),
        checks: await tab.$$eval('#result li', (lis) => lis.map((li) => ({ name: (li as HTMLElement).dataset.name, ok: (li as HTMLElement).dataset.ok === 'true' }))) };
    });
    expect(inPage.checks).toEqual(report.checks.map((c: any) => ({ name: c.name, ok: c.ok })));
    expect(inPage.state).toBe(report.state);
    expect(inPage.checks.filter((c: any) => c.name.startsWith('watch ')).length).toBeGreaterThanOrEqual(8);
    const tokens = [...members.keys()].filter((n) => n.startsWith(`guzheng/watches/${weiboId}/timestamps/`));
    const warcs = [...members.keys()].filter((n) => n.startsWith(`guzheng/watches/${weiboId}/checks/`));
    const [a, b] = [members.get(tokens[0]!)!, members.get(tokens[1]!)!];
    members.set(tokens[0]!, b);
    members.set(tokens[1]!, a);
    members.set(warcs[0]!, Buffer.concat([members.get(warcs[0]!)!, Buffer.from('x')]));
    resignWithOtherKey(members);
    const forged = join(tempHome('guzheng-watch-forged-'), 'forged.wacz');
    await writeMembers(forged, members);
    const f = JSON.parse((await runGuzheng(['verify', forged, '--json'], env)).stdout);
    expect(f.valid).toBe(false);
    const bad = f.checks.filter((c: any) => !c.ok && c.name.startsWith(`watch ${weiboId}`));
    expect(bad.filter((c: any) => c.name.includes(': timestamp ')).length).toBe(2);
    expect(bad.find((c: any) => c.name.endsWith(': checks')).detail).toContain('1 check record(s) missing or changed');
  }, 120_000);
});
