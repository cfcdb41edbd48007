/**
 * Dates and times as the documents show them: the way Chinese documents write them (2026年3月2日 21:14), always in
 * Beijing time (UTC+8 all year; no daylight saving since 1991) whatever offset the stored ISO string carries, and a
 * readable English form (2 March 2026, 21:14 Beijing time) where English is shown. A day without a time stays a day;
 * a value that is not a date is shown as it was given, never dropped.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** An ISO 8601 date-time; without an offset it is a Beijing wall-clock time (as Chinese platforms show them). */
const INSTANT = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/i;
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface Parts { y: number; m: number; d: number; time: { hh: string; mm: string; ss: string } | null }

/** The Beijing calendar day and clock of a day, an ISO instant or a Date; null when it is none of these. */
function beijing(value: string | Date): Parts | null {
  let ms: number;
  if (value instanceof Date) ms = value.getTime();
  else {
    const s = value.trim();
    const day = DAY.exec(s);
    if (day) {
      const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
      const check = new Date(Date.UTC(y, m - 1, d));
      return check.getUTCMonth() === m - 1 && check.getUTCDate() === d ? { y, m, d, time: null } : null;
    }
    const t = INSTANT.exec(s);
    if (!t) return null;
    const offset = !t[3] ? '+08:00' : /^z$/i.test(t[3]) ? 'Z' : t[3].includes(':') ? t[3] : `${t[3].slice(0, 3)}:${t[3].slice(3)}`;
    ms = Date.parse(`${t[1]}T${t[2]}${offset}`);
  }
  if (!Number.isFinite(ms)) return null;
  const b = new Date(ms + 8 * 3600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return { y: b.getUTCFullYear(), m: b.getUTCMonth() + 1, d: b.getUTCDate(), time: { hh: two(b.getUTCHours()), mm: two(b.getUTCMinutes()), ss: two(b.getUTCSeconds()) } };
}

export interface TimeStyle {
  /** Show seconds (capture and timestamp times, which a reader matches against the evidence package). */
  seconds?: boolean;
}

const clock = (t: NonNullable<Parts['time']>, style: TimeStyle) => `${t.hh}:${t.mm}${style.seconds ? `:${t.ss}` : ''}`;

/** "2026年3月2日" (the Beijing day of an instant). */
export function zhDate(value: string | Date): string {
  const p = beijing(value);
  return p ? `${p.y}年${p.m}月${p.d}日` : String(value);
}

/** "2026年3月2日 21:14" in Beijing time; a plain day stays "2026年3月2日". */
export function zhDateTime(value: string | Date, style: TimeStyle = {}): string {
  const p = beijing(value);
  if (!p) return String(value);
  return `${p.y}年${p.m}月${p.d}日${p.time ? ` ${clock(p.time, style)}` : ''}`;
}

/** "2 March 2026". */
export function enDate(value: string | Date): string {
  const p = beijing(value);
  return p ? `${p.d} ${MONTHS_EN[p.m - 1]} ${p.y}` : String(value);
}

/** "2 March 2026, 21:14 (Beijing time)"; a plain day stays "2 March 2026". */
export function enDateTime(value: string | Date, style: TimeStyle = {}): string {
  const p = beijing(value);
  if (!p) return String(value);
  return `${p.d} ${MONTHS_EN[p.m - 1]} ${p.y}${p.time ? `, ${clock(p.time, style)} (Beijing time)` : ''}`;
}

/** Free text from elsewhere (an assessment's reasons, a law's version) with its ISO days and instants written the Chinese way. */
export function zhDatesIn(text: string): string {
  return text.replace(/\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/gi, (m) => zhDateTime(m));
}
