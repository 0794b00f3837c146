import { Tag } from "../asn1/der.js";
import { encodeTlv } from "../asn1/encode.js";

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

const digits = (ms: number): string => isoString(ms).replace(/[-:T]/g, "").replace("Z", "");

/**
 * A GeneralizedTime `YYYYMMDDHHMMSSZ` (no fraction: DER, RFC 5280 §4.1.2.5.2).
 *
 * @param ms - milliseconds since the epoch
 * @returns the encoded time
 */
export const generalizedTime = (ms: number): Uint8Array =>
  encodeTlv(Tag.GENERALIZED_TIME, new TextEncoder().encode(`${digits(ms)}Z`));

/**
 * The RFC 5280 / RFC 5652 choice: UTCTime for 1950–2049, GeneralizedTime otherwise.
 *
 * @param ms - milliseconds since the epoch
 * @returns the encoded time
 */
export function x509Time(ms: number): Uint8Array {
  const year = new Date(ms).getUTCFullYear();
  if (year < 1950 || year >= 2050) return generalizedTime(ms);
  return encodeTlv(Tag.UTC_TIME, new TextEncoder().encode(`${digits(ms).slice(2)}Z`));
}
