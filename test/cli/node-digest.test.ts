import { describe, expect, it } from "vitest";
import { nodeDigest } from "../../src/cli/node-digest.js";

describe("the CLI's streaming digest", () => {
  const data = new Uint8Array(3 * (1 << 20) + 17).map((_, i) => (i * 31) & 0xff);
  const view = data.subarray(5, data.length - 3);
  it.each(["SHA-1", "SHA-256", "SHA-384", "SHA-512"] as const)("%s equals WebCrypto's digest, over a view and over parts", async (name) => {
    const expected = new Uint8Array(await globalThis.crypto.subtle.digest(name, view));
    expect(await nodeDigest(name, [view])).toEqual(expected);
    // Two byte ranges hashed as if joined, as a PDF signature's are: no copy is made of either.
    expect(await nodeDigest(name, [view.subarray(0, 1_000_003), view.subarray(1_000_003)])).toEqual(expected);
  });
  it("refuses a hash it does not know", async () => {
    await expect(nodeDigest("SHA-224" as "SHA-256", [data])).rejects.toThrow(TypeError);
  });
});
