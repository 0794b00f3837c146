import { Decree130Error } from "../../errors.js";
import { resolveLimitTable } from "../../model/limits.js";

/** Bounds on what reading one PDF may cost, so a hostile file costs bounded time and memory. */
export interface PdfLimits {
  /** Largest PDF accepted, in bytes. */
  readonly maxPdfBytes: number;
  /** Most cross-reference entries, summed over every section; four times this bounds object visits over all revisions. */
  readonly maxObjects: number;
  /** Deepest nesting of arrays and dictionaries in one object. */
  readonly maxNestingDepth: number;
  /** Most bytes one stream may decode to. */
  readonly maxStreamBytes: number;
  /** Most bytes all streams of the file may decode to together. */
  readonly maxDecodedBytes: number;
  /** Most revisions (cross-reference sections ending at a `%%EOF`). */
  readonly maxRevisions: number;
  /** Most signatures and document timestamps. */
  readonly maxSignatures: number;
  /** Most objects compared when judging the changes after one signature. */
  readonly maxComparedObjects: number;
}

/**
 * The default budgets: far above real documents (a scanned 200-page contract is some 50 MB and 5 000 objects; a
 * Vietnamese e-document carries 1–5 signatures), small enough that a crafted file cannot exhaust a browser tab.
 */
export const DEFAULT_PDF_LIMITS: PdfLimits = {
  maxPdfBytes: 256 * 1024 * 1024,
  maxObjects: 1_000_000,
  maxNestingDepth: 64,
  maxStreamBytes: 64 * 1024 * 1024,
  maxDecodedBytes: 256 * 1024 * 1024,
  maxRevisions: 1000,
  maxSignatures: 200,
  maxComparedObjects: 200_000,
};


/**
 * Fills in the default budgets and checks the given ones.
 *
 * @param input - some budgets; keys that are not PDF budgets are ignored (they may belong to the CMS reader)
 * @returns every budget
 * @throws TypeError for a budget that is not a positive integer
 * @example
 * ```ts
 * const limits = resolvePdfLimits({ maxRevisions: 10 });
 * ```
 */
export function resolvePdfLimits(input: Readonly<Record<string, unknown>> | undefined): PdfLimits {
  return resolveLimitTable(DEFAULT_PDF_LIMITS, input);
}

/**
 * The error for a budget passed.
 *
 * @param what - what went over, in words
 * @returns the typed error
 * @example
 * ```ts
 * throw overLimit(`more than ${limits.maxRevisions} revisions`);
 * ```
 */
export function overLimit(what: string): Decree130Error {
  return new Decree130Error("PDF_LIMIT_EXCEEDED", what);
}

/**
 * The error for bytes that break the PDF syntax where the reader cannot go on.
 *
 * @param what - what is wrong and where
 * @returns the typed error
 * @example
 * ```ts
 * throw malformedPdf(`no object at offset ${offset}`);
 * ```
 */
export function malformedPdf(what: string): Decree130Error {
  return new Decree130Error("MALFORMED_PDF", what);
}
