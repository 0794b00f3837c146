// Property: flipping any bit of what a signature signs (the DLHDon, the SignedInfo, the SignatureValue) never leaves
// keyCorrespondence PASSED; the result is FAILED, or a typed error when the bytes are no longer well-formed XML.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createTestInvoice, signXml } from "decree130/testing";
import { validateXml } from "decree130/xml";
import { isDecree130Error } from "../../src/errors.js";
import { NOW, xmlSigners } from "../xml/helpers.js";

describe("tampering a signed byte of an XML invoice", async () => {
  const s = await xmlSigners();
  const xml = createTestInvoice({
    seller: { name: "TEST Công ty Bán", mst: "0101234567" },
    buyer: { name: "TEST Công ty Mua", mst: "0109876543" },
    lines: [{ name: "Bút bi xanh", quantity: 12, unitPrice: 4500 }],
  });
  const signed = await signXml(xml, s.seller, { role: "seller", signingTime: "2025-06-01T02:00:00Z" });
  const bytes = new TextEncoder().encode(signed);
  const text = new TextDecoder().decode(bytes);
  const byteOffset = (charIndex: number): number => new TextEncoder().encode(text.slice(0, charIndex)).length;
  // The signed data and the signature's own signed parts, as byte ranges.
  const ranges = [
    [byteOffset(text.indexOf("<DLHDon")), byteOffset(text.indexOf("</DLHDon>") + 9)],
    [byteOffset(text.indexOf("<SignedInfo>")), byteOffset(text.indexOf("</SignatureValue>"))],
  ] as const;

  it("the untouched document passes keyCorrespondence", async () => {
    expect((await validateXml(bytes, { now: NOW, trustList: s.trustList })).signatures[0]!.conditions.keyCorrespondence.status).toBe("PASSED");
  });

  it("never yields a PASSED keyCorrespondence after one bit flips", async () => {
    const where = fc.oneof(...ranges.map(([a, b]) => fc.integer({ min: a, max: b - 1 })));
    await fc.assert(
      fc.asyncProperty(where, fc.integer({ min: 0, max: 7 }), async (at, bit) => {
        const copy = bytes.slice();
        copy[at] = copy[at]! ^ (1 << bit);
        try {
          const report = await validateXml(copy, { now: NOW, trustList: s.trustList });
          expect(report.signatures.map((x) => x.conditions.keyCorrespondence.status)).not.toContain("PASSED");
        } catch (err) {
          expect(isDecree130Error(err)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
