#!/usr/bin/env node
// bench/server: the organisation server's queue against a local `guzheng capture` batch of the same size, in one run.
//   N captures of the demo post (distinct query strings, so none is de-duplicated) submitted in one API call, done by
//   1 and then 2 worker processes (one capture at a time each), against `guzheng capture --concurrency 1` and then
//   `--concurrency 2` of the same N URLs on this machine. Printed: throughput, queue latency (p50/p95: from queued to
//   started) and the overhead per job (server wall time / local wall time; goal ≤ 1.1×).
// Everything runs on 127.0.0.1: a PostgreSQL cluster made for the run, s3rver, the demo post; TSAs off on both sides.
// Run it as a user of the README has it: after `bash scripts/setup.sh --test` (PostgreSQL, Tesseract installed).
// Usage: npm run bench:server   (BENCH_N=100 sets N)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { busyShare, cpuSince, cpuStat, run, treeCpu } from '../lib/proc.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'guzheng.js');
const N = Number(process.env.BENCH_N ?? 100);
const work = mkdtempSync(join(tmpdir(), 'guzheng-bench-server-'));
const children = [];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const freePort = () => new Promise((r) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => r(p)); }); });

// PostgreSQL for the run (as root, Debian's server runs as the postgres account).
const pgBin = readdirSync('/usr/lib/postgresql').map((v) => join('/usr/lib/postgresql', v, 'bin')).find((d) => existsSync(join(d, 'initdb')));
if (!pgBin) throw new Error('PostgreSQL not found: run bash scripts/setup.sh --test');
const pgDir = join(work, 'pg');
mkdirSync(join(pgDir, 'data'), { recursive: true });
mkdirSync(join(pgDir, 'sock'));
const asRoot = process.getuid() === 0;
if (asRoot) {
  const [uid, gid] = ['-u', '-g'].map((f) => Number(execFileSync('id', [f, 'postgres']).toString()));
  for (const p of [work, pgDir, join(pgDir, 'data'), join(pgDir, 'sock')]) chownSync(p, uid, gid);
}
chmodSync(join(pgDir, 'data'), 0o700);
const pg = (cmd, args) => {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(pgBin, cmd), ...args]] : [join(pgBin, cmd), args];
  const r = spawnSync(file, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd}: ${r.stderr}`);
};
const pgPort = await freePort();
pg('initdb', ['-D', join(pgDir, 'data'), '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
pg('pg_ctl', ['-D', join(pgDir, 'data'), '-l', join(pgDir, 'log'), '-o', `-p ${pgPort} -c listen_addresses=127.0.0.1 -k ${join(pgDir, 'sock')} -c max_connections=200`, '-w', 'start']);
const { default: pgClient } = await import('pg');
const sql = async (text, values) => {
  const c = new pgClient.Client({ connectionString: DB });
  await c.connect();
  try { return (await c.query(text, values)).rows; } finally { await c.end(); }
};
const DB = `postgres://postgres@127.0.0.1:${pgPort}/postgres`;

// s3rver, the demo post.
const { default: S3rver } = await import('s3rver');
const s3 = new S3rver({ address: '127.0.0.1', port: 0, directory: join(work, 's3'), silent: true, configureBuckets: [{ name: 'evidence' }] });
const { port: s3Port } = await s3.run();
const demo = spawn(process.execPath, [BIN, 'demo', '--serve'], { stdio: ['ignore', 'pipe', 'ignore'] });
children.push(demo);
const POST = await new Promise((resolve) => demo.stdout.once('data', (d) => resolve(String(d).trim())));
const urls = Array.from({ length: N }, (_, i) => `${POST}?n=${i}`);

const base = { ...process.env, GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_TSA: 'off' };
const serverEnv = { ...base, GUZHENG_DB: DB, GUZHENG_BLOBS: 's3://evidence/bench', GUZHENG_S3_ENDPOINT: `http://127.0.0.1:${s3Port}`, AWS_ACCESS_KEY_ID: 'S3RVER',
  AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1', GUZHENG_KEY_SECRET: 'bench secret of the org keys', GUZHENG_SSRF_ALLOW: `127.0.0.1:${new URL(POST).port}` };
const admin = (args) => run(process.execPath, [BIN, 'admin', ...args, '--json'], { env: { ...serverEnv, GUZHENG_HOME: join(work, 'admin') } });
await admin(['org', 'add', 'bench']);
await admin(['user', 'add', 'lawyer@bench.test', '--org', 'bench', '--role', 'lawyer']);
const token = JSON.parse((await admin(['token', 'add', '--org', 'bench', '--user', 'lawyer@bench.test'])).stdout).token;

function startFirstLine(args, env) {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => { out += d; if (out.includes('\n')) resolve({ child, line: out.split('\n')[0] }); });
    child.on('exit', (code) => reject(new Error(`${args[0]} exited ${code}`)));
  });
}
const serve = await startFirstLine(['serve', '--listen', '127.0.0.1:0'], { ...serverEnv, GUZHENG_HOME: join(work, 'serve') });
const API = serve.line.replace(/\/$/, '');
const api = async (method, path, body) => {
  const r = await fetch(`${API}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  return r.json();
};

/** CPU seconds used so far by the PostgreSQL processes (all of the cluster's) and by this process (s3rver runs in it). */
function storeCpu() {
  const tick = 100;
  let pgTicks = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      if (!cmd.startsWith('postgres') && !cmd.includes(join(pgBin, 'postgres'))) continue;
      const f = stat.split(') ')[1].split(' ');
      pgTicks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    } catch { /* gone */ }
  }
  const own = process.cpuUsage();
  return { pg: pgTicks / tick, s3: (own.user + own.system) / 1e6 };
}

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };

async function serverRun(workers) {
  const kase = await api('POST', '/api/cases', { title: `bench ${workers} worker(s)` });
  const procs = [];
  for (let i = 0; i < workers; i++) procs.push(await startFirstLine(['worker', '--concurrency', '1'], { ...serverEnv, GUZHENG_HOME: join(work, `worker-${workers}-${i}`) }));
  // Warm: each worker starts its browser on its first job; one warm-up job per worker, not counted.
  const warm = await api('POST', `/api/cases/${kase.id}/captures`, { urls: procs.map((_, i) => `${POST}?warm=${workers}-${i}`), video: false, comments: 20 });
  for (const j of warm.jobs) while ((await api('GET', `/api/jobs/${j.id}`)).state !== 'done') await sleep(200);
  const cpu = cpuStat();
  const stores0 = storeCpu();
  const parts0 = { workers: procs.map((p) => treeCpu(p.child.pid)), serve: treeCpu(serve.child.pid) };
  const t0 = Date.now();
  const { jobs } = await api('POST', `/api/cases/${kase.id}/captures`, { urls, video: false, comments: 20 });
  let left = new Set(jobs.map((j) => j.id));
  while (left.size) {
    await sleep(500);
    const rows = await sql(`select id, state from jobs where id = any($1)`, [[...left]]);
    for (const r of rows) if (r.state === 'done' || r.state === 'failed') left.delete(r.id);
  }
  const seconds = (Date.now() - t0) / 1000;
  const cpuText = cpuSince(cpu);
  const busyCpu = busyShare(cpu) * availableParallelism() * seconds;
  const stores1 = storeCpu();
  const storesCpu = { pg: stores1.pg - stores0.pg, s3: stores1.s3 - stores0.s3 };
  // Each worker with its browsers, and serve: CPU seconds during the run.
  const partsCpu = { workers: procs.map((p, i) => treeCpu(p.child.pid) - parts0.workers[i]), serve: treeCpu(serve.child.pid) - parts0.serve };
  const lat = (await sql(`select extract(epoch from (started_on - created_on)) as s from guzheng_queue.job where id = any($1::uuid[])
    union all select extract(epoch from (started_on - created_on)) from guzheng_queue.archive where id = any($1::uuid[])`, [jobs.map((j) => j.id)])).map((r) => Number(r.s));
  const failed = (await sql(`select count(*)::int as n from jobs where id = any($1) and state <> 'done'`, [jobs.map((j) => j.id)]))[0].n;
  for (const p of procs) p.child.kill('SIGTERM');
  await Promise.all(procs.map((p) => new Promise((r) => (p.child.exitCode !== null ? r() : p.child.once('exit', r)))));
  return { seconds, p50: pct(lat, 50), p95: pct(lat, 95), failed, cpuText, busyCpu, storesCpu, partsCpu };
}

async function localRun(concurrency) {
  const env = { ...base, GUZHENG_HOME: join(work, `local-${concurrency}`) };
  await run(process.execPath, [BIN, 'capture', '--no-video', '--concurrency', '1', `${POST}?warm-local=${concurrency}`], { env });
  const cpu = cpuStat();
  const r = await run(process.execPath, [BIN, 'capture', '--no-video', '--concurrency', String(concurrency), ...urls.map((u) => `${u}&local=${concurrency}`)], { env });
  return { seconds: r.seconds, cpuText: cpuSince(cpu), busyCpu: busyShare(cpu) * availableParallelism() * r.seconds };
}

console.log(`guzheng server benchmark — ${N} captures of the demo post ${POST}; PostgreSQL 127.0.0.1:${pgPort}, s3rver 127.0.0.1:${s3Port}`);
for (const k of [1, 2]) {
  const local = await localRun(k);
  const server = await serverRun(k);
  const ratio = server.seconds / local.seconds;
  console.log(`${k} worker process${k > 1 ? 'es' : ''} vs guzheng capture --concurrency ${k}:`);
  console.log(`  server: ${server.seconds.toFixed(1)} s for ${N} (${(N / server.seconds * 60).toFixed(1)} captures/min, ${server.failed} not done), queue latency p50 ${server.p50.toFixed(1)} s, p95 ${server.p95.toFixed(1)} s; ${server.cpuText}`);
  console.log(`  local batch: ${local.seconds.toFixed(1)} s (${(N / local.seconds * 60).toFixed(1)} captures/min); ${local.cpuText}`);
  console.log(`  overhead per job: ${(((server.seconds - local.seconds) / N) * 1000).toFixed(0)} ms → ratio ${ratio.toFixed(2)}× (goal ≤ 1.1×: ${ratio <= 1.1 ? 'MET' : 'NOT MET'})`);
  const perJob = (s) => `${((s / N) * 1000).toFixed(0)} ms`;
  const workersCpu = server.partsCpu.workers.reduce((a, b) => a + b, 0);
  // The machine's busy time (every process: a browser's ended renderers too) compares the two; the parts name the server's.
  console.log(`  CPU a job (the machine's busy core time / ${N}): server ${perJob(server.busyCpu)}, local batch ${perJob(local.busyCpu)}; the server's parts: worker processes with their browsers ${perJob(workersCpu)}, serve ${perJob(server.partsCpu.serve)}, PostgreSQL ${perJob(server.storesCpu.pg)}, s3rver ${perJob(server.storesCpu.s3)}`);
  console.log(`  CPU of the stores on this machine during the server run: PostgreSQL ${server.storesCpu.pg.toFixed(1)} s, s3rver (and this bench process) ${server.storesCpu.s3.toFixed(1)} s — ${(((server.storesCpu.pg + server.storesCpu.s3) / N) * 1000).toFixed(0)} ms a job that a deployment's own database and bucket machines would carry`);
}

serve.child.kill('SIGTERM');
for (const c of children) c.kill('SIGTERM');
await sleep(1000);
await s3.close();
pg('pg_ctl', ['-D', join(pgDir, 'data'), '-m', 'fast', '-w', 'stop']);
rmSync(work, { recursive: true, force: true });
