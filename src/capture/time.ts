/** Times are stored in UTC and shown in Asia/Shanghai (UTC+8 all year; China has had no daylight saving since 1991). */
export interface DualTime {
  utc: string;
  shanghai: string;
}

export function shanghaiIso(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${t.slice(0, -1)}+08:00`;
}

export function dualTime(d: Date): DualTime {
  return { utc: d.toISOString(), shanghai: shanghaiIso(d) };
}

/** "20261121-203000" in Shanghai time, for folder names. */
export function compactShanghai(d: Date): string {
  return shanghaiIso(d).slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

/** "2026-11-21 20:30:00 (UTC+8)": how times are shown to people. */
export function toShanghai(d: Date): string {
  return `${shanghaiIso(d).slice(0, 19).replace('T', ' ')} (UTC+8)`;
}
