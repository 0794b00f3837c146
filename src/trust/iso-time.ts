import { utcMillis } from "../time/calendar.js";

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
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", zone = "Z"] = m;
  const base = utcMillis({
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s),
    millisecond: Number(frac.padEnd(3, "0").slice(0, 3)),
  });
  if (base === undefined) return undefined;
  let offset = 0;
  if (zone !== "Z") {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offset = (zone[0] === "-" ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  return base - offset;
}
