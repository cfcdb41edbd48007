/**
 * Calendar days (YYYY-MM-DD) and periods counted as 民法典 第二百零一条、第二百零二条 count them: the first day is not
 * counted, and a period of months or years ends on the corresponding day of the last month, or on that month's last
 * day when it has none. Public holidays (第二百零三条) are not known here and never move a date.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDay(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DAY.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** The day of an ISO instant in China (UTC+8), or the day itself. */
export function chinaDay(s: string): string {
  if (isDay(s)) return s;
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new Error(`not a date: ${s}`);
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The last day of a period of `months` months that begins on `day`. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = total % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return `${String(ty).padStart(4, '0')}-${String(tm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export const addYears = (day: string, years: number) => addMonths(day, years * 12);

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Today in China. */
export function todayInChina(now = new Date()): string {
  return chinaDay(now.toISOString());
}
