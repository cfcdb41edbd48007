/** Platform times to ISO 8601 with their offset; shown times in Asia/Shanghai (UTC+8, no daylight saving). */
import { shanghaiIso } from '../capture/time.js';

/** Unix seconds (or milliseconds) → "2026-…T…+08:00". */
export function fromUnix(v: unknown): string | null {
  const n = typeof v === 'string' ? Number(v) : typeof v === 'number' ? v : NaN;
  if (!Number.isFinite(n) || n <= 0) return null;
  return shanghaiIso(new Date(n > 1e12 ? n : n * 1000));
}

/** "Tue Jun 08 19:08:41 +0800 2021" (Weibo, X) → ISO with the same offset converted to +08:00. */
export function fromTwitterStyle(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const m = /^\w{3} (\w{3}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{4}) (\d{4})$/.exec(v.trim());
  if (!m) return null;
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].indexOf(m[1]!);
  if (month < 0) return null;
  const iso = `${m[7]}-${String(month + 1).padStart(2, '0')}-${m[2]}T${m[3]}:${m[4]}:${m[5]}${m[6]!.slice(0, 3)}:${m[6]!.slice(3)}`;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : shanghaiIso(d);
}

/** "2025-11-04 15:59" or "2025-11-04 15:59:30" shown on a Chinese platform: Beijing time. */
export function fromBeijingWallClock(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(v.trim());
  if (!m) return null;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}.000+08:00`;
}
