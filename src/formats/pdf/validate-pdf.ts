import { certificateDecoder } from "../../cache/decoded.js";
import { createValidationCache, type CacheTables } from "../../cache/validation-cache.js";
import { fileFacts } from "../../engine/judge-file.js";
import { judgeSignature } from "../../engine/judge-signature.js";
import { startRun, type JudgeOptions } from "../../engine/run.js";
import { judgeTimestamp } from "../../engine/timestamps.js";
import { Decree130Error } from "../../errors.js";
import type { Certificate } from "../../model/certificate.js";
import type { Limits } from "../../model/limits.js";
import type { SignedData } from "../../model/signed-data.js";
import type { Policy } from "../../policy/policy.js";
import { warning } from "../../report/finding.js";
import type { SignatureReport, Warning } from "../../report/types.js";
import { readCertificates } from "../certificates.js";
import { DOCUMENT_CODES, documentVerdict } from "./document-verdict.js";
import { pdfFileEvidence } from "./file-evidence.js";
import type { PdfLimits } from "./limits.js";
import type { PdfPolicy } from "./pdf-policy.js";
import { scanPdf, type PdfSignatureUnderTest } from "./scan.js";
import { coversSignature, documentTimestamp, pdfSignature, type AdaptedSignature } from "./signature-adapter.js";
import type { DocumentTimestampReport, PdfReport, PdfSignatureReport, PdfSigningTimeFrom } from "./types.js";

/** Options of {@link validatePdf}: those of `validate()` but `content` (the PDF says what was signed), and the PDF policy and budgets. */
export interface ValidatePdfOptions extends Omit<JudgeOptions, "policy" | "limits"> {
  /** Strictness choices; `pdf.annotationsAfterSigning` (`"allow"` by default) for PDFs. */
  readonly policy?: (Partial<Policy> & { readonly pdf?: Partial<PdfPolicy> | undefined }) | undefined;
  /** Budgets of the CMS reader and of the PDF reader. */
  readonly limits?: (Partial<Limits> & Partial<PdfLimits>) | undefined;
}

/** Supplied certificates, decoded through the cache (DER, PEM or PKCS#7 bundles). */
const readSupplied = (input: Uint8Array | string, tables: CacheTables): Certificate[] =>
  readCertificates(input, certificateDecoder(tables.certificates));

/**
 * Judges every signature of a signed PDF under Decree 130/2018 Art. 9 and the document as a whole: each signature over
 * the bytes its ByteRange covers, on the same engine as a CMS signature, then whether anything changed after it that
 * its signer did not allow. Document timestamps are judged by the timestamp rules; a valid one is a proof of existence
 * for every signature whose `/Contents` it covers.
 *
 * @param bytes - the PDF
 * @param options - trust list, evidence, times, policy and budgets
 * @returns the document verdict, one report per signature in document order, and the document timestamps
 * @throws {@link Decree130Error} for bytes that are not a readable PDF (`MALFORMED_PDF`, `PDF_LIMIT_EXCEEDED`, ...)
 * @throws TypeError for misuse (no trust list, bytes that are not a `Uint8Array`)
 * @example
 * ```ts
 * import { validatePdf } from "decree130/pdf";
 * import { vietnamTrustList } from "decree130/trust/vn";
 *
 * const report = await validatePdf(pdfBytes, { trustList: vietnamTrustList() });
 * console.log(report.document.verdict, report.signatures.map((s) => s.pdf.changesAfter.status));
 * ```
 */
export async function validatePdf(bytes: Uint8Array, options: ValidatePdfOptions): Promise<PdfReport> {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("validatePdf expects the PDF as a Uint8Array");
  if (typeof options !== "object" || options === null) throw new TypeError("validatePdf expects options with a trustList");
  const { pdf: pdfPolicy, ...policy } = options.policy ?? {};
  // Options are resolved once (the validation time too), so every signature of the document is judged at one moment.
  // Without the caller's cache, one for this document: its signatures mostly carry the same certificates, which are then
  // decoded, and their issuers' signatures verified, once for the document instead of once per signature.
  const run = startRun({ ...options, policy, cache: options.cache ?? createValidationCache() }, readSupplied);
  if (bytes.length === 0) throw new Decree130Error("INPUT_EMPTY", "the PDF holds no bytes");
  const scan = await scanPdf(bytes, { ...(options.limits ? { limits: options.limits } : {}), ...(pdfPolicy ? { policy: pdfPolicy } : {}) });
  const documentWarnings: Warning[] = scan.warnings.map((detail) => warning("PDF_TOLERATED", { detail }));
  if (scan.trailingBytes) documentWarnings.push(warning("TRAILING_BYTES", { detail: "bytes after the last %%EOF" }));

  const approvals = scan.signatures.filter((s) => s.kind === "signature");
  const stamps = scan.signatures.filter((s) => s.kind === "document-timestamp");
  const adapted = approvals.map((s) => pdfSignature(s, run.tables, run.limits));
  const cmses = adapted.map((a) => a.signedData).filter((d): d is SignedData => d !== undefined);
  const room = {
    certificates: run.supplied.certificates.length,
    revocation: run.supplied.revocation.crls.length + run.supplied.revocation.ocsp.length,
  };
  const evidence = pdfFileEvidence(
    adapted.map((a) => a.signature),
    cmses,
    adapted.map((a) => a.archived),
    scan.dss,
    room,
    run.tables,
    run.limits,
  );
  const facts = fileFacts(evidence.file, run);
  const shared = { ...facts, warnings: [...facts.warnings, ...evidence.warnings] };

  const documentTimestamps: DocumentTimestampReport[] = [];
  const proven: { readonly byteRange: readonly number[] | null; readonly time: number }[] = [];
  for (const ts of stamps) {
    const judged = await judgeTimestamp(documentTimestamp(ts, run.tables, run.limits), shared, run);
    if (judged.time !== undefined) proven.push({ byteRange: ts.byteRange, time: judged.time });
    const r = judged.report;
    documentTimestamps.push({
      genTime: r.genTime,
      revision: ts.revision,
      valid: r.valid,
      tsa: r.tsa,
      reason: r.reason,
      field: ts.field,
      byteRange: ts.byteRange,
      coversWholeDocument: ts.coversWholeDocument,
    });
  }

  const signatures: PdfSignatureReport[] = [];
  for (const [i, sig] of approvals.entries()) {
    const a = adapted[i]!;
    const proofs = proven.filter((p) => coversSignature(p.byteRange, sig.byteRange)).map((p) => ({ time: p.time, source: "timestamp" as const }));
    const signature = proofs.length > 0 ? { ...a.signature, proofs: [...(a.signature.proofs ?? []), ...proofs] } : a.signature;
    const report = await judgeSignature(signature, shared, run);
    signatures.push(pdfReport(sig, report, a, scan.trailingBytes));
  }
  const { code, verdict } = documentVerdict(signatures.map((s) => ({ verdict: s.verdict, changesAfter: s.pdf.changesAfter, removed: s.pdf.removed })));
  return {
    document: { verdict, code, revisions: scan.revisions, message: DOCUMENT_CODES[code].message, warnings: documentWarnings },
    signatures,
    documentTimestamps,
  };
}

/** Where the signing time the report uses came from, in the PDF's terms. */
function signingTimeFrom(report: SignatureReport, claimFrom: AdaptedSignature["claimFrom"]): PdfSigningTimeFrom {
  const { source, value } = report.signingTime;
  if (source === "claimed") return claimFrom;
  if (source === "caller") return "caller";
  if (source !== "timestamp" || value === null) return null;
  // The earliest proof is either one of the signature's own tokens or a document timestamp over it.
  const at = Date.parse(value);
  const own = report.timestamps.some((t) => t.valid && t.kind === "signature" && t.genTime !== null && Date.parse(t.genTime) === at);
  return own ? "timestamp" : "document-timestamp";
}

function pdfReport(sig: PdfSignatureUnderTest, report: SignatureReport, adapted: AdaptedSignature, trailing: boolean): PdfSignatureReport {
  const warnings = [...report.warnings];
  if (sig.changesAfter.status === "ALLOWED") warnings.push(warning("CHANGED_AFTER_SIGNING", { classes: sig.changesAfter.classes.join(", ") }));
  if (trailing) warnings.push(warning("TRAILING_BYTES", { detail: "bytes after the last %%EOF" }));
  if (sig.removed) warnings.push(warning("SIGNATURE_REMOVED"));
  return {
    ...report,
    warnings,
    pdf: {
      field: sig.field,
      subFilter: sig.subFilter,
      byteRange: sig.byteRange,
      revision: sig.revision,
      coversWholeDocument: sig.coversWholeDocument,
      certification: sig.certification,
      changesAfter: sig.changesAfter,
      signingTimeFrom: signingTimeFrom(report, adapted.claimFrom),
      removed: sig.removed,
      byteRangeRules: sig.byteRangeProblems,
      reason: sig.info.reason,
      name: sig.info.name,
      location: sig.info.location,
    },
  };
}
