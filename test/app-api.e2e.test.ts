/**
 * guzheng app's API, called as scripts and the page call it, on a real `guzheng app` process with a real vault,
 * a real Chromium capture of the bundled demo post and a local RFC 3161 TSA: every endpoint, the guard (401 without
 * the token, 403 for a foreign Host or Origin), errors as {code, zh, en}, jobs with their Server-Sent Events,
 * two captures asked at once, and a capture cut off by the app being killed (interrupted on restart, never complete).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { startTestTsa, type TestTsa } from './fixture-site/tsa-server.js';
import { ROOT, tempHome } from './helpers.js';
import { call, startAppProcess, waitJob, type AppProcess } from './app-tools.js';

let tsa: TestTsa;
let app: AppProcess;
let env: Record<string, string>;
let caseId: string;
let demoUrl: string;
let itemId: string;

const t = () => ({ token: app.token });
const isError = (a: { json: any }, code: string) => {
  expect(a.json).toMatchObject({ code });
  expect(typeof a.json.zh).toBe('string');
  expect(typeof a.json.en).toBe('string');
  expect(a.json.zh).not.toBe(a.json.en);
};

/** Reads a job's Server-Sent Events until its state is done or failed. */
function sse(path: string): Promise<{ event: string; data: any }[]> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: app.port, path, headers: { host: `127.0.0.1:${app.port}`, authorization: `Bearer ${app.token}` } }, (res) => {
      expect(res.headers['content-type']).toMatch(/text\/event-stream/);
      let buf = '';
      const events: { event: string; data: any }[] = [];
      res.setEncoding('utf8');
      res.on('data', (d) => {
        buf += d;
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1] ?? 'message';
          events.push({ event, data: JSON.parse(/^data: (.+)$/m.exec(block)![1]!) });
        }
      });
      res.on('end', () => resolve(events));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  tsa = await startTestTsa('App TSA');
  env = { GUZHENG_HOME: tempHome('guzheng-app-'), GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_DNS: '127.0.0.1:9', GUZHENG_TSA: tsa.url, GUZHENG_TSA_CA: tsa.caPath };
  app = await startAppProcess(env);
}, 120_000);
afterAll(async () => {
  await app?.stop();
  await tsa?.close();
});

describe('guzheng app: start and guard', () => {
  it('prints http://127.0.0.1:PORT/?token=… first; the token becomes an HttpOnly SameSite=Strict cookie', async () => {
    expect(app.openUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{40,}$/);
    const wrong = await call(app.base, 'GET', '/?token=nope');
    expect(wrong.status).toBe(401);
    expect(wrong.body.toString()).toContain('npm start');
    const ok = await call(app.base, 'GET', `/?token=${app.token}`);
    expect(ok.status).toBe(303);
    const cookie = String(ok.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const session = cookie.split(';')[0]!;
    expect((await call(app.base, 'GET', '/api/cases', { cookie: session })).status).toBe(200);
    const page = await call(app.base, 'GET', '/', { cookie: session });
    expect(page.status).toBe(200);
    expect(page.body.toString()).toMatch(/<script[^>]+src="\/assets\//);
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
  });

  it('401 without the token, for the API (JSON) and the page (how to open the app)', async () => {
    const api = await call(app.base, 'GET', '/api/cases');
    expect(api.status).toBe(401);
    isError(api, 'E_AUTH');
    expect((await call(app.base, 'GET', '/api/cases', { token: 'x'.repeat(43) })).status).toBe(401);
    expect((await call(app.base, 'GET', '/api/cases', { cookie: 'guzheng_session=wrong' })).status).toBe(401);
    const page = await call(app.base, 'GET', '/');
    expect(page.status).toBe(401);
    expect(page.body.toString()).toContain('?token=');
  });

  it('403 for a Host that is not 127.0.0.1:PORT or localhost:PORT (DNS rebinding), even with the token', async () => {
    const evil = await call(app.base, 'GET', '/api/cases', { ...t(), headers: { host: `attacker.example:${app.port}` } });
    expect(evil.status).toBe(403);
    isError(evil, 'E_HOST');
    expect((await call(app.base, 'GET', '/api/cases', { ...t(), headers: { host: '127.0.0.1' } })).status).toBe(403);
    expect((await call(app.base, 'GET', '/api/cases', { ...t(), headers: { host: `localhost:${app.port}` } })).status).toBe(200);
  });

  it('state-changing calls from a browser must come from the app\'s origin', async () => {
    const cookie = `guzheng_session=${app.token}`;
    const none = await call(app.base, 'POST', '/api/cases', { cookie, json: { title: 'x' } });
    expect(none.status).toBe(403);
    isError(none, 'E_ORIGIN');
    const foreign = await call(app.base, 'POST', '/api/cases', { cookie, json: { title: 'x' }, headers: { origin: 'http://attacker.example' } });
    expect(foreign.status).toBe(403);
    const bearerForeign = await call(app.base, 'POST', '/api/cases', { ...t(), json: { title: 'x' }, headers: { origin: 'http://attacker.example' } });
    expect(bearerForeign.status).toBe(403);
    const own = await call(app.base, 'POST', '/api/cases', { cookie, json: { title: '同源案件' }, headers: { origin: `http://127.0.0.1:${app.port}` } });
    expect(own.status).toBe(201);
  });

  it('serves its OpenAPI 3 document, naming the routes scripts rely on', async () => {
    const doc = (await call(app.base, 'GET', '/api/openapi.json', t())).json;
    expect(doc.openapi).toMatch(/^3\./);
    for (const [path, method] of [['/api/cases', 'post'], ['/api/cases/{id}/captures', 'post'], ['/api/jobs/{id}', 'get'], ['/api/cases/{id}/items', 'get'],
      ['/api/items/{id}/package', 'get'], ['/api/jobs/{id}/events', 'get'], ['/api/verify', 'post'], ['/api/cases/{id}/facts', 'put']]) {
      expect(doc.paths[path!]?.[method!], `${method} ${path}`).toBeTruthy();
    }
    expect(doc.components.schemas.Error.required).toEqual(['code', 'zh', 'en']);
    // Every call the page makes (read from the UI's source) is in the document: method and path, path parameters as {…}.
    const documented = new Set(Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{}')}`)));
    const source = readFileSync(join(ROOT, 'src', 'app', 'ui', 'api.ts'), 'utf8');
    const calls = source.split('\n').flatMap((line) => [...line.matchAll(/(['`])(\/api\/[^'`]*)\1/g)].map((m) => {
      const method = /'(GET|POST|PUT|DELETE)'/.exec(line)?.[1] ?? (/\bpost</.test(line) ? 'POST' : /\bput</.test(line) ? 'PUT' : /\bdel</.test(line) ? 'DELETE' : 'GET');
      return `${method} ${m[2]!.replace(/\$\{[^}]+\}/g, '{}')}`;
    }));
    expect(calls.length).toBeGreaterThan(25);
    expect(calls.filter((c) => !documented.has(c))).toEqual([]);
    const unknown = await call(app.base, 'GET', '/api/nothing-here', t());
    expect(unknown.status).toBe(404);
    isError(unknown, 'E_NOT_FOUND');
  });
});

describe('guzheng app: cases, captures and jobs', () => {
  it('creates a case (201 {id}); a title missing is 400 in words', async () => {
    const bad = await call(app.base, 'POST', '/api/cases', { ...t(), json: { title: '  ' } });
    expect(bad.status).toBe(400);
    isError(bad, 'E_USAGE');
    const noTitle = await call(app.base, 'POST', '/api/cases', { ...t(), json: {} });
    expect(noTitle.status).toBe(400);
    const made = await call(app.base, 'POST', '/api/cases', { ...t(), json: { title: '张三被诽谤案' } });
    expect(made.status).toBe(201);
    caseId = made.json.id;
    const list = (await call(app.base, 'GET', '/api/cases', t())).json.cases;
    expect(list.find((c: any) => c.id === caseId)).toMatchObject({ title: '张三被诽谤案', items: 0 });
    expect((await call(app.base, 'GET', `/api/cases/${caseId}`, t())).json).toMatchObject({ id: caseId, title: '张三被诽谤案' });
    const missing = await call(app.base, 'GET', '/api/cases/ffffffff', t());
    expect(missing.status).toBe(404);
    isError(missing, 'E_NOT_FOUND');
  });

  it('refuses a bad link with 400 and queues nothing', async () => {
    for (const urls of [['ftp://example.com/x'], ['not a link'], []]) {
      const r = await call(app.base, 'POST', `/api/cases/${caseId}/captures`, { ...t(), json: { urls } });
      expect(r.status, JSON.stringify(urls)).toBe(400);
      expect(r.json.code).toMatch(/^E_(URL_|USAGE)/);
    }
    expect((await call(app.base, 'GET', `/api/cases/${caseId}/items`, t())).json.items).toEqual([]);
  });

  it('captures the demo post as a job: steps stream as Server-Sent Events, the item is COMPLETE and timestamped', async () => {
    demoUrl = (await call(app.base, 'POST', '/api/demo', t())).json.url;
    expect(demoUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/post\//);
    const r = await call(app.base, 'POST', `/api/cases/${caseId}/captures`, { ...t(), json: { urls: [demoUrl], video: false, comments: 0 } });
    expect(r.status).toBe(202);
    expect(r.json.jobs).toEqual([{ id: expect.any(String), url: demoUrl }]);
    const events = await sse(`/api/jobs/${r.json.jobs[0].id}/events`);
    const steps = events.filter((e) => e.event === 'step').map((e) => e.data.name);
    expect(steps).toEqual(expect.arrayContaining(['load', 'screenshot-viewport', 'write-warc']));
    const last = events.at(-1)!;
    expect(last.event).toBe('state');
    expect(last.data).toMatchObject({ state: 'done', item: expect.any(String), result: { status: 'COMPLETE', seal: 'timestamped' } });
    itemId = last.data.item;
    const job = (await call(app.base, 'GET', `/api/jobs/${r.json.jobs[0].id}`, t())).json;
    expect(job).toMatchObject({ state: 'done', item: itemId });
    const items = (await call(app.base, 'GET', `/api/cases/${caseId}/items`, t())).json.items;
    expect(items).toEqual([expect.objectContaining({ id: itemId, kind: 'capture', status: 'COMPLETE', url: demoUrl, seal: 'timestamped' })]);
    expect(items[0].thumbnail).toBe(`/api/items/${itemId}/files/screenshot-viewport-framed.png`);
    const noJob = await call(app.base, 'GET', '/api/jobs/00000000-0000-0000-0000-000000000000', t());
    expect(noJob.status).toBe(404);
    isError(noJob, 'E_NOT_FOUND');
  });

  it('two captures asked at once (two tabs) both finish', async () => {
    const [a, b] = await Promise.all([1, 2].map(() => call(app.base, 'POST', `/api/cases/${caseId}/captures`, { ...t(), json: { urls: [demoUrl], video: false, comments: 0 } })));
    const jobs = await Promise.all([a!, b!].map((r) => waitJob(app.base, app.token, r.json.jobs[0].id)));
    expect(jobs.map((j) => j.state)).toEqual(['done', 'done']);
    expect(new Set(jobs.map((j) => j.item)).size).toBe(2);
  }, 240_000);
});

describe('guzheng app: evidence', () => {
  it('an item in full: files with hashes, the post, the custody log (with a "viewed" event)', async () => {
    const item = (await call(app.base, 'GET', `/api/items/${itemId}`, t())).json;
    expect(item).toMatchObject({ id: itemId, case: caseId, status: 'COMPLETE', seal: 'timestamped' });
    const framed = item.files.find((f: any) => f.role === 'screenshot.viewport.framed');
    expect(framed).toMatchObject({ path: 'screenshot-viewport-framed.png', mediaType: 'image/png' });
    expect(item.post?.author?.name?.value).toBe('示例用户甲');
    expect(item.events.map((e: any) => e.type)).toEqual(expect.arrayContaining(['created', 'sealed', 'timestamped', 'viewed']));
    const png = await call(app.base, 'GET', `/api/items/${itemId}/files/screenshot-viewport-framed.png`, t());
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(createHash('sha256').update(png.body).digest('hex')).toBe(framed.sha256);
    const dom = await call(app.base, 'GET', `/api/items/${itemId}/files/dom.html`, t());
    expect(dom.status).toBe(200);
    expect(String(dom.headers['content-security-policy'])).toMatch(/^sandbox/);
    for (const bad of ['..%2F..%2Fguzheng.db', '%2Fetc%2Fpasswd', 'nope.png']) {
      const r = await call(app.base, 'GET', `/api/items/${itemId}/files/${bad}`, t());
      expect(r.status, bad).toBe(404);
    }
  });

  it('verifies an item from the stored originals; notes go to the custody log', async () => {
    const v = await call(app.base, 'POST', `/api/items/${itemId}/verify`, t());
    expect(v.json).toMatchObject({ item: itemId, state: 'valid', timeFixed: true });
    expect(v.json.checks.length).toBeGreaterThan(3);
    const note = await call(app.base, 'POST', `/api/items/${itemId}/notes`, { ...t(), json: { text: '当事人于 11 月 21 日看到此帖' } });
    expect(note.status).toBe(201);
    const empty = await call(app.base, 'POST', `/api/items/${itemId}/notes`, { ...t(), json: { text: ' ' } });
    expect(empty.status).toBe(400);
    const events = (await call(app.base, 'GET', `/api/items/${itemId}`, t())).json.events;
    expect(events.map((e: any) => e.type)).toEqual(expect.arrayContaining(['verified', 'noted']));
    expect(events.find((e: any) => e.type === 'noted').detail.text).toBe('当事人于 11 月 21 日看到此帖');
  });

  it('the item\'s WACZ package', async () => {
    const p = await call(app.base, 'GET', `/api/items/${itemId}/package`, t());
    expect(p.status).toBe(200);
    expect(p.headers['content-type']).toBe('application/wacz');
    expect(p.body.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('guzheng app: facts, routes, documents, export and verify', () => {
  it('facts: a wrong value is 400 E_FACTS and nothing is saved; right ones are saved and read back', async () => {
    const before = (await call(app.base, 'GET', `/api/cases/${caseId}/facts`, t())).json;
    expect(before.stated).toBeNull();
    expect(before.effective.acts).toHaveLength(1);
    const bad = await call(app.base, 'PUT', `/api/cases/${caseId}/facts`, { ...t(), json: { acts: 'x', knewOfHarmAndPoster: '2026-13-40' } });
    expect(bad.status).toBe(400);
    isError(bad, 'E_FACTS');
    expect((await call(app.base, 'GET', `/api/cases/${caseId}/facts`, t())).json.stated).toBeNull();
    const facts = { acts: [], victim: { name: '张三' }, poster: { identified: true, name: '李四' }, knewOfHarmAndPoster: '2026-03-05', goals: ['takedown'] };
    const ok = await call(app.base, 'PUT', `/api/cases/${caseId}/facts`, { ...t(), json: facts });
    expect(ok.json).toMatchObject({ saved: true });
    const after = (await call(app.base, 'GET', `/api/cases/${caseId}/facts`, t())).json;
    expect(after.stated).toMatchObject({ victim: { name: '张三' }, knewOfHarmAndPoster: '2026-03-05' });
  });

  it('routes: six, with deadlines; the case list shows the nearest deadline', async () => {
    const a = (await call(app.base, 'GET', `/api/cases/${caseId}/assessment?asOf=2026-06-01`, t())).json;
    expect(a.routes.map((r: any) => r.id)).toEqual(['platform-notice', 'demand-letter', 'police-report', 'civil-suit', 'private-prosecution', 'public-prosecution']);
    expect(a.routes.flatMap((r: any) => r.deadlines).length).toBeGreaterThan(0);
    expect(a.notLegalAdvice).toBe(true);
    const bad = await call(app.base, 'GET', `/api/cases/${caseId}/assessment?asOf=yesterday`, t());
    expect(bad.status).toBe(400);
    const c = (await call(app.base, 'GET', '/api/cases', t())).json.cases.find((x: any) => x.id === caseId);
    expect(c.items).toBe(3);
    expect(c.nearestDeadline).toMatchObject({ date: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) });
  });

  it('documents: a platform notice as PDF and DOCX with its blanks; an unknown kind is 400', async () => {
    const kinds = (await call(app.base, 'GET', '/api/document-kinds', t())).json.kinds;
    expect(kinds.map((k: any) => k.id)).toContain('platform-notice');
    const d = await call(app.base, 'POST', `/api/cases/${caseId}/documents`, { ...t(), json: { kind: 'platform-notice', date: '2026-12-02' } });
    expect(d.status).toBe(201);
    expect(d.json.blanks.length).toBeGreaterThan(0);
    expect(d.json.evidence).toBe(3);
    const pdf = await call(app.base, 'GET', d.json.pdf, t());
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(String(pdf.headers['content-disposition'])).toMatch(/^inline/);
    expect(pdf.body.subarray(0, 4).toString()).toBe('%PDF');
    const docx = await call(app.base, 'GET', d.json.docx, t());
    expect(String(docx.headers['content-disposition'])).toMatch(/^attachment/);
    expect(docx.body.subarray(0, 2).toString()).toBe('PK');
    const bad = await call(app.base, 'POST', `/api/cases/${caseId}/documents`, { ...t(), json: { kind: 'love-letter' } });
    expect(bad.status).toBe(400);
    expect((await call(app.base, 'GET', '/api/documents/..%2F..%2Fguzheng.db.pdf', t())).status).toBe(404);
  });

  it('exports the case as a job, and the uploaded package verifies; a file that is not a package is 422 in words', async () => {
    const r = await call(app.base, 'POST', `/api/cases/${caseId}/exports`, t());
    expect(r.status).toBe(202);
    const job = await waitJob(app.base, app.token, r.json.job.id);
    expect(job).toMatchObject({ state: 'done', result: { items: expect.any(Array), download: expect.stringMatching(/^\/api\/exports\/.+\.wacz$/) } });
    const wacz = await call(app.base, 'GET', job.result.download, t());
    expect(createHash('sha256').update(wacz.body).digest('hex')).toBe(job.result.sha256);
    const v = await call(app.base, 'POST', '/api/verify', { ...t(), raw: wacz.body });
    expect(v.json).toMatchObject({ kind: 'package', state: 'valid', valid: true });
    const tampered = Buffer.from(wacz.body);
    const mid = Math.floor(tampered.length / 2);
    tampered[mid] = tampered[mid]! ^ 0xff;
    expect((await call(app.base, 'POST', '/api/verify', { ...t(), raw: tampered })).json.state).toBe('invalid');
    const notPackage = await call(app.base, 'POST', '/api/verify', { ...t(), raw: Buffer.from('这不是证据包') });
    expect(notPackage.status).toBe(422);
    isError(notPackage, 'E_NOT_PACKAGE');
  });

  it('seals, backups, logins and a check of the whole vault', async () => {
    expect((await call(app.base, 'GET', '/api/seals/pending', t())).json).toEqual({ items: [] });
    expect((await call(app.base, 'POST', '/api/seals/pending', t())).json).toEqual({ results: [] });
    expect((await call(app.base, 'GET', '/api/backups', t())).json).toEqual({ destinations: [] });
    const none = await call(app.base, 'POST', '/api/backups/run', t());
    expect(none.status).toBe(400);
    isError(none, 'E_USAGE');
    const relative = await call(app.base, 'POST', '/api/backups', { ...t(), json: { location: 'copies' } });
    expect(relative.status).toBe(400);
    const folder = join(tempHome('guzheng-app-copy-'), 'copies');
    expect((await call(app.base, 'POST', '/api/backups', { ...t(), json: { location: folder } })).status).toBe(201);
    expect((await call(app.base, 'GET', '/api/backups', t())).json.destinations).toEqual([expect.objectContaining({ location: folder })]);
    const run = (await call(app.base, 'POST', '/api/backups/run', t())).json.results;
    expect(run).toEqual([expect.objectContaining({ location: folder })]);
    expect(run[0].copied).toBeGreaterThan(10);
    expect((await call(app.base, 'GET', '/api/logins', t())).json).toEqual({ logins: [] });
    expect((await call(app.base, 'GET', '/api/login-platforms', t())).json.platforms.map((p: any) => p.id)).toContain('weibo');
    const unknown = await call(app.base, 'POST', '/api/logins', { ...t(), json: { platform: 'myspace' } });
    expect(unknown.status).toBe(400);
    isError(unknown, 'E_USAGE');
    if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
      const noDisplay = await call(app.base, 'POST', '/api/logins', { ...t(), json: { platform: 'weibo' } });
      expect(noDisplay.status).toBe(400);
      expect(noDisplay.json.zh).toContain('图形界面');
    }
    const notWaiting = await call(app.base, 'POST', '/api/logins/00000000-0000-4000-8000-000000000000/done', t());
    expect(notWaiting.status).toBe(404);
    isError(notWaiting, 'E_NOT_FOUND');
    // The whole vault, checked as a job (as `guzheng check`).
    const check = await call(app.base, 'POST', '/api/check', t());
    expect(check.status).toBe(202);
    const checked = await waitJob(app.base, app.token, check.json.job.id);
    expect(checked).toMatchObject({ state: 'done', result: { valid: true } });
    expect(checked.result.checks.length).toBeGreaterThan(10);
    const s = (await call(app.base, 'GET', '/api/session', t())).json;
    expect(s.disclaimer.zh).toContain('不构成法律意见');
  });
});

describe('guzheng app: stopped in the middle of a capture', () => {
  it('the capture shows as interrupted after a restart: never lost, never complete', async () => {
    const r = await call(app.base, 'POST', `/api/cases/${caseId}/captures`, { ...t(), json: { urls: [demoUrl], video: false } });
    const id = r.json.jobs[0].id;
    let item: string | undefined;
    for (let i = 0; i < 200 && !item; i++) {
      item = (await call(app.base, 'GET', `/api/jobs/${id}`, t())).json.item;
      if (!item) await new Promise((res) => setTimeout(res, 50));
    }
    expect(item).toBeTruthy();
    await app.stop('SIGKILL');
    app = await startAppProcess(env);
    const items = (await call(app.base, 'GET', `/api/cases/${caseId}/items`, t())).json.items;
    expect(items.find((i: any) => i.id === item)).toMatchObject({ status: 'interrupted' });
    const detail = await call(app.base, 'POST', `/api/items/${item}/verify`, t());
    expect(detail.status).toBe(409);
    isError(detail, 'E_NOT_SEALED');
  }, 120_000);
});
