import { Time } from "@peculiar/asn1-x509";

/** A moment given to the kit: a `Date`, an ISO-8601 string, or milliseconds since the epoch. The kit never reads the clock. */
export type DateInput = Date | string | number;

/**
 * Milliseconds since the epoch for a {@link DateInput}, truncated to whole seconds (DER times carry seconds).
 *
 * @param input - the moment
 * @param what - what the moment is, for the error message
 * @returns milliseconds since the epoch
 * @throws TypeError when the input is not a valid moment
 * @example
 * ```ts
 * toMillis("2025-01-01T00:00:00Z", "notBefore"); // 1735689600000
 * ```
 */
export function toMillis(input: DateInput, what: string): number {
  const ms = input instanceof Date ? input.getTime() : typeof input === "number" ? input : Date.parse(input);
  if (!Number.isFinite(ms)) throw new TypeError(`${what}: not a valid date: ${String(input)}`);
  return Math.floor(ms / 1000) * 1000;
}

/** An ISO-8601 string without milliseconds, e.g. `2025-01-01T00:00:00Z`. */
export const isoString = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * The RFC 5280 / RFC 5652 choice of time: UTCTime for 1950–2049, GeneralizedTime otherwise (whole seconds, as DER
 * wants them without a fraction).
 *
 * @param ms - milliseconds since the epoch
 * @returns the Time
 */
export function x509Time(ms: number): Time {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  return year < 1950 || year >= 2050 ? new Time({ generalTime: date }) : new Time({ utcTime: date });
}
