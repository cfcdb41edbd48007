#!/usr/bin/env node
// bench/capture: guzheng capture against a bare `chromium --headless --screenshot`, in one run, on the demo post.
// Run it as a user of the README has it: after `bash scripts/setup.sh --test`, so Tesseract (OCR) is installed.
//   1. single cold capture (--no-video) vs one bare screenshot, both a fresh process, interleaved pairs, medians
//                                                                                         target: ≤ 3× (goal 2×)
//   2. a batch of 10 captures in one guzheng process vs 10 bare screenshots one after another
//                                                                    target: ≥ 1.0× the bare speed (goal 2×)
//   3. peak memory (PSS of guzheng and all its browser processes) capturing an oversized page  target: ≤ 1 GB
// System-wide CPU (from /proc/stat) is printed for each part: on 2 cores, what else runs counts.
// Usage: npm run bench   (BENCH_RUNS=3 sets the pairs of part 1; BENCH_BATCH=10 the size of part 2)
import { spawn, execFileSync } from 'node:child_process';
import { cpuSince, cpuStat, median, run } from '../lib/proc.mjs';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'guzheng.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BATCH = Number(process.env.BENCH_BATCH ?? 10);
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

const bareArgs = (i) => ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--hide-scrollbars', '--window-size=1280,800', `--user-data-dir=${join(work, `bare-profile-${i}`)}`,
  `--screenshot=${join(work, `bare-${i}.png`)}`, POST];
const bare = (i) => run(BROWSER, bareArgs(i), { env });

const ours = (urls) => run(process.execPath, [BIN, 'capture', '--no-video', '--out', join(work, 'out'), ...urls], { env });

console.log(`guzheng capture benchmark — browser ${BROWSER}, ${RUNS} runs, demo post ${POST}`);
await ours([POST]); // first run fills the browser-hash cache, as on any machine after its first capture
await bare('warm');

const single = { ours: [], bare: [] };
let cpu = cpuStat();
for (let i = 0; i < RUNS; i++) {
  single.bare.push((await bare(i)).seconds);
  single.ours.push((await ours([POST])).seconds);
}
const s = { ours: median(single.ours), bare: median(single.bare) };
const r1 = s.ours / s.bare;
console.log(`1. single cold capture (${RUNS} interleaved pairs): guzheng ${s.ours.toFixed(2)} s [${single.ours.map((x) => x.toFixed(2)).join(', ')}], bare screenshot ${s.bare.toFixed(2)} s [${single.bare.map((x) => x.toFixed(2)).join(', ')}] (medians) → ratio ${r1.toFixed(2)}× (target ≤ 3×: ${r1 <= 3 ? 'MET' : 'NOT MET'}; goal 2×: ${r1 <= 2 ? 'met' : 'not met'}); ${cpuSince(cpu)}`);

cpu = cpuStat();
const batchOurs = (await ours(Array(BATCH).fill(POST))).seconds;
const cpuOurs = cpuSince(cpu);
cpu = cpuStat();
let batchBare = 0;
for (let i = 0; i < BATCH; i++) batchBare += (await bare(`b${i}`)).seconds;
const r2 = batchBare / batchOurs;
console.log(`2. batch of ${BATCH}: guzheng one process ${batchOurs.toFixed(2)} s (${cpuOurs}), ${BATCH} bare screenshots ${batchBare.toFixed(2)} s (${cpuSince(cpu)}) → guzheng at ${r2.toFixed(2)}× the bare speed (target ≥ 1.0×: ${r2 >= 1 ? 'MET' : 'NOT MET'}; goal 2×: ${r2 >= 2 ? 'met' : 'not met'})`);

const big = await run(process.execPath, [BIN, 'capture', '--no-video', '--out', join(work, 'out-big'), BIG], { env, sampleMemory: true });
const bareMem = await run(BROWSER, bareArgs('mem'), { env, sampleMemory: true });
console.log(`3. oversized page (320 MB of responses): guzheng peak ${big.peakMb.toFixed(0)} MB PSS in ${big.seconds.toFixed(1)} s (exit ${big.code}); bare screenshot of the demo post ${bareMem.peakMb.toFixed(0)} MB → ${big.peakMb <= 1024 ? 'MET' : 'NOT MET'} (target ≤ 1024 MB)`);

server.close();
demoServer.kill();
rmSync(work, { recursive: true, force: true });
