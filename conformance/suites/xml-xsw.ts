// XML signature wrapping (XSW) samples of esig/dss (test/corpora/suites/xml-xsw, see its PROVENANCE.md), through
// validateXml. They are XAdES on generic documents (role `other`) with EU test certificates that no trust list of ours
// names, so what is judged is the XML layer's own outcome: keyCorrespondence and what the signature is bound to.
//   accepted   keyCorrespondence PASSED and bound to the whole document (URI="" or the root element)
//   partial    keyCorrespondence PASSED but bound to an element below the root, with document warning PARTIALLY_SIGNED:
//              the fake content around it is never presented as signed
//   rejected:C keyCorrespondence FAILED with code C
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isDecree130Error } from "../../src/errors.js";
import { validateXml, type XmlReport } from "../../src/formats/xml/index.js";
import { vietnamTrustList } from "../../src/trust/vn/index.js";
import { SUITES_DIR, tally, timed, type CaseResult, type SuiteResult, type Verdict } from "../lib.js";

const NOW = new Date("2026-01-01T00:00:00Z");

/** What the XML layer must conclude for each sample, and why. */
export const XSW_EXPECTED: Readonly<Record<string, { readonly outcome: string; readonly why: string }>> = {
  "dss-xades/original.xml": { outcome: "accepted", why: "benign control: #TLISK-102 is the root" },
  "dss-xades/TSL-CY-sign.xml": { outcome: "accepted", why: 'benign control: URI="" with the enveloped transform' },
  "dss-xades/TSL-noID.xml": { outcome: "accepted", why: 'benign control: URI="" and no Id on the root' },
  "dss-xades/XSW-enveloped-fake-content.xml": {
    outcome: "rejected:NOT_BOUND_TO_DOCUMENT",
    why: "the signed list was moved into the signature's own ds:Object; the root is fake: the signature covers nothing outside itself",
  },
  "dss-xades/XSW-enveloped-fake-content-misplaced.xml": {
    outcome: "partial",
    why: "the signed list was moved below fake content: bound to that element only, and the document is flagged PARTIALLY_SIGNED",
  },
  "dss-xades/XSW-enveloped-fake-content-two-same-id.xml": { outcome: "rejected:AMBIGUOUS_REFERENCE", why: "two elements carry Id TLISK-102" },
  "dss-xades/XSW-enveloped-fake-signedProperties.xml": { outcome: "rejected:UNSUPPORTED_ALGORITHM", why: "an XPath transform selects what is digested" },
  "dss-xades/XSW-enveloping-fake-manifest.xml": { outcome: "rejected:UNSUPPORTED_REFERENCE", why: "a Manifest reference: its own references are never checked" },
  "dss-xades/XSW-enveloping-fake-object.xml": { outcome: "rejected:UNSUPPORTED_ALGORITHM", why: "a base64 transform over a ds:Object" },
  "dss-xades/disable-checks.xml": { outcome: "rejected:UNSUPPORTED_ALGORITHM", why: "a base64 transform; no reference to document content holds" },
  "dss-xades/dss-signed-altered-signedPropsRemoved.xml": { outcome: "rejected:SIGNATURE_INVALID", why: "SignedInfo was altered after signing" },
};

/**
 * The XML layer's outcome for one report, in the suite's terms.
 *
 * @param report - validateXml's report on a one-signature sample
 * @returns `accepted`, `partial`, `rejected:<code>`, or `other:<code>` for anything else
 * @example
 * ```ts
 * classifyXsw(await validateXml(bytes, { now, trustList: vietnamTrustList() })); // "rejected:NOT_BOUND_TO_DOCUMENT"
 * ```
 */
export function classifyXsw(report: XmlReport): string {
  const [sig] = report.signatures;
  if (!sig || report.signatures.length !== 1) return `other:${report.signatures.length} signatures`;
  const kc = sig.conditions.keyCorrespondence;
  if (kc.status === "FAILED") return `rejected:${kc.code}`;
  if (kc.status !== "PASSED") return `other:${kc.code}`;
  const partial = report.document.warnings.some((w) => w.code === "PARTIALLY_SIGNED");
  const rootPath = `/${(sig.xml.boundTo ?? "").split("/")[1] ?? ""}`;
  if (!partial && (sig.xml.boundTo === "/" || sig.xml.boundTo === rootPath)) return "accepted";
  return partial ? "partial" : `other:bound to ${sig.xml.boundTo}`;
}

/**
 * Runs every sample listed in expected.tsv through validateXml and compares the XML layer's outcome with {@link XSW_EXPECTED}.
 *
 * @returns the suite's tally
 * @example
 * ```ts
 * const r = await runXmlXsw(); // r.disagree === 0
 * ```
 */
export async function runXmlXsw(): Promise<SuiteResult> {
  const dir = join(SUITES_DIR, "xml-xsw");
  const files = readFileSync(join(dir, "expected.tsv"), "utf8").split("\n").slice(1).filter((l) => l.trim() !== "").map((l) => l.split("\t")[0]!);
  const out: (CaseResult & { verdict: Verdict })[] = [];
  for (const file of files) {
    const expected = XSW_EXPECTED[file];
    if (!expected) {
      out.push({ id: file, expected: "listed", actual: "skipped", reason: "no expectation written for this sample", verdict: "skipped" });
      continue;
    }
    const bytes = new Uint8Array(readFileSync(join(dir, file)));
    const t = await timed(() => validateXml(bytes, { now: NOW, trustList: vietnamTrustList() }));
    if (t.hung) {
      out.push({ id: file, expected: expected.outcome, actual: "hung", ms: t.ms, verdict: "hung" });
      continue;
    }
    const actual = t.value ? classifyXsw(t.value) : isDecree130Error(t.error) ? `error:${t.error.code}` : `untyped-error:${(t.error as Error)?.message}`;
    out.push({ id: file, expected: expected.outcome, actual, reason: expected.why, ms: t.ms, verdict: actual === expected.outcome ? "agree" : "disagree" });
  }
  return tally(out);
}
