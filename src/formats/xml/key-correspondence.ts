import type { VerifyFailure } from "../../crypto/types.js";
import type { Certificate } from "../../model/certificate.js";
import { ARTICLES } from "../../report/codes.js";
import { finding, messageFor } from "../../report/finding.js";
import type { ConditionResult } from "../../report/types.js";
import { byPrecedence, type XmlProblem, type XmlProblemCode } from "./problems.js";
import type { XmlSignatureUnderTest } from "./signature-under-test.js";
import type { XmlSigningCertificate } from "./signing-certificate.js";

/** How a verification failure maps to a keyCorrespondence code. */
const VERIFY_CODES: Readonly<Record<VerifyFailure, XmlProblemCode>> = {
  SIGNATURE_INVALID: "SIGNATURE_INVALID",
  MALFORMED_SIGNATURE: "SIGNATURE_INVALID",
  MALFORMED_KEY: "SIGNATURE_INVALID",
  ALGORITHM_KEY_MISMATCH: "SIGNATURE_INVALID",
  WEAK_ALGORITHM: "WEAK_ALGORITHM",
  UNSUPPORTED_ALGORITHM: "UNSUPPORTED_ALGORITHM",
};

function keyUsageProblem(cert: Certificate): XmlProblem | undefined {
  const ku = cert.keyUsage;
  return ku && !ku.has("digitalSignature") && !ku.has("nonRepudiation")
    ? { code: "KEY_USAGE", detail: "keyUsage lacks digitalSignature and nonRepudiation" }
    : undefined;
}

/**
 * keyCorrespondence of one XML signature (xml.md): the XML layer's problems, SignatureValue with the signing
 * certificate, and its key usage. Every XML problem is `FAILED`; `UNSUPPORTED_ALGORITHM` too, as xml.md says for an
 * unknown algorithm URI (a CMS signature reports that code `INDETERMINATE`). No certificate → `SIGNING_CERT_NOT_FOUND`.
 *
 * @param signature - the signature under test
 * @param signing - the selected signing certificate and the outcome with it
 * @returns the condition result, with every problem in its evidence
 * @example
 * ```ts
 * xmlKeyCorrespondence(sig, await selectSigningCertificate(sig, env)).code; // "SIGNATURE_VALID"
 * ```
 */
export function xmlKeyCorrespondence(signature: XmlSignatureUnderTest, signing: XmlSigningCertificate): ConditionResult {
  const problems: XmlProblem[] = [...signature.problems];
  const { certificate, outcome } = signing;
  if (certificate && outcome && !outcome.ok) problems.push({ code: VERIFY_CODES[outcome.code], detail: outcome.detail });
  const ku = certificate ? keyUsageProblem(certificate) : undefined;
  if (ku) problems.push(ku);
  const sorted = byPrecedence(problems);
  const evidence = {
    references: signature.covers,
    boundTo: signature.boundTo,
    signatureMethod: signature.signatureMethod,
    algorithm: outcome?.ok ? `${outcome.algorithms.signature} ${outcome.algorithms.digest}, ${outcome.algorithms.key}` : null,
    legacyAlgorithm: outcome?.ok === true && (outcome.strength === "legacy" || signature.legacyAlgorithms.length > 0),
    certificatesEmbedded: signature.certificates.length,
    problems: sorted,
  };
  const first = sorted[0];
  if (first) {
    const code = first.code;
    return { status: "FAILED", code, article: ARTICLES.keyCorrespondence, message: messageFor(code, { detail: first.detail }), evidence };
  }
  if (!certificate || !outcome) return finding("keyCorrespondence", "SIGNING_CERT_NOT_FOUND", evidence);
  return finding("keyCorrespondence", "SIGNATURE_VALID", evidence, { algorithm: evidence.algorithm });
}
