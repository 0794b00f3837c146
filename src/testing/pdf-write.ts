import { readPdf, type RevisionView } from "../formats/pdf/document.js";
import { DEFAULT_PDF_LIMITS } from "../formats/pdf/limits.js";
import type { PdfValue } from "../formats/pdf/objects.js";

/** An object's body for an incremental update: PDF source text, or a stream (dictionary text and data). */
export type TestPdfObject = string | { readonly dict: string; readonly data: Uint8Array | string };

/**
 * Text as Latin-1 bytes (each character a byte; characters above U+00FF become `?`).
 *
 * @param s - the text
 * @returns the bytes
 * @example
 * ```ts
 * latin1Bytes("%PDF-1.7\n");
 * ```
 */
export function latin1Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[i] = c < 256 ? c : 0x3f;
  }
  return out;
}

/** Joins byte arrays. */
export function joinBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const REGULAR = /^[!-~]$/;
const DELIMITERS = new Set([..."()<>[]{}/%#"]);

/**
 * A PDF value as source text (strings as hex, so any bytes survive).
 *
 * @param v - the value (no streams: a stream is an indirect object of its own)
 * @returns the text
 * @example
 * ```ts
 * writeValue(catalog); // "<< /Type /Catalog /Pages 2 0 R >>"
 * ```
 */
export function writeValue(v: PdfValue): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return String(v);
  if (typeof v === "number") return String(v);
  switch (v.kind) {
    case "real":
      return Number.isInteger(v.value) ? `${v.value}.0` : String(Number(v.value.toFixed(6)));
    case "name":
      return `/${[...v.value].map((c) => (REGULAR.test(c) && !DELIMITERS.has(c) ? c : `#${c.charCodeAt(0).toString(16).padStart(2, "0")}`)).join("")}`;
    case "string":
      return `<${[...v.bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}>`;
    case "ref":
      return `${v.num} ${v.gen} R`;
    case "array":
      return `[${v.items.map(writeValue).join(" ")}]`;
    case "dict":
      return `<< ${[...v.entries].map(([k, x]) => `${writeValue({ kind: "name", value: k })} ${writeValue(x)}`).join(" ")} >>`;
    case "stream":
      throw new TypeError("a stream cannot be written inline");
  }
}

/**
 * A PDF string literal for text (Latin-1; `(`, `)` and `\` escaped).
 *
 * @param s - the text
 * @returns `(text)`
 * @example
 * ```ts
 * pdfText("Hợp đồng (bản 1)"); // "(H?p ??ng \\(b?n 1\\))"
 * ```
 */
export function pdfText(s: string): string {
  return `(${[...s].map((c) => (c.charCodeAt(0) > 255 ? "?" : c === "(" || c === ")" || c === "\\" ? `\\${c}` : c)).join("")})`;
}

/** What an update needs to know of the PDF it extends. */
export interface BasePdf {
  readonly bytes: Uint8Array;
  readonly view: RevisionView;
  /** The next free object number (the trailer's `/Size`). */
  readonly size: number;
  /** Offset of the last cross-reference section (`/Prev` of the update). */
  readonly lastXref: number;
  readonly lastXrefKind: "table" | "stream";
}

/**
 * Reads the PDF an update extends.
 *
 * @param bytes - the PDF
 * @returns its final revision and the numbers an update needs
 * @example
 * ```ts
 * const base = await readBase(pdf);
 * ```
 */
export async function readBase(bytes: Uint8Array): Promise<BasePdf> {
  const doc = await readPdf(bytes, DEFAULT_PDF_LIMITS);
  const view = doc.final;
  const sections = view.revision.sections;
  const last = sections[sections.length - 1]!;
  let size = 0;
  for (const num of view.entries.keys()) size = Math.max(size, num + 1);
  const trailerSize = last.trailer.entries.get("Size");
  if (typeof trailerSize === "number") size = Math.max(size, trailerSize);
  return { bytes, view, size, lastXref: last.offset - doc.structure.shift, lastXrefKind: last.kind };
}

/** Options of {@link writeUpdate}. */
export interface UpdateParts {
  /** Objects written in the update, by number. */
  readonly objects: ReadonlyMap<number, TestPdfObject>;
  /** Objects marked free. */
  readonly free?: readonly number[];
  /** Cross-reference style; default: that of the last section. */
  readonly xref?: "table" | "stream";
  /** The catalog's object number (default: the base's `/Root`). */
  readonly root?: number;
  /** Write the file's first section: object 0 free, no `/Prev`. */
  readonly initial?: boolean;
}

/**
 * Appends an incremental update: the objects, a cross-reference section (table or stream) with `/Prev`, the trailer
 * and `%%EOF`.
 *
 * @param base - the PDF extended
 * @param parts - objects, freed numbers and the cross-reference style
 * @returns the new file
 * @example
 * ```ts
 * const next = writeUpdate(await readBase(pdf), { objects: new Map([[3, "<< /Type /Page ... >>"]]) });
 * ```
 */
export function writeUpdate(base: BasePdf, parts: UpdateParts): Uint8Array {
  const chunks: Uint8Array[] = [base.bytes];
  let at = base.bytes.length;
  const push = (b: Uint8Array) => {
    chunks.push(b);
    at += b.length;
  };
  const last = base.bytes[base.bytes.length - 1];
  if (last !== 0x0a && last !== 0x0d) push(latin1Bytes("\n"));
  const offsets = new Map<number, number>();
  let size = base.size;
  for (const [num, body] of [...parts.objects].sort((a, b) => a[0] - b[0])) {
    offsets.set(num, at);
    size = Math.max(size, num + 1);
    if (typeof body === "string") push(latin1Bytes(`${num} 0 obj\n${body}\nendobj\n`));
    else {
      const data = typeof body.data === "string" ? latin1Bytes(body.data) : body.data;
      const dict = body.dict.replace(/>>\s*$/, ` /Length ${data.length} >>`);
      push(latin1Bytes(`${num} 0 obj\n${dict}\nstream\n`));
      push(data);
      push(latin1Bytes("\nendstream\nendobj\n"));
    }
  }
  const root = parts.root ?? (base.view.trailerEntry("Root") as { num: number } | undefined)?.num;
  const info = base.view.trailerEntry("Info");
  const id = base.view.trailerEntry("ID");
  const prev = parts.initial ? "" : ` /Prev ${base.lastXref}`;
  const trailerExtra = `/Root ${root} 0 R${info ? ` /Info ${writeValue(info)}` : ""}${id ? ` /ID ${writeValue(id)}` : ""}${prev}`;
  const kind = parts.xref ?? base.lastXrefKind;
  const entries = new Map<number, { type: 0 | 1; offset: number; gen: number }>();
  if (parts.initial) entries.set(0, { type: 0, offset: 0, gen: 65535 });
  for (const [num, off] of offsets) entries.set(num, { type: 1, offset: off, gen: 0 });
  for (const num of parts.free ?? []) entries.set(num, { type: 0, offset: 0, gen: 1 });
  const xrefAt = at;
  if (kind === "table") {
    let text = "xref\n";
    for (const [start, run] of runs([...entries.keys()])) {
      text += `${start} ${run.length}\n`;
      for (const n of run) {
        const e = entries.get(n)!;
        text += `${String(e.offset).padStart(10, "0")} ${String(e.gen).padStart(5, "0")} ${e.type === 1 ? "n" : "f"}\r\n`;
      }
    }
    push(latin1Bytes(`${text}trailer\n<< /Size ${size} ${trailerExtra} >>\nstartxref\n${xrefAt}\n%%EOF\n`));
  } else {
    const self = size++;
    entries.set(self, { type: 1, offset: xrefAt, gen: 0 });
    const nums = [...entries.keys()].sort((a, b) => a - b);
    const data = new Uint8Array(nums.length * 7);
    nums.forEach((n, i) => {
      const e = entries.get(n)!;
      data.set([e.type, (e.offset >>> 24) & 255, (e.offset >>> 16) & 255, (e.offset >>> 8) & 255, e.offset & 255, (e.gen >> 8) & 255, e.gen & 255], i * 7);
    });
    const index = runs(nums).map(([start, run]) => `${start} ${run.length}`).join(" ");
    push(latin1Bytes(`${self} 0 obj\n<< /Type /XRef /Size ${size} /W [1 4 2] /Index [${index}] ${trailerExtra} /Length ${data.length} >>\nstream\n`));
    push(data);
    push(latin1Bytes(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`));
  }
  return joinBytes(chunks);
}

function runs(nums: readonly number[]): [number, number[]][] {
  const sorted = [...nums].sort((a, b) => a - b);
  const out: [number, number[]][] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && last[1][last[1].length - 1] === n - 1) last[1].push(n);
    else out.push([n, [n]]);
  }
  return out;
}
