import { calendarFields, utcMillis, zoneOffsetMs } from "../lib/calendar.js";

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Parses an ISO-8601 / RFC 3339 date or date-time strictly: a date alone means 00:00 UTC; a date-time must carry its
 * zone (`Z` or `±hh:mm`), so no reading depends on the machine's time zone. Impossible dates (`2024-02-30`) are refused;
 * the years 0000–0099 are those years, not 1900–1999.
 *
 * @param text - e.g. `2009-09-15T00:00:00Z`, `2024-07-01T00:00:00+07:00`, `2024-07-01`
 * @returns milliseconds since the epoch, or `undefined` when the text is not such a date
 * @example
 * ```ts
 * parseIsoTime("2024-07-01T00:00:00+07:00"); // 1719766800000
 * ```
 */
export function parseIsoTime(text: string): number | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const base = utcMillis(calendarFields(m.slice(1, 8)));
  const offset = zoneOffsetMs(m[8] ?? "Z");
  if (base === undefined || offset === undefined) return undefined;
  return base - offset;
}
