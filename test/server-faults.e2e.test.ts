/**
 * The organisation server's faults (issue 15), each on real parts: workers killed with SIGKILL in the middle of a
 * capture, PostgreSQL restarted under load, the bucket unreachable, 200 API calls at once while captures run; and
 * the queue's de-duplication and its order between organisations. Nothing may be lost, and no evidence made twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../src/demo/server.js';
import { startTestTsa, type TestTsa } from './fixture-site/tsa-server.js';
import { call } from './app-tools.js';
import { as, startServeProcess, startStores, startWorkerProcess, waitJob, type ServerProcess, type TestStores, type WorkerProcess } from './server-tools.js';

let stores: TestStores;
let server: ServerProcess;
let demo: DemoServer;
let tsa: TestTsa;
let token = '';
let caseId = '';
const workers: WorkerProcess[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const capture = async (urls: string[]) => {
  const r = await as(server.base, token, 'POST', `/api/cases/${caseId}/captures`, { urls, video: false, comments: 0 });
  expect(r.status, JSON.stringify(r.json)).toBe(202);
  return r.json.jobs as { id: string; url: string }[];
};
const jobRow = async (id: string) => (await stores.pg.query<any>(stores.db, 'select * from jobs where id = $1', [id]))[0];
async function until<T>(what: string, fn: () => Promise<T | undefined | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  [tsa, demo] = await Promise.all([startTestTsa('Faults TSA'), startDemoServer()]);
  // Short expiry and maintenance, so that a job whose worker died is given again within seconds.
  stores = await startStores({ GUZHENG_TSA: tsa.url, GUZHENG_TSA_CA: tsa.caPath, GUZHENG_JOB_EXPIRE_SECONDS: '20', GUZHENG_QUEUE_MAINTENANCE_SECONDS: '2', GUZHENG_JOB_RETRY_DELAY: '1', GUZHENG_SSRF_ALLOW: '127.0.0.1/32' });
  await stores.admin(['org', 'add', '甲']);
  await stores.admin(['org', 'add', '乙']);
  await stores.admin(['user', 'add', 'lawyer@a.test', '--org', '甲', '--role', 'lawyer']);
  token = (await stores.admin(['token', 'add', '--org', '甲', '--user', 'lawyer@a.test', '--json'])).json[0].token;
  server = await startServeProcess(stores.env);
  caseId = (await as(server.base, token, 'POST', '/api/cases', { title: '故障测试' })).json.id;
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await server?.stop();
  await stores?.close();
  await Promise.all([tsa?.close(), demo?.close()]);
});

describe('faults the server survives', () => {
  it('the queue: the same URL in a case is queued once; an organisation\'s batch does not go before another\'s single capture', async () => {
    // No worker runs yet: everything waits in the queue.
    const url = `${demo.url}?dedupe`;
    const [a, b] = await Promise.all([capture([url]), capture([url])]);
    expect(a![0]!.id).toBe(b![0]!.id);
    const batchCase = (await as(server.base, token, 'POST', '/api/cases', { title: '批量' })).json.id;
    const batch = (await as(server.base, token, 'POST', `/api/cases/${batchCase}/captures`, { urls: Array.from({ length: 12 }, (_, i) => `${demo.url}?batch=${i}`), video: false })).json.jobs;
    await stores.admin(['user', 'add', 'lawyer@b.test', '--org', '乙', '--role', 'lawyer']);
    const tokenB = (await stores.admin(['token', 'add', '--org', '乙', '--user', 'lawyer@b.test', '--json'])).json[0].token;
    const caseB = (await as(server.base, tokenB, 'POST', '/api/cases', { title: '乙的案件' })).json.id;
    const batchB = (await as(server.base, tokenB, 'POST', `/api/cases/${caseB}/captures`, { urls: Array.from({ length: 6 }, (_, i) => `${demo.url}?b=${i}`), video: false })).json.jobs;
    const single = (await as(server.base, tokenB, 'POST', `/api/cases/${caseB}/captures`, { urls: [`${demo.url}?single`], video: false })).json.jobs[0];
    // The order the queue gives them out in (pg-boss takes the highest priority, then the oldest).
    const order = (await stores.pg.query<{ job: string }>(stores.db,
      `select data->>'job' as job from guzheng_queue.job where name = 'guzheng-capture' and state = 'created' order by priority desc, created_on, id`)).map((r) => r.job);
    const pos = (id: string) => order.indexOf(id);
    expect(pos(single.id)).toBeLessThan(pos(batch[0].id));
    // Both organisations' batches are taken in turn: B's first batch job comes before A's second.
    expect(pos(batchB[0].id)).toBeLessThan(pos(batch[1].id));
    expect(pos(batchB[5].id)).toBeLessThan(pos(batch[7].id));
    // Clear the batches: they are not what the next tests are about.
    await stores.pg.query(stores.db, `update jobs set state = 'failed' where case_id in ($1, $2)`, [batchCase, caseB]);
  });

  it('kill -9 of a worker in the middle of a capture: another worker does the job, and exactly one item is committed', async () => {
    workers.push(await startWorkerProcess(stores.env));
    const [job] = await capture([`${demo.url}?kill`]);
    const first = workers[0]!;
    await until('the capture to start', async () => {
      const r = await jobRow(job!.id);
      return r.state === 'running' && r.worker === first.name && JSON.parse(r.steps).length > 0;
    });
    first.child.kill('SIGKILL');
    await first.stop();
    workers.push(await startWorkerProcess(stores.env));
    const done = await waitJob(server.base, token, job!.id, 120_000);
    expect(done).toMatchObject({ state: 'done', result: { status: 'COMPLETE' } });
    const row = await jobRow(job!.id);
    expect(row.attempts).toBeGreaterThanOrEqual(2);
    expect(row.worker).toBe(workers[1]!.name);
    const items = await stores.pg.query<{ id: string; status: string }>(stores.db, `select id, status from items where case_id = $1 and url = $2`, [caseId, `${demo.url}?kill`]);
    expect(items).toEqual([{ id: row.item_id, status: 'COMPLETE' }]);
    const created = await stores.pg.query(stores.db, `select count(*)::int as n from custody where stream = $1 and type = 'created'`, [row.item_id]);
    expect(created).toEqual([{ n: 1 }]);
  });

  it('the bucket unreachable: the capture waits "awaiting storage" and is stored when the bucket returns', async () => {
    await stores.s3.stop();
    const [job] = await capture([`${demo.url}?s3`]);
    await until('awaiting-storage', async () => (await as(server.base, token, 'GET', `/api/jobs/${job!.id}`)).json.state === 'awaiting-storage');
    const waiting = (await as(server.base, token, 'GET', `/api/jobs/${job!.id}`)).json;
    expect(waiting.error).toMatchObject({ code: 'E_STORAGE_UNAVAILABLE', zh: expect.stringContaining('等待保存') });
    await sleep(2000);
    await stores.s3.start();
    const done = await waitJob(server.base, token, job!.id, 60_000);
    expect(done).toMatchObject({ state: 'done', result: { status: 'COMPLETE' } });
    const row = await jobRow(job!.id);
    const files = await stores.pg.query<{ n: number }>(stores.db, 'select count(*)::int as n from artifacts where item_id = $1', [row.item_id]);
    expect(files[0]!.n).toBeGreaterThan(10);
  });

  it('PostgreSQL restarted under load: workers and the API reconnect, and no job is lost', async () => {
    const jobs = await capture([1, 2, 3].map((i) => `${demo.url}?pg=${i}`));
    await until('a capture to run', async () => (await jobRow(jobs[0]!.id)).state === 'running');
    stores.pg.restart();
    // The API answers again (its pool reconnects).
    await until('the API after the restart', async () => (await as(server.base, token, 'GET', '/api/cases')).status === 200, 30_000);
    for (const j of jobs) expect(await waitJob(server.base, token, j.id, 120_000), j.url).toMatchObject({ state: 'done' });
    const items = await stores.pg.query<{ url: string }>(stores.db, `select url from items where case_id = $1 and url like '%?pg=%' order by url`, [caseId]);
    expect(items.map((i) => i.url)).toEqual(jobs.map((j) => j.url).sort());
  });

  it('200 API requests at once while captures run: every one is answered correctly', async () => {
    const jobs = await capture([1, 2].map((i) => `${demo.url}?busy=${i}`));
    const [item] = await stores.pg.query<{ id: string }>(stores.db, `select id from items where case_id = $1 and status = 'COMPLETE' limit 1`, [caseId]);
    const asks = Array.from({ length: 200 }, (_, i) => {
      switch (i % 4) {
        case 0: return as(server.base, token, 'GET', '/api/cases').then((r) => r.status === 200 && r.json.cases.some((c: any) => c.id === caseId));
        case 1: return as(server.base, token, 'GET', `/api/cases/${caseId}/items`).then((r) => r.status === 200 && r.json.items.some((x: any) => x.id === item!.id));
        case 2: return as(server.base, token, 'GET', `/api/jobs/${jobs[i % 2]!.id}`).then((r) => r.status === 200 && r.json.id === jobs[i % 2]!.id);
        default: return call(server.base, 'GET', `/api/items/${item!.id}`, { token }).then((r) => r.status === 200 && r.json.id === item!.id);
      }
    });
    const answers = await Promise.all(asks);
    expect(answers.filter((ok) => !ok).length).toBe(0);
    for (const j of jobs) expect(await waitJob(server.base, token, j.id, 120_000)).toMatchObject({ state: 'done' });
  });
});
