/**
 * The evidence bytes in an S3-compatible bucket: an organisation's server, whose workers on many machines share one
 * bucket. Objects are named by SHA-256 as in the local store (blobs/sha256/ab/cdef…) and never overwritten. Each
 * upload carries Content-MD5, so the service itself refuses bytes that changed on the way. A local folder caches
 * what this machine wrote or read, kept under a size (cache-trim.ts); a copy fetched from the bucket is hashed before it is used. When the service
 * cannot be reached, calls fail with E_STORAGE_UNAVAILABLE, and the work that needed them waits and is retried.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import { GuzhengError } from '../errors.js';
import { BlobStore, type Blobs } from './blobs.js';
import { CacheTrimmer, cacheMaxFromEnv, touch } from './cache-trim.js';
import type { FileDigests } from '../seal/digests.js';
import { blobKey } from './replicas/replica.js';
import { isMissing, keyIn, parseS3Location, s3Client, type S3Location, type S3Sdk } from './s3.js';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN']);

/** True for an error that says the service could not be reached or is failing (to wait and retry), not a refusal. */
export function isUnavailable(err: unknown): boolean {
  const e = err as { code?: string; name?: string; $metadata?: { httpStatusCode?: number }; cause?: unknown };
  if (e.code && NETWORK_CODES.has(e.code)) return true;
  if (e.name === 'TimeoutError' || e.name === 'RequestTimeout' || e.name === 'ServiceUnavailable' || e.name === 'SlowDown') return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  return e.cause ? isUnavailable(e.cause) : false;
}

export class S3BlobStore implements Blobs {
  private readonly where: S3Location;
  private readonly cache: BlobStore;
  private client: Promise<{ s3: S3Client; sdk: S3Sdk }> | null = null;
  /** Blobs known to be in the bucket (written or seen by this process): a second HEAD is not needed. */
  private readonly known = new Set<string>();

  /** Keeps the local cache under GUZHENG_CACHE_MAX_GB: every blob in it is also in the bucket. */
  readonly trimmer: CacheTrimmer;
  readonly trimmed = true;

  constructor(readonly location: string, private readonly endpoint: string | null, private readonly region: string | null, cacheRoot: string, cacheMaxBytes = cacheMaxFromEnv()) {
    this.where = parseS3Location(location);
    this.cache = new BlobStore(cacheRoot);
    // Only a blob the bucket is known or confirmed to hold (same size) leaves the cache.
    this.trimmer = new CacheTrimmer(cacheRoot, cacheMaxBytes, (sha, size) => this.inBucket(sha, size));
  }

  private connect() {
    this.client ??= s3Client(this.endpoint, this.region, { attempts: 2, timeoutMs: 5_000 });
    return this.client;
  }

  private key(sha256: string): string {
    return keyIn(this.where, blobKey(sha256));
  }

  /** Runs one call to the service, turning its failures into errors a user can read. */
  private async call<T>(what: string, fn: (c: { s3: S3Client; sdk: S3Sdk }) => Promise<T>): Promise<T> {
    const c = await this.connect();
    try {
      return await fn(c);
    } catch (err) {
      if (err instanceof GuzhengError || isMissing(err)) throw err;
      if (isUnavailable(err)) {
        throw new GuzhengError('E_STORAGE_UNAVAILABLE', `对象存储暂时无法访问（${this.location}），工作将等待并重试`,
          `The object storage cannot be reached (${this.location}); the work waits and is retried`, `${what}: ${(err as Error).message}`);
      }
      throw new GuzhengError('E_STORE', `对象存储拒绝了请求（${this.location}）`, `The object storage refused the request (${this.location})`, `${what}: ${(err as Error).name}: ${(err as Error).message}`);
    }
  }

  private async remoteSize(sha256: string): Promise<number | null> {
    try {
      return await this.call('HEAD', async ({ s3, sdk }) => (await s3.send(new sdk.HeadObjectCommand({ Bucket: this.where.bucket, Key: this.key(sha256) }))).ContentLength ?? 0);
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async inBucket(sha256: string, size: number): Promise<boolean> {
    return this.known.has(sha256) || (await this.remoteSize(sha256)) === size;
  }

  /** Uploads the cached copy unless the bucket already holds the blob (content-addressed: same name, same bytes). */
  private async upload(d: FileDigests): Promise<void> {
    if (this.known.has(d.sha256)) return;
    const there = await this.remoteSize(d.sha256);
    if (there === null) {
      const file = this.cache.pathOf(d.sha256);
      const md5 = createHash('md5');
      for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) md5.update(chunk as Buffer);
      await this.call('PUT', ({ s3, sdk }) => s3.send(new sdk.PutObjectCommand({
        Bucket: this.where.bucket, Key: this.key(d.sha256), Body: createReadStream(file), ContentLength: d.size, ContentMD5: md5.digest('base64'),
        Metadata: { sha256: d.sha256, sm3: d.sm3 },
      })));
    } else if (there !== d.size) {
      throw new GuzhengError('E_STORE', `对象存储中的证据文件大小不符：${d.sha256}`, `A stored object has the wrong size: ${d.sha256}`, `${there} bytes, expected ${d.size}`);
    }
    this.known.add(d.sha256);
  }

  async put(file: string, expected?: string | FileDigests): Promise<FileDigests> {
    return this.cached(await this.cache.put(file, expected));
  }

  async putBytes(bytes: Uint8Array): Promise<FileDigests> {
    return this.cached(await this.cache.putBytes(bytes));
  }

  /** A blob now in the cache (new, or there already and used again): uploaded, and counted towards a trim. */
  private async cached(d: FileDigests): Promise<FileDigests> {
    await touch(this.cache.pathOf(d.sha256));
    await this.upload(d);
    this.trimmer.note(d.size);
    return d;
  }

  async has(sha256: string): Promise<boolean> {
    return this.known.has(sha256) || (await this.remoteSize(sha256)) !== null;
  }

  /** The cached copy, fetched from the bucket and checked by SHA-256 first when this machine has none. */
  async local(sha256: string): Promise<string> {
    const path = this.cache.pathOf(sha256);
    if (await this.cache.has(sha256)) {
      await touch(path);
      return path;
    }
    const tmp = join(this.cache.root, 'tmp', randomUUID());
    await mkdir(dirname(tmp), { recursive: true });
    try {
      const h = createHash('sha256');
      let size = 0;
      await this.call('GET', async ({ s3, sdk }) => {
        const r = await s3.send(new sdk.GetObjectCommand({ Bucket: this.where.bucket, Key: this.key(sha256) }));
        const body = r.Body as Readable;
        body.on('data', (chunk: Buffer) => {
          h.update(chunk);
          size += chunk.length;
        });
        await pipeline(body, createWriteStream(tmp));
      }).catch((err) => {
        if (isMissing(err)) throw new GuzhengError('E_STORE', `对象存储中缺少证据文件 ${sha256}`, `The object storage has no blob ${sha256}`, this.location);
        throw err;
      });
      const got = h.digest('hex');
      if (got !== sha256) throw new GuzhengError('E_STORE', `对象存储中的证据文件已损坏：${sha256}`, `A blob in the object storage is damaged: ${sha256}`, `reads as ${got}`);
      const placed = await this.cache.place(tmp, sha256);
      this.trimmer.note(size);
      return placed;
    } finally {
      await rm(tmp, { force: true });
    }
  }

  /** Reads the object in the bucket again (not the cache): what `guzheng check` asks of the evidence itself. */
  async rehash(sha256: string, withSm3 = false): Promise<{ sha256: string; size: number; sm3?: string } | null> {
    try {
      return await this.call('GET', async ({ s3, sdk }) => {
        const r = await s3.send(new sdk.GetObjectCommand({ Bucket: this.where.bucket, Key: this.key(sha256) }));
        const h = createHash('sha256');
        const sm3 = withSm3 ? createHash('sm3') : null;
        let size = 0;
        for await (const chunk of r.Body as Readable) {
          h.update(chunk as Buffer);
          sm3?.update(chunk as Buffer);
          size += (chunk as Buffer).length;
        }
        return { sha256: h.digest('hex'), size, ...(sm3 ? { sm3: sm3.digest('hex') } : {}) };
      });
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }
}
