import type { Env } from "../crypto/types.js";
import type { Certificate } from "../model/certificate.js";
import type { Statement } from "./assess.js";
import type { EvidenceRef } from "./types.js";

/** One piece of evidence judged for one certificate: its report entry and, when accepted, what it says. */
export interface Judged {
  readonly ref: EvidenceRef;
  /** Present only when the evidence was accepted. */
  readonly statement?: Statement;
}

/** What judging a piece of evidence needs besides the evidence. */
export interface JudgeContext {
  readonly certificate: Certificate;
  readonly issuer: Certificate;
  /** Certificates validated by the caller that may sign CRLs besides the issuer (same-name CRL keys, indirect CRL issuers). */
  readonly crlSigners?: readonly Certificate[];
  readonly env: Env;
  readonly algorithms: "default" | "strict";
}
