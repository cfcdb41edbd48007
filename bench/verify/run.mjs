#!/usr/bin/env node
// bench/verify: guzheng verify of a ~1 GB exported package against `openssl dgst -sha256` of the same bytes, in one
// run. Target: the default verify at ≥ 70% of openssl's SHA-256 throughput. SM3 (--sm3) is timed and printed too.
// The package: two captures of a page with large media (random bytes, so nothing compresses), exported as one case.
// Usage: npm run bench:verify   (BENCH_MB sets the size of each captured page, default 480; BENCH_KEEP=1 keeps the files)
import { run as runCommand } from '../lib/proc.mjs';
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'guzheng.js');
const MB = Number(process.env.BENCH_MB ?? 480);
const PIECE = 8 * 1024 * 1024;
const pieces = Math.ceil((MB * 1024 * 1024) / PIECE);
const noise = randomBytes(PIECE);

const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  const m = /^\/media\/(\d+)$/.exec(path);
  if (m) {
    const body = Buffer.from(noise);
    body.writeUInt32BE(Number(m[1]), 0); // each piece distinct
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': body.length });
    return res.end(body);
  }
  const page = Number(new URL(req.url, 'http://x').searchParams.get('p') ?? 0);
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><title>large media ${page}</title>${Array.from({ length: pieces }, (_, i) => `<img src="/media/${page * 1000 + i}" width="8" height="8">`).join('')}`);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/page`;
const work = mkdtempSync(join(tmpdir(), 'guzheng-bench-verify-'));
const env = { ...process.env, GUZHENG_HOME: join(work, 'home'), GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_TSA: 'off' };

const run = (cmd, args) => runCommand(cmd, args, { env });

try {
  process.stderr.write(`capturing 2 pages of ${MB} MB…\n`);
  const caseId = JSON.parse((await run(process.execPath, [BIN, 'case', 'new', 'bench', '--json'])).stdout).case;
  for (const p of [0, 1]) {
    const c = await run(process.execPath, [BIN, 'capture', `${base}?p=${p}`, '--case', caseId, '--max-size', String(MB * 2), '--timeout', '300', '--json']);
    const status = JSON.parse(c.stdout.split('\n').find((l) => l.startsWith('{'))).status;
    process.stderr.write(`capture ${p}: ${status} in ${c.seconds.toFixed(0)} s\n`);
    if (status !== 'COMPLETE') throw new Error(`capture ${p} was ${status}: the package would not be the size it should`);
  }
  const pkg = join(work, 'bench.wacz');
  await run(process.execPath, [BIN, 'export', caseId, '--out', pkg]);
  const bytes = statSync(pkg).size;
  const gb = bytes / 1e9;
  process.stderr.write(`package: ${(bytes / 1024 / 1024).toFixed(0)} MB\n`);
  // Warm the page cache for both, then alternate, best of 3 each.
  await run('openssl', ['dgst', '-sha256', pkg]);
  const times = { openssl: [], verify: [], sm3: [] };
  for (let i = 0; i < 3; i++) {
    times.openssl.push((await run('openssl', ['dgst', '-sha256', pkg])).seconds);
    const v = await run(process.execPath, [BIN, 'verify', pkg, '--json']);
    if (!JSON.parse(v.stdout).valid) throw new Error('the package did not verify');
    times.verify.push(v.seconds);
  }
  times.sm3.push((await run(process.execPath, [BIN, 'verify', pkg, '--json', '--sm3'])).seconds);
  const best = (a) => Math.min(...a);
  const ratio = best(times.openssl) / best(times.verify);
  const line = (name, s) => `  ${name.padEnd(28)} ${s.toFixed(2)} s   ${(gb / s).toFixed(2)} GB/s`;
  console.log(`bench/verify — package of ${(bytes / 1024 / 1024).toFixed(0)} MB (best of 3)`);
  console.log(line('openssl dgst -sha256', best(times.openssl)));
  console.log(line('guzheng verify', best(times.verify)));
  console.log(line('guzheng verify --sm3', best(times.sm3)));
  console.log(`  verify throughput / openssl SHA-256: ${(ratio * 100).toFixed(0)}%   (target ≥ 70%: ${ratio >= 0.7 ? 'met' : 'NOT met'})`);
  console.log(`  SM3 is checked on request only (--sm3): it runs at about ${((best(times.verify) / best(times.sm3)) * 100).toFixed(0)}% of the default verify's speed here.`);
} finally {
  server.close();
  if (process.env.BENCH_KEEP) process.stderr.write(`kept: ${work}\n`);
  else rmSync(work, { recursive: true, force: true });
}
