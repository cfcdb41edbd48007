/**
 * The organisation server end to end (issue 15): a real PostgreSQL and s3rver on 127.0.0.1, `guzheng admin` as the
 * operator uses it, `guzheng serve` as a process, and two organisations whose users have different roles, checked
 * against the endpoints: who sees a case, who may change it, sign-in and its limits, tokens, custody naming the user.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import { startDemoServer, DEMO_POST_PATH, type DemoServer } from '../src/demo/server.js';
import { startTestTsa, type TestTsa } from './fixture-site/tsa-server.js';
import { call } from './app-tools.js';
import { runGuzheng, tempHome } from './helpers.js';
import { createHash } from 'node:crypto';

const fileHashesOf = (b: Buffer) => createHash('sha256').update(b).digest('hex');
import { as, signIn, startServeProcess, startStores, startWorkerProcess, waitJob, type ServerProcess, type Session, type TestStores, type WorkerProcess } from './server-tools.js';

const PW = 'correct horse battery staple';
let stores: TestStores;
let server: ServerProcess;
let worker: WorkerProcess;
let worker2: WorkerProcess;
let demo: DemoServer;
let tsa: TestTsa;
const s: Record<string, Session> = {};
let caseA = '';
let item = '';

let site: Server;
let secret: Server;
let secretHits = 0;
const portOf = (s: Server) => (s.address() as { port: number }).port;

beforeAll(async () => {
  [tsa, demo] = await Promise.all([startTestTsa('Server TSA'), startDemoServer()]);
  // An inside service the captures must never reach, and a page that points at it and at metadata addresses.
  secret = createServer((_req, res) => {
    secretHits++;
    res.end('internal');
  });
  site = createServer((_req, res) => {
    const s = portOf(secret);
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head><title>帖子</title></head><body><h1>一个帖子</h1><img src="http://127.0.0.1:${s}/a.png"><img src="http://localhost:${s}/b.png">` +
      `<img src="http://169.254.169.254/latest/meta-data/c.png"><script>fetch('http://10.0.0.1/d').catch(() => 0)</script></body></html>`);
  });
  await Promise.all([secret, site].map((x) => new Promise<void>((r) => x.listen(0, '127.0.0.1', r))));
  // Only the demo post and the page may be reached on this machine (the operator's allow-list).
  const allow = `127.0.0.1:${new URL(demo.url).port},127.0.0.1:${portOf(site)}`;
  stores = await startStores({ GUZHENG_TSA: tsa.url, GUZHENG_TSA_CA: tsa.caPath, GUZHENG_SSRF_ALLOW: allow, GUZHENG_WATCH_TICK_SECONDS: '2' });
  for (const org of ['甲律师事务所', '乙法律援助中心']) expect((await stores.admin(['org', 'add', org])).code).toBe(0);
  for (const [email, org, role] of [['owner@a.test', '甲律师事务所', 'owner'], ['lawyer@a.test', '甲律师事务所', 'lawyer'], ['staff@a.test', '甲律师事务所', 'staff'],
    ['viewer@a.test', '甲律师事务所', 'viewer'], ['outsider@a.test', '甲律师事务所', 'staff'], ['lawyer@b.test', '乙法律援助中心', 'lawyer']]) {
    const r = await stores.admin(['user', 'add', email!, '--org', org!, '--role', role!, '--password-stdin', '--json'], PW);
    expect(r.code, r.stderr).toBe(0);
  }
  // Two worker processes, as two machines would run them.
  [server, worker, worker2] = await Promise.all([startServeProcess(stores.env), startWorkerProcess(stores.env), startWorkerProcess(stores.env)]);
  for (const email of ['owner@a.test', 'lawyer@a.test', 'staff@a.test', 'viewer@a.test', 'outsider@a.test', 'lawyer@b.test']) s[email.split('@')[0]! + (email.endsWith('b.test') ? 'B' : '')] = await signIn(server.base, email, PW);
}, 120_000);

afterAll(async () => {
  await Promise.all([server?.stop(), worker?.stop(), worker2?.stop()]);
  await stores?.close();
  await Promise.all([tsa?.close(), demo?.close()]);
  for (const x of [site, secret]) x?.close();
});

describe('the organisation server', () => {
  it('admin: a second organisation of the same name, a short password, an unknown role are refused in words', async () => {
    const dup = await stores.admin(['org', 'add', '甲律师事务所']);
    expect(dup.code).not.toBe(0);
    expect(dup.stderr).toContain('[E_EXISTS]');
    const short = await stores.admin(['user', 'add', 'x@a.test', '--org', '甲律师事务所', '--role', 'staff', '--password-stdin'], 'short');
    expect(short.stderr).toMatch(/密码至少 12 个字符[\s\S]*at least 12 characters/);
    const role = await stores.admin(['user', 'add', 'x@a.test', '--org', '甲律师事务所', '--role', 'boss']);
    expect(role.stderr).toContain('owner, lawyer, staff or viewer');
    const noDb = await stores.admin(['org', 'list', '--db', 'mysql://x']);
    expect(noDb.code).toBe(2);
  });

  it('nothing without signing in; the sign-in tells the role; a page without a session is told it is not signed in', async () => {
    expect((await call(server.base, 'GET', '/api/cases')).status).toBe(401);
    expect((await call(server.base, 'GET', '/api/auth')).json).toEqual({ server: true, signedIn: false });
    expect(s.lawyer!.me).toMatchObject({ signedIn: true, email: 'lawyer@a.test', org: '甲律师事务所', role: 'lawyer' });
    const wrong = await call(server.base, 'POST', '/api/auth/login', { json: { email: 'lawyer@a.test', password: 'not the password' } });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toMatchObject({ code: 'E_AUTH', zh: '电子邮件或密码不正确' });
  });

  it('a lawyer opens a case and adds members; staff may not open cases', async () => {
    const made = await as(server.base, s.lawyer!, 'POST', '/api/cases', { title: '张三被诽谤案' });
    expect(made.status).toBe(201);
    caseA = made.json.id;
    expect((await as(server.base, s.staff!, 'POST', '/api/cases', { title: '不行' })).json.code).toBe('E_FORBIDDEN');
    for (const email of ['staff@a.test', 'viewer@a.test']) expect((await as(server.base, s.lawyer!, 'POST', `/api/cases/${caseA}/members`, { email })).status).toBe(201);
    // A user of another organisation cannot be added.
    expect((await as(server.base, s.lawyer!, 'POST', `/api/cases/${caseA}/members`, { email: 'lawyer@b.test' })).status).toBe(404);
  });

  it('who sees the case: its members and the owner; not a colleague outside it, not another organisation', async () => {
    const titles = async (who: Session) => (await as(server.base, who, 'GET', '/api/cases')).json.cases.map((c: any) => c.id);
    for (const who of ['lawyer', 'staff', 'viewer', 'owner']) expect(await titles(s[who]!)).toEqual([caseA]);
    expect(await titles(s.outsider!)).toEqual([]);
    expect(await titles(s.lawyerB!)).toEqual([]);
    for (const who of ['outsider', 'lawyerB']) {
      for (const path of [`/api/cases/${caseA}`, `/api/cases/${caseA}/items`, `/api/cases/${caseA}/facts`, `/api/cases/${caseA}/assessment`]) {
        const r = await as(server.base, s[who]!, 'GET', path);
        expect(r.status, `${who} ${path}`).toBe(404);
      }
    }
  });

  it('a viewer cannot capture or change facts; staff can, and the capture runs with the case\'s stores', async () => {
    const url = demo.url;
    const denied = await as(server.base, s.viewer!, 'POST', `/api/cases/${caseA}/captures`, { urls: [url], video: false, comments: 0 });
    expect(denied.status).toBe(403);
    expect(denied.json).toMatchObject({ code: 'E_FORBIDDEN', zh: expect.stringContaining('只读') });
    expect((await as(server.base, s.viewer!, 'PUT', `/api/cases/${caseA}/facts`, { victim: { name: '张三' } })).status).toBe(403);
    // The administrator changes a role: it applies from the next request, in the same session; an unknown role is refused.
    const promoted = await stores.admin(['user', 'role', 'viewer@a.test', '--role', 'staff', '--json']);
    expect(promoted.json[0], promoted.stderr).toEqual({ user: 'viewer@a.test', role: 'staff', was: 'viewer' });
    expect((await as(server.base, s.viewer!, 'PUT', `/api/cases/${caseA}/facts`, { victim: { name: '张三' } })).status).toBe(200);
    expect((await stores.admin(['user', 'role', 'viewer@a.test', '--role', 'viewer'])).code).toBe(0);
    expect((await as(server.base, s.viewer!, 'PUT', `/api/cases/${caseA}/facts`, { victim: { name: '张三' } })).status).toBe(403);
    const boss = await stores.admin(['user', 'role', 'viewer@a.test', '--role', 'boss']);
    expect(boss.code).not.toBe(0);
    expect(boss.stderr).toContain('owner, lawyer, staff or viewer');
    expect((await as(server.base, s.staff!, 'PUT', `/api/cases/${caseA}/facts`, { victim: { name: '张三' } })).status).toBe(200);
    const started = await as(server.base, s.staff!, 'POST', `/api/cases/${caseA}/captures`, { urls: [url], video: false, comments: 0 });
    expect(started.status).toBe(202);
    const jobId = started.json.jobs[0].id;
    // The job is the case's: another organisation cannot follow it.
    expect((await as(server.base, s.lawyerB!, 'GET', `/api/jobs/${jobId}`)).status).toBe(404);
    const job = await waitJob(server.base, s.staff!, jobId);
    expect(job, worker.stderr()).toMatchObject({ state: 'done', result: { status: 'COMPLETE', seal: 'timestamped' } });
    item = job.item;
    const rows = await stores.pg.query(stores.db, 'select case_id, status from items where id = $1', [item]);
    expect(rows).toEqual([{ case_id: caseA, status: 'COMPLETE' }]);
    // Done by one of the worker processes, not by the server.
    const [done] = await stores.pg.query<{ worker: string; attempts: number }>(stores.db, 'select worker, attempts from jobs where id = $1', [jobId]);
    expect([worker.name, worker2.name]).toContain(done!.worker);
    expect(done!.attempts).toBe(1);
  });

  it('the item and its files: members see them, others get 404; custody names the user who acted', async () => {
    const shown = await as(server.base, s.viewer!, 'GET', `/api/items/${item}`);
    expect(shown.status).toBe(200);
    const file = await as(server.base, s.viewer!, 'GET', `/api/items/${item}/files/manifest.json?download=1`);
    expect(file.status).toBe(200);
    expect(JSON.parse(file.body.toString()).url).toContain(DEMO_POST_PATH);
    for (const who of ['outsider', 'lawyerB']) {
      expect((await as(server.base, s[who]!, 'GET', `/api/items/${item}`)).status).toBe(404);
      expect((await as(server.base, s[who]!, 'GET', `/api/items/${item}/files/manifest.json`)).status).toBe(404);
    }
    expect((await as(server.base, s.viewer!, 'POST', `/api/items/${item}/notes`, { text: '不行' })).status).toBe(403);
    expect((await as(server.base, s.staff!, 'POST', `/api/items/${item}/notes`, { text: '当事人于11月21日看到此帖' })).status).toBe(201);
    const events = await stores.pg.query<{ type: string; actor: string }>(stores.db, 'select type, actor from custody where stream = $1 order by seq', [item]);
    expect(events.find((e) => e.type === 'created')!.actor).toMatch(/^staff@a\.test \(甲律师事务所, staff\) via guzheng server/);
    expect(events.filter((e) => e.type === 'viewed').map((e) => e.actor)).toEqual([expect.stringMatching(/^viewer@a\.test /), expect.stringMatching(/^viewer@a\.test /)]);
    const [download] = await stores.pg.query<{ detail: string }>(stores.db, `select detail from custody where stream = $1 and type = 'viewed' and detail like '%download%'`, [item]);
    expect(JSON.parse(download!.detail)).toMatchObject({ file: 'manifest.json', download: true });
    expect(events.at(-1)).toMatchObject({ type: 'noted', actor: expect.stringMatching(/^staff@a\.test /) });
    // The evidence is in the bucket.
    const blobs = await stores.pg.query<{ n: number }>(stores.db, 'select count(*)::int as n from artifacts where item_id = $1', [item]);
    expect(blobs[0]!.n).toBeGreaterThan(10);
    const inBucket = readdirSync(join(stores.s3.directory, stores.s3.bucket, 'org-server', 'blobs', 'sha256'));
    expect(inBucket.length).toBeGreaterThan(10);
  });

  it('exports: a worker writes the package, signed with the organisation\'s key (as the capture was), and it verifies offline', async () => {
    const started = await as(server.base, s.staff!, 'POST', `/api/cases/${caseA}/exports`);
    expect(started.status).toBe(202);
    expect((await as(server.base, s.lawyerB!, 'GET', `/api/jobs/${started.json.job.id}`)).status).toBe(404);
    const job = await waitJob(server.base, s.staff!, started.json.job.id);
    expect(job, worker.stderr()).toMatchObject({ state: 'done', result: { download: `/api/exports/${started.json.job.id}.wacz` } });
    const pkg = await as(server.base, s.staff!, 'GET', job.result.download);
    expect(pkg.status).toBe(200);
    expect((await as(server.base, s.lawyerB!, 'GET', job.result.download)).status).toBe(404);
    const file = join(mkdtempSync(join(tmpdir(), 'guzheng-pkg-')), 'case.wacz');
    writeFileSync(file, pkg.body);
    const verified = await runGuzheng(['verify', file, '--json'], { GUZHENG_HOME: tempHome() });
    expect(verified.json[0].valid, verified.stdout).toBe(true);
    const [key] = await stores.pg.query<{ fingerprint: string }>(stores.db, `select k.fingerprint from org_keys k join orgs o on o.id = k.org_id where o.name = '甲律师事务所'`);
    expect(key!.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const sig = JSON.parse((await as(server.base, s.staff!, 'GET', `/api/items/${item}/files/seal/signature.json`)).body.toString());
    expect(sig.keyFingerprint).toBe(key!.fingerprint);
    expect(verified.stdout).toContain(key!.fingerprint.slice(0, 16));
  });

  it('imports: staff upload a picture into the case (sealed with the organisation\'s key); a viewer may not', async () => {
    const png = readFileSync(join(import.meta.dirname, '..', 'assets', 'demo', 'media', 'photo.png'));
    const q = `name=${encodeURIComponent('Screenshot_20261121-093000.png')}&tz=Asia%2FShanghai`;
    const denied = await call(server.base, 'POST', `/api/cases/${caseA}/imports?${q}`, { cookie: s.viewer!.cookie, headers: { 'x-csrf-token': s.viewer!.csrf }, raw: png });
    expect(denied.status).toBe(403);
    const r = await call(server.base, 'POST', `/api/cases/${caseA}/imports?${q}`, { cookie: s.staff!.cookie, headers: { 'x-csrf-token': s.staff!.csrf }, raw: png });
    expect(r.status, r.body.toString()).toBe(201);
    const sig = JSON.parse((await as(server.base, s.viewer!, 'GET', `/api/items/${r.json.item}/files/seal/signature.json`)).body.toString());
    const [key] = await stores.pg.query<{ fingerprint: string }>(stores.db, `select k.fingerprint from org_keys k join orgs o on o.id = k.org_id where o.name = '甲律师事务所'`);
    expect(sig.keyFingerprint).toBe(key!.fingerprint);
    expect((await as(server.base, s.lawyerB!, 'GET', `/api/items/${r.json.item}`)).status).toBe(404);
  });

  it('documents: written on the server, kept in the bucket, downloadable by the case\'s members only', async () => {
    const made = await as(server.base, s.lawyer!, 'POST', `/api/cases/${caseA}/documents`, { kind: 'platform-notice' });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    const pdf = await as(server.base, s.viewer!, 'GET', made.json.pdf);
    expect(pdf.status).toBe(200);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await as(server.base, s.lawyerB!, 'GET', made.json.pdf)).status).toBe(404);
    expect((await as(server.base, s.outsider!, 'GET', made.json.docx)).status).toBe(404);
    const [row] = await stores.pg.query<{ case_id: string; pdf_sha256: string }>(stores.db, 'select case_id, pdf_sha256 from documents where id = $1', [made.json.id]);
    expect(row!.case_id).toBe(caseA);
    expect(fileHashesOf(pdf.body)).toBe(row!.pdf_sha256);
  });

  it('a browser\'s changes need its CSRF token; local-only routes are not offered', async () => {
    const noCsrf = await call(server.base, 'POST', `/api/items/${item}/notes`, { cookie: s.staff!.cookie, json: { text: 'x' } });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.json.code).toBe('E_ORIGIN');
    for (const [method, path] of [['POST', '/api/demo'], ['GET', '/api/backups'], ['GET', '/api/logins'], ['POST', '/api/check']]) {
      expect((await as(server.base, s.owner!, method!, path!)).status, path).toBe(404);
    }
    const doc = (await as(server.base, s.owner!, 'GET', '/api/openapi.json')).json;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/cases/{id}/members']));
    expect(Object.keys(doc.paths)).not.toContain('/api/demo');
  });

  it('API tokens: shown once, scoped to cases, expire, revoked; a user\'s token has the user\'s role', async () => {
    const other = (await as(server.base, s.lawyer!, 'POST', '/api/cases', { title: '另一案' })).json.id;
    const scoped = (await stores.admin(['token', 'add', '--org', '甲律师事务所', '--cases', caseA, '--json'])).json[0];
    expect(scoped.token).toMatch(/^gzt_/);
    expect((await as(server.base, scoped.token, 'GET', '/api/cases')).json.cases.map((c: any) => c.id)).toEqual([caseA]);
    expect((await as(server.base, scoped.token, 'GET', `/api/cases/${other}`)).status).toBe(404);
    const stored = await stores.pg.query<{ sha256: string }>(stores.db, 'select sha256 from api_tokens where id = $1', [scoped.id]);
    expect(stored[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await stores.pg.query(stores.db, 'select * from api_tokens'))).not.toContain(scoped.token);
    const listed = await stores.admin(['token', 'list', '--org', '甲律师事务所']);
    expect(listed.stdout).not.toContain(scoped.token);

    const viewerToken = (await stores.admin(['token', 'add', '--org', '甲律师事务所', '--user', 'viewer@a.test', '--json'])).json[0];
    expect(viewerToken.role).toBe('viewer');
    expect((await as(server.base, viewerToken.token, 'POST', `/api/cases/${caseA}/captures`, { urls: ['https://example.org/'] })).status).toBe(403);
    const foreign = (await stores.admin(['token', 'add', '--org', '乙法律援助中心', '--json'])).json[0];
    expect((await as(server.base, foreign.token, 'GET', `/api/cases/${caseA}`)).status).toBe(404);

    expect((await stores.admin(['token', 'revoke', scoped.id])).code).toBe(0);
    const revoked = await as(server.base, scoped.token, 'GET', '/api/cases');
    expect(revoked.status).toBe(401);
    expect(revoked.json.zh).toContain('吊销');
    const short = (await stores.admin(['token', 'add', '--org', '甲律师事务所', '--expires', '1m', '--json'])).json[0];
    await stores.pg.query(stores.db, `update api_tokens set expires_at = '2000-01-01T00:00:00.000Z' where id = $1`, [short.id]);
    expect((await as(server.base, short.token, 'GET', '/api/cases')).status).toBe(401);
    expect((await as(server.base, 'gzt_not-a-real-token', 'GET', '/api/cases')).status).toBe(401);
  });

  it('sign-in is rate limited: after 5 failures for one e-mail, even the right password waits', async () => {
    for (let i = 0; i < 5; i++) expect((await call(server.base, 'POST', '/api/auth/login', { json: { email: 'owner@a.test', password: `wrong ${i}` } })).status).toBe(401);
    const limited = await call(server.base, 'POST', '/api/auth/login', { json: { email: 'owner@a.test', password: PW } });
    expect(limited.status).toBe(429);
    expect(limited.json).toMatchObject({ code: 'E_RATE_LIMIT', zh: expect.stringContaining('分钟后再试') });
    // Another user is not held up by it; the stored hash is scrypt at OWASP's parameters.
    expect((await call(server.base, 'POST', '/api/auth/login', { json: { email: 'viewer@a.test', password: PW } })).status).toBe(200);
    const [u] = await stores.pg.query<{ password_hash: string }>(stores.db, `select password_hash from users where email = 'owner@a.test'`);
    expect(u!.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
  });

  it('SSRF: no capture reaches an internal address — the page\'s own requests are refused and listed; an internal URL is refused in words', async () => {
    const page = `http://127.0.0.1:${portOf(site)}/post`;
    const started = await as(server.base, s.staff!, 'POST', `/api/cases/${caseA}/captures`, { urls: [page], video: false, comments: 0 });
    const job = await waitJob(server.base, s.staff!, started.json.jobs[0].id);
    expect(job.state, JSON.stringify(job)).toBe('done');
    const refused = job.result.warnings.find((w: any) => w.code === 'W_EGRESS_REFUSED');
    expect(refused.zh).toContain('拒绝了');
    for (const where of [`127.0.0.1:${portOf(secret)}`, `localhost:${portOf(secret)}`, '169.254.169.254:80', '10.0.0.1:80']) expect(refused.detail).toContain(where);
    expect(refused.detail).toContain('metadata');
    expect(secretHits).toBe(0);
    // The server address in the evidence is the one the gate connected to, not the gate's.
    const [net] = await stores.pg.query<{ sha256: string }>(stores.db, `select sha256 from artifacts where item_id = $1 and path = 'network.json'`, [job.item]);
    const network = JSON.parse((await as(server.base, s.staff!, 'GET', `/api/items/${job.item}/files/network.json`)).body.toString());
    expect(net).toBeTruthy();
    expect(JSON.stringify(network)).toContain(`"ipAddress":"127.0.0.1"`);
    // A URL that is itself internal is refused before anything is queued.
    const inside = await as(server.base, s.staff!, 'POST', `/api/cases/${caseA}/captures`, { urls: [`http://127.0.0.1:${portOf(secret)}/`] });
    expect(inside.status).toBe(422);
    expect(inside.json).toMatchObject({ code: 'E_SSRF', zh: expect.stringContaining('内部或保留地址') });
    expect((await as(server.base, s.staff!, 'POST', `/api/cases/${caseA}/captures`, { urls: ['http://169.254.169.254/latest/meta-data/'] })).json.code).toBe('E_SSRF');
    expect(secretHits).toBe(0);
  });

  it('watches: a worker checks the watched post (and captures it, sealed with the organisation\'s key); an internal one is never reached', async () => {
    const viewerCant = await as(server.base, s.viewer!, 'POST', `/api/cases/${caseA}/watches`, { urls: [demo.url] });
    expect(viewerCant.status).toBe(403);
    const added = await as(server.base, s.staff!, 'POST', `/api/cases/${caseA}/watches`, { urls: [`${demo.url}?watch`, `http://localhost:${portOf(secret)}/post`], capture: true });
    expect(added.status, JSON.stringify(added.json)).toBe(201);
    const [post, inside] = added.json.watches;
    const checked = async (id: string) => {
      for (let i = 0; i < 120; i++) {
        const w = (await as(server.base, s.viewer!, 'GET', `/api/cases/${caseA}/watches`)).json.watches.find((x: any) => x.id === id);
        if (w?.lastAt && (id !== post.id || w.captures > 0)) return w;
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error(`watch ${id} was not checked: ${worker.stderr().slice(-1000)} ${worker2.stderr().slice(-1000)}`);
    };
    const w = await checked(post.id);
    expect(w.state).toBe('normal');
    expect(w.captures).toBeGreaterThan(0);
    expect((await as(server.base, s.lawyerB!, 'GET', `/api/watches/${post.id}`)).status).toBe(404);
    const [key] = await stores.pg.query<{ fingerprint: string }>(stores.db, `select k.fingerprint from org_keys k join orgs o on o.id = k.org_id where o.name = '甲律师事务所'`);
    const [captured] = await stores.pg.query<{ id: string }>(stores.db, `select id from items where case_id = $1 and url = $2`, [caseA, `${demo.url}?watch`]);
    const sig = JSON.parse((await as(server.base, s.viewer!, 'GET', `/api/items/${captured!.id}/files/seal/signature.json`)).body.toString());
    expect(sig.keyFingerprint).toBe(key!.fingerprint);
    const i = await checked(inside.id);
    expect(i.state).not.toBe('normal');
    expect(secretHits).toBe(0);
  });

  it('signing out ends the session', async () => {
    const again = await signIn(server.base, 'staff@a.test', PW);
    expect((await as(server.base, again, 'POST', '/api/auth/logout')).status).toBe(200);
    expect((await as(server.base, again, 'GET', '/api/cases')).status).toBe(401);
  });
});
