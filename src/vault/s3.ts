/**
 * S3-compatible storage (Aliyun OSS, Tencent COS, MinIO, AWS…) through @aws-sdk/client-s3: where a location
 * s3://bucket/prefix points, and a client that these services accept. Credentials come only from the environment
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or the SDK's usual files; guzheng never writes them anywhere.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { GuzhengError } from '../errors.js';

export interface S3Location {
  bucket: string;
  /** Without a trailing slash; '' for the bucket's root. */
  prefix: string;
}

export function parseS3Location(location: string): S3Location {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(location);
  if (!m) throw new GuzhengError('E_USAGE', `不是有效的 S3 位置：${location}（应为 s3://存储桶/前缀）`, `Not a valid S3 location: ${location} (expected s3://bucket/prefix)`);
  return { bucket: m[1]!, prefix: (m[2] ?? '').replace(/\/+$/, '') };
}

export const keyIn = (loc: S3Location, key: string) => (loc.prefix ? `${loc.prefix}/${key}` : key);

/**
 * Path-style addressing (https://endpoint/bucket/key) for MinIO and test servers; virtual-hosted style
 * (https://bucket.endpoint/key) for AWS without an endpoint and for Aliyun OSS, which accepts nothing else, and
 * Tencent COS. GUZHENG_S3_STYLE=path|virtual overrides the guess.
 */
export function pathStyleFor(endpoint: string | null): boolean {
  const forced = process.env.GUZHENG_S3_STYLE;
  if (forced === 'path') return true;
  if (forced === 'virtual') return false;
  if (!endpoint) return false;
  const host = (() => {
    try {
      return new URL(endpoint).hostname;
    } catch {
      return endpoint;
    }
  })();
  return !/(\.|^)(aliyuncs\.com|myqcloud\.com|amazonaws\.com)$/.test(host);
}

export type S3Sdk = typeof import('@aws-sdk/client-s3');

/**
 * A client with the SDK's default checksums turned off (since 3.729 it adds CRC32 checksums to every upload, which
 * OSS, COS and older MinIO reject); the vault checks what it stores by SHA-256 and Content-MD5 itself.
 */
export async function s3Client(endpoint: string | null, region: string | null, options: { attempts?: number; timeoutMs?: number } = {}): Promise<{ s3: S3Client; sdk: S3Sdk }> {
  const sdk = await import('@aws-sdk/client-s3');
  const s3 = new sdk.S3Client({
    region: region ?? process.env.AWS_REGION ?? 'us-east-1',
    ...(endpoint ? { endpoint } : {}),
    forcePathStyle: pathStyleFor(endpoint),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(options.attempts ? { maxAttempts: options.attempts } : {}),
    ...(options.timeoutMs ? { requestHandler: { connectionTimeout: options.timeoutMs, requestTimeout: options.timeoutMs * 6 } } : {}),
  });
  return { s3, sdk };
}

/** True for the errors of a missing object (GetObject's NoSuchKey, HeadObject's bare 404). */
export function isMissing(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}
