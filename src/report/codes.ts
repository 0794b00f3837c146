export { ARTICLES, CONDITION_CODES, type ConditionCode } from "../conditions/codes.js";

/** Warning codes: remarks that never change the verdict. */
export const WARNING_CODES = [
  "CLAIMED_TIME_CONTRADICTED",
  "TIMESTAMP_INVALID",
  "REVOCATION_NOT_CHECKED",
  "LEGACY_ALGORITHM",
  "EVIDENCE_REJECTED",
  "CERTIFICATE_UNUSABLE",
] as const;

/** A warning code. */
export type WarningCode = (typeof WARNING_CODES)[number];

