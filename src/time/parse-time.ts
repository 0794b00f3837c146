import { Decree130Error } from "../errors.js";
import { utcMillis } from "./calendar.js";
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

function zoneOffset(zone: string | undefined): number | undefined {
  if (zone === undefined) return undefined;
  if (zone === "Z" || zone === "z") return 0;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 23 || minutes > 59) return Number.NaN;
  return (zone[0] === "-" ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

interface Written {
  readonly fields: Parameters<typeof utcMillis>[0];
  /** Milliseconds to subtract from the wall-clock reading; `undefined`: no zone was written. */
  readonly offset: number | undefined;
}

function readIso(m: RegExpExecArray): Written {
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", zone] = m;
  return {
    fields: {
      year: Number(y),
      month: Number(mo),
      day: Number(d),
      hour: Number(h),
      minute: Number(mi),
      second: Number(s),
      millisecond: Number(frac.padEnd(3, "0").slice(0, 3)),
    },
    offset: zoneOffset(zone),
  };
}

function readVietnamese(m: RegExpExecArray): Written {
  const [, d, mo, y, h = "0", mi = "0", s = "0"] = m;
  return {
    fields: { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(s), millisecond: 0 },
    offset: undefined,
  };
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
  const vietnamese = iso ? null : VIETNAMESE.exec(trimmed);
  if (!iso && !vietnamese) refuse(trimmed, "is not a time in an accepted form");
  const written = iso ? readIso(iso) : readVietnamese(vietnamese!);
  if (Number.isNaN(written.offset)) refuse(trimmed, "has a zone offset that does not exist");
  const wall = utcMillis(written.fields);
  if (wall === undefined) refuse(trimmed, "names a date or time that does not exist");
  if (written.offset !== undefined) return { time: new Date(wall - written.offset) };
  return { time: new Date(wall - VIETNAM_OFFSET_MS), assumedZone: VIETNAM_ZONE };
}
