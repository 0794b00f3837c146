import type { KeyCorrespondenceCode } from "./codes.js";

/** A keyCorrespondence code a format's binding check may report (all but those the condition decides itself). */
export type BindingCode = Exclude<KeyCorrespondenceCode, "SIGNATURE_VALID" | "SIGNING_CERT_NOT_FOUND" | "KEY_USAGE">;

/** One thing wrong with how a signature binds to its certificate's key and the signed bytes. */
export interface BindingProblem {
  readonly code: BindingCode;
  readonly detail: string;
}

/**
 * What a format's binding check found (CMS signed attributes and signature, a PDF byte range, XMLDSig references and
 * SignedInfo): problems as values, and what verified. keyCorrespondence reads it the same for every format.
 */
export interface Binding {
  /** Every problem found; the condition reports the most serious. Empty: the signature binds. */
  readonly problems: readonly BindingProblem[];
  /** The algorithms that verified, e.g. `"ECDSA SHA-256, P-256"`; absent when the signature did not verify. */
  readonly algorithm?: string;
  /** The weakest of every algorithm the binding rests on (the signature and the digests it covers). */
  readonly strength: "ok" | "legacy";
  /** Facts for the report's evidence, in the format's own words (signed attributes, references, byte ranges). */
  readonly evidence: Readonly<Record<string, unknown>>;
}
