/** CRL reason codes (RFC 5280 §5.3.1) by name. */
export type RevocationReason =
  | "unspecified"
  | "keyCompromise"
  | "cACompromise"
  | "affiliationChanged"
  | "superseded"
  | "cessationOfOperation"
  | "certificateHold"
  | "removeFromCRL"
  | "privilegeWithdrawn"
  | "aACompromise";


/** CRLReason ENUMERATED values (RFC 5280 §5.3.1); value 7 is unassigned, so it has no entry. */
export const REASON_BY_CODE: ReadonlyMap<number, RevocationReason> = new Map<number, RevocationReason>([
  [0, "unspecified"],
  [1, "keyCompromise"],
  [2, "cACompromise"],
  [3, "affiliationChanged"],
  [4, "superseded"],
  [5, "cessationOfOperation"],
  [6, "certificateHold"],
  [8, "removeFromCRL"],
  [9, "privilegeWithdrawn"],
  [10, "aACompromise"],
]);

/** Reasons that say the private key left its holder's control: they carry a compromise time (semantics.md soleControl). */
export const COMPROMISE_REASONS: ReadonlySet<RevocationReason> = new Set<RevocationReason>(["keyCompromise", "cACompromise"]);

/**
 * The reason name for a CRLReason value.
 *
 * @param code - the ENUMERATED value
 * @returns the name, or `undefined` for an unassigned value
 * @example
 * ```ts
 * reasonName(1); // "keyCompromise"
 * ```
 */
export function reasonName(code: number): RevocationReason | undefined {
  return REASON_BY_CODE.get(code);
}
