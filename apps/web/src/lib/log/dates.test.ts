import { describe, expect, it } from 'vitest';
import { dayKey, dayLabel, exactTime, shortTime } from './dates';

const now = new Date(2026, 10, 29, 9, 30); // Sunday 29 November 2026, 09:30 local

describe('dayLabel', () => {
  it('says Today and Yesterday by the calendar, not by 24-hour spans', () => {
    expect(dayLabel(new Date(2026, 10, 29, 0, 1), now)).toBe('Today');
    expect(dayLabel(new Date(2026, 10, 28, 23, 59), now)).toBe('Yesterday');
    expect(dayLabel(new Date(2026, 10, 28, 0, 0), now)).toBe('Yesterday');
  });

  it('names older days with the weekday, and the year only when it is another year', () => {
    expect(dayLabel(new Date(2026, 10, 27, 12), now)).toBe('Friday 27 November');
    expect(dayLabel(new Date(2025, 11, 31, 12), now)).toBe('Wednesday 31 December 2025');
  });

  it('knows yesterday across a month and a year boundary', () => {
    expect(dayLabel(new Date(2026, 0, 31, 22), new Date(2026, 1, 1, 1))).toBe('Yesterday');
    expect(dayLabel(new Date(2025, 11, 31, 22), new Date(2026, 0, 1, 1))).toBe('Yesterday');
  });
});

describe('times', () => {
  it('are 24-hour, zero-padded, on screen and in the tooltip', () => {
    const late = new Date(2026, 10, 27, 23, 57, 8);
    expect(shortTime(late)).toBe('23:57');
    expect(exactTime(late)).toBe('Friday 27 November 2026, 23:57:08');
    expect(exactTime(new Date(2026, 0, 2, 0, 5, 0))).toBe('Friday 2 January 2026, 00:05:00');
  });

  it('keys days by the local calendar date', () => {
    expect(dayKey(new Date(2026, 0, 2, 23, 59))).toBe('2026-01-02');
  });
});
