// The synchronous SHA-256 behind hash-keyed certificate look-ups agrees with WebCrypto on every length around the
// block and padding boundaries, and on random inputs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sha256 } from "../../src/cache/sha256.js";
import { fcParams } from "../property/kit.js";

const webcrypto = async (bytes: Uint8Array): Promise<Uint8Array> => new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));

describe("sha256", () => {
  it("gives the FIPS 180-4 test vectors", () => {
    const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
    expect(hex(sha256(new TextEncoder().encode("abc")))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hex(sha256(new Uint8Array()))).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("agrees with WebCrypto on every length up to three blocks", async () => {
    for (let n = 0; n <= 192; n++) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 7 + n) & 0xff);
      expect(sha256(bytes)).toEqual(await webcrypto(bytes));
    }
  });

  it("agrees with WebCrypto on random inputs", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        expect(sha256(bytes)).toEqual(await webcrypto(bytes));
      }),
      fcParams(100),
    );
  });
});
