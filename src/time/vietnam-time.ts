/** Vietnam's offset from UTC (no daylight saving since 1975): the zone of a time written without one. */
export const VIETNAM_ZONE = "+07:00";

/** {@link VIETNAM_ZONE} in milliseconds. */
export const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** What follows a time shown in Vietnam time, per language. */
const ZONE_NOTE = { vi: "giờ Việt Nam", en: "Vietnam time, UTC+07:00" } as const;

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/**
 * An instant as people in Vietnam read it: `dd/mm/yyyy HH:mm:ss` in Vietnam time, followed by the zone in words, so an
 * accountant compares it with the date on an invoice, not with a UTC instant.
 *
 * @param instant - a `Date` or milliseconds since the epoch
 * @param lang - `vi` or `en`
 * @returns e.g. `01/06/2025 07:00:00 (giờ Việt Nam)` or `01/06/2025 07:00:00 (Vietnam time, UTC+07:00)`
 * @throws RangeError for an invalid date
 * @example
 * ```ts
 * formatVietnamTime(new Date("2025-06-01T00:00:00Z"), "vi"); // "01/06/2025 07:00:00 (giờ Việt Nam)"
 * ```
 */
export function formatVietnamTime(instant: Date | number, lang: "vi" | "en"): string {
  const t = typeof instant === "number" ? instant : instant.getTime();
  if (!Number.isFinite(t)) throw new RangeError("formatVietnamTime: invalid date");
  const d = new Date(t + VIETNAM_OFFSET_MS);
  const year = d.getUTCFullYear();
  const y = year >= 0 && year <= 9999 ? pad(year, 4) : String(year);
  const date = `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${y}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${date} ${time} (${ZONE_NOTE[lang]})`;
}
