import type { Env } from "../crypto/types.js";
import type { Certificate } from "../model/certificate.js";
import { assessStatements, type Statement } from "./assess.js";
import { judgeCrlOnce } from "./crl-judgements.js";
import type { JudgeContext, Judged } from "./judged.js";
import { mergePartial } from "./merge.js";
import { judgeOcsp } from "./ocsp-evidence.js";
import type { EvidenceOrigin, EvidenceRef, RevocationFinding, RevocationSources } from "./types.js";

/** What {@link revocationStatus} needs. Times are milliseconds since the epoch. */
export interface RevocationStatusRequest {
  readonly certificate: Certificate;
  /** The certificate's issuer: CRLs and OCSP responses must be signed with its key (or by a responder it delegated). */
  readonly issuer: Certificate;
  /**
   * Certificates the caller validated (a path to the same anchor, not revoked) that may sign CRLs besides `issuer`: a
   * separate CRL-signing key of the same CA, a rolled-over key, an indirect CRL issuer. Default none.
   */
  readonly crlSigners?: readonly Certificate[];
  /** The moment whose status is asked (e.g. `T_up`). */
  readonly time: number;
  /** The validation time. */
  readonly now: number;
  readonly sources: RevocationSources;
  readonly env: Env;
  /** `"strict"` refuses evidence signed with legacy algorithms (SHA-1, RSA 1024-2047). Default `"default"`. */
  readonly algorithms?: "default" | "strict";
}

/**
 * Most pieces of evidence looked at for one certificate. Beyond it the rest goes unread, so the status is reported as not
 * known (an unread CRL might list the certificate); revocations found in what was read are still reported.
 */
export const MAX_EVIDENCE = 256;

/**
 * The revocation status of a certificate at a time, per semantics.md "Revocation evidence": which evidence counts, whether
 * the status at `time` is known, and any revocation or suspension the accepted evidence shows. Bad evidence is rejected
 * (listed with a reason), never thrown.
 *
 * @param req - the certificate, its issuer, the times, the evidence and crypto
 * @returns the finding
 * @example
 * ```ts
 * const finding = await revocationStatus({ certificate, issuer, time: tUp, now, sources: { crls, ocsp: [] }, env });
 * if (!finding.known) console.log("REVOCATION_UNKNOWN");
 * if (finding.revocation) console.log(finding.revocation.reason, new Date(finding.revocation.at));
 * ```
 */
export async function revocationStatus(req: RevocationStatusRequest): Promise<RevocationFinding> {
  const ctx: JudgeContext = {
    certificate: req.certificate,
    issuer: req.issuer,
    ...(req.crlSigners ? { crlSigners: req.crlSigners } : {}),
    env: req.env,
    algorithms: req.algorithms ?? "default",
  };
  const judged: Judged[] = [];
  const evidence: EvidenceRef[] = [];
  const overflow = req.sources.crls.length + req.sources.ocsp.length > MAX_EVIDENCE;
  for (const { crl, origin } of req.sources.crls.slice(0, MAX_EVIDENCE)) {
    try {
      const j = await judgeCrlOnce(crl, origin, ctx);
      if (j) judged.push(j);
    } catch (err) {
      judged.push(unjudgeable("crl", origin, crl.thisUpdate, err));
    }
  }
  for (const { response, origin } of req.sources.ocsp.slice(0, Math.max(0, MAX_EVIDENCE - req.sources.crls.length))) {
    try {
      judged.push(...(await judgeOcsp(response, origin, ctx)));
    } catch (err) {
      judged.push(unjudgeable("ocsp", origin, response.producedAt, err));
    }
  }
  const statements: Statement[] = [];
  for (const j of judged) {
    evidence.push(j.ref);
    if (j.statement) statements.push(j.statement);
  }
  const assessed = assessStatements(mergePartial(statements), req.time, req.now);
  const known = assessed.known && !overflow;
  const revocation = assessed.revocation;
  return revocation ? { known, revocation, evidence } : { known, evidence };
}

/** Evidence whose judging failed unexpectedly: reported as rejected, so it can never count as good news. */
function unjudgeable(type: "crl" | "ocsp", origin: EvidenceOrigin, when: number, err: unknown): Judged {
  const thisUpdate = Number.isFinite(when) ? new Date(when).toISOString() : "";
  const message = err instanceof Error ? err.message : String(err);
  return { ref: { type, origin, issuer: "", thisUpdate, nextUpdate: null, rejected: `could not be judged: ${message}` } };
}
