/**
 * Reads a PDF date (PDF 32000-1 §7.9.4): `D:YYYYMMDDHHmmSSOHH'mm'`, every part after the year optional. A date without a
 * zone is taken as UTC (pdf.md); `Z`, `+07'00'`, `+07'00` and `+0700` are accepted.
 *
 * @param text - the string's text
 * @returns milliseconds since the epoch, or `undefined` when it is not a valid date
 * @example
 * ```ts
 * parsePdfDate("D:20250601150000+07'00'"); // Date.parse("2025-06-01T08:00:00Z")
 * ```
 */
export function parsePdfDate(text: string): number | undefined {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z)(?:00'?(?:00'?)?)?|([+-])(\d{2})(?:'?(\d{2})'?)?)?$/.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo = "01", d = "01", h = "00", mi = "00", s = "00", , sign, oh = "00", om = "00"] = m;
  const n = (x: string | undefined): number => Number(x);
  const parts = [n(mo), n(d), n(h), n(mi), n(s), n(oh), n(om)] as const;
  const [month, day, hour, minute, second, offH, offM] = parts;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59 || offH > 23 || offM > 59) return undefined;
  const utc = Date.UTC(n(y), month - 1, day, hour, minute, second);
  // Reject 31 February and the like: Date.UTC rolls them over.
  if (new Date(utc).getUTCDate() !== day) return undefined;
  const offset = (offH * 60 + offM) * 60_000;
  return sign === "+" ? utc - offset : sign === "-" ? utc + offset : utc;
}
