import { COMPROMISE_REASONS } from "../model/revocation-reason.js";
import type { Revocation, RevocationReason } from "./types.js";

/** What one accepted piece of evidence says about one certificate. */
export interface Statement {
  /** The moment the evidence speaks for (CRL or SingleResponse thisUpdate). */
  readonly thisUpdate: number;
  readonly nextUpdate?: number;
  /** `listed`: revoked or on hold; `clear`: not listed, listed as removeFromCRL, or OCSP good; `unknown`: OCSP unknown. */
  readonly says: "listed" | "clear" | "unknown";
  readonly at?: number;
  readonly reason?: RevocationReason;
  readonly invalidityDate?: number;
  /**
   * Set for evidence whose entries count but whose silence proves nothing (a delta CRL, a CRL covering only some reasons):
   * it never makes the status known and never lifts a hold.
   */
  readonly partial?: boolean;
  /** For a reason-partitioned CRL: the ReasonFlags mask it covers (see crl-scope.ts ALL_REASONS). */
  readonly reasons?: number;
  /** The CRL a statement comes from: its issuer's name key and cRLNumber (to pair delta CRLs with their base). */
  readonly source?: { readonly issuerKey: string; readonly number?: bigint };
  /** For a delta CRL: the base CRL number it needs and what it says about the certificate. */
  readonly delta?: { readonly base: bigint; readonly change: "listed" | "removed" | "silent" };
}

/** A listing, with the fields a `listed` statement always has. */
type Listing = Statement & { readonly at: number; readonly reason: RevocationReason };

const isListing = (s: Statement): s is Listing => s.says === "listed" && s.at !== undefined && s.reason !== undefined;

/**
 * Whether a statement decides the status at `time` (semantics.md "Revocation evidence"): it speaks for a moment at or after
 * `time`, or it is current at `now` and `time` is not after `now`. Evidence without nextUpdate is never current.
 */
function speaksFor(s: Statement, time: number, now: number): boolean {
  if (s.says === "unknown" || s.partial === true) return false;
  if (s.thisUpdate >= time) return true;
  return s.nextUpdate !== undefined && s.thisUpdate <= now && now <= s.nextUpdate && time <= now;
}

/** Hold intervals: each distinct hold start with the thisUpdate of the first later evidence that clears it. */
function holdIntervals(listings: readonly Listing[], clears: readonly Statement[]): { at: number; until?: number }[] {
  const starts = [...new Set(listings.filter((l) => l.reason === "certificateHold").map((l) => l.at))].sort((a, b) => a - b);
  return starts.map((at) => {
    // Cleared only by evidence later than the hold and than every statement still listing that same hold.
    let after = at;
    for (const l of listings) if (l.at === at && l.thisUpdate > after) after = l.thisUpdate;
    let until: number | undefined;
    for (const c of clears) if (c.thisUpdate > after && (until === undefined || c.thisUpdate < until)) until = c.thisUpdate;
    return until === undefined ? { at } : { at, until };
  });
}

/**
 * Combines accepted statements about one certificate into its status at `time`.
 * A permanent revocation outranks a hold; an ongoing hold outranks a lifted one (only one interval can be reported).
 * With several listings, `at` is the earliest; the reason is a compromise reason when any listing gives one, so that
 * soleControl sees it, with `compromiseAt` the earliest compromise time.
 *
 * @param statements - accepted evidence only
 * @param time - the moment asked about (ms)
 * @param now - the validation time (ms)
 * @returns whether the status at `time` is known, and the revocation the evidence shows, if any
 * @example
 * ```ts
 * assessStatements([{ thisUpdate: t1, nextUpdate: t2, says: "clear" }], t0, now); // { known: true }
 * ```
 */
export function assessStatements(
  statements: readonly Statement[],
  time: number,
  now: number,
): { known: boolean; revocation?: Revocation } {
  const known = statements.some((s) => speaksFor(s, time, now));
  const listings = statements.filter(isListing);
  const clears = statements.filter((s) => s.says === "clear" && s.partial !== true);
  const holds = holdIntervals(listings, clears);
  const permanent = listings.filter((l) => l.reason !== "certificateHold");
  if (permanent.length > 0) {
    const earliest = permanent.reduce((a, b) => (b.at < a.at ? b : a));
    const compromises = permanent.filter((l) => COMPROMISE_REASONS.has(l.reason));
    const ongoingHold = holds.find((h) => h.until === undefined && h.at < earliest.at);
    const at = ongoingHold ? ongoingHold.at : earliest.at;
    if (compromises.length === 0) return { known, revocation: { at, reason: earliest.reason } };
    const c = compromises.reduce((a, b) => ((b.invalidityDate ?? b.at) < (a.invalidityDate ?? a.at) ? b : a));
    return { known, revocation: { at, reason: c.reason, compromiseAt: c.invalidityDate ?? c.at } };
  }
  if (holds.length === 0) return { known };
  const hold = holds.find((h) => h.until === undefined) ?? holds[0]!;
  return {
    known,
    revocation: hold.until === undefined ? { at: hold.at, reason: "certificateHold" } : { at: hold.at, reason: "certificateHold", holdUntil: hold.until },
  };
}
