/**
 * Local times without a zone (a file name, an EXIF date with no offset, a chat export) are read in a zone the user
 * states (--tz, default Asia/Shanghai) and every result says that the zone was assumed, not stated by the file.
 */
import { GuzhengError } from '../errors.js';

export const DEFAULT_TZ = 'Asia/Shanghai';

export function checkZone(tz: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz;
  } catch {
    throw new GuzhengError('E_USAGE', `不认识的时区“${tz}”（例如 Asia/Shanghai）`, `Unknown time zone "${tz}" (for example Asia/Shanghai)`);
  }
}

/** The zone's offset from UTC, in minutes, at the instant `ms`. */
export function zoneOffsetMinutes(ms: number, tz: string): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

export interface LocalTime {
  y: number; mo: number; d: number; h: number; mi: number; s: number; ms?: number;
}

/** A wall-clock time that is not a real date (month 13, 25 o'clock…) is refused, not rolled over. */
function valid(t: LocalTime): boolean {
  const probe = new Date(Date.UTC(t.y, t.mo - 1, t.d, t.h, t.mi, t.s));
  return t.y >= 1970 && t.y < 2200 && probe.getUTCMonth() === t.mo - 1 && probe.getUTCDate() === t.d && t.h < 24 && t.mi < 60 && t.s < 61;
}

/** The UTC instant of a wall-clock time in `tz`, or null when the parts are not a real time. */
export function zonedToUtc(t: LocalTime, tz: string): Date | null {
  if (!valid(t)) return null;
  const wall = Date.UTC(t.y, t.mo - 1, t.d, t.h, t.mi, t.s, t.ms ?? 0);
  let guess = wall - zoneOffsetMinutes(wall, tz) * 60_000;
  guess = wall - zoneOffsetMinutes(guess, tz) * 60_000;
  return new Date(guess);
}

/** A wall-clock time with an explicit offset ("+08:00", "+0800", "Z"). */
export function offsetToUtc(t: LocalTime, offset: string): Date | null {
  const m = /^(?:Z|([+-])(\d{2}):?(\d{2}))$/.exec(offset.trim());
  if (!m || !valid(t)) return null;
  const minutes = m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return new Date(Date.UTC(t.y, t.mo - 1, t.d, t.h, t.mi, t.s, t.ms ?? 0) - minutes * 60_000);
}
