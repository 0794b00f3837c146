import type { RevocationFinding } from "../revocation/types.js";
import type { SigningTimes } from "../time/signing-time.js";

/** Which step of semantics.md §1 decided, for a certificate judged at the signing times. */
export type TimeRuleCode =
  | "VALID"
  | "SIGNED_BEFORE_VALIDITY"
  | "SIGNED_AFTER_EXPIRY"
  | "REVOKED_AT_SIGNING"
  | "REVOCATION_UNKNOWN"
  | "REVOKED_NO_POE"
  | "EXPIRED_NO_POE";

/** The decision and the time it was made at. */
export interface TimeRuleOutcome {
  readonly code: TimeRuleCode;
  /** The time the decisive step compared against. */
  readonly at: number;
}

function suspendedAt(finding: RevocationFinding, t: number): boolean {
  const r = finding.revocation;
  if (!r || r.at > t) return false;
  return r.holdUntil === undefined || t < r.holdUntil;
}

/**
 * The time rules of semantics.md §1, in order, for one certificate: the signing certificate (validityPeriod) or a CA
 * certificate below the anchor (issuerType, shell model).
 *
 * @param cert - the certificate's validity window
 * @param times - the signing times
 * @param revocation - what revocation evidence shows; `null` when policy says revocation is ignored
 * @returns the first step that decides
 * @example
 * ```ts
 * judgeTimes(cert, times, finding).code; // "VALID" | "SIGNED_AFTER_EXPIRY" | ...
 * ```
 */
export function judgeTimes(
  cert: { readonly notBefore: number; readonly notAfter: number },
  times: SigningTimes,
  revocation: RevocationFinding | null,
): TimeRuleOutcome {
  const { claim, up } = times;
  // A valid content timestamp after expiry: the content, and so the signature over it, came after the certificate.
  if (times.notBefore !== undefined && times.notBefore > cert.notAfter) return { code: "SIGNED_AFTER_EXPIRY", at: times.notBefore };
  if (claim !== undefined && claim < cert.notBefore) return { code: "SIGNED_BEFORE_VALIDITY", at: claim };
  if (claim !== undefined && claim > cert.notAfter) return { code: "SIGNED_AFTER_EXPIRY", at: claim };
  if (up < cert.notBefore) return { code: "SIGNED_BEFORE_VALIDITY", at: up };
  // Known facts before missing evidence: revoked, then expired without proof of time, then revocation unknown.
  if (revocation) {
    if (claim !== undefined && suspendedAt(revocation, claim)) return { code: "REVOKED_AT_SIGNING", at: claim };
    // A lifted hold still leaves the signature unplaced unless proof puts it before the hold began.
    if (revocation.revocation && revocation.revocation.at <= up) return { code: "REVOKED_NO_POE", at: up };
  }
  if (up > cert.notAfter) return { code: "EXPIRED_NO_POE", at: up };
  if (revocation && !revocation.known) return { code: "REVOCATION_UNKNOWN", at: up };
  return { code: "VALID", at: claim ?? up };
}
