import { Decree130Error } from "../../errors.js";
import { decodeStream } from "./filters.js";
import type { DecodeBudget } from "./flate.js";
import { Lexer } from "./lexer.js";
import { malformedPdf, overLimit, type PdfLimits } from "./limits.js";
import { get, intOf, nameOf, type PdfDict, type PdfValue } from "./objects.js";
import { parseIndirectObject, parseValue, type ParseContext } from "./parser.js";

/** One cross-reference entry. */
export type XrefEntry =
  | { readonly type: "free"; readonly gen: number }
  | { readonly type: "inuse"; readonly offset: number; readonly gen: number }
  | { readonly type: "compressed"; readonly stream: number; readonly index: number };

/** One cross-reference section: a classic `xref` table with its trailer, or a `/Type /XRef` stream. */
export interface XrefSection {
  readonly kind: "table" | "stream";
  /** Offset of the `xref` keyword or of the stream object. */
  readonly offset: number;
  /** Offset just past the trailer dictionary, or past the stream object's `endobj`. */
  readonly end: number;
  readonly entries: ReadonlyMap<number, XrefEntry>;
  /** The trailer dictionary (the stream's dictionary for an xref stream). */
  readonly trailer: PdfDict;
}

/** What reading a section needs. */
export interface SectionContext {
  readonly bytes: Uint8Array;
  readonly parse: ParseContext;
  readonly budget: DecodeBudget;
  readonly limits: PdfLimits;
  /** Entries read so far in the file, against `limits.maxObjects`. */
  entryCount: number;
}

function count(ctx: SectionContext, n: number): void {
  ctx.entryCount += n;
  if (ctx.entryCount > ctx.limits.maxObjects) throw overLimit(`more than ${ctx.limits.maxObjects} cross-reference entries`);
}

/**
 * Reads the cross-reference section at an offset: a classic table (`xref`) or a cross-reference stream.
 *
 * @param ctx - the file, parse context and budgets
 * @param offset - where the section starts
 * @returns the section
 * @throws {@link Decree130Error} `MALFORMED_PDF` when no section starts there, `PDF_LIMIT_EXCEEDED`, `UNSUPPORTED_PDF`
 * @example
 * ```ts
 * const section = await readSection(ctx, startxref);
 * ```
 */
export async function readSection(ctx: SectionContext, offset: number): Promise<XrefSection> {
  if (offset < 0 || offset >= ctx.bytes.length) throw malformedPdf(`cross-reference offset ${offset} is outside the file`);
  const lx = new Lexer(ctx.bytes, offset);
  const first = lx.next();
  if (first.type === "keyword" && first.value === "xref") return readTable(ctx, lx, first.start);
  if (first.type === "int") return readStream(ctx, first.start);
  throw malformedPdf(`no cross-reference section at offset ${offset}`);
}

function readTable(ctx: SectionContext, lx: Lexer, offset: number): XrefSection {
  const entries = new Map<number, XrefEntry>();
  let firstSubsection = true;
  for (;;) {
    const t = lx.next();
    if (t.type === "keyword" && t.value === "trailer") break;
    const n = lx.next();
    if (t.type !== "int" || n.type !== "int" || t.value < 0 || n.value < 0) {
      throw malformedPdf(`bad cross-reference subsection header at offset ${t.start}`);
    }
    count(ctx, n.value);
    let start = t.value;
    for (let i = 0; i < n.value; i++) {
      const o = lx.next();
      const g = lx.next();
      const k = lx.next();
      if (o.type !== "int" || g.type !== "int" || k.type !== "keyword" || (k.value !== "n" && k.value !== "f")) {
        throw malformedPdf(`bad cross-reference entry at offset ${o.start}`);
      }
      // A common writer bug numbers the first subsection from 1 while listing object 0's free entry first.
      if (i === 0 && firstSubsection && start === 1 && k.value === "f" && o.value === 0 && g.value === 65535) {
        start = 0;
        ctx.parse.warn(`cross-reference table at offset ${offset} numbers its first subsection from 1; read from 0`);
      }
      const num = start + i;
      if (k.value === "f") entries.set(num, { type: "free", gen: g.value });
      else if (num !== 0) entries.set(num, { type: "inuse", offset: o.value, gen: g.value });
    }
    firstSubsection = false;
  }
  const trailer = parseValue(lx, ctx.parse);
  if (trailer === null || typeof trailer !== "object" || trailer.kind !== "dict") {
    throw malformedPdf(`trailer after the cross-reference table at offset ${offset} is not a dictionary`);
  }
  return { kind: "table", offset, end: lx.pos, entries, trailer };
}

function nonNegativeInts(v: PdfValue | undefined, what: string): number[] {
  if (v === null || v === undefined || typeof v !== "object" || v.kind !== "array") throw malformedPdf(`${what} is not an array`);
  return v.items.map((x) => {
    if (typeof x !== "number" || x < 0) throw malformedPdf(`${what} holds ${JSON.stringify(x)}, not a non-negative integer`);
    return x;
  });
}

async function readStream(ctx: SectionContext, offset: number): Promise<XrefSection> {
  const obj = parseIndirectObject(ctx.bytes, offset, ctx.parse);
  const stream = obj.value;
  if (stream === null || typeof stream !== "object" || stream.kind !== "stream" || nameOf(get(stream, "Type")) !== "XRef") {
    throw malformedPdf(`object at offset ${offset} is not a cross-reference stream`);
  }
  const w = nonNegativeInts(get(stream, "W"), "/W of the cross-reference stream");
  if (w.length !== 3 || w.some((x) => x > 8)) throw malformedPdf(`/W of the cross-reference stream at offset ${offset} is not three widths up to 8`);
  const size = intOf(get(stream, "Size"));
  if (size === undefined || size < 0) throw malformedPdf(`cross-reference stream at offset ${offset} has no /Size`);
  const index = get(stream, "Index") === undefined ? [0, size] : nonNegativeInts(get(stream, "Index"), "/Index");
  if (index.length % 2 !== 0) throw malformedPdf(`/Index of the cross-reference stream at offset ${offset} has an odd length`);
  const decoded = await decodeStream(stream, ctx.budget);
  if (!decoded.ok) throw new Decree130Error("UNSUPPORTED_PDF", `cross-reference stream at offset ${offset}: ${decoded.reason}`);
  const data = decoded.bytes;
  const row = w[0]! + w[1]! + w[2]!;
  const entries = new Map<number, XrefEntry>();
  let p = 0;
  for (let i = 0; i < index.length; i += 2) {
    const start = index[i]!;
    const n = index[i + 1]!;
    count(ctx, n);
    if (p + n * row > data.length) throw malformedPdf(`cross-reference stream at offset ${offset} is shorter than its /Index says`);
    for (let j = 0; j < n; j++, p += row) {
      const type = w[0] === 0 ? 1 : field(data, p, w[0]!);
      const f2 = field(data, p + w[0]!, w[1]!);
      const f3 = field(data, p + w[0]! + w[1]!, w[2]!);
      const num = start + j;
      if (type === 0) entries.set(num, { type: "free", gen: f3 });
      else if (type === 1 && num !== 0) entries.set(num, { type: "inuse", offset: f2, gen: f3 });
      else if (type === 2) entries.set(num, { type: "compressed", stream: f2, index: f3 });
    }
  }
  return { kind: "stream", offset, end: obj.end, entries, trailer: stream.dict };
}

function field(data: Uint8Array, p: number, width: number): number {
  let v = 0;
  for (let i = 0; i < width; i++) v = v * 256 + data[p + i]!;
  return v;
}
