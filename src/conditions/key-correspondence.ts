import type { ConditionCode } from "./codes.js";
import type { SignatureFacts } from "./context.js";
import { outcome, type Outcome } from "./outcome.js";

/** When several checks fail, the first in this order is reported; all are listed in the evidence. */
const PRECEDENCE: readonly ConditionCode[] = [
  "BYTE_RANGE_INVALID",
  "NOT_BOUND_TO_DOCUMENT",
  "AMBIGUOUS_REFERENCE",
  "UNSUPPORTED_REFERENCE",
  "MALFORMED_SIGNATURE",
  "SIGNATURE_INVALID",
  "HASH_MISMATCH",
  "SIGNING_CERT_MISMATCH",
  "MALFORMED_SIGNED_ATTRIBUTES",
  "WEAK_ALGORITHM",
  "KEY_USAGE",
  "UNSUPPORTED_SUBFILTER",
  "UNSUPPORTED_ALGORITHM",
  "SIGNED_DATA_NOT_FOUND",
];

/**
 * The problem keyCorrespondence reports among several: the first in its order of seriousness.
 *
 * @param problems - problems found (binding, key usage, problems known before a certificate)
 * @returns the decisive one, or `undefined` when there is none
 * @example
 * ```ts
 * decisiveProblem(binding.problems)?.code ?? "SIGNATURE_VALID";
 * ```
 */
export function decisiveProblem<P extends { readonly code: ConditionCode }>(problems: readonly P[]): P | undefined {
  return PRECEDENCE.map((code) => problems.find((p) => p.code === code)).find((p) => p !== undefined) ?? problems[0];
}

/** The facts keyCorrespondence hands on: whether a legacy algorithm carried the signature. */
export interface KeyCorrespondenceFacts {
  readonly legacyAlgorithm: boolean;
}

/**
 * Art. 9(1) "verifiable with the public key" and Art. 9(2) "created with the matching private key": the signature
 * verifies with the signing certificate's key over exactly the signed bytes (the format's binding check), with
 * acceptable algorithms and a key usage that allows signing.
 *
 * @param facts - the signature's facts (its binding check, made by the format)
 * @returns the outcome, with whether a legacy algorithm was used
 * @example
 * ```ts
 * keyCorrespondence(facts).code; // "SIGNATURE_VALID" | "HASH_MISMATCH" | ...
 * ```
 */
export function keyCorrespondence(facts: SignatureFacts): Outcome<KeyCorrespondenceFacts> {
  const cert = facts.signingCertificate;
  const binding = facts.binding;
  if (!cert || !binding) {
    // What is known to be wrong without a certificate still decides: a broken container is no missing certificate.
    const known = decisiveProblem(facts.preliminary);
    const none = { legacyAlgorithm: false };
    if (known) return { ...outcome(known.code, { problems: facts.preliminary.map((p) => ({ code: p.code, detail: p.detail })) }, { detail: known.detail }), facts: none };
    return { ...outcome("SIGNING_CERT_NOT_FOUND"), facts: none };
  }
  const problems: { readonly code: ConditionCode; readonly detail: string }[] = [...facts.preliminary];
  const ku = cert.keyUsage;
  if (ku && !ku.has("digitalSignature") && !ku.has("nonRepudiation")) {
    problems.push({ code: "KEY_USAGE", detail: "keyUsage lacks digitalSignature and nonRepudiation" });
  }
  problems.push(...binding.problems);
  const legacyAlgorithm = binding.algorithm !== undefined && binding.strength === "legacy";
  const evidence = {
    ...binding.evidence,
    ...(binding.algorithm ? { algorithm: binding.algorithm } : {}),
    legacyAlgorithm,
    problems: problems.map((p) => ({ code: p.code, detail: p.detail })),
  };
  const decisive = decisiveProblem(problems);
  const facts2 = { legacyAlgorithm };
  if (decisive) return { ...outcome(decisive.code, evidence, { detail: decisive.detail }), facts: facts2 };
  return { ...outcome("SIGNATURE_VALID", evidence, { algorithm: binding.algorithm }), facts: facts2 };
}

