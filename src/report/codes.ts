export { ARTICLES, CONDITION_CODES, type ConditionCode } from "../conditions/codes.js";

/** Warning codes: remarks that never change the verdict. */
export const WARNING_CODES = [
  "CLAIMED_TIME_CONTRADICTED",
  "TIMESTAMP_INVALID",
  "REVOCATION_NOT_CHECKED",
  "LEGACY_ALGORITHM",
  "EVIDENCE_REJECTED",
  "CERTIFICATE_UNUSABLE",
  // online evidence (with a fetcher)
  "FETCH_FAILED",
  "FETCH_REFUSED",
  // signed XML (xml.md)
  "MST_MISMATCH",
  "NO_SIGNED_SIGNING_TIME",
  "TAX_AUTHORITY_UNEXPECTED",
  "SELLER_SIGNATURE_MISSING",
  "SIGNING_ORDER_INVERTED",
  "ENVELOPE_UNSIGNED",
  "PARTIALLY_SIGNED",
  "MCCQT_MISSING",
  "TAX_AUTHORITY_SIGNATURE_MISSING",
  "TRAILING_BYTES",
  "CHANGED_AFTER_SIGNING",
  "SIGNATURE_REMOVED",
  "PDF_TOLERATED",
] as const;

/** A warning code. */
export type WarningCode = (typeof WARNING_CODES)[number];

