import { describe, expect, it } from "vitest";
import { encodeBase64, encodeBase64Url } from "../../src/lib/base64.js";

describe("encodeBase64", () => {
  it("matches Node's encoder for every length from 0 to 300 and every byte value", () => {
    let seed = 7;
    for (let len = 0; len <= 300; len++) {
      const bytes = new Uint8Array(len);
      for (let i = 0; i < len; i++) bytes[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
      expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
    }
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(encodeBase64(all)).toBe(Buffer.from(all).toString("base64"));
  });

  it("pads one and two trailing bytes (RFC 4648 §10 vectors)", () => {
    const text = (s: string): string => encodeBase64(new TextEncoder().encode(s));
    expect([text(""), text("f"), text("fo"), text("foo"), text("foob"), text("fooba"), text("foobar")]).toEqual([
      "", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy",
    ]);
  });

  it("reads only the view, not the rest of its buffer", () => {
    const buffer = new Uint8Array([0xff, 1, 2, 3, 0xff]);
    expect(encodeBase64(buffer.subarray(1, 4))).toBe("AQID");
  });
});

describe("encodeBase64Url", () => {
  it("matches Node's base64url encoder (no padding) for every length from 0 to 300", () => {
    let seed = 11;
    for (let len = 0; len <= 300; len++) {
      const bytes = new Uint8Array(len);
      for (let i = 0; i < len; i++) bytes[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
      expect(encodeBase64Url(bytes)).toBe(Buffer.from(bytes).toString("base64url"));
    }
    expect(encodeBase64Url(new Uint8Array([0xfb, 0xff]))).toBe("-_8");
  });
});
