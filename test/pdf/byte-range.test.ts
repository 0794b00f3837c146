// Each ByteRange rule of pdf.md, each one broken on its own, and the scope of a signature (revision, whole document).
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { CORPORA } from "../corpora.js";
import { checkOverlap, contentInfoOf } from "../../src/formats/pdf/byte-range.js";
import { createTestPdf, signPdf } from "../../src/testing/index.js";
import { bytes, judge, pdfKit, scan, SIGNED_AT, text } from "./kit.js";

const ATTACKS = `${CORPORA}/suites/pdf-attacks`;
let signed: Uint8Array;
let twice: Uint8Array;

beforeAll(async () => {
  const { signer } = await pdfKit();
  signed = await signPdf(createTestPdf(), { signer, signingTime: SIGNED_AT, location: "Ha Noi" });
  twice = await signPdf(signed, { signer, signingTime: "2025-06-02T08:00:00Z" });
});

/** Rewrites the first signature's /ByteRange array in place (padded to the same length). */
function withByteRange(pdf: Uint8Array, numbers: string): Uint8Array {
  const t = text(pdf);
  const at = t.indexOf("/ByteRange [");
  const end = t.indexOf("]", at) + 1;
  const out = new Uint8Array(pdf);
  out.set(bytes(`/ByteRange [${numbers}]`.padEnd(end - at, " ")), at);
  return out;
}

function byteRangeOf(pdf: Uint8Array): [number, number, number, number] {
  const m = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\s*\]/.exec(text(pdf))!;
  return [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
}

async function rules(pdf: Uint8Array, index = 0): Promise<string[]> {
  return (await scan(pdf)).signatures[index]!.byteRangeProblems.map((b) => b.rule);
}

describe("ByteRange rules, each alone", () => {
  it("a well-formed signature breaks none, covers the whole file and signs the final revision", async () => {
    const s = (await scan(signed)).signatures[0]!;
    expect(s.byteRangeProblems).toEqual([]);
    expect(s.coversWholeDocument).toBe(true);
    expect(s.revision).toBe(2);
    const r = await judge(signed);
    expect(r.signatures[0]!.conditions.keyCorrespondence.code).toBe("SIGNATURE_VALID");
  });

  it("exposes the signed bytes as two views of the input (never copied) and the CMS as a view of the decoded hex", async () => {
    const s = (await scan(signed)).signatures[0]!;
    const [b0, b1] = s.signedBytes!;
    const [, b, c, d] = s.byteRange!;
    expect(b0.buffer).toBe(signed.buffer);
    expect(b1.buffer).toBe(signed.buffer);
    expect([b0.byteOffset, b0.length, b1.byteOffset, b1.length]).toEqual([0, b, c, d]);
    expect(s.cms![0]).toBe(0x30);
  });

  it("missing /ByteRange", async () => {
    expect(await rules(bytes(text(signed).replace("/ByteRange [", "/ByteRangX [")))).toContain("byte-range-missing");
  });

  it.each([
    ["three numbers", "0 10 20", "byte-range-shape"],
    ["a negative number", "0 -10 20 30", "byte-range-shape"],
    ["a real number", "0 10.0 20 30", "byte-range-shape"],
    ["a first range not at 0", "1 B C D", "byte-range-start"],
    ["the second range before the first ends", "0 C B D", "byte-range-order"],
    ["ranges past the end of the file", "0 B C D+1", "byte-range-length"],
    ["an end that is no revision's", "0 B C D-2", "not-revision-end"],
    ["a gap that is not /Contents", "0 B+1 C D-1", "contents-gap"],
  ])("%s", async (_, shape, rule) => {
    const [, b, c, d] = byteRangeOf(signed);
    const numbers = shape
      .replace("D+1", String(d + 1))
      .replace("D-1", String(d - 1))
      .replace("D-2", String(d - 2))
      .replace("B+1", String(b + 1))
      .replace(/\bB\b/, String(b))
      .replace(/\bC\b/, String(c))
      .replace(/\bD\b/, String(d));
    const tampered = withByteRange(signed, numbers);
    expect(await rules(tampered)).toContain(rule);
    const r = await judge(tampered);
    expect(r.signatures[0]!.conditions.keyCorrespondence.code).toBe("BYTE_RANGE_INVALID");
    expect(r.signatures[0]!.conditions.keyCorrespondence.evidence["rules"]).toEqual(expect.arrayContaining([expect.objectContaining({ rule })]));
    expect(r.document.verdict).toBe("NOT_SECURE");
  });

  it("white-space or NUL inside the /Contents hex string (legal hex, but no signer writes it)", async () => {
    for (const c of [" ", "\0"]) {
      const at = text(signed).indexOf("00000000>");
      const pdf = new Uint8Array(signed);
      pdf[at] = c.charCodeAt(0);
      expect(await rules(pdf)).toEqual(["contents-gap"]);
    }
  });

  it("/Contents written twice", async () => {
    expect(await rules(bytes(text(signed).replace("/Location", "/Contents")))).toContain("duplicate-entry");
  });

  it("non-zero bytes after the CMS in /Contents", async () => {
    const { signer } = await pdfKit();
    const { signCms } = await import("../../src/testing/index.js");
    const pdf = await signPdf(createTestPdf(), {
      contents: async (b) => new Uint8Array([...(await signCms(b, signer, { detached: true })), 0, 0, 1]),
    });
    expect(await rules(pdf)).toEqual(["contents-trailing-data"]);
    expect((await judge(pdf)).signatures[0]!.conditions.keyCorrespondence.code).toBe("BYTE_RANGE_INVALID");
  });

  it("zero padding after the CMS is fine, and so is a BER container with indefinite lengths (NSS, Adobe)", () => {
    const ber = new Uint8Array([0x30, 0x80, 0x06, 0x01, 0x2a, 0x00, 0x00, 0, 0, 0]);
    expect(contentInfoOf(ber)).toEqual({ ok: true, cms: ber.subarray(0, 7) });
    expect(contentInfoOf(new Uint8Array([0x30, 0x03, 0x06, 0x01, 0x2a, 0x00, 0x09]))).toMatchObject({ ok: false, problem: "trailing" });
    expect(contentInfoOf(new Uint8Array([0x04, 0x01, 0x00]))).toMatchObject({ ok: false, problem: "malformed" });
  });

  it("a gap of another signature over this one's signed bytes, unless that signature lies wholly before this one's gap", () => {
    const earlier = { gap: { start: 100, end: 200 }, rangeEnd: 300, label: "earlier" };
    expect(checkOverlap([0, 400, 500, 100], [earlier])).toBeUndefined();
    expect(checkOverlap([0, 250, 500, 100], [earlier])?.rule).toBe("gap-overlap");
    expect(checkOverlap([0, 50, 120, 500], [{ gap: { start: 150, end: 160 }, rangeEnd: 700, label: "later" }])?.rule).toBe("gap-overlap");
  });

  it("the esig/dss overlapping ByteRanges file: both signatures break the overlap rule", async () => {
    const s = await scan(new Uint8Array(readFileSync(`${ATTACKS}/dss-pades/pdf-byterange-overlap.pdf`)));
    expect(s.signatures.map((x) => x.byteRangeProblems.some((b) => b.rule === "gap-overlap"))).toEqual([true, true]);
  });

  it("the dictionary that counts is the one in the signature's own revision (esig/dss spoofing file)", async () => {
    const s = await scan(new Uint8Array(readFileSync(`${ATTACKS}/dss-pades/pdf-spoofing-attack.pdf`)));
    const sig2 = s.signatures.find((x) => x.field === "Sig2")!;
    expect(sig2.byteRangeProblems.map((b) => b.rule)).toContain("dictionary-not-in-own-revision");
  });
});

describe("scope", () => {
  it("an earlier signature signs its own revision, not the whole document; each ends a revision", async () => {
    const s = await scan(twice);
    expect(s.signatures.map((x) => [x.revision, x.coversWholeDocument])).toEqual([[2, false], [3, true]]);
    expect(s.signatures.every((x) => x.byteRangeProblems.length === 0)).toBe(true);
  });

  it("accepts a range that ends at %%EOF before its end-of-line, as the revision's end", async () => {
    const [, b, c, d] = byteRangeOf(twice);
    expect(await rules(withByteRange(twice, `0 ${b} ${c} ${d - 1}`))).toEqual([]);
    expect(await rules(withByteRange(twice, `0 ${b} ${c} ${d - 2}`))).toEqual(["not-revision-end"]);
  });
});
