#!/usr/bin/env node
// bench/capture: guzheng capture against a bare `chromium --headless --screenshot`, in one run, on the demo post.
//   1. single cold capture (--no-video) vs one bare screenshot, both starting a fresh process      target: ≤ 3×
//   2. a batch of 20 captures in one guzheng process vs 20 bare screenshots                         target: ≥ 2× faster
//   3. peak memory (PSS of guzheng and all its browser processes) capturing an oversized page       target: ≤ 1 GB
// Usage: npm run bench   (BENCH_RUNS=5 sets the repetitions of part 1)
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'guzheng.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BROWSER = process.env.GUZHENG_BROWSER ?? ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/google-chrome'].find((p) => { try { execFileSync('test', ['-x', p]); return true; } catch { return false; } });

// The demo post, served by `guzheng demo --serve` (byte ranges, as a real site serves video).
const demoServer = spawn(process.execPath, [BIN, 'demo', '--serve'], { stdio: ['ignore', 'pipe', 'ignore'] });
const POST = await new Promise((resolve) => demoServer.stdout.once('data', (d) => resolve(String(d).trim())));
// An oversized page: 40 responses of 8 MB, 320 MB to record.
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  if (path.startsWith('/blob/')) {
    const body = Buffer.alloc(8 * 1024 * 1024, path);
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': body.length });
    return res.end(body);
  }
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><title>big</title>${Array.from({ length: 40 }, (_, i) => `<img src="/blob/${i}" width="8" height="8">`).join('')}`);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const BIG = `http://127.0.0.1:${server.address().port}/big`;
const work = mkdtempSync(join(tmpdir(), 'guzheng-bench-'));
const env = { ...process.env, GUZHENG_HOME: join(work, 'home'), GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_TSA: 'off' };

/** Runs a command; returns wall seconds and, when sampling, the peak PSS (MB) of its whole process tree. */
function run(cmd, args, { sampleMemory = false } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let peak = 0;
    const timer = sampleMemory ? setInterval(() => { peak = Math.max(peak, treePss(child.pid)); }, 100) : null;
    child.on('close', (code) => {
      if (timer) clearInterval(timer);
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (code !== 0 && code !== 3) return reject(new Error(`${cmd} exited ${code}: ${stderr.slice(-500)}`));
      resolve({ seconds, peakMb: peak / 1024, code });
    });
  });
}

function treePss(rootPid) {
  const children = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch { /* gone */ }
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop();
    try {
      const m = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
      total += m ? Number(m[1]) : 0;
    } catch { /* gone */ }
    stack.push(...(children.get(pid) ?? []));
  }
  return total; // kB
}

const bareArgs = (i) => ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--hide-scrollbars', '--window-size=1280,800', `--user-data-dir=${join(work, `bare-profile-${i}`)}`,
  `--screenshot=${join(work, `bare-${i}.png`)}`, POST];
const bare = (i) => run(BROWSER, bareArgs(i));
const ours = (urls) => run(process.execPath, [BIN, 'capture', '--no-video', '--out', join(work, 'out'), ...urls]);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`guzheng capture benchmark — browser ${BROWSER}, ${RUNS} runs, demo post ${POST}`);
await ours([POST]); // first run fills the browser-hash cache, as on any machine after its first capture
await bare('warm');

const single = { ours: [], bare: [] };
for (let i = 0; i < RUNS; i++) {
  single.bare.push((await bare(i)).seconds);
  single.ours.push((await ours([POST])).seconds);
}
const s = { ours: median(single.ours), bare: median(single.bare) };
console.log(`1. single cold capture: guzheng ${s.ours.toFixed(2)} s, bare screenshot ${s.bare.toFixed(2)} s (medians) → ratio ${(s.ours / s.bare).toFixed(2)}× (target ≤ 3×) ${s.ours / s.bare <= 3 ? 'MET' : 'NOT MET'}`);

const batchOurs = (await ours(Array(20).fill(POST))).seconds;
let batchBare = 0;
for (let i = 0; i < 20; i++) batchBare += (await bare(`b${i}`)).seconds;
console.log(`2. batch of 20: guzheng one process ${batchOurs.toFixed(2)} s, 20 bare screenshots ${batchBare.toFixed(2)} s → guzheng is ${(batchBare / batchOurs).toFixed(2)}× faster (target ≥ 2×) ${batchBare / batchOurs >= 2 ? 'MET' : 'NOT MET'}`);

const big = await run(process.execPath, [BIN, 'capture', '--no-video', '--out', join(work, 'out-big'), BIG], { sampleMemory: true });
const bareMem = await run(BROWSER, bareArgs('mem'), { sampleMemory: true });
console.log(`3. oversized page (320 MB of responses): guzheng peak ${big.peakMb.toFixed(0)} MB PSS in ${big.seconds.toFixed(1)} s (exit ${big.code}); bare screenshot of the demo post ${bareMem.peakMb.toFixed(0)} MB → ${big.peakMb <= 1024 ? 'MET' : 'NOT MET'} (target ≤ 1024 MB)`);

server.close();
demoServer.kill();
rmSync(work, { recursive: true, force: true });
