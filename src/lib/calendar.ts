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

/**
 * The fields of a time from the digits a pattern captured, in the order year, month, day, hour, minute, second,
 * fraction of a second; a part not written is 0 (the fraction is cut to milliseconds).
 *
 * @param parts - the captured digits, `undefined` for a part not written
 * @returns the fields, for {@link utcMillis}
 * @example
 * ```ts
 * calendarFields(["2025", "06", "01", "09", "30", undefined, undefined]);
 * ```
 */
export function calendarFields(parts: readonly (string | undefined)[]): CalendarFields {
  const [year, month, day, hour = "0", minute = "0", second = "0", fraction = ""] = parts;
  return {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    millisecond: Number(fraction.padEnd(3, "0").slice(0, 3)),
  };
}

/**
 * The offset a written zone names.
 *
 * @param zone - `Z` (or `z`) or `±hh:mm`
 * @returns milliseconds to subtract from the wall-clock reading, or `undefined` for an offset that does not exist
 *   (hours past 23, minutes past 59)
 * @example
 * ```ts
 * zoneOffsetMs("+07:00"); // 25200000
 * ```
 */
export function zoneOffsetMs(zone: string): number | undefined {
  if (zone === "Z" || zone === "z") return 0;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 23 || minutes > 59) return undefined;
  return (zone[0] === "-" ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}
