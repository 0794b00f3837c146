// A document timestamp proves the signatures whose /Contents (the gap of their ByteRange) lies inside one of its ranges.
import { describe, expect, it } from "vitest";
import { coversSignature } from "../../src/formats/pdf/signature-adapter.js";

describe("coversSignature", () => {
  it("covers a signature in an earlier revision, in the timestamp's first range", () => {
    expect(coversSignature([0, 900, 1100, 200], [0, 300, 500, 100])).toBe(true);
  });
  it("covers a /Contents inside the timestamp's second range", () => {
    expect(coversSignature([0, 100, 200, 900], [0, 300, 500, 400])).toBe(true);
  });
  it("does not cover its own gap, a gap that straddles it, or an empty or reversed gap", () => {
    expect(coversSignature([0, 300, 500, 100], [0, 300, 500, 100])).toBe(false);
    expect(coversSignature([0, 400, 600, 400], [0, 300, 500, 100])).toBe(false);
    expect(coversSignature([0, 900, 1100, 200], [0, 300, 300, 100])).toBe(false);
    expect(coversSignature([0, 900, 1100, 200], [0, 300, 200, 100])).toBe(false);
  });
  it("reads the ranges from where they start: a first range that does not start at 0 covers only what it holds", () => {
    expect(coversSignature([400, 500, 1100, 200], [0, 300, 500, 100])).toBe(false);
    // A signature whose first range starts at 200: its gap is [500, 600), inside the timestamp's [400, 1300).
    expect(coversSignature([0, 100, 400, 900], [200, 300, 600, 100])).toBe(true);
  });
  it("needs two ByteRanges of four numbers", () => {
    expect(coversSignature(null, [0, 300, 500, 100])).toBe(false);
    expect(coversSignature([0, 900, 1100], [0, 300, 500, 100])).toBe(false);
  });
});
