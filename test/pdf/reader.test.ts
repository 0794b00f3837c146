// The PDF reader: tokens, objects, cross-reference tables and streams, object streams, revisions, and what it
// tolerates (with a warning) or refuses (with a typed error).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isDecree130Error } from "../../src/index.js";
import { readPdf } from "../../src/formats/pdf/document.js";
import { Lexer } from "../../src/formats/pdf/lexer.js";
import { DEFAULT_PDF_LIMITS, resolvePdfLimits } from "../../src/formats/pdf/limits.js";
import { get, textOf, type PdfValue } from "../../src/formats/pdf/objects.js";
import { parseIndirectObject, parseValue, type ParseContext } from "../../src/formats/pdf/parser.js";
import { appendIncrementalUpdate, createTestPdf, signPdf } from "../../src/testing/index.js";
import { buildPdf, deflate, MINIMAL } from "./build.js";
import { bytes, pdfKit, SIGNED_AT, text } from "./kit.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/pdf/", import.meta.url));
const warnings: string[] = [];
const ctx: ParseContext = { maxDepth: 8, lengthOf: () => undefined, warn: (w) => warnings.push(w) };
const value = (s: string): PdfValue => parseValue(new Lexer(bytes(s)), ctx);
const read = (pdf: Uint8Array, limits = {}) => readPdf(pdf, resolvePdfLimits(limits));

async function errorCode(p: Promise<unknown> | (() => unknown)): Promise<string | undefined> {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (err) {
    return isDecree130Error(err) ? err.code : `untyped: ${String(err)}`;
  }
  return undefined;
}

describe("tokens and objects", () => {
  it("decodes names with #xx escapes, literal strings with every escape, and odd hex strings", () => {
    expect(value("/A#20B")).toEqual({ kind: "name", value: "A B" });
    const lit = value("(a\\(b\\)\\n\\101\\\nc (nested))");
    expect(textOf(lit)).toBe("a(b)\nAc (nested)");
    const hex = value("<41 42\n4>");
    expect(hex !== null && typeof hex === "object" && hex.kind === "string" && [...hex.bytes]).toEqual([0x41, 0x42, 0x40]);
  });

  it("reads references only as 'n g R', and reals apart from integers", () => {
    expect(value("[1 0 R 1 0 2.5 -.5]")).toEqual({
      kind: "array",
      items: [{ kind: "ref", num: 1, gen: 0 }, 1, 0, { kind: "real", value: 2.5 }, { kind: "real", value: -0.5 }],
    });
  });

  it("skips comments and records keys written twice (keeping the first)", () => {
    const d = value("<< /A 1 % a comment\n /A 2 >>");
    expect(d).toMatchObject({ kind: "dict", duplicates: ["A"] });
    expect(get(d, "A")).toBe(1);
  });

  it("refuses nesting deeper than the budget with PDF_LIMIT_EXCEEDED, and broken syntax with MALFORMED_PDF", async () => {
    expect(await errorCode(() => value("[[[[[[[[[[1]]]]]]]]]]"))).toBe("PDF_LIMIT_EXCEEDED");
    expect(await errorCode(() => value("(unterminated"))).toBe("MALFORMED_PDF");
    expect(await errorCode(() => value("<4G>"))).toBe("MALFORMED_PDF");
    expect(await errorCode(() => value("<< 1 2 >>"))).toBe("MALFORMED_PDF");
  });

  it("takes a stream's data by /Length, and tolerates a wrong /Length with a warning when 'endstream' is found", () => {
    const good = parseIndirectObject(bytes("4 0 obj\n<< /Length 5 >>\nstream\r\nhello\nendstream\nendobj\n"), 0, ctx);
    expect(good.value !== null && typeof good.value === "object" && good.value.kind === "stream" && text(good.value.data)).toBe("hello");
    warnings.length = 0;
    const wrong = parseIndirectObject(bytes("4 0 obj\n<< /Length 99 >>\nstream\nhello world\nendstream\nendobj\n"), 0, ctx);
    expect(wrong.value !== null && typeof wrong.value === "object" && wrong.value.kind === "stream" && text(wrong.value.data)).toBe("hello world");
    expect(warnings.join()).toContain("/Length 99 does not end at 'endstream'");
  });

  it("reads an indirect /Length through the revision", async () => {
    const pdf = buildPdf({ ...MINIMAL, 4: "<< /Length 5 0 R >>\nstream\nBT ET q \nendstream", 5: "8" });
    const doc = await read(pdf);
    const content = doc.final.object(4)!.value;
    expect(content !== null && typeof content === "object" && content.kind === "stream" && text(content.data)).toBe("BT ET q ");
    expect(doc.warnings).toEqual([]);
  });
});

describe("files and cross-reference sections", () => {
  it("refuses bytes without a %PDF- header in the first 1024 bytes, or without a readable cross-reference", async () => {
    expect(await errorCode(read(bytes("hello world")))).toBe("MALFORMED_PDF");
    expect(await errorCode(read(buildPdf(MINIMAL, { prefix: "x".repeat(2000) })))).toBe("MALFORMED_PDF");
    const noXref = bytes(text(buildPdf(MINIMAL)).replace(/startxref\n\d+/, "startxref\n3"));
    expect(await errorCode(read(noXref))).toBe("MALFORMED_PDF");
  });

  it("tolerates garbage before the header, whether offsets count from the file or from the header", async () => {
    for (const offsetsFromHeader of [false, true]) {
      const doc = await read(buildPdf(MINIMAL, { prefix: "garbage\n", offsetsFromHeader }));
      expect(doc.final.catalog()).toBeDefined();
      expect(doc.warnings.join()).toContain("bytes before the %PDF- header");
    }
  });

  it("ends a revision after %%EOF and one optional end-of-line: CRLF, LF, CR or none", async () => {
    for (const eol of ["\r\n", "\n", "\r", ""]) {
      const pdf = buildPdf(MINIMAL, { afterEof: eol });
      const doc = await read(pdf);
      expect(doc.revisions).toHaveLength(1);
      expect(doc.revisions[0]!.end).toBe(pdf.length);
      expect(doc.revisions[0]!.eofEnd).toBe(pdf.length - eol.length);
      expect(doc.structure.trailing).toBeNull();
    }
  });

  it("ignores white-space and NULs after the last revision, and marks anything else as trailing bytes", async () => {
    const pdf = buildPdf(MINIMAL);
    expect((await read(bytes(text(pdf) + "\n\0\0 \r\n"))).structure.trailing).toBeNull();
    const tail = await read(bytes(text(pdf) + "\n1 0 obj << >> endobj"));
    expect(tail.structure.trailing).toEqual({ start: pdf.length + 1, end: pdf.length + 21 });
  });

  it("reads each incremental update as a revision, with the objects of every revision at hand", async () => {
    const { signer } = await pdfKit();
    const base = createTestPdf();
    const signed = await signPdf(base, { signer, signingTime: SIGNED_AT });
    const doc = await read(signed);
    expect(doc.revisions.map((r) => r.end)).toEqual([base.length, signed.length]);
    expect(doc.view(1).object(6)).toBeUndefined(); // the signature dictionary is new in revision 2
    expect(get(doc.view(2).object(6)?.value, "Type")).toEqual({ kind: "name", value: "Sig" });
  });

  it("reads cross-reference streams with PNG predictors", async () => {
    const body = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n";
    const offsets = [0, 9, 58];
    const xrefAt = body.length;
    // Rows (type, offset 2 bytes, gen): 0 65535 free, 1 at 9, 1 at 58, 1 at xrefAt. PNG "Up" filter on every row.
    const rows = [[0, 0, 0, 255], [1, 0, offsets[1]!, 0], [1, 0, offsets[2]!, 0], [1, xrefAt >> 8, xrefAt & 255, 0]];
    const raw: number[] = [];
    let prev = [0, 0, 0, 0];
    for (const r of rows) {
      raw.push(2, ...r.map((b, i) => (b - prev[i]! + 256) & 255));
      prev = r;
    }
    const data = await deflate(new Uint8Array(raw));
    const dict = `<< /Type /XRef /Size 4 /W [1 2 1] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >> /Length ${data.length} >>`;
    const pdf = new Uint8Array([...bytes(`${body}3 0 obj\n${dict}\nstream\n`), ...data, ...bytes(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`)]);
    const doc = await read(pdf);
    expect(doc.revisions[0]!.sections[0]!.kind).toBe("stream");
    expect(get(doc.final.catalog(), "Type")).toEqual({ kind: "name", value: "Catalog" });
  });

  it("reads object streams (qpdf) and the hybrid and linearised layouts into the right revisions", async () => {
    const objstm = await read(new Uint8Array(readFileSync(`${FIXTURES}qpdf-objstm-unsigned.pdf`)));
    const compressed = [...objstm.final.entries.values()].filter((e) => e.type === "compressed");
    expect(compressed.length).toBeGreaterThan(0);
    expect(get(objstm.final.catalog(), "AcroForm")).toBeDefined();
    // qpdf's linearised base keeps its first-page section and main section in one revision; pdfsig's update adds one.
    const lin = await read(new Uint8Array(readFileSync(`${FIXTURES}pdfsig-rsa-linearized.pdf`)));
    expect(lin.revisions).toHaveLength(2);
    expect(lin.revisions[0]!.sections).toHaveLength(2);
  });

  it("reads a hybrid file's /XRefStm: the table wins, the stream supplies compressed objects", async () => {
    const head = "%PDF-1.7\n";
    const o1 = "1 0 obj\n<< /Type /Catalog /Pages 3 0 R >>\nendobj\n";
    const osData = "3 0 << /Type /Pages /Kids [] /Count 0 >>";
    const o2 = `2 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Length ${osData.length} >>\nstream\n${osData}\nendstream\nendobj\n`;
    const at1 = head.length;
    const at2 = at1 + o1.length;
    const xsAt = at2 + o2.length;
    const row = (t: number, a: number, b: number) => String.fromCharCode(t, (a >> 8) & 255, a & 255, b);
    const xsData = row(2, 2, 0);
    const xs = `4 0 obj\n<< /Type /XRef /Size 5 /W [1 2 1] /Index [3 1] /Length ${xsData.length} >>\nstream\n${xsData}\nendstream\nendobj\n`;
    const tableAt = xsAt + xs.length;
    const table = `xref\n0 3\n0000000000 65535 f \n${String(at1).padStart(10, "0")} 00000 n \n${String(at2).padStart(10, "0")} 00000 n \n`;
    const pdf = bytes(`${head}${o1}${o2}${xs}${table}trailer\n<< /Size 5 /Root 1 0 R /XRefStm ${xsAt} >>\nstartxref\n${tableAt}\n%%EOF\n`);
    const doc = await read(pdf);
    expect(doc.final.entries.get(3)).toEqual({ type: "compressed", stream: 2, index: 0 });
    expect(get(doc.final.resolve({ kind: "ref", num: 3, gen: 0 }), "Type")).toEqual({ kind: "name", value: "Pages" });
  });

  it("does not take an object whose cross-reference offset holds another object (strict object numbers)", async () => {
    const pdf = buildPdf(MINIMAL, { offsetOf: { 2: 9 } });
    const doc = await read(pdf);
    expect(doc.final.object(2)?.broken).toMatch(/holds object 1 0/);
    expect(doc.final.resolve({ kind: "ref", num: 2, gen: 0 })).toBeNull();
  });

  it("treats a reference whose generation is not the entry's as null", async () => {
    const doc = await read(buildPdf(MINIMAL));
    expect(doc.final.resolve({ kind: "ref", num: 2, gen: 1 })).toBeNull();
  });

  it("reads a /Prev chain that loops once, with a warning, and does not hang", async () => {
    const pdf = text(buildPdf(MINIMAL));
    const xrefAt = Number(/startxref\n(\d+)/.exec(pdf)![1]);
    const looped = bytes(pdf.replace("/Root 1 0 R", `/Root 1 0 R /Prev ${xrefAt}`));
    const doc = await read(looped);
    expect(doc.revisions).toHaveLength(1);
    expect(doc.warnings.join()).toContain("loops back");
  });
});

describe("budgets", () => {
  it("refuses a file over maxPdfBytes, more revisions than maxRevisions, more entries than maxObjects", async () => {
    const { signer } = await pdfKit();
    const twice = await signPdf(await signPdf(createTestPdf(), { signer }), { signer });
    expect(await errorCode(read(twice, { maxPdfBytes: 1000 }))).toBe("PDF_LIMIT_EXCEEDED");
    expect(await errorCode(read(twice, { maxRevisions: 2 }))).toBe("PDF_LIMIT_EXCEEDED");
    expect(await errorCode(read(twice, { maxObjects: 5 }))).toBe("PDF_LIMIT_EXCEEDED");
    expect(await errorCode(read(twice))).toBeUndefined();
  });

  it("refuses a compression bomb in a cross-reference stream without inflating past the cap", async () => {
    const bomb = await deflate(new Uint8Array(8 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(20_000);
    const head = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
    const dict = `<< /Type /XRef /Size 3 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length ${bomb.length} >>`;
    const pdf = new Uint8Array([...bytes(`${head}2 0 obj\n${dict}\nstream\n`), ...bomb, ...bytes(`\nendstream\nendobj\nstartxref\n${head.length}\n%%EOF\n`)]);
    expect(await errorCode(read(pdf, { maxStreamBytes: 1024 * 1024 }))).toBe("PDF_LIMIT_EXCEEDED");
    expect(await errorCode(read(pdf, { maxDecodedBytes: 2 * 1024 * 1024 }))).toBe("PDF_LIMIT_EXCEEDED");
  });

  it("refuses a cross-reference stream under a filter it does not decode with UNSUPPORTED_PDF", async () => {
    const head = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
    const pdf = bytes(`${head}2 0 obj\n<< /Type /XRef /Size 3 /W [1 4 2] /Root 1 0 R /Filter /LZWDecode /Length 4 >>\nstream\nabcd\nendstream\nendobj\nstartxref\n${head.length}\n%%EOF\n`);
    expect(await errorCode(read(pdf))).toBe("UNSUPPORTED_PDF");
  });

  it("shares the object-visit budget between revisions, so many revisions of a large graph cannot multiply the work", async () => {
    // 24 entries and some 20 objects to visit per revision; maxObjects 40 allows 160 visits in all.
    let pdf = createTestPdf({ pages: 10 });
    const font = { replaceObjects: { 3: "<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>" } };
    for (let i = 0; i < 5; i++) pdf = await appendIncrementalUpdate(pdf, font);
    const { scanPdf } = await import("../../src/formats/pdf/index.js");
    expect((await scanPdf(pdf, { limits: { maxObjects: 40 } })).revisions).toBe(6);
    for (let i = 0; i < 7; i++) pdf = await appendIncrementalUpdate(pdf, font);
    expect(await errorCode(scanPdf(pdf, { limits: { maxObjects: 40 } }))).toBe("PDF_LIMIT_EXCEEDED");
  });

  it("checks the budgets it is given", () => {
    expect(() => resolvePdfLimits({ maxRevisions: 0 })).toThrow(TypeError);
    expect(() => resolvePdfLimits({ maxObjects: 1.5 })).toThrow(TypeError);
    expect(resolvePdfLimits({ maxInputBytes: 5 })).toEqual(DEFAULT_PDF_LIMITS); // a CMS budget, not a PDF one
  });
});
