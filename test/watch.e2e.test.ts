/**
 * guzheng watch, first part: a generic page on 127.0.0.1 whose counts rise with each visit and which is later
 * deleted (404). Asserts the series, the alert when 500 reposts are crossed, a deletion confirmed only after three
 * checks in a row, a count that fell, an unreachable site recorded as a failed check (never zeros), the schedule
 * kept in the vault across processes (a due check runs once), and the hash-chained record checked by guzheng check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { queryDb, runGuzheng, tempHome } from './helpers.js';

let server: Server;
let base = '';
const hits = new Map<string, number>();
const home = tempHome('guzheng-watch-');
const env = { GUZHENG_HOME: home, GUZHENG_WATCH_MIN_SECONDS: '1', GUZHENG_WATCH_GAP_MS: '0', GUZHENG_TSA: 'off' };

beforeAll(async () => {
  server = createServer((req, res) => {
    const n = (hits.get(req.url!) ?? 0) + 1;
    hits.set(req.url!, n);
    if (req.url === '/post/rising' && n > 4) {
      res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
      return res.end('<!doctype html><title>404</title><p>该内容已被删除</p>');
    }
    // A post gone, then a server error, then back: the error in between must not hide that it came back.
    if (req.url === '/flaky' && (n === 2 || n === 3)) {
      res.writeHead(n === 2 ? 404 : 500, { 'Content-Type': 'text/html; charset=utf-8' });
      return res.end('<!doctype html><title>x</title><p>—</p>');
    }
    const fixed: Record<string, number> = { '/sum/a': 300, '/sum/b': 250, '/sum/c': 400 };
    const reposts = req.url === '/post/falling' ? (n === 1 ? 900 : 700) : fixed[req.url!] ?? 200 * n;
    if (fixed[req.url!]) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return res.end(`<!doctype html><html lang="zh-CN"><title>示例帖子</title><body><article><p>演示用户：虚构的帖子。</p><div><span>转发 ${reposts}</span> <span>评论 9</span></div></article></body></html>`);
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    // SYNTHETIC page: a post with its counts in the visible text, and a script whose numbers must not count.
    res.end(`<!doctype html><html lang="zh-CN"><title>示例帖子</title><body><article><p>演示用户：这是一条虚构的帖子。</p>
      <div class="stats"><span>转发 ${reposts}</span> <span>评论 ${n * 3}</span> <span>阅读 ${1000 * n}</span></div></article>
      <script>var stats = {"转发": 999999};</script></body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => server.close());

describe('guzheng watch: a generic page over time', () => {
  let id = '';

  it('add: one watch per case and URL; an interval under the floor is refused', async () => {
    const a = await runGuzheng(['watch', 'add', `${base}/post/rising`, '--every', '1s', '--no-capture', '--json'], env);
    expect(a.code, a.stderr).toBe(0);
    id = a.json[0].id;
    const again = await runGuzheng(['watch', 'add', `${base}/post/rising`, '--every', '1s', '--no-capture', '--json'], env);
    expect(again.json[0]).toMatchObject({ id, existed: true });
    const fast = await runGuzheng(['watch', 'add', `${base}/post/other`, '--every', '1s', '--no-capture'], { ...env, GUZHENG_WATCH_MIN_SECONDS: '' });
    expect(fast.code).toBe(2);
    expect(fast.stderr).toContain('cannot be shorter than 60 s');
  });

  it('run: the series rises, 500 reposts raise an alert, and a deletion is confirmed only after three checks in a row', async () => {
    const r = await runGuzheng(['watch', 'run', '--for', '10s', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const s = (await runGuzheng(['watch', 'show', id, '--json'], env)).json[0];
    const normal = s.observations.filter((o: any) => o.state === 'normal');
    expect(normal.map((o: any) => o.counts.reposts)).toEqual([200, 400, 600, 800]);
    expect(normal.map((o: any) => o.counts.reads)).toEqual([1000, 2000, 3000, 4000]);
    expect(normal.every((o: any) => o.counts.reposts !== 999999)).toBe(true);
    const states = s.observations.map((o: any) => o.state);
    expect(states.slice(4, 7)).toEqual(['gone-suspected', 'gone-suspected', 'deleted-confirmed']);
    const kinds = s.alerts.map((a: any) => a.kind);
    expect(kinds.filter((k: string) => k === 'threshold')).toHaveLength(1);
    expect(s.alerts.find((a: any) => a.kind === 'threshold')).toMatchObject({ detail: { metric: 'reposts', value: 600, threshold: 500 } });
    expect(kinds.indexOf('gone-suspected')).toBeLessThan(kinds.indexOf('deleted-confirmed'));
    expect(r.stdout).toContain('"type":"alert"');
    expect(s.state).toBe('deleted-confirmed');
  });

  it('a count that fell is an alert; an unreachable site is a failed check with no counts at all', async () => {
    const f = await runGuzheng(['watch', 'add', `${base}/post/falling`, '--every', '1s', '--no-capture', '--json'], env);
    const closed = `http://127.0.0.1:${(server.address() as { port: number }).port + 1}/gone`;
    await runGuzheng(['watch', 'add', closed, '--every', '1s', '--no-capture'], env);
    await runGuzheng(['watch', 'pause', id], env);
    await runGuzheng(['watch', 'run', '--once'], env);
    await new Promise((r) => setTimeout(r, 1300));
    await runGuzheng(['watch', 'run', '--once'], env);
    const s = (await runGuzheng(['watch', 'show', f.json[0].id, '--json'], env)).json[0];
    expect(s.alerts.find((a: any) => a.kind === 'count-fell')).toMatchObject({ detail: { metric: 'reposts', value: 700, highest: 900 } });
    const down = (await runGuzheng(['watch', 'show', closed, '--json'], env)).json[0];
    expect(down.observations[0]).toMatchObject({ state: 'failed', counts: {}, error: 'ECONNREFUSED' });
    expect(queryDb(home, `select count(*) as n from observations where url = '${closed}' and metric != 'state'`)[0].n).toBe(0);
  });

  it('the schedule lives in the vault: a check that is not due does not run again; the record is a hash chain guzheng check accepts', async () => {
    for (const w of (await runGuzheng(['watch', 'list', '--json'], env)).json[0].watches) if (w.id !== id) await runGuzheng(['watch', 'pause', w.id], env);
    await runGuzheng(['watch', 'add', `${base}/post/hourly`, '--every', '1h'], env);
    expect((await runGuzheng(['watch', 'run', '--once'], env)).stderr).toContain('1 check(s) done');
    const before = queryDb(home, `select count(*) as n from custody where type = 'observed'`)[0].n;
    const r = await runGuzheng(['watch', 'run', '--once'], env);
    expect(r.stderr).toContain('0 check(s) done');
    expect(queryDb(home, `select count(*) as n from custody where type = 'observed'`)[0].n).toBe(before);
    const list = (await runGuzheng(['watch', 'list', '--json'], env)).json[0].watches;
    expect(list.find((w: any) => w.id === id)).toMatchObject({ paused: true, state: 'deleted-confirmed' });
    // The checks feed the case's facts (and so assess and the documents): the rising post's series is there.
    const caseId = (await runGuzheng(['case', 'list', '--json'], env)).json[0].cases[0].case;
    const facts = JSON.parse((await runGuzheng(['case', 'facts', caseId, '--json'], env)).stdout);
    const act = facts.acts.find((a: any) => a.url === `${base}/post/rising`);
    expect(act.observations.map((o: any) => o.reposts)).toEqual([200, 400, 600, 800]);
    // The chart: SVG with both legal lines and the post, and a PNG drawn by the browser (test/output/watch/, look at it).
    const { mkdirSync, readFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const outDir = join(import.meta.dirname, 'output', 'watch');
    mkdirSync(outDir, { recursive: true });
    for (const f of ['case.svg', 'post.png']) rmSync(join(outDir, f), { force: true });
    expect((await runGuzheng(['watch', 'chart', caseId, '--out', join(outDir, 'case.svg')], env)).code).toBe(0);
    const svg = readFileSync(join(outDir, 'case.svg'), 'utf8');
    expect(svg).toContain('5000（诽谤解释第二条');
    expect(svg).toContain('500（诽谤解释第二条');
    expect(svg).toContain(`${base}/post/rising`);
    expect(svg.match(/<circle /g)!.length).toBeGreaterThanOrEqual(2 * 4);
    const png = await runGuzheng(['watch', 'chart', id, '--out', join(outDir, 'post.png')], env);
    expect(png.code, png.stderr).toBe(0);
    const bytes = readFileSync(join(outDir, 'post.png'));
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBe(960);
    const check = await runGuzheng(['check'], env);
    expect(check.code, check.stdout + check.stderr).toBe(0);
  });

  it('the case total within a year: two posts below 500 reposts add up to an alert (第四条), and assess adds up only the posts of one year', async () => {
    for (const w of (await runGuzheng(['watch', 'list', '--json'], env)).json[0].watches) await runGuzheng(['watch', 'pause', w.id], env);
    const made = await runGuzheng(['case', 'new', '两条帖子', '--json'], env);
    const caseId = made.json[0].case ?? made.json[0].id;
    const add = await runGuzheng(['watch', 'add', `${base}/sum/a`, `${base}/sum/b`, '--case', caseId, '--every', '1s', '--no-capture', '--json'], env);
    expect(add.code, add.stderr).toBe(0);
    const r = await runGuzheng(['watch', 'run', '--once', '--json'], env);
    const alerts = r.json.filter((l: any) => l.type === 'alert');
    expect(alerts.map((a: any) => a.kind)).toEqual(['case-threshold']);
    expect(alerts[0].detail).toEqual({ threshold: 500, total: 550, posts: 2 });
    // The case's chart draws the total as its own (dashed) line, with where it ended.
    const { mkdtempSync, readFileSync: read } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const svgFile = `${mkdtempSync(`${tmpdir()}/guzheng-chart-`)}/case.svg`;
    expect((await runGuzheng(['watch', 'chart', caseId, '--out', svgFile], env)).code).toBe(0);
    expect(read(svgFile, 'utf8')).toContain('案件累计 / case total 550');
    await runGuzheng(['watch', 'add', `${base}/sum/c`, '--case', caseId, '--every', '1s', '--no-capture'], env);
    await new Promise((res) => setTimeout(res, 1100));
    const again = await runGuzheng(['watch', 'run', '--once', '--json'], env);
    expect(again.json.filter((l: any) => l.type === 'alert')).toEqual([]);
    // The posts' dates, stated: a and b within one year, c two years before.
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const file = join(tempHome('guzheng-facts-'), 'facts.json');
    writeFileSync(file, JSON.stringify({ acts: [{ url: `${base}/sum/a`, start: '2026-03-01' }, { url: `${base}/sum/b`, start: '2026-09-01' }, { url: `${base}/sum/c`, start: '2024-01-01' }] }));
    expect((await runGuzheng(['case', 'facts', caseId, '--set', file], env)).code).toBe(0);
    const a = JSON.parse((await runGuzheng(['assess', caseId, '--as-of', '2026-12-01', '--json'], env)).stdout);
    const pp = a.routes.find((x: any) => x.id === 'private-prosecution');
    const added = pp.conditions.find((c: any) => c.name === 'added-up-within-one-year');
    expect(added).toMatchObject({ met: true, detail: expect.stringContaining('2 posts (2026-03-01 to 2026-09-01) add up to 0 views and 550 reposts') });
    expect(pp.conditions.find((c: any) => c.name === 'views-5000-or-reposts-500').met).not.toBe(true);
  });

  it('a SIGKILL during a run loses no check it reported, leaves the record intact, and the next run checks only what is still due', async () => {
    for (const w of (await runGuzheng(['watch', 'list', '--json'], env)).json[0].watches) await runGuzheng(['watch', 'pause', w.id], env);
    const made = await runGuzheng(['case', 'new', '很多帖子', '--json'], env);
    const caseId = made.json[0].case ?? made.json[0].id;
    const urls = Array.from({ length: 300 }, (_, i) => `${base}/many/${i}`);
    expect((await runGuzheng(['watch', 'add', ...urls, '--case', caseId, '--every', '1h', '--no-capture'], env)).code).toBe(0);
    let pid = 0;
    const running = runGuzheng(['watch', 'run', '--for', '60s', '--json'], env, (p) => (pid = p));
    // Killed once it has reported some checks, in the middle of the run.
    for (let i = 0; i < 100 && queryDb(home, `select count(*) as n from observations where url like '${base}/many/%'`)[0].n < 40; i++) await new Promise((r) => setTimeout(r, 50));
    process.kill(pid, 'SIGKILL');
    const r = await running;
    expect(r.code).not.toBe(0);
    const reported = r.json.filter((l: any) => l.type === 'checked');
    expect(reported.length).toBeGreaterThan(0);
    expect(reported.length).toBeLessThan(300);
    const recorded = new Set(queryDb(home, `select stream, json_extract(detail, '$.at') as at from custody where type = 'observed'`).map((e: any) => `${e.stream} ${e.at}`));
    for (const c of reported) expect(recorded.has(`${c.watch} ${c.at}`)).toBe(true);
    expect((await runGuzheng(['check'], env)).code).toBe(0);
    // Still due: the posts never checked (the one the killed run had claimed waits out its two-minute lease).
    const stillDue = queryDb(home, `select url from watches where case_id = '${caseId}' and next_at <= '${new Date().toISOString()}'`).map((w: any) => w.url);
    expect(stillDue.length).toBeGreaterThanOrEqual(300 - reported.length - 1);
    const next = await runGuzheng(['watch', 'run', '--once', '--json'], env);
    const again = next.json.filter((l: any) => l.type === 'checked').map((c: any) => c.url).sort();
    expect(again).toEqual(stillDue.sort());
    const reportedUrls = new Set(reported.map((c: any) => c.url));
    expect(again.some((u: string) => reportedUrls.has(u))).toBe(false);
  });

  it('a failed check between "gone" and "back" changes nothing of what is known: the post is restored, said once', async () => {
    const add = await runGuzheng(['watch', 'add', `${base}/flaky`, '--every', '1s', '--no-capture', '--json'], env);
    const states: string[] = [];
    for (let i = 0; i < 4; i++) {
      if (i) await new Promise((r) => setTimeout(r, 1100));
      states.push((await runGuzheng(['watch', 'run', '--once', '--json'], env)).json.find((l: any) => l.type === 'checked' && l.url === `${base}/flaky`)?.state);
    }
    expect(states).toEqual(['normal', 'gone-suspected', 'failed', 'restored']);
    const s = (await runGuzheng(['watch', 'show', add.json[0].id, '--json'], env)).json[0];
    expect(s.alerts.map((a: any) => a.kind).filter((k: string) => k !== 'threshold')).toEqual(['gone-suspected', 'restored']);
  });
});
