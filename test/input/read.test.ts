import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readSignatureBytes } from "../../src/formats/cms/read.js";
import { DEFAULT_LIMITS } from "../../src/model/limits.js";
import { isDecree130Error } from "../../src/errors.js";

const fixture = (p: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/openssl/${p}`, import.meta.url)));
const der = fixture("sig/secure-attached-ecdsa.p7s");
const pem = fixture("sig/secure-attached-ecdsa.pem");
// The PEM fixture is its own signing run: its DER is what Node's base64 decoder finds between the armour lines.
const pemDer = new Uint8Array(Buffer.from(new TextDecoder().decode(pem).replace(/-----[^-]+-----/g, ""), "base64"));

describe("readSignatureBytes", () => {
  it("takes DER as is", () => expect(readSignatureBytes(der, DEFAULT_LIMITS)).toBe(der));
  it("reads PEM bytes and PEM text", () => {
    expect(readSignatureBytes(pem, DEFAULT_LIMITS)).toEqual(pemDer);
    expect(readSignatureBytes(new TextDecoder().decode(pem), DEFAULT_LIMITS)).toEqual(pemDer);
  });
  it("reads PEM saved with a UTF-8 byte-order mark", () => {
    expect(readSignatureBytes(Uint8Array.of(0xef, 0xbb, 0xbf, ...pem), DEFAULT_LIMITS)).toEqual(pemDer);
    expect(readSignatureBytes(`\uFEFF${new TextDecoder().decode(pem)}`, DEFAULT_LIMITS)).toEqual(pemDer);
  });
  it("reads bare base64 with line breaks", () => {
    expect(readSignatureBytes(fixture("sig/secure-attached-ecdsa.b64"), DEFAULT_LIMITS)).toEqual(der);
  });
  it.each([
    ["a PEM certificate", "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n", "INPUT_NOT_RECOGNIZED"],
    ["plain text", "hello, world", "INPUT_NOT_RECOGNIZED"],
    ["base64 of something that is not DER", "aGVsbG8=", "INPUT_NOT_RECOGNIZED"],
    ["nothing", "", "INPUT_EMPTY"],
  ])("refuses %s", (_, input, code) => {
    let err: unknown;
    try {
      readSignatureBytes(input, DEFAULT_LIMITS);
    } catch (e) {
      err = e;
    }
    expect(isDecree130Error(err) && err.code).toBe(code);
  });
});
