// Properties: random and mutated PDFs give a report or a typed error, never a crash or a hang; and no single-byte
// change, truncation or appended bytes leaves a signed PDF SECURE.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { isDecree130Error } from "../../src/index.js";
import { scanPdf, validatePdf, type PdfReport } from "../../src/formats/pdf/index.js";
import { appendIncrementalUpdate, createTestPdf, signPdf } from "../../src/testing/index.js";
import { fcParams } from "../property/kit.js";
import { bytes, pdfKit, SIGNED_AT } from "./kit.js";

let signed: Uint8Array;
let layered: Uint8Array;

beforeAll(async () => {
  const { signer } = await pdfKit();
  signed = await signPdf(createTestPdf({ textFields: { amount: "100" } }), { signer, signingTime: SIGNED_AT, contentsSize: 2048 });
  layered = await appendIncrementalUpdate(await signPdf(signed, { signer, contentsSize: 2048, xref: "stream" }), { annotation: {} });
});

/** The report, or `"typed"` for a Decree130Error; anything else thrown fails the property. */
async function outcome(pdf: Uint8Array): Promise<PdfReport | "typed"> {
  const { options } = await pdfKit();
  try {
    return await validatePdf(pdf, options);
  } catch (err) {
    if (isDecree130Error(err)) return "typed";
    throw err;
  }
}

const mutate = (pdf: Uint8Array, at: number, value: number): Uint8Array => {
  const out = new Uint8Array(pdf);
  out[at % out.length] = value;
  return out;
};

describe("robustness", () => {
  it("random bytes after a header give a result or a typed error", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (tail) => {
        try {
          await scanPdf(new Uint8Array([...bytes("%PDF-1.7\n"), ...tail]));
        } catch (err) {
          if (!isDecree130Error(err)) throw err;
        }
      }),
      fcParams(200),
    );
  });

  it("random PDF-like token soup gives a result or a typed error", async () => {
    const token = fc.constantFrom("<<", ">>", "[", "]", "/Type", "/Sig", "/ByteRange", "1 0 R", "obj", "endobj", "stream\n", "endstream", "xref", "trailer", "startxref", "%%EOF", "0", "12", "(x)", "<00>", "\n");
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 300 }), async (tokens) => {
        const r = await outcome(bytes(`%PDF-1.7\n${tokens.join(" ")}`));
        expect(r === "typed" || r.document !== undefined).toBe(true);
      }),
      fcParams(200),
    );
  });

  it("a multi-revision PDF with any byte changed gives a result or a typed error", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 0, max: 255 }), async (at, value) => {
        const r = await outcome(mutate(layered, at, value));
        expect(r === "typed" || Array.isArray(r.signatures)).toBe(true);
      }),
      fcParams(200),
    );
  });
});

describe("never SECURE after tampering", () => {
  it("baseline: the untouched file is SECURE", async () => {
    const r = await outcome(signed);
    expect(r !== "typed" && r.document.verdict).toBe("SECURE");
  });

  it("any single signed byte changed", async () => {
    const [, b, c] = (await scanPdf(signed)).signatures[0]!.byteRange!;
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 0, max: 255 }), async (at, value) => {
        const i = at % signed.length;
        fc.pre(signed[i] !== value && (i < b || i >= c));
        const r = await outcome(mutate(signed, i, value));
        expect(r === "typed" || r.document.verdict !== "SECURE").toBe(true);
      }),
      fcParams(300),
    );
  });

  it("a byte of /Contents (the unsigned gap) changed: SECURE only when the CMS read from it is unchanged", async () => {
    const s = (await scanPdf(signed)).signatures[0]!;
    const [, b, c] = s.byteRange!;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: b, max: c - 1 }), fc.integer({ min: 0, max: 255 }), async (i, value) => {
        fc.pre(signed[i] !== value);
        const tampered = mutate(signed, i, value);
        const r = await outcome(tampered);
        if (r !== "typed" && r.document.verdict === "SECURE") {
          expect([...(await scanPdf(tampered)).signatures[0]!.cms!]).toEqual([...s.cms!]);
        }
      }),
      fcParams(200),
    );
  });

  it("truncated anywhere, or with bytes appended", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 64 }), async (cut, tail) => {
        const truncated = await outcome(signed.subarray(0, cut % signed.length));
        expect(truncated === "typed" || truncated.document.verdict !== "SECURE").toBe(true);
        fc.pre(tail.some((b) => ![0, 9, 10, 12, 13, 32].includes(b)));
        const appended = await outcome(new Uint8Array([...signed, ...tail]));
        expect(appended === "typed" || appended.document.verdict !== "SECURE").toBe(true);
      }),
      fcParams(150),
    );
  });
});
