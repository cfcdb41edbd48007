#!/usr/bin/env node
// bench/app: the local app, measured from outside, each against a reference in the same run.
//   1. start: from spawning `guzheng app` to its first screen painted in Chromium, and to the page ready to use
//                                                                                         target ≤ 1.5 s (painted)
//      reference: a bare Node http server serving the same built UI, rendered the same way
//   2. API with 1,000 items in the vault: p95 of the case list, a case's items, an item page   target ≤ 100 ms
//      reference: GET /api/session on the same server (the guard and Fastify alone)
//   3. the UI's JavaScript transfer size (gzip), as a browser downloads it
// The 1,000 items are SYNTHETIC: one real capture of the demo post, its index rows copied 999 times (same files).
// Usage: npm run bench:app
import { spawn, execFileSync } from 'node:child_process';
import { createServer, request } from 'node:http';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { chromium } from 'playwright-core';
import Database from 'better-sqlite3';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'guzheng.js');
const UI = join(ROOT, 'dist', 'ui');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BROWSER = process.env.GUZHENG_BROWSER ?? ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/google-chrome'].find((p) => { try { execFileSync('test', ['-x', p]); return true; } catch { return false; } });
const work = mkdtempSync(join(tmpdir(), 'guzheng-bench-app-'));
const env = { ...process.env, GUZHENG_HOME: join(work, 'home'), GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_TSA: 'off' };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];

function startApp() {
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'app', '--no-open'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve) => child.stdout.once('data', (d) => resolve({ child, t0, url: String(d).split('\n')[0] })));
}

/** The reference: a plain Node server serving dist/ui (no guard, no vault, no API). */
function startReference() {
  const t0 = performance.now();
  const code = `const http=require('http'),fs=require('fs'),path=require('path');const root=${JSON.stringify(UI)};
http.createServer((q,s)=>{const p=q.url.split('?')[0];const f=path.join(root,p==='/'?'index.html':p);fs.readFile(f,(e,b)=>{if(e){s.writeHead(404);return s.end();}
s.writeHead(200,{'content-type':f.endsWith('.js')?'text/javascript':f.endsWith('.css')?'text/css':'text/html'});s.end(b);});}).listen(0,'127.0.0.1',function(){console.log('http://127.0.0.1:'+this.address().port+'/')});`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve) => child.stdout.once('data', (d) => resolve({ child, t0, url: String(d).trim() })));
}

const browser = await chromium.launch({ executablePath: BROWSER, args: ['--no-sandbox', '--disable-gpu'] });
/**
 * Opens the started server's address in a tab of the running browser. Two moments, from the spawn:
 *   painted: the first screen's "first hour" card is on screen (the browser's largest-contentful-paint entries: the
 *            first whose element is inside that card); index.html carries the start screen rendered at build time;
 *   ready:   the scripts have run and the screen answers (html[data-ui=ready], set by the app once it has hydrated).
 */
async function rendered(start) {
  // The user's browser is already running with a tab open and idle: the tab is opened, and left to settle, before
  // the clock starts (a tab still starting takes the CPU the server needs).
  const page = await browser.newPage();
  await page.waitForTimeout(1000);
  const spawnedAt = Date.now();
  const s = await start();
  await page.goto(s.url);
  await page.waitForSelector('html[data-ui=ready] [data-testid=first-hour]', { state: 'visible' });
  const ready = (performance.now() - s.t0) / 1000;
  const paint = await page.evaluate(() => new Promise((resolve) => {
    new PerformanceObserver((list) => {
      const inCard = list.getEntries().find((e) => e.element?.closest('[data-testid=first-hour]'));
      resolve(inCard ? performance.timeOrigin + (inCard.renderTime || inCard.startTime) : null);
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    setTimeout(() => resolve(null), 1000);
  }));
  await page.close();
  s.child.kill();
  // No paint entry inside the card: count it as painted only when ready.
  return { painted: paint === null ? ready : (paint - spawnedAt) / 1000, ready };
}

// Warm the file cache once, as on any machine after its first start.
await rendered(startApp);
const ours = [];
const ref = [];
for (let i = 0; i < RUNS; i++) {
  ref.push(await rendered(startReference));
  ours.push(await rendered(startApp));
}
const list = (xs, k) => xs.map((x) => x[k].toFixed(2)).join(', ');
const painted = median(ours.map((x) => x.painted));
const ready = median(ours.map((x) => x.ready));
const refPainted = median(ref.map((x) => x.painted));
const refReady = median(ref.map((x) => x.ready));
console.log(`guzheng app benchmark — ${RUNS} runs each, browser ${BROWSER}`);
console.log(`1. start to first screen (median): painted ${painted.toFixed(2)} s [${list(ours, 'painted')}], static server of the same UI ${refPainted.toFixed(2)} s → ratio ${(painted / refPainted).toFixed(2)}× (target ≤ 1.5 s: ${painted <= 1.5 ? 'MET' : 'NOT MET'})`);
console.log(`   ready to use (scripts run): ${ready.toFixed(2)} s [${list(ours, 'ready')}], static server ${refReady.toFixed(2)} s → ratio ${(ready / refReady).toFixed(2)}× (${ready <= 1.5 ? 'also' : 'not'} within 1.5 s)`);

// 2. 1,000 items: one real capture, its rows copied (SYNTHETIC).
execFileSync(process.execPath, [BIN, 'demo', '--no-video', '--json', '--comments', '0'], { env, stdio: 'ignore' });
const db = new Database(join(env.GUZHENG_HOME, 'guzheng.db'));
const item = db.prepare('SELECT * FROM items LIMIT 1').get();
const artifacts = db.prepare('SELECT * FROM artifacts WHERE item_id = ?').all(item.id);
const observations = db.prepare('SELECT * FROM observations WHERE item_id = ?').all(item.id);
const insertItem = db.prepare(`INSERT INTO items (${Object.keys(item).join(',')}) VALUES (${Object.keys(item).map((k) => '@' + k).join(',')})`);
const insertArtifact = db.prepare(`INSERT INTO artifacts (${Object.keys(artifacts[0]).join(',')}) VALUES (${Object.keys(artifacts[0]).map((k) => '@' + k).join(',')})`);
const insertObservation = observations.length ? db.prepare(`INSERT INTO observations (${Object.keys(observations[0]).join(',')}) VALUES (${Object.keys(observations[0]).map((k) => '@' + k).join(',')})`) : null;
db.transaction(() => {
  for (let i = 1; i < 1000; i++) {
    const id = randomUUID();
    insertItem.run({ ...item, id, started_at: new Date(Date.parse(item.started_at) + i * 1000).toISOString() });
    for (const a of artifacts) insertArtifact.run({ ...a, item_id: id });
    for (const o of observations) insertObservation.run({ ...o, id: randomUUID(), item_id: id });
  }
})();
db.close();

const app = await startApp();
const { port } = new URL(app.url);
const token = new URL(app.url).searchParams.get('token');
function timedGet(path) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    request({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - t0) : reject(new Error(`${path}: ${res.statusCode}`))));
    }).on('error', reject).end();
  });
}
const N = Number(process.env.BENCH_REQUESTS ?? 100);
async function series(path) {
  await timedGet(path);
  const xs = [];
  for (let i = 0; i < N; i++) xs.push(await timedGet(path));
  return xs;
}
const reference = await series('/api/session');
const caseId = (await new Promise((resolve) => request({ host: '127.0.0.1', port, path: '/api/cases', headers: { host: `127.0.0.1:${port}`, authorization: `Bearer ${token}` } }, (res) => {
  let b = '';
  res.setEncoding('utf8');
  res.on('data', (d) => (b += d));
  res.on('end', () => resolve(JSON.parse(b).cases[0].id));
}).end()));
const routes = [['the case list', '/api/cases'], ['a case\'s items (1,000)', `/api/cases/${caseId}/items`], ['an item page', `/api/items/${item.id}`]];
console.log(`2. API with 1,000 items in the vault (${N} requests each, one after another): reference GET /api/session p95 ${p95(reference).toFixed(1)} ms`);
for (const [name, path] of routes) {
  const xs = await series(path);
  console.log(`   ${name}: p95 ${p95(xs).toFixed(1)} ms, median ${median(xs).toFixed(1)} ms → ${(p95(xs) / p95(reference)).toFixed(1)}× the reference (target p95 ≤ 100 ms: ${p95(xs) <= 100 ? 'MET' : 'NOT MET'})`);
}
app.child.kill();

// 3. What a browser downloads: the scripts index.html loads, gzip-compressed.
const html = readFileSync(join(UI, 'index.html'), 'utf8');
// The entry script and the modules it preloads: what the first screen downloads (other screens load when opened).
const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const all = readdirSync(join(UI, 'assets')).filter((f) => f.endsWith('.js'));
const allGz = all.reduce((n, f) => n + gzipSync(readFileSync(join(UI, 'assets', f)), { level: 9 }).length, 0);
const raw = scripts.reduce((n, s) => n + readFileSync(join(UI, s)).length, 0);
const gz = scripts.reduce((n, s) => n + gzipSync(readFileSync(join(UI, s)), { level: 9 }).length, 0);
console.log(`3. UI JavaScript for the first screen: ${scripts.length} file(s), ${(raw / 1024).toFixed(0)} KB, ${(gz / 1024).toFixed(0)} KB gzip; all screens: ${all.length} files, ${(allGz / 1024).toFixed(0)} KB gzip (served uncompressed from 127.0.0.1)`);

await browser.close();
rmSync(work, { recursive: true, force: true });
