import type { Message, SignatureReport, Verdict, Warning } from "../../report/types.js";
import type { ByteRangeRule } from "./byte-range.js";
import type { ChangesAfter } from "./changes-status.js";

/** Document codes of pdf.md: what the document verdict rests on. */
export type DocumentCode = "ALL_SECURE" | "MODIFIED_AFTER_SIGNING" | "SIGNATURE_NOT_SECURE" | "SIGNATURE_INDETERMINATE" | "NO_SIGNATURES";

/** Where the signing time used for a PDF signature came from. */
export type PdfSigningTimeFrom = "cms-signingTime" | "pdf-M" | "timestamp" | "document-timestamp" | "caller" | null;

/** The `document` block of a PDF report: what the CLI's exit code follows for a PDF. */
export interface PdfDocumentReport {
  readonly verdict: Verdict;
  readonly code: DocumentCode;
  readonly revisions: number;
  readonly message: Message;
  /** What the reader tolerated, and bytes after the last revision. */
  readonly warnings: readonly Warning[];
}

/** The `pdf` block of a signature: where it sits in the file and what changed after it. */
export interface PdfSignatureInfo {
  readonly field: string | null;
  readonly subFilter: string | null;
  readonly byteRange: readonly number[] | null;
  /** The revision its ByteRange ends at (1-based), `null` when it ends at none. */
  readonly revision: number | null;
  readonly coversWholeDocument: boolean;
  /** DocMDP of a certification signature. */
  readonly certification: { readonly p: 1 | 2 | 3 } | null;
  readonly changesAfter: ChangesAfter;
  readonly signingTimeFrom: PdfSigningTimeFrom;
  /** The signature is no longer reachable in the final revision. */
  readonly removed: boolean;
  /** Broken ByteRange rules, by stable id (empty when every rule holds). */
  readonly byteRangeRules: readonly { readonly rule: ByteRangeRule; readonly detail: string }[];
  /** `/Reason`, `/Name` and `/Location` as the signer wrote them. */
  readonly reason: string | null;
  readonly name: string | null;
  readonly location: string | null;
}

/** A signature's report (interfaces.md §2) with its `pdf` block. */
export interface PdfSignatureReport extends SignatureReport {
  readonly pdf: PdfSignatureInfo;
}

/** A document timestamp (`ETSI.RFC3161`). */
export interface DocumentTimestampReport {
  readonly genTime: string | null;
  readonly revision: number | null;
  readonly valid: boolean;
  readonly tsa: string | null;
  readonly reason: string | null;
  readonly field: string | null;
  readonly byteRange: readonly number[] | null;
  readonly coversWholeDocument: boolean;
}

/** The report on a signed PDF (pdf.md). */
export interface PdfReport {
  readonly document: PdfDocumentReport;
  readonly signatures: readonly PdfSignatureReport[];
  readonly documentTimestamps: readonly DocumentTimestampReport[];
}
