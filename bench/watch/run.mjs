#!/usr/bin/env node
/**
 * bench/watch: light checks of many watched posts. A SYNTHETIC platform on 127.0.0.1 serves N post pages (10,000 by
 * default) whose counts change on every visit; `guzheng watch run` checks them for a fixed time with the per-platform
 * gap lowered to 0 (GUZHENG_WATCH_GAP_MS=0: the bench's own setting, never a user's) and no full captures, and we
 * count the checks it recorded. Targets (issue 13): ≥ 10,000 checks per hour on 2 cores, ≤ 600 MB RSS.
 * The reference is a bare Node fetch of the same answers, one after another, in its own process: the ratio is
 * guzheng's CPU per check to fetch's CPU per request (a check also keeps the exchange as WARC records, hashes them
 * with SHA-256 and SM3, stores them, and writes the observations and a hash-chained custody event).
 *
 *   node bench/watch/run.mjs [--posts 10000] [--seconds 120]
 */
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cpuSince, cpuStat, run } from '../lib/proc.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'guzheng.js');
const { values } = parseArgs({ options: { posts: { type: 'string', default: '10000' }, seconds: { type: 'string', default: '120' } } });
const POSTS = Number(values.posts);
const SECONDS = Number(values.seconds);

let visits = 0;
const server = createServer((req, res) => {
  visits++;
  const n = Number(/\/post\/(\d+)/.exec(req.url)?.[1] ?? 0);
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  // SYNTHETIC post page: its counts in the visible text, as a forum or news page shows them.
  res.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>帖子 ${n}</title></head><body><article><h1>示例帖子 ${n}</h1>
<p>这是一条虚构的帖子，用于基准测试。${'正文内容。'.repeat(40)}</p><div class="stats"><span>转发 ${n % 700 + visits % 13}</span> <span>评论 ${n % 90}</span> <span>阅读 ${1000 + visits}</span></div></article></body></html>`);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
const urls = Array.from({ length: POSTS }, (_, i) => `${base}/post/${i}`);

const home = mkdtempSync(join(tmpdir(), 'guzheng-bench-watch-'));
const env = { ...process.env, GUZHENG_HOME: home, GUZHENG_WATCH_GAP_MS: '0', GUZHENG_TSA: 'off' };
/** Runs a Node script file with an exit hook that reports its own CPU time and peak RSS. */
const measured = (args) => ['--import', `data:text/javascript,${encodeURIComponent("import{writeSync}from'node:fs';process.on('exit',()=>{const u=process.resourceUsage();writeSync(2,'\\nRESOURCE '+JSON.stringify({cpuMs:(u.userCPUTime+u.systemCPUTime)/1000,maxRssMb:u.maxRSS/1024})+'\\n')})")}`, ...args];
const resource = (stderr) => JSON.parse(/RESOURCE (.*)/.exec(stderr)[1]);

// The watches: added in batches of 1,000 URLs per command.
const t0 = Date.now();
for (let i = 0; i < POSTS; i += 1000) {
  await run(process.execPath, [BIN, 'watch', 'add', ...urls.slice(i, i + 1000), '--every', '1h', '--no-capture', '--json'], { env });
}
console.log(`${POSTS} watches added in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

// guzheng: checks for a fixed time.
const cpu0 = cpuStat();
const g = await runWithStderr(process.execPath, measured([BIN, 'watch', 'run', '--for', `${SECONDS}s`, '--json']), env);
const cpuG = cpuSince(cpu0);
const checked = g.stdout.split('\n').filter((l) => l.startsWith('{"type":"checked"')).map((l) => Date.parse(JSON.parse(l).at));
const checks = checked.length;
const rg = resource(g.stderr);
// The rate while checks ran: from the first check to the last (the run waits idle once every post is checked).
const busy = checks > 1 ? (checked.at(-1) - checked[0]) / 1000 : g.seconds;
const perHour = (checks / busy) * 3600;

// The reference: the same number of answers fetched one after another with Node's fetch.
const list = join(home, 'urls.json');
writeFileSync(list, JSON.stringify(urls.slice(0, Math.min(checks, POSTS))));
const script = join(home, 'fetch.mjs');
writeFileSync(script, `import { readFileSync } from 'node:fs';
const urls = JSON.parse(readFileSync(${JSON.stringify(list)}, 'utf8'));
for (let i = 0; i < ${checks}; i++) { const r = await fetch(urls[i % urls.length]); await r.arrayBuffer(); }`);
const f = await runWithStderr(process.execPath, measured([script]), env);
const rf = resource(f.stderr);

const cpuPerCheck = rg.cpuMs / checks;
const cpuPerFetch = rf.cpuMs / checks;
console.log(`guzheng watch run: ${checks} checks in ${busy.toFixed(1)} s of checking (${g.seconds.toFixed(0)} s run) = ${Math.round(perHour).toLocaleString('en')} checks/hour (target ≥ 10,000) · peak RSS ${rg.maxRssMb.toFixed(0)} MB (target ≤ 600) · ${cpuG}`);
console.log(`CPU per check: guzheng ${cpuPerCheck.toFixed(2)} ms · bare fetch ${cpuPerFetch.toFixed(2)} ms (${checks} requests in ${f.seconds.toFixed(1)} s, peak RSS ${rf.maxRssMb.toFixed(0)} MB)`);
console.log(`ratio (guzheng CPU per check / fetch CPU per request): ${(cpuPerCheck / cpuPerFetch).toFixed(1)}×`);
console.log(`ratio (checks per hour / target): ${(perHour / 10000).toFixed(1)}× · RSS ${rg.maxRssMb <= 600 ? 'within' : 'OVER'} 600 MB`);
server.close();
rmSync(home, { recursive: true, force: true });

async function runWithStderr(cmd, args, env) {
  const { spawn } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ seconds: Number(process.hrtime.bigint() - t) / 1e9, stderr, stdout: Buffer.concat(out).toString('utf8') }) : reject(new Error(`${cmd} exited ${code}: ${stderr.slice(-400)}`))));
  });
}
