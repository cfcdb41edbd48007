/**
 * The local cache of a bucket-backed vault stays under its size (GUZHENG_CACHE_MAX_GB): the least recently used
 * blobs go, the ones used in the last minutes stay, and a blob that went is fetched from the bucket again, checked,
 * byte for byte the same. Against a real s3rver on 127.0.0.1. The blobs are synthetic random bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3BlobStore } from '../src/vault/s3-blobs.js';
import { CACHE_GRACE_MS, cacheMaxFromEnv, trimCache } from '../src/vault/cache-trim.js';
import { GuzhengError } from '../src/errors.js';
import { startTestS3, type TestS3 } from './fixture-site/s3-server.js';

let s3: TestS3;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  s3 = await startTestS3();
  for (const [k, v] of Object.entries(s3.env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
});

afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await s3?.close();
});

function store(max: number, prefix: string): { blobs: S3BlobStore; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'guzheng-cache-'));
  return { blobs: new S3BlobStore(`s3://${s3.bucket}/${prefix}`, s3.endpoint, 'us-east-1', root, max), root };
}

/** Makes a cached blob look last used `ms` ago. */
function age(path: string, ms: number): void {
  const t = new Date(Date.now() - ms);
  utimesSync(path, t, t);
}

describe('the cache of a bucket-backed vault', () => {
  it('keeps under its size: the least recently used go first, recent ones stay, and what went comes back from the bucket, checked', async () => {
    const { blobs, root } = store(4000, 'lru');
    const data = Array.from({ length: 6 }, () => randomBytes(1000));
    const shas: string[] = [];
    for (const d of data) shas.push((await blobs.putBytes(d)).sha256);
    await blobs.trimmer.idle();
    const paths = shas.map((s) => join(root, 'sha256', s.slice(0, 2), s.slice(2)));
    expect(paths.every((p) => existsSync(p))).toBe(true); // all were used just now: none goes, over the size or not
    // Blob 0 is the oldest; blob 2 was read again recently, so it stays although it was written long ago.
    paths.forEach((p, i) => age(p, CACHE_GRACE_MS + (6 - i) * 60_000));
    expect(await blobs.local(shas[2]!)).toBe(paths[2]);
    const r = await trimCache(root, 4000, Date.now(), (sha, size) => blobs.inBucket(sha, size));
    // 6,000 bytes over a 4,000 limit: down to 80% (3,200) or less, oldest first, skipping the one just read.
    expect(r).toEqual({ removed: 3, freedBytes: 3000, keptBytes: 3000 });
    expect(paths.map((p) => existsSync(p))).toEqual([false, false, true, false, true, true]);
    // Gone from the cache, still in the bucket: read again, hashed, the same bytes.
    const back = await blobs.local(shas[0]!);
    expect(readFileSync(back).equals(data[0]!)).toBe(true);
  });

  it('trims by itself as blobs come in, in the background, and never below what is recent', async () => {
    const { blobs, root } = store(8000, 'auto');
    const shas: string[] = [];
    for (let i = 0; i < 4; i++) shas.push((await blobs.putBytes(randomBytes(2000))).sha256);
    await blobs.trimmer.idle();
    for (const s of shas) age(join(root, 'sha256', s.slice(0, 2), s.slice(2)), CACHE_GRACE_MS + 60_000);
    // Two more blobs (each over an eighth of the limit): a trim runs after each that finds the cache over 8,000 bytes
    // and takes it down to 6,400 or less, old blobs first.
    for (let i = 0; i < 2; i++) {
      shas.push((await blobs.putBytes(randomBytes(2000))).sha256);
      await blobs.trimmer.idle();
    }
    const left = shas.map((s) => existsSync(join(root, 'sha256', s.slice(0, 2), s.slice(2))));
    expect(left.slice(4)).toEqual([true, true]);
    expect(left.slice(0, 4).filter(Boolean).length).toBeLessThanOrEqual(2);
  });

  it('GUZHENG_CACHE_MAX_GB: 10 GB by default, 0 never trims, a wrong value is refused in words', async () => {
    expect(cacheMaxFromEnv({})).toBe(10 * 1024 ** 3);
    expect(cacheMaxFromEnv({ GUZHENG_CACHE_MAX_GB: '0.5' })).toBe(512 * 1024 ** 2);
    expect(cacheMaxFromEnv({ GUZHENG_CACHE_MAX_GB: '0' })).toBe(0);
    const root = mkdtempSync(join(tmpdir(), 'guzheng-cache-'));
    expect(await trimCache(root, 0)).toEqual({ removed: 0, freedBytes: 0, keptBytes: 0 });
  });

  it('never removes a blob the bucket does not hold (a data folder that was the vault itself before --blobs)', async () => {
    const { blobs, root } = store(1000, 'only-here');
    const sha = (await blobs.putBytes(randomBytes(3000))).sha256;
    await blobs.trimmer.idle();
    const path = join(root, 'sha256', sha.slice(0, 2), sha.slice(2));
    age(path, CACHE_GRACE_MS + 60_000);
    expect((await trimCache(root, 1000, Date.now(), async () => false)).removed).toBe(0);
    expect(existsSync(path)).toBe(true);
    expect((await trimCache(root, 1000, Date.now(), (s, n) => blobs.inBucket(s, n))).removed).toBe(1);
    let err: unknown;
    try {
      cacheMaxFromEnv({ GUZHENG_CACHE_MAX_GB: 'lots' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GuzhengError);
    expect((err as GuzhengError).code).toBe('E_USAGE');
    expect((err as GuzhengError).zh).toContain('GUZHENG_CACHE_MAX_GB');
  });
});
