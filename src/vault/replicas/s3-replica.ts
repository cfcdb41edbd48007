/**
 * A copy in an S3-compatible bucket (Aliyun OSS, Tencent COS, MinIO, AWS…), through @aws-sdk/client-s3. The endpoint
 * is stored with the replica; credentials come only from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)
 * or the SDK's usual files, and are never written anywhere by guzheng. Each object is read back and hashed after
 * it is written.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import { GuzhengError } from '../../errors.js';
import { INDEX_KEY, blobKey, type Replica } from './replica.js';

export class S3Replica implements Replica {
  private readonly bucket: string;
  private readonly prefix: string;
  private client: Promise<{ s3: S3Client; sdk: typeof import('@aws-sdk/client-s3') }> | null = null;

  constructor(readonly location: string, private readonly endpoint: string | null, private readonly region: string | null) {
    const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(location);
    if (!m) throw new GuzhengError('E_USAGE', `不是有效的 S3 位置：${location}（应为 s3://存储桶/前缀）`, `Not a valid S3 location: ${location} (expected s3://bucket/prefix)`);
    this.bucket = m[1]!;
    this.prefix = (m[2] ?? '').replace(/\/+$/, '');
  }

  private key(k: string): string {
    return this.prefix ? `${this.prefix}/${k}` : k;
  }

  private connect() {
    this.client ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      s3: new sdk.S3Client({
        region: this.region ?? process.env.AWS_REGION ?? 'us-east-1',
        ...(this.endpoint ? { endpoint: this.endpoint, forcePathStyle: true } : {}),
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    }));
    return this.client;
  }

  async list(): Promise<Set<string>> {
    const { s3, sdk } = await this.connect();
    const out = new Set<string>();
    const base = this.key('blobs/sha256/');
    let token: string | undefined;
    do {
      const r = await s3.send(new sdk.ListObjectsV2Command({ Bucket: this.bucket, Prefix: base, ContinuationToken: token }));
      for (const o of r.Contents ?? []) {
        const name = o.Key!.slice(base.length).replace('/', '');
        if (/^[0-9a-f]{64}$/.test(name)) out.add(name);
      }
      token = r.IsTruncated ? r.NextContinuationToken : undefined;
    } while (token);
    return out;
  }

  private async upload(key: string, file: string): Promise<void> {
    const { s3, sdk } = await this.connect();
    const size = (await stat(file)).size;
    await s3.send(new sdk.PutObjectCommand({ Bucket: this.bucket, Key: this.key(key), Body: createReadStream(file), ContentLength: size }));
  }

  private async hashKey(key: string): Promise<string | null> {
    const { s3, sdk } = await this.connect();
    try {
      const r = await s3.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key: this.key(key) }));
      const h = createHash('sha256');
      for await (const chunk of r.Body as Readable) h.update(chunk as Buffer);
      return h.digest('hex');
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name === 'NoSuchKey' || name === 'NotFound') return null;
      throw err;
    }
  }

  async put(sha256: string, file: string): Promise<void> {
    await this.upload(blobKey(sha256), file);
    const back = await this.hashKey(blobKey(sha256));
    if (back !== sha256) throw new Error(`the copy of ${sha256} in ${this.location} reads back as ${back ?? 'missing'}`);
  }

  hash(sha256: string): Promise<string | null> {
    return this.hashKey(blobKey(sha256));
  }

  async fetch(sha256: string, dest: string): Promise<void> {
    const { s3, sdk } = await this.connect();
    const r = await s3.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key: this.key(blobKey(sha256)) }));
    await pipeline(r.Body as Readable, createWriteStream(dest));
  }

  async putIndex(file: string): Promise<void> {
    await this.upload(INDEX_KEY, file);
  }
}
