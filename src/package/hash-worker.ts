/**
 * Hashing a large byte range of a file on another thread, so that two large members (the WARCs, the videos) are
 * hashed at once on two cores. The worker is a small self-contained script (no bundling needed).
 */
import { Worker } from 'node:worker_threads';
import type { EntryDigest } from './reader.js';

const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const { path, start, length, sm3 } = workerData;
const sha = createHash('sha256');
const s = sm3 ? createHash('sm3') : null;
const buf = Buffer.allocUnsafe(4 << 20);
const fd = openSync(path, 'r');
let done = 0;
try {
  while (done < length) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, length - done), start + done);
    if (n === 0) throw new Error('unexpected end of file');
    const chunk = buf.subarray(0, n);
    sha.update(chunk);
    if (s) s.update(chunk);
    done += n;
  }
} finally {
  closeSync(fd);
}
parentPort.postMessage({ sha256: sha.digest('hex'), size: done, sm3: s ? s.digest('hex') : undefined });
`;

export function hashRangeInWorker(path: string, start: number, length: number, sm3: boolean): Promise<EntryDigest> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(SOURCE, { eval: true, workerData: { path, start, length, sm3 } });
    worker.once('message', (m: EntryDigest) => resolve(m.sm3 ? m : { sha256: m.sha256, size: m.size }));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`hash worker exited ${code}`)));
  });
}
