import { finding } from "../report/finding.js";
import type { ConditionResult } from "../report/types.js";
import { judgeTimes } from "../time/validity-rules.js";
import type { SignatureContext } from "./context.js";
import { revocationEvidence } from "./evidence.js";
import { iso } from "../time/iso.js";

/**
 * Art. 9(1) and Art. 3(8): was the signing certificate valid, not suspended and not revoked when the signature was made?
 * Follows semantics.md §1 step by step; the signing certificate's own dates and revocation are judged here only.
 *
 * @param ctx - the signature's context
 * @returns the condition result
 */
export function validityPeriod(ctx: SignatureContext): ConditionResult {
  const cert = ctx.signingCertificate;
  if (!cert) return finding("validityPeriod", "SIGNING_CERT_NOT_FOUND");
  const outcome = judgeTimes(cert, ctx.times, ctx.leafRevocation);
  const r = ctx.leafRevocation?.revocation;
  const evidence = {
    notBefore: iso(cert.notBefore),
    notAfter: iso(cert.notAfter),
    claimedSigningTime: iso(ctx.times.claim),
    upperBound: iso(ctx.times.up),
    revocation: revocationEvidence(ctx.leafRevocation),
  };
  const params = {
    time: iso(outcome.at),
    notBefore: iso(cert.notBefore),
    notAfter: iso(cert.notAfter),
    revokedAt: iso(r?.at),
    reason: r?.reason,
  };
  const code = outcome.code === "VALID" ? "CERT_VALID_AT_SIGNING" : outcome.code;
  return finding("validityPeriod", code, evidence, params);
}
