/** Media files as received: extensions by media type, and files put together from 206 byte ranges. */

/** File extensions of the media types a target or a post's media may have. */
export const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/svg+xml': 'svg',
  'video/mp4': 'mp4', 'video/webm': 'webm', 'audio/mpeg': 'mp3', 'application/json': 'json',
};

/** Puts 206 byte ranges together from the start of the file, as far as they reach without a gap. */
export function assembleRanges(parts: { contentRange: string | null; bytes: Uint8Array }[]): { bytes: Buffer; total: number | null } {
  let total: number | null = null;
  const ranges = parts.flatMap((p) => {
    const m = p.contentRange?.match(/bytes (\d+)-(\d+)\/(\d+|\*)/);
    if (!m) return [];
    if (m[3] !== '*') total = Number(m[3]);
    return [{ start: Number(m[1]), bytes: p.bytes }];
  }).sort((a, b) => a.start - b.start);
  const out: Buffer[] = [];
  let end = 0;
  for (const r of ranges) {
    if (r.start > end) break;
    const fresh = r.bytes.subarray(end - r.start);
    out.push(Buffer.from(fresh));
    end += fresh.length;
  }
  return { bytes: Buffer.concat(out), total };
}
