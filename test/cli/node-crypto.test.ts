import { describe, expect, it } from "vitest";
import { streamingCrypto } from "../../src/cli/node-crypto.js";

describe("the CLI's streaming WebCrypto", () => {
  const data = new Uint8Array(3 * (1 << 20) + 17).map((_, i) => (i * 31) & 0xff);
  const view = data.subarray(5, data.length - 3);
  it.each(["SHA-1", "SHA-256", "SHA-384", "SHA-512"])("%s equals WebCrypto's digest, over a view", async (name) => {
    const expected = new Uint8Array(await globalThis.crypto.subtle.digest(name, view));
    expect(new Uint8Array(await streamingCrypto().subtle.digest(name, view))).toEqual(expected);
    expect(new Uint8Array(await streamingCrypto().subtle.digest({ name }, view))).toEqual(expected);
  });
  it("leaves every other operation to WebCrypto", async () => {
    const c = streamingCrypto();
    const key = await c.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
    const sig = await c.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, key.privateKey, data);
    expect(await c.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key.publicKey, sig, data)).toBe(true);
    await expect(c.subtle.digest("SHA-224", data)).rejects.toThrow();
  });
});
