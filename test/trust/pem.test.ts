import { describe, expect, it } from "vitest";
import { decodeBase64, decodePem } from "../../src/lib/pem.js";

const bytes = (s: string) => Array.from(new TextEncoder().encode(s));

describe("decodeBase64", () => {
  it("decodes every padding length like RFC 4648 test vectors", () => {
    const vectors: [string, string][] = [["", ""], ["Zg==", "f"], ["Zm8=", "fo"], ["Zm9v", "foo"], ["Zm9vYg==", "foob"], ["Zm9vYmE=", "fooba"], ["Zm9vYmFy", "foobar"]];
    for (const [b64, plain] of vectors) expect(Array.from(decodeBase64(b64))).toEqual(bytes(plain));
  });

  it("skips ASCII whitespace (PEM line breaks)", () => {
    expect(Array.from(decodeBase64(" Zm9v\r\nYmFy\n"))).toEqual(bytes("foobar"));
  });

  it("agrees with Node's decoder on random data", () => {
    for (let n = 0; n < 64; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 31) & 0xff);
      const b64 = Buffer.from(data).toString("base64");
      expect(Array.from(decodeBase64(b64))).toEqual(Array.from(data));
    }
  });

  it.each([
    ["Zm9v!mFy", 'invalid base64 character "!" at offset 4'],
    ["Zm9v-_==", 'invalid base64 character "-" at offset 4'],
    ["Zm9vé", 'invalid base64 character "é" at offset 4'],
    ["Zm9vY", "base64 length is not a multiple of 4 (truncated or unpadded)"],
    ["Zg", "base64 length is not a multiple of 4 (truncated or unpadded)"],
    ["Zg=a", 'base64 data after "=" padding at offset 3'],
    ["Z===", 'base64 has more than two "=" padding characters'],
    ["Zh==", "base64 final group has non-zero unused bits"],
    ["Zm9=", "base64 final group has non-zero unused bits"],
  ])("rejects %j", (input, message) => {
    expect(() => decodeBase64(input)).toThrowError(expect.objectContaining({ code: "INPUT_NOT_RECOGNIZED", message }));
  });
});

describe("decodePem", () => {
  it("returns every block with its label, ignoring text between blocks", () => {
    const text = "explanatory text\n-----BEGIN CERTIFICATE-----\nZm9v\n-----END CERTIFICATE-----\nmore\n-----BEGIN PKCS7-----\nYmFy\n-----END PKCS7-----\n";
    const blocks = decodePem(text);
    expect(blocks.map((b) => b.label)).toEqual(["CERTIFICATE", "PKCS7"]);
    expect(Array.from(blocks[1]!.der)).toEqual(bytes("bar"));
  });

  it("returns no block for text without PEM armour", () => {
    expect(decodePem("just text")).toEqual([]);
  });

  it("rejects an unterminated block, a mismatched END, an empty body and a bad body", () => {
    expect(() => decodePem("-----BEGIN CERTIFICATE-----\nZm9v\n")).toThrowError('PEM block "CERTIFICATE" has no matching END line');
    expect(() => decodePem("-----BEGIN CERTIFICATE-----\nZm9v\n-----END PKCS7-----")).toThrowError('PEM block "CERTIFICATE" has no matching END line');
    expect(() => decodePem("-----BEGIN X-----\n-----END X-----")).toThrowError('PEM block "X" is empty');
    expect(() => decodePem("-----BEGIN X-----\nZm9v*\n-----END X-----")).toThrowError('PEM block "X": invalid base64 character "*" at offset 5');
  });
});

describe("robustness on arbitrary text", () => {
  // Deterministic pseudo-random inputs (xorshift), so a failure reproduces.
  let seed = 0x2f6b1c3d;
  const next = () => ((seed ^= seed << 13), (seed ^= seed >>> 17), (seed ^= seed << 5), seed >>> 0);
  const ALPHA = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\n -*é";
  const pieces = ["-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----", "-----BEGIN X-----", "-----END X-----", "Zm9v", "\n", "=="];

  it("either decodes or throws Decree130Error INPUT_NOT_RECOGNIZED, never anything else", () => {
    for (let round = 0; round < 2000; round++) {
      let text = "";
      const len = next() % 12;
      for (let i = 0; i < len; i++) text += next() % 3 === 0 ? pieces[next() % pieces.length]! : ALPHA[next() % ALPHA.length]!;
      for (const f of [decodeBase64, decodePem] as ((s: string) => unknown)[]) {
        try {
          f(text);
        } catch (err) {
          expect(err, JSON.stringify(text)).toMatchObject({ name: "Decree130Error", code: "INPUT_NOT_RECOGNIZED" });
        }
      }
    }
  });

  it("round-trips whatever it accepts: decoded bytes re-encode to the same base64 (no two encodings for one value)", () => {
    for (let round = 0; round < 2000; round++) {
      let text = "";
      const len = (next() % 4) * 4;
      for (let i = 0; i < len; i++) text += ALPHA[next() % 65]!;
      let bytes: Uint8Array;
      try {
        bytes = decodeBase64(text);
      } catch {
        continue;
      }
      expect(Buffer.from(bytes).toString("base64"), text).toBe(text);
    }
  });
});
