import { dictOf, get, isRef, type PdfDict, type PdfValue } from "../formats/pdf/objects.js";
import { joinBytes, latin1Bytes, pdfText, readBase, writeUpdate, writeValue, type BasePdf, type TestPdfObject } from "./pdf-write.js";

export type { TestPdfObject } from "./pdf-write.js";

/** Options of {@link createTestPdf}. */
export interface TestPdfOptions {
  /** Number of pages. Default 1. */
  readonly pages?: number;
  /** The text on each page: one string for every page, or one per page. Latin-1 only (others print as `?`). */
  readonly text?: string | readonly string[];
  /** Empty signature fields to create on page 1 (names). */
  readonly signatureFields?: readonly string[];
  /** Text form fields on page 1: name → value. */
  readonly textFields?: Readonly<Record<string, string>>;
  /** Cross-reference style. Default `table`. */
  readonly xref?: "table" | "stream";
}

/**
 * Writes a small, valid PDF: a catalog, a page tree, Helvetica, one content stream per page, optional empty signature
 * fields and text fields. Object numbers are stable: 1 catalog, 2 pages, 3 font, then each page and its content.
 *
 * @param options - pages, text, fields and cross-reference style
 * @returns the PDF
 * @example
 * ```ts
 * const pdf = createTestPdf({ pages: 2, text: "Hop dong so 01/2025" });
 * ```
 */
export function createTestPdf(options: TestPdfOptions = {}): Uint8Array {
  const pages = options.pages ?? 1;
  if (!Number.isInteger(pages) || pages < 1 || pages > 1000) throw new TypeError("pages must be an integer from 1 to 1000");
  const texts = typeof options.text === "string" || options.text === undefined ? Array.from({ length: pages }, () => (options.text as string | undefined) ?? "Test document") : options.text;
  const objects = new Map<number, TestPdfObject>();
  const pageNums = Array.from({ length: pages }, (_, i) => 4 + i * 2);
  let next = 4 + pages * 2;
  const fieldNums: number[] = [];
  for (const name of options.signatureFields ?? []) {
    const n = next++;
    fieldNums.push(n);
    objects.set(n, `<< /FT /Sig /T ${pdfText(name)} /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /F 132 /P ${pageNums[0]} 0 R >>`);
  }
  for (const [name, value] of Object.entries(options.textFields ?? {})) {
    const n = next++;
    const ap = next++;
    fieldNums.push(n);
    objects.set(ap, { dict: "<< /Type /XObject /Subtype /Form /BBox [0 0 200 20] /Resources << /Font << /F1 3 0 R >> >> >>", data: `BT /F1 12 Tf 2 6 Td ${pdfText(value)} Tj ET` });
    objects.set(n, `<< /FT /Tx /T ${pdfText(name)} /V ${pdfText(value)} /DA (/F1 12 Tf 0 g) /Type /Annot /Subtype /Widget /Rect [72 600 272 620] /F 4 /P ${pageNums[0]} 0 R /AP << /N ${ap} 0 R >> >>`);
  }
  const acroForm = fieldNums.length > 0 ? ` /AcroForm << /Fields [${fieldNums.map((n) => `${n} 0 R`).join(" ")}] /DR << /Font << /F1 3 0 R >> >> >>` : "";
  objects.set(1, `<< /Type /Catalog /Pages 2 0 R${acroForm} >>`);
  objects.set(2, `<< /Type /Pages /Kids [${pageNums.map((n) => `${n} 0 R`).join(" ")}] /Count ${pages} >>`);
  objects.set(3, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  pageNums.forEach((n, i) => {
    const annots = i === 0 && fieldNums.length > 0 ? ` /Annots [${fieldNums.map((f) => `${f} 0 R`).join(" ")}]` : "";
    objects.set(n, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${n + 1} 0 R${annots} >>`);
    const text = texts[i] ?? texts[texts.length - 1] ?? "";
    objects.set(n + 1, { dict: "<< >>", data: `BT /F1 18 Tf 72 760 Td ${pdfText(text)} Tj ET\nBT /F1 10 Tf 72 740 Td (Page ${i + 1} of ${pages}) Tj ET` });
  });
  return writeWhole(objects, options.xref ?? "table");
}

function writeWhole(objects: ReadonlyMap<number, TestPdfObject>, xref: "table" | "stream"): Uint8Array {
  const header = joinBytes([latin1Bytes("%PDF-1.7\n"), new Uint8Array([0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a])]);
  // A whole file is its first section written after the header.
  const nothing: BasePdf = { bytes: header, view: { trailerEntry: () => undefined } as unknown as BasePdf["view"], size: 1, lastXref: 0, lastXrefKind: xref };
  return writeUpdate(nothing, { objects, xref, root: 1, initial: true });
}

/** A new annotation added on a page by {@link appendIncrementalUpdate}. */
export interface TestAnnotation {
  /** 1-based page. Default 1. */
  readonly page?: number;
  /** Default `Text` (a comment). */
  readonly subtype?: string;
  readonly rect?: readonly [number, number, number, number];
  readonly contents?: string;
}

/** Options of {@link appendIncrementalUpdate}. */
export interface IncrementalUpdateOptions {
  /** New objects, by number (numbers at or above the trailer's /Size). */
  readonly addObjects?: Readonly<Record<number, TestPdfObject>>;
  /** Objects rewritten under their own number. */
  readonly replaceObjects?: Readonly<Record<number, TestPdfObject>>;
  /** Object numbers marked free. */
  readonly removeObjects?: readonly number[];
  /** Adds an annotation (a comment by default) to a page's /Annots. */
  readonly annotation?: TestAnnotation;
  /** Cross-reference style. Default: that of the last section. */
  readonly xref?: "table" | "stream";
}

/**
 * Appends an incremental update to a PDF: new, replaced and freed objects, and optionally an annotation on a page.
 *
 * @param pdf - the PDF
 * @param options - what the update changes
 * @returns the updated PDF (the input is not modified)
 * @example
 * ```ts
 * const commented = await appendIncrementalUpdate(signed, { annotation: { contents: "OK" } });
 * const tampered = await appendIncrementalUpdate(signed, { replaceObjects: { 5: { dict: "<< >>", data: "BT ET" } } });
 * ```
 */
export async function appendIncrementalUpdate(pdf: Uint8Array, options: IncrementalUpdateOptions): Promise<Uint8Array> {
  const base = await readBase(pdf);
  const objects = new Map<number, TestPdfObject>();
  for (const [k, v] of Object.entries(options.replaceObjects ?? {})) objects.set(Number(k), v);
  for (const [k, v] of Object.entries(options.addObjects ?? {})) objects.set(Number(k), v);
  if (options.annotation) {
    const a = options.annotation;
    const num = Math.max(base.size, ...[...objects.keys()].map((k) => k + 1));
    const page = pageOf(base, a.page ?? 1);
    const rect = (a.rect ?? [72, 700, 92, 720]).join(" ");
    objects.set(num, `<< /Type /Annot /Subtype /${a.subtype ?? "Text"} /Rect [${rect}] /Contents ${pdfText(a.contents ?? "Comment")} /P ${page.num} 0 R >>`);
    addToAnnots(base, page, num, objects);
  }
  return writeUpdate(base, { objects, ...(options.removeObjects ? { free: options.removeObjects } : {}), ...(options.xref ? { xref: options.xref } : {}) });
}

/** A page's object number and dictionary. */
export interface PageRef {
  readonly num: number;
  readonly dict: PdfDict;
}

/**
 * The n-th page of the final revision.
 *
 * @param base - the PDF
 * @param n - 1-based
 * @returns the page
 * @throws TypeError when the page does not exist
 */
export function pageOf(base: BasePdf, n: number): PageRef {
  const found: PageRef[] = [];
  const walk = (v: PdfValue | undefined, depth: number): void => {
    if (depth > 32 || found.length >= n) return;
    const d = dictOf(base.view.resolve(v));
    if (!d) return;
    const kids = base.view.resolve(get(d, "Kids"));
    if (kids !== null && kids !== undefined && typeof kids === "object" && kids.kind === "array") for (const k of kids.items) walk(k, depth + 1);
    else if (isRef(v)) found.push({ num: v.num, dict: d });
  };
  walk(get(base.view.catalog(), "Pages"), 0);
  const page = found[n - 1];
  if (!page) throw new TypeError(`the PDF has no page ${n}`);
  return page;
}

/**
 * Adds a reference to a page's `/Annots` in an update (rewriting the page, or its `/Annots` array when indirect).
 *
 * @param base - the PDF
 * @param page - the page
 * @param num - the annotation's object number
 * @param objects - the update's objects, added to
 */
export function addToAnnots(base: BasePdf, page: PageRef, num: number, objects: Map<number, TestPdfObject>): void {
  const annots = get(page.dict, "Annots");
  const rewritten = objects.get(page.num);
  const current = typeof rewritten === "string" ? undefined : annots;
  const items = (v: PdfValue | undefined): PdfValue[] => {
    const a = base.view.resolve(v);
    return a !== null && a !== undefined && typeof a === "object" && a.kind === "array" ? [...a.items] : [];
  };
  const ref: PdfValue = { kind: "ref", num, gen: 0 };
  if (isRef(current)) {
    objects.set(current.num, writeValue({ kind: "array", items: [...items(current), ref] }));
    return;
  }
  const entries = new Map(page.dict.entries);
  entries.set("Annots", { kind: "array", items: [...items(current), ref] });
  objects.set(page.num, writeValue({ kind: "dict", entries, duplicates: [] }));
}
