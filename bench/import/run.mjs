#!/usr/bin/env node
// bench/import: guzheng import on the two large inputs the issue names, each beside a reference, in one run.
//   1. a 50,000-message chat export (synthetic WeChatMsg CSV): import time and peak memory (guzheng and the browser
//      that prints the transcript); reference: reading and parsing the same CSV in Python's csv module, to show what
//      share of the time is the work of any importer and what is ours (transcript, sealing)
//   2. a 2 GB video (raw frames in MOV, written by ffmpeg): import time and peak memory (target ≤ 300 MB) against
//      `openssl dgst -sha256` of the same bytes (target: ≥ 50% of its throughput); `openssl dgst -sm3` is printed too,
//      because every import is hashed with SM3 as well and SM3 is several times slower than SHA-256
// Usage: npm run bench:import   (BENCH_VIDEO_SECONDS=25 sets the video's length; 25 s of 1280×720 RGB ≈ 2 GB)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuSince, cpuStat, run } from '../lib/proc.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'guzheng.js');
const SECONDS = Number(process.env.BENCH_VIDEO_SECONDS ?? 25);
const work = mkdtempSync(join(tmpdir(), 'guzheng-bench-import-'));
const env = { ...process.env, GUZHENG_HOME: join(work, 'home'), GUZHENG_NTP: 'off', GUZHENG_PUBLIC_IP_URL: 'off', GUZHENG_TSA: 'off' };
const ours = (file) => run(process.execPath, [BIN, 'import', file, '--json'], { env, sampleMemory: true });

// 1. Chat: 50,000 messages, SYNTHETIC, in the WeChatMsg CSV form (BOM, 12 columns, CRLF).
const csv = join(work, '张三_utf8.csv');
const rows = ['\ufefflocalId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender\r\n'];
let t = 1709601300;
for (let i = 1; i <= 50_000; i++) {
  t += 1 + (i * 7919) % 120;
  const me = i % 2 === 0;
  rows.push(`${i},7,1,0,${me ? 1 : 0},${t},2,"消息 ${i}：${'你说的不是事实，请删除。'.repeat(1 + (i % 4))}",x,${me ? '我,我,wxid_me' : '张三,三哥,wxid_zs'}\r\n`);
}
writeFileSync(csv, rows.join(''));
const py = await run('python3', ['-c', `import csv,sys\nn=0\nwith open(sys.argv[1], encoding='utf-8-sig', newline='') as f:\n  for r in csv.DictReader(f): n+=1\nprint(n)`, csv], { env });
let cpu = cpuStat();
const chat = await ours(csv);
const chatOut = JSON.parse(chat.stdout.split('\n')[0]);
console.log(`1. chat export, 50,000 messages (${(statSync(csv).size / 1e6).toFixed(1)} MB): guzheng import ${chat.seconds.toFixed(1)} s, peak ${chat.peakMb.toFixed(0)} MB PSS (guzheng and the browser printing the transcript), ` +
  `${chatOut.status}, ${chatOut.files.filter((f) => f.role === 'chat.transcript').length} transcript volume(s); ${cpuSince(cpu)}. Reference: Python csv reads it in ${py.seconds.toFixed(2)} s → ${(chat.seconds / py.seconds).toFixed(0)}× (ours also writes messages.json, prints the transcript and seals)`);

// 2. Video: about 2 GB of raw frames, so that writing it is fast and the file is large.
const video = join(work, 'screen-20240305-091500.mov');
execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=s=1280x720:r=30:d=${SECONDS}`, '-c:v', 'rawvideo', '-pix_fmt', 'rgb24', video]);
const size = statSync(video).size;
execFileSync('cat', [video], { stdio: ['ignore', 'ignore', 'ignore'], maxBuffer: 1 }); // warm the page cache for both sides alike
const sha = await run('openssl', ['dgst', '-sha256', video], { env });
const sm3 = await run('openssl', ['dgst', '-sm3', video], { env });
// What keeping a copy costs on this disk at the least: cp and a sync of that file.
const cp = await run('sh', ['-c', 'cp "$1" "$2" && sync "$2" && rm "$2"', 'sh', video, join(work, 'copy.mov')], { env });
cpu = cpuStat();
const vid = await ours(video);
const vidOut = JSON.parse(vid.stdout.split('\n')[0]);
const share = sha.seconds / vid.seconds;
console.log(`2. video ${(size / 2 ** 30).toFixed(2)} GiB: guzheng import ${vid.seconds.toFixed(1)} s (${(size / 2 ** 20 / vid.seconds).toFixed(0)} MiB/s), ${vidOut.status}, peak ${vid.peakMb.toFixed(0)} MB PSS ` +
  `(target ≤ 300 MB: ${vid.peakMb <= 300 ? 'MET' : 'NOT MET'}); ${cpuSince(cpu)}`);
console.log(`   openssl dgst -sha256 ${sha.seconds.toFixed(1)} s (${(size / 2 ** 20 / sha.seconds).toFixed(0)} MiB/s) → guzheng at ${(100 * share).toFixed(0)}% of its throughput (target ≥ 50%: ${share >= 0.5 ? 'MET' : 'NOT MET'}); ` +
  `openssl dgst -sm3 ${sm3.seconds.toFixed(1)} s (${(size / 2 ** 20 / sm3.seconds).toFixed(0)} MiB/s) → guzheng at ${(100 * sm3.seconds / vid.seconds).toFixed(0)}% of that; ` +
  `cp + sync of the file ${cp.seconds.toFixed(1)} s (${(size / 2 ** 20 / cp.seconds).toFixed(0)} MiB/s) → guzheng at ${(100 * cp.seconds / vid.seconds).toFixed(0)}% of that`);

rmSync(work, { recursive: true, force: true });
