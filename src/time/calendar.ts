/** The fields of a wall-clock time, as written: month 1–12, day 1–31, no zone. */
export interface CalendarFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * The number of days in a month of the proleptic Gregorian calendar.
 *
 * @param year - the year, 0–9999
 * @param month - the month, 1–12
 * @returns 28–31, or 0 for a month that does not exist
 * @example
 * ```ts
 * daysInMonth(2024, 2); // 29
 * ```
 */
export function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (month === 2 && leap) return 29;
  return DAYS_IN_MONTH[month - 1] ?? 0;
}

/**
 * The instant a wall-clock time names in UTC, when the time exists: years 0000–9999 exactly, the day within its month
 * (30 February is refused, not rolled into March), hours 0–23, minutes and seconds 0–59 (no leap second).
 *
 * @param f - the fields, read as UTC
 * @returns milliseconds since the epoch, or `undefined` when no such time exists
 * @example
 * ```ts
 * utcMillis({ year: 50, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 }); // the year 50, not 1950
 * ```
 */
export function utcMillis(f: CalendarFields): number | undefined {
  const fields = [f.year, f.month, f.day, f.hour, f.minute, f.second, f.millisecond];
  if (!fields.every(Number.isInteger)) return undefined;
  if (f.year < 0 || f.year > 9999 || f.day < 1 || f.day > daysInMonth(f.year, f.month)) return undefined;
  if (f.hour > 23 || f.minute > 59 || f.second > 59 || f.hour < 0 || f.minute < 0 || f.second < 0) return undefined;
  if (f.millisecond < 0 || f.millisecond > 999) return undefined;
  const date = new Date(Date.UTC(2000, f.month - 1, f.day, f.hour, f.minute, f.second, f.millisecond));
  // Date.UTC reads the years 0–99 as 1900–1999: the year is set on its own, after a leap year held the day.
  date.setUTCFullYear(f.year);
  return date.getTime();
}
