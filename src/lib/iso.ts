/** The text of recently formatted instants: a report repeats a few (validity bounds, CRL updates), and so does a batch. */
const memo = new Map<number, string>();
const MEMO_MAX = 1024;

/**
 * An instant as ISO 8601 text, or `null` when there is none.
 *
 * @param t - milliseconds since the epoch
 * @returns e.g. `2025-01-01T00:00:00.000Z`
 * @throws RangeError for a time outside what `Date` can hold, as `Date.prototype.toISOString` does
 * @example
 * ```ts
 * iso(0); // "1970-01-01T00:00:00.000Z"
 * ```
 */
export function iso(t: number): string;
export function iso(t: number | undefined): string | null;
export function iso(t: number | undefined): string | null {
  if (t === undefined) return null;
  let text = memo.get(t);
  if (text === undefined) {
    text = new Date(t).toISOString();
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(t, text);
  }
  return text;
}
