// Node's Buffer is a Uint8Array whose `slice` returns a view, not a copy: inputs given as Buffers must come out of a
// validation (and of the testing kit's helpers) exactly as they went in.
import { Buffer } from "node:buffer";
import { describe, expect, it } from "vitest";
import { createValidationCache, validate } from "../../src/index.js";
import { malformSignatureEncoding, parseSignedData, tamperSignature } from "../../src/testing/index.js";
import { cacheWorld, NOW } from "../cache/fixtures.js";

describe("Buffer inputs", () => {
  it("are never written to, and a second validation of the same Buffer gives the same report", async () => {
    const w = await cacheWorld();
    for (const cache of [undefined, createValidationCache()]) {
      const cms = Buffer.from(w.good);
      const crls = w.crls.map((c) => Buffer.from(c));
      const content = Buffer.from(w.content);
      const options = { trustList: w.trustList, content, crls, now: NOW, ...(cache ? { cache } : {}) };
      const first = await validate(cms, options);
      expect(first.signatures.map((s) => s.verdict)).toEqual(["SECURE"]);
      expect(Buffer.compare(cms, Buffer.from(w.good))).toBe(0);
      crls.forEach((c, i) => expect(Buffer.compare(c, Buffer.from(w.crls[i]!))).toBe(0));
      expect(await validate(cms, options)).toEqual(first);
    }
  });

  it("are left as they were by the testing kit's tamper helpers, whose results share no memory with them", async () => {
    const w = await cacheWorld();
    const original = Buffer.from(w.good);
    for (const tamper of [tamperSignature, (b: Uint8Array) => malformSignatureEncoding(b, "trailing-bytes")]) {
      const input = Buffer.from(original);
      const out = tamper(input);
      expect(Buffer.compare(input, original)).toBe(0);
      expect(out.buffer).not.toBe(input.buffer);
    }
    const parts = parseSignedData(Buffer.from(original));
    for (const c of parts.certificates) expect(c.byteOffset === 0 && c.byteLength === c.buffer.byteLength).toBe(true);
  });
});
