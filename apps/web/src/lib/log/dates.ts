const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar day of a date, as `YYYY-MM-DD` (a key for "same day"). */
export function dayKey(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A parsed ISO timestamp, or null when it cannot be read. */
export function parseTime(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `Friday 27 November 2026`: a date in words, the same everywhere (no locale guessing). */
export function longDate(date: Date): string {
  return `${WEEKDAYS[date.getDay()]} ${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}`;
}

/**
 * The label of a day separator: `Today`, `Yesterday`, a weekday and date within this year
 * (`Friday 27 November`), or the date with its year.
 */
export function dayLabel(date: Date, now: Date): string {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  if (dayKey(date) === dayKey(today)) return 'Today';
  if (dayKey(date) === dayKey(yesterday)) return 'Yesterday';
  const words = `${WEEKDAYS[date.getDay()]} ${date.getDate()} ${MONTHS[date.getMonth()]}`;
  return date.getFullYear() === now.getFullYear() ? words : `${words} ${date.getFullYear()}`;
}

/** `HH:MM`, 24-hour, in the viewer's time zone. */
export function shortTime(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The exact moment for a tooltip, in the same 24-hour style: `Friday 27 November 2026, 23:57:08`. */
export function exactTime(date: Date): string {
  return `${longDate(date)}, ${shortTime(date)}:${pad(date.getSeconds())}`;
}
