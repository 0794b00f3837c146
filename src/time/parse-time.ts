import { Decree130Error } from "../errors.js";
import { calendarFields, utcMillis, zoneOffsetMs, type CalendarFields } from "../lib/calendar.js";
import { VIETNAM_OFFSET_MS, VIETNAM_ZONE } from "./vietnam-time.js";

/** A time a person typed, read. */
export interface ParsedTime {
  /** The instant. */
  readonly time: Date;
  /** Present when the text named no zone: it was read as Vietnam time, and whoever shows the result should say so. */
  readonly assumedZone?: typeof VIETNAM_ZONE;
}

/** ISO-8601: a date, or a date-time (`T` or one space between) with an optional zone `Z` or `±hh:mm`. */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:\d{2})?)?$/;

/** Vietnamese order: `dd/mm/yyyy`, optionally followed by `HH:mm` or `HH:mm:ss`; always Vietnam time. */
const VIETNAMESE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: +(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** Longer text is no time of either form: refused before any pattern reads it. */
const MAX_LENGTH = 64;

/** The accepted forms, for every refusal: the reader learns what to type instead. */
const ACCEPTED_TIME_FORMS =
  "ISO-8601 (2025-06-01, 2025-06-01T09:30:00+07:00, 2025-06-01T02:30:00Z; without a zone: Vietnam time) " +
  "or dd/mm/yyyy [HH:mm[:ss]] in Vietnam time (01/06/2025, 01/06/2025 09:30)";

function refuse(text: string, why: string): never {
  const shown = text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH)}…` : text;
  throw new Decree130Error("TIME_INVALID", `${JSON.stringify(shown)} ${why}: write ${ACCEPTED_TIME_FORMS}`);
}

interface Written {
  readonly fields: CalendarFields;
  /** Milliseconds to subtract from the wall-clock reading; `undefined`: no zone written; `null`: no such offset. */
  readonly offset: number | undefined | null;
}

function written(iso: RegExpExecArray | null, vietnamese: RegExpExecArray | null): Written | undefined {
  if (iso) {
    const zone = iso[8];
    return { fields: calendarFields(iso.slice(1, 8)), offset: zone === undefined ? undefined : (zoneOffsetMs(zone) ?? null) };
  }
  if (vietnamese) {
    const [, day, month, year, hour, minute, second] = vietnamese;
    return { fields: calendarFields([year, month, day, hour, minute, second]), offset: undefined };
  }
  return undefined;
}

/**
 * Reads a time as people write it, strictly, so that the command line, a service and a web page all read it alike:
 * ISO-8601 (a date; a date-time with a zone; a date-time without a zone, read as Vietnam time) or the Vietnamese
 * `dd/mm/yyyy [HH:mm[:ss]]` (always Vietnam time, day first). A date alone is 00:00 Vietnam time. Everything else is
 * refused: numbers, month names, US order with dashes, impossible dates (30 February), hours past 23, leap seconds,
 * years outside 0000–9999. Surrounding spaces are ignored.
 *
 * @param text - e.g. `2025-06-01T09:30:00+07:00`, `2025-06-01`, `01/06/2025 09:30`
 * @returns the instant, and `assumedZone: "+07:00"` when the text named no zone
 * @throws {@link Decree130Error} `TIME_INVALID`, with a message that shows the accepted forms
 * @throws TypeError when `text` is not a string
 * @example
 * ```ts
 * parseTimeInput("01/06/2025 09:30"); // { time: 2025-06-01T02:30:00.000Z, assumedZone: "+07:00" }
 * parseTimeInput("2025-06-01T02:30:00Z"); // { time: 2025-06-01T02:30:00.000Z }
 * ```
 */
export function parseTimeInput(text: string): ParsedTime {
  if (typeof text !== "string") throw new TypeError(`a time must be a string, got ${typeof text}`);
  const trimmed = text.trim();
  if (trimmed.length > MAX_LENGTH) refuse(trimmed, "is too long to be a time");
  const iso = ISO.exec(trimmed);
  const read = written(iso, iso ? null : VIETNAMESE.exec(trimmed));
  if (!read) refuse(trimmed, "is not a time in an accepted form");
  if (read.offset === null) refuse(trimmed, "has a zone offset that does not exist");
  const wall = utcMillis(read.fields);
  if (wall === undefined) refuse(trimmed, "names a date or time that does not exist");
  if (read.offset !== undefined) return { time: new Date(wall - read.offset) };
  return { time: new Date(wall - VIETNAM_OFFSET_MS), assumedZone: VIETNAM_ZONE };
}
