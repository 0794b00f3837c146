import { iso } from "../lib/iso.js";
import type { SignatureFacts } from "./context.js";
import { revocationEvidence } from "./evidence.js";
import { outcome, type Outcome } from "./outcome.js";
import { judgeTimes } from "./time-rules.js";

/**
 * Art. 9(1) and Art. 3(8): was the signing certificate valid, not suspended and not revoked when the signature was made?
 * Follows the time rules step by step; the signing certificate's own dates and revocation are judged here only.
 *
 * @param facts - the signature's facts
 * @returns the outcome
 * @example
 * ```ts
 * validityPeriod(facts).code; // "CERT_VALID_AT_SIGNING"
 * ```
 */
export function validityPeriod(facts: SignatureFacts): Outcome {
  const cert = facts.signingCertificate;
  if (!cert) return outcome("SIGNING_CERT_NOT_FOUND");
  const decided = judgeTimes(cert, facts.times, facts.leafRevocation);
  const r = facts.leafRevocation?.revocation;
  const evidence = {
    notBefore: iso(cert.notBefore),
    notAfter: iso(cert.notAfter),
    claimedSigningTime: iso(facts.times.claim),
    upperBound: iso(facts.times.up),
    revocation: revocationEvidence(facts.leafRevocation),
  };
  const params = {
    time: iso(decided.at),
    notBefore: iso(cert.notBefore),
    notAfter: iso(cert.notAfter),
    revokedAt: iso(r?.at),
    reason: r?.reason,
  };
  return outcome(decided.code === "VALID" ? "CERT_VALID_AT_SIGNING" : decided.code, evidence, params);
}
