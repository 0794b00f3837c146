/**
 * `decree130/pdf`: signed PDFs under Decree 130/2018 Art. 9 and pdf.md: each signature over the bytes it signed, and
 * the document: did anything change after a signature that its signer did not allow? Start with {@link validatePdf}.
 *
 * @packageDocumentation
 * @module decree130/pdf
 */
export { validatePdf, type ValidatePdfOptions } from "./validate-pdf.js";
export { Decree130Error, isDecree130Error } from "../../errors.js";
export { scanPdf, type PdfScan, type PdfSignatureUnderTest, type ScanPdfOptions } from "./scan.js";
export { documentVerdict, DOCUMENT_CODES, type SignatureOutcome } from "./document-verdict.js";
export { judgeChanges, type ChangesAfter, type ChangeRules } from "./changes-status.js";
export type { ChangeDetail } from "./changes.js";
export type { ChangeClass } from "./roles.js";
export type { ByteRangeRule, BrokenRule } from "./byte-range.js";
export type { DocMdpP, FieldLock } from "./certification.js";
export type { Dss, DssMaterial } from "./dss.js";
export { DEFAULT_PDF_LIMITS, resolvePdfLimits, type PdfLimits } from "./limits.js";
export { DEFAULT_PDF_POLICY, resolvePdfPolicy, type PdfPolicy } from "./pdf-policy.js";
export { dispatchOf, SUB_FILTERS, type Dispatch } from "./sub-filter.js";
export { parsePdfDate } from "./pdf-date.js";
export type {
  DocumentCode,
  DocumentTimestampReport,
  PdfDocumentReport,
  PdfReport,
  PdfSignatureInfo,
  PdfSignatureReport,
  PdfSigningTimeFrom,
} from "./types.js";
