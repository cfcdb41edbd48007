/** What package verification needs from a zip, wherever it is read (Node or the verifier page). */
export interface PackageEntry {
  name: string;
  /** Bytes once uncompressed, as the zip declares it. */
  size: number;
  compressedSize: number;
  /** 0 stored, 8 deflated. */
  method: number;
}

export interface EntryDigest {
  sha256: string;
  size: number;
  sm3?: string;
}

export interface PackageReader {
  entries: PackageEntry[];
  /** The whole member, refused when larger than `maxBytes`. */
  read(name: string, maxBytes: number): Promise<Uint8Array>;
  /** SHA-256 (and SM3 when asked and possible) of the member's bytes, streamed. */
  digest(name: string, withSm3: boolean): Promise<EntryDigest>;
  /** Whether this reader can compute SM3 (the verifier page cannot: WebCrypto has no SM3). */
  canSm3: boolean;
}

/** Members more compressed than this, and large, are refused as a zip bomb. */
export const MAX_RATIO = 200;
export const BOMB_MIN_SIZE = 256 * 1024 * 1024;

export function bombReason(e: PackageEntry): string | null {
  if (e.method !== 0 && e.size > BOMB_MIN_SIZE && e.size > e.compressedSize * MAX_RATIO) {
    return `${e.name} would expand ${e.compressedSize} bytes to ${e.size} (×${Math.round(e.size / Math.max(1, e.compressedSize))}): refused as a zip bomb`;
  }
  return null;
}

/** Digests are asked for more than once (package list, then item manifests): each member is read once. */
export function memoizeDigests(reader: PackageReader): PackageReader {
  const memo = new Map<string, Promise<EntryDigest>>();
  return {
    entries: reader.entries,
    canSm3: reader.canSm3,
    read: (n, m) => reader.read(n, m),
    digest(name, withSm3) {
      const key = `${name}\0${withSm3}`;
      if (!memo.has(key)) memo.set(key, reader.digest(name, withSm3));
      return memo.get(key)!;
    },
  };
}
