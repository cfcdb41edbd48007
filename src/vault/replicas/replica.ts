/**
 * A copy of the vault somewhere else: another folder (an external disk, a synced folder) or an S3-compatible bucket
 * (Aliyun OSS, Tencent COS, MinIO…). Each holds the blobs under the same names as the vault and a snapshot of the
 * database; the installation's private key is never copied.
 */
export interface Replica {
  /** As the user gave it: an absolute folder path or s3://bucket/prefix. */
  readonly location: string;
  /** The SHA-256 names of the blobs it holds. */
  list(): Promise<Set<string>>;
  /** Stores the blob from `file`, then reads it back and checks it; throws when the copy is not right. */
  put(sha256: string, file: string): Promise<void>;
  /** SHA-256 of the copy as it is stored now, or null when it is missing. */
  hash(sha256: string): Promise<string | null>;
  /** Downloads the copy to `dest`. */
  fetch(sha256: string, dest: string): Promise<void>;
  /** Stores the database snapshot (replacing the previous one). */
  putIndex(file: string): Promise<void>;
}

export const blobKey = (sha256: string) => `blobs/sha256/${sha256.slice(0, 2)}/${sha256.slice(2)}`;
export const INDEX_KEY = 'index/guzheng.db';

export async function openReplica(location: string, options: { endpoint?: string | null; region?: string | null } = {}): Promise<Replica> {
  if (location.startsWith('s3://')) {
    const { S3Replica } = await import('./s3-replica.js');
    return new S3Replica(location, options.endpoint ?? null, options.region ?? null);
  }
  const { FolderReplica } = await import('./folder-replica.js');
  return new FolderReplica(location);
}
