import { indexOf, isWhite, Lexer, type Token } from "./lexer.js";
import { malformedPdf, overLimit } from "./limits.js";
import type { PdfDict, PdfRef, PdfStream, PdfValue } from "./objects.js";

/** What parsing needs from its surroundings. */
export interface ParseContext {
  /** Deepest nesting of arrays and dictionaries. */
  readonly maxDepth: number;
  /** The value of an indirect stream `/Length`, or `undefined` when it cannot be had. */
  readonly lengthOf: (ref: PdfRef) => number | undefined;
  /** Records something the reader tolerated. */
  readonly warn: (what: string) => void;
}

/** An indirect object as read from its bytes. */
export interface ParsedObject {
  readonly num: number;
  readonly gen: number;
  readonly value: PdfValue;
  /** Offset of the object number. */
  readonly start: number;
  /** Offset just past `endobj` (or past the value when `endobj` is missing). */
  readonly end: number;
}

const EMPTY: readonly string[] = [];

/**
 * Reads one value at the lexer's position, references included.
 *
 * @param lx - the lexer
 * @param ctx - depth budget and warnings
 * @param depth - current nesting
 * @returns the value
 * @throws {@link Decree130Error} `MALFORMED_PDF`, `PDF_LIMIT_EXCEEDED` (nesting)
 * @example
 * ```ts
 * const v = parseValue(new Lexer(bytes, offset), ctx);
 * ```
 */
export function parseValue(lx: Lexer, ctx: ParseContext, depth = 0): PdfValue {
  return valueFrom(lx.next(), lx, ctx, depth);
}

function valueFrom(t: Token, lx: Lexer, ctx: ParseContext, depth: number): PdfValue {
  switch (t.type) {
    case "int":
      return maybeRef(t.value, lx);
    case "real":
      return { kind: "real", value: t.value };
    case "name":
      return { kind: "name", value: t.value };
    case "string":
      return t.value;
    case "keyword":
      if (t.value === "true") return true;
      if (t.value === "false") return false;
      if (t.value === "null") return null;
      throw malformedPdf(`unexpected '${t.value.slice(0, 20)}' at offset ${t.start}`);
    case "punct":
      if (depth >= ctx.maxDepth) throw overLimit(`objects nested deeper than ${ctx.maxDepth} at offset ${t.start}`);
      if (t.value === "[") return array(lx, ctx, depth + 1);
      if (t.value === "<<") return dictionary(lx, ctx, depth + 1);
      throw malformedPdf(`unexpected '${t.value}' at offset ${t.start}`);
    case "eof":
      throw malformedPdf(`unexpected end of data at offset ${t.start}`);
  }
}

function maybeRef(num: number, lx: Lexer): PdfValue {
  if (num < 0) return num;
  const save = lx.pos;
  const g = lx.next();
  if (g.type === "int" && g.value >= 0) {
    const r = lx.next();
    if (r.type === "keyword" && r.value === "R") return { kind: "ref", num, gen: g.value };
  }
  lx.pos = save;
  return num;
}

function array(lx: Lexer, ctx: ParseContext, depth: number): PdfValue {
  const items: PdfValue[] = [];
  for (;;) {
    const t = lx.next();
    if (t.type === "punct" && t.value === "]") return { kind: "array", items };
    items.push(valueFrom(t, lx, ctx, depth));
  }
}

function dictionary(lx: Lexer, ctx: ParseContext, depth: number): PdfDict {
  const entries = new Map<string, PdfValue>();
  let duplicates: string[] | undefined;
  for (;;) {
    const t = lx.next();
    if (t.type === "punct" && t.value === ">>") return { kind: "dict", entries, duplicates: duplicates ?? EMPTY };
    if (t.type !== "name") throw malformedPdf(`dictionary key expected at offset ${t.start}`);
    const value = parseValue(lx, ctx, depth);
    if (entries.has(t.value)) (duplicates ??= []).push(t.value);
    else entries.set(t.value, value);
  }
}

/** Skips white-space only (not comments: after `stream` data, `%` is data). */
function skipWhite(buf: Uint8Array, p: number, end: number): number {
  while (p < end && isWhite(buf[p])) p++;
  return p;
}

const startsWith = (buf: Uint8Array, p: number, word: string): boolean => indexOf(buf, word, p, p + word.length) === p;

/**
 * Reads the indirect object `num gen obj ... endobj` at an offset, a stream's data included (as a view).
 *
 * @param buf - the file (or an object stream's data)
 * @param offset - where the object number is (white-space before it is skipped)
 * @param ctx - depth budget, indirect lengths and warnings
 * @returns the object and where it ends
 * @throws {@link Decree130Error} `MALFORMED_PDF` when no object starts there or it is broken
 * @example
 * ```ts
 * const obj = parseIndirectObject(file, entry.offset, ctx);
 * ```
 */
export function parseIndirectObject(buf: Uint8Array, offset: number, ctx: ParseContext): ParsedObject {
  const lx = new Lexer(buf, offset);
  const a = lx.next();
  const b = lx.next();
  const c = lx.next();
  if (a.type !== "int" || b.type !== "int" || c.type !== "keyword" || c.value !== "obj") {
    throw malformedPdf(`no object header ('n g obj') at offset ${offset}`);
  }
  let value = parseValue(lx, ctx);
  let end = lx.pos;
  let t = lx.next();
  if (t.type === "keyword" && t.value === "stream" && value !== null && typeof value === "object" && value.kind === "dict") {
    const s = streamData(buf, value, t.end, ctx);
    value = s.stream;
    end = lx.pos = s.after;
    t = lx.next();
  }
  if (t.type === "keyword" && t.value === "endobj") end = t.end;
  else ctx.warn(`object ${a.value} ${b.value} at offset ${a.start} has no 'endobj'`);
  return { num: a.value, gen: b.value, value, start: a.start, end };
}

function streamData(buf: Uint8Array, dict: PdfDict, afterKeyword: number, ctx: ParseContext): { stream: PdfStream; after: number } {
  // §7.3.8.1: `stream` is followed by CRLF or LF; a lone CR is tolerated as viewers do.
  let start = afterKeyword;
  if (buf[start] === 0x0d && buf[start + 1] === 0x0a) start += 2;
  else if (buf[start] === 0x0a) start += 1;
  else if (buf[start] === 0x0d) {
    start += 1;
    ctx.warn(`stream at offset ${afterKeyword} starts after a lone CR`);
  }
  const raw = dict.entries.get("Length");
  const length = typeof raw === "number" ? raw : raw !== null && typeof raw === "object" && raw.kind === "ref" ? ctx.lengthOf(raw) : undefined;
  if (length !== undefined && length >= 0 && start + length <= buf.length) {
    const p = skipWhite(buf, start + length, buf.length);
    if (startsWith(buf, p, "endstream")) {
      return { stream: { kind: "stream", dict, data: buf.subarray(start, start + length) }, after: p + 9 };
    }
  }
  // The declared length does not land on `endstream`: take the data up to the first `endstream`, as viewers do.
  const at = indexOf(buf, "endstream", start);
  if (at < 0) throw malformedPdf(`stream at offset ${start} has no 'endstream'`);
  let end = at;
  if (end > start && buf[end - 1] === 0x0a) end--;
  if (end > start && buf[end - 1] === 0x0d) end--;
  ctx.warn(`stream at offset ${start}: /Length ${length ?? "missing"} does not end at 'endstream'; ${end - start} bytes used`);
  return { stream: { kind: "stream", dict, data: buf.subarray(start, end) }, after: at + 9 };
}
