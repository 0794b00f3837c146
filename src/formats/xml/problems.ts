/**
 * The keyCorrespondence codes the XML layer finds without a certificate, in the order it lists them (the engine names the
 * decisive one by its own precedence, the same for every format).
 */
export const XML_PROBLEM_PRECEDENCE = [
  "MALFORMED_SIGNATURE",
  "UNSUPPORTED_REFERENCE",
  "AMBIGUOUS_REFERENCE",
  "UNSUPPORTED_ALGORITHM",
  "WEAK_ALGORITHM",
  "SIGNATURE_INVALID",
  "HASH_MISMATCH",
  "NOT_BOUND_TO_DOCUMENT",
] as const;

/** A keyCorrespondence failure code of the XML layer. */
export type XmlProblemCode = (typeof XML_PROBLEM_PRECEDENCE)[number];

/** Why a signature cannot pass keyCorrespondence: a code and a detail for people. */
export interface XmlProblem {
  readonly code: XmlProblemCode;
  readonly detail: string;
}

/**
 * Sorts problems by {@link XML_PROBLEM_PRECEDENCE} (stable within a code), so the first is the one a report names.
 *
 * @param problems - problems in the order they were found
 * @returns a sorted copy
 * @example
 * ```ts
 * byPrecedence([{ code: "HASH_MISMATCH", detail: "" }, { code: "AMBIGUOUS_REFERENCE", detail: "" }])[0].code;
 * // "AMBIGUOUS_REFERENCE"
 * ```
 */
export function byPrecedence(problems: readonly XmlProblem[]): XmlProblem[] {
  const rank = (p: XmlProblem): number => XML_PROBLEM_PRECEDENCE.indexOf(p.code);
  return problems.map((p, i) => ({ p, i })).sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i).map((x) => x.p);
}
