/**
 * The manifest's shape and the stable codes it may use (briefs/codes.md), shared by the fixture checks.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CONDITION_CODES, WARNING_CODES } from "../../src/report/codes.js";
import { DECREE130_ERROR_CODES } from "../../src/errors.js";

/** The fixture folder (test/fixtures/openssl/). */
export const DIR = fileURLToPath(new URL("../fixtures/openssl/", import.meta.url));

export interface SignatureExpectation {
  verdict: "SECURE" | "NOT_SECURE" | "INDETERMINATE";
  conditions: Record<Condition, string>;
  category: string | null;
  warnings: string[];
  signingTimeSource: string;
}
export interface Case {
  id: string;
  file: string;
  content: string | null;
  trustList: string;
  crls: string[];
  ocsp: string[];
  certs: string[];
  now: string;
  signingTime: string | null;
  policy: Record<string, string> | null;
  expected: { error: string; alsoAcceptable?: string[] } | { signatures: SignatureExpectation[] };
  why: string;
}
export type Condition = "validityPeriod" | "keyCorrespondence" | "issuerType" | "soleControl";

/** Codes only a signed XML document reaches (xml.md): never in this CMS manifest; test/xml covers each of them. */
export const XML_ONLY: ReadonlySet<string> = new Set([
  "NOT_BOUND_TO_DOCUMENT",
  "AMBIGUOUS_REFERENCE",
  "UNSUPPORTED_REFERENCE",
  "MALFORMED_SIGNATURE",
  "MST_MISMATCH",
  "NO_SIGNED_SIGNING_TIME",
  "TAX_AUTHORITY_UNEXPECTED",
  "SELLER_SIGNATURE_MISSING",
  "SIGNING_ORDER_INVERTED",
  "ENVELOPE_UNSIGNED",
  "PARTIALLY_SIGNED",
  "MCCQT_MISSING",
  "TAX_AUTHORITY_SIGNATURE_MISSING",
  "MALFORMED_XML",
  "XML_DTD_REFUSED",
  "XML_LIMIT_EXCEEDED",
]);

// The stable codes, from the library's own code table (docs/codes.md), by condition and status.
export const CODES = Object.fromEntries(
  (["validityPeriod", "keyCorrespondence", "issuerType", "soleControl"] as const).map((condition) => [
    condition,
    Object.fromEntries(
      (["PASSED", "FAILED", "INDETERMINATE"] as const).map((status) => [
        status,
        Object.entries(CONDITION_CODES)
          .filter(([code]) => !XML_ONLY.has(code))
          .filter(([, v]) => (v.conditions as readonly string[]).includes(condition) && v.status === status)
          .map(([code]) => code),
      ]),
    ),
  ]),
) as Record<Condition, Record<"PASSED" | "FAILED" | "INDETERMINATE", string[]>>;
export const WARNINGS: readonly string[] = WARNING_CODES.filter((c) => !XML_ONLY.has(c));
export const INPUT_ERRORS: readonly string[] = DECREE130_ERROR_CODES.filter(
  (c) => !XML_ONLY.has(c) && !["MALFORMED_CERTIFICATE", "MALFORMED_CRL", "MALFORMED_OCSP", "TRUST_LIST_INVALID", "POLICY_INVALID", "TIME_INVALID"].includes(c),
);
export const CONDITIONS = Object.keys(CODES) as Condition[];
/**
 * Codes only a signed PDF can reach (pdf.md): an OpenSSL CMS file cannot. test/pdf/ and test/fixtures/pdf/ cover them.
 */
export const PDF_ONLY: ReadonlySet<string> = new Set([
  "BYTE_RANGE_INVALID",
  "MALFORMED_SIGNATURE",
  "UNSUPPORTED_SUBFILTER",
  "TRAILING_BYTES",
  "CHANGED_AFTER_SIGNING",
  "SIGNATURE_REMOVED",
  "PDF_TOLERATED",
  "MALFORMED_PDF",
  "PDF_LIMIT_EXCEEDED",
  "UNSUPPORTED_PDF",
]);
/** Every case of manifest.json. */
export const manifest = JSON.parse(readFileSync(join(DIR, "manifest.json"), "utf8")) as Case[];
/** Cases by id. */
export const byId = new Map(manifest.map((c) => [c.id, c]));

/** The status a code stands for within a condition, or undefined for a code not published there. */
export function statusOf(condition: Condition, code: string): string | undefined {
  return (["PASSED", "FAILED", "INDETERMINATE"] as const).find((s) => CODES[condition][s].includes(code));
}

/** The expected signatures of a case (none for an input error). */
export function signatures(c: Case): SignatureExpectation[] {
  return "signatures" in c.expected ? c.expected.signatures : [];
}

