/**
 * A copy in an S3-compatible bucket (Aliyun OSS, Tencent COS, MinIO, AWS…; see ../s3.ts). The endpoint is stored
 * with the replica, credentials never. Each object is read back and hashed after it is written.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import { isMissing, keyIn, parseS3Location, s3Client, type S3Location, type S3Sdk } from '../s3.js';
import { INDEX_KEY, blobKey, type Replica } from './replica.js';

export class S3Replica implements Replica {
  private readonly where: S3Location;
  private readonly bucket: string;
  private client: Promise<{ s3: S3Client; sdk: S3Sdk }> | null = null;

  constructor(readonly location: string, private readonly endpoint: string | null, private readonly region: string | null) {
    this.where = parseS3Location(location);
    this.bucket = this.where.bucket;
  }

  private key(k: string): string {
    return keyIn(this.where, k);
  }

  private connect() {
    this.client ??= s3Client(this.endpoint, this.region);
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
      if (isMissing(err)) return null;
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
