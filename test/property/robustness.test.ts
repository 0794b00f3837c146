// Property: hostile bytes (random, truncated, deeply nested, with huge declared lengths) give a report or a typed
// Decree130Error, never an untyped error and never a hang. The per-run timeout is a hang detector, not a timing assertion.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { fcParams, nested, signedSample, typedOutcome, type Signed } from "./kit.js";

let s: Signed;
beforeAll(async () => {
  s = await signedSample();
});

/** Milliseconds after which one run counts as hung. */
const HANG_MS = 10_000;

describe("hostile input never raises an untyped error nor hangs", () => {
  it("random bytes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (b) => {
        expect(await typedOutcome(b, s.options)).toMatch(/^(report|error:[A-Z_]+)$/);
      }),
      { ...fcParams(200), timeout: HANG_MS },
    );
  });

  it("random bytes behind a SEQUENCE header (so the parser goes past the first byte)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (b) => {
        const framed = Uint8Array.of(0x30, 0x82, b.length >> 8, b.length & 0xff, ...b);
        expect(await typedOutcome(framed, s.options)).toMatch(/^(report|error:[A-Z_]+)$/);
      }),
      { ...fcParams(200), timeout: HANG_MS },
    );
  });

  it("every truncation of a valid signature", async () => {
    for (let n = 0; n < s.cms.length; n++) expect(await typedOutcome(s.cms.subarray(0, n), s.options)).toMatch(/^(report|error:[A-Z_]+)$/);
  });

  it("deep nesting, definite and indefinite length, of every constructed tag the parser meets", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5000 }), fc.constantFrom(0x30, 0x31, 0xa0, 0x24), fc.boolean(), async (depth, tag, indefinite) => {
        const bytes = indefinite
          ? Uint8Array.of(...new Array<number>(depth).fill(0).flatMap(() => [tag, 0x80]), 0x05, 0x00, ...new Array<number>(depth * 2).fill(0))
          : nested(depth, tag);
        expect(await typedOutcome(bytes, s.options)).toMatch(/^(report|error:[A-Z_]+)$/);
      }),
      { ...fcParams(60), timeout: HANG_MS },
    );
  });

  it("huge declared lengths anywhere in a valid signature", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: s.cms.length - 2 }), fc.integer({ min: 1, max: 8 }), async (at, width) => {
        // Replace the byte at `at` with a long-form length of `width` bytes of 0xFF (declared lengths up to 2^64 - 1).
        const m = Uint8Array.of(...s.cms.subarray(0, at), 0x80 | width, ...new Array<number>(width).fill(0xff), ...s.cms.subarray(at + 1));
        expect(await typedOutcome(m, s.options)).toMatch(/^(report|error:[A-Z_]+)$/);
      }),
      { ...fcParams(200), timeout: HANG_MS },
    );
  });

  it("text input: random strings, PEM armour around garbage", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 1024 }), fc.boolean(), async (text, armour) => {
        const input = armour ? `-----BEGIN PKCS7-----\n${text}\n-----END PKCS7-----\n` : text;
        expect(await typedOutcome(input, s.options)).toMatch(/^(report|error:[A-Z_]+)$/);
      }),
      { ...fcParams(200), timeout: HANG_MS },
    );
  });
});
