/** Dates in documents: written the Chinese way, in Beijing time, whatever offset the stored value carries. */
import { describe, expect, it } from 'vitest';
import { enDate, enDateTime, zhDate, zhDateTime, zhDatesIn } from '../src/documents/dates.js';

describe('zhDateTime / zhDate', () => {
  it('writes an instant in Beijing time, as 2026年3月2日 21:14', () => {
    expect(zhDateTime('2026-03-02T21:14:00.000+08:00')).toBe('2026年3月2日 21:14');
    expect(zhDateTime('2026-03-03T08:30:00.000+08:00')).toBe('2026年3月3日 08:30');
    expect(zhDateTime(new Date('2026-03-02T13:14:00Z'))).toBe('2026年3月2日 21:14');
  });

  it('a UTC instant late in the evening is the next day in Beijing', () => {
    expect(zhDateTime('2026-03-02T16:30:00Z')).toBe('2026年3月3日 00:30');
    expect(zhDateTime('2026-03-02T16:30:00.000Z')).toBe('2026年3月3日 00:30');
    expect(zhDate('2026-03-02T16:30:00Z')).toBe('2026年3月3日');
    // Year and month boundaries.
    expect(zhDateTime('2025-12-31T16:00:00Z')).toBe('2026年1月1日 00:00');
    expect(zhDateTime('2026-02-28T23:59:59+08:00', { seconds: true })).toBe('2026年2月28日 23:59:59');
  });

  it('other offsets are converted; a time without an offset is a Beijing wall-clock time', () => {
    expect(zhDateTime('2021-06-08T19:08:41-05:00')).toBe('2021年6月9日 08:08');
    expect(zhDateTime('2021-06-08T19:08:41+0000')).toBe('2021年6月9日 03:08');
    expect(zhDateTime('2025-11-04 15:59')).toBe('2025年11月4日 15:59');
    expect(zhDateTime('2025-11-04T15:59:30')).toBe('2025年11月4日 15:59');
  });

  it('seconds on request (capture and timestamp times)', () => {
    expect(zhDateTime('2026-11-22T12:30:05.123Z', { seconds: true })).toBe('2026年11月22日 20:30:05');
  });

  it('a day stays a day, without months or days padded', () => {
    expect(zhDate('2026-03-02')).toBe('2026年3月2日');
    expect(zhDateTime('2026-03-02')).toBe('2026年3月2日');
    expect(zhDate('2026-11-22')).toBe('2026年11月22日');
  });

  it('what is not a date is shown as given, never dropped or invented', () => {
    expect(zhDateTime('昨天 21:14')).toBe('昨天 21:14');
    expect(zhDate('2026-02-30')).toBe('2026-02-30');
    expect(zhDateTime('2026-13-01T00:00:00Z')).toBe('2026-13-01T00:00:00Z');
  });
});

describe('English form, where English is shown', () => {
  it('is readable and says Beijing time', () => {
    expect(enDateTime('2026-03-02T16:30:00Z')).toBe('3 March 2026, 00:30 (Beijing time)');
    expect(enDateTime('2026-03-02T13:14:07Z', { seconds: true })).toBe('2 March 2026, 21:14:07 (Beijing time)');
    expect(enDate('2026-03-02')).toBe('2 March 2026');
    expect(enDateTime('2026-03-02')).toBe('2 March 2026');
  });
});

describe('zhDatesIn: dates inside text from elsewhere', () => {
  it('rewrites ISO days and instants, leaves the rest', () => {
    expect(zhDatesIn('1997-03-14（修正至刑法修正案（十二），2023-12-29）')).toBe('1997年3月14日（修正至刑法修正案（十二），2023年12月29日）');
    expect(zhDatesIn('2024-05-01 受过处罚，2026-03-03 又诽谤，在二年之内（至 2026-05-01）')).toBe('2024年5月1日 受过处罚，2026年3月3日 又诽谤，在二年之内（至 2026年5月1日）');
    expect(zhDatesIn('浏览 5200 次（2026-03-02T16:30:00.000Z）')).toBe('浏览 5200 次（2026年3月3日 00:30）');
    expect(zhDatesIn('没有日期 / no date')).toBe('没有日期 / no date');
  });
});
