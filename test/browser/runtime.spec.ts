// Runs only in the Chromium projects (vitest.config.ts picks up *.test.ts, not *.spec.ts): proof that the verdict
// suite beside it ran in a real Chromium with the browser's own WebCrypto, not in Node with a DOM shim.
import { describe, expect, it } from "vitest";
import { loadTrustList, validate } from "decree130";
import { createTestPki } from "decree130/testing";

describe("the browser suite runs in Chromium", () => {
  it("is a Chromium page in a secure context, with the browser's WebCrypto", () => {
    expect(navigator.userAgent).toMatch(/Chrome\/\d+/);
    expect(typeof window).toBe("object");
    expect(window.isSecureContext).toBe(true);
    expect(crypto.subtle).toBeInstanceOf(SubtleCrypto);
    expect(typeof (globalThis as { Buffer?: unknown }).Buffer).toBe("undefined");
  });

  it("the kit's keys are the browser's CryptoKeys and validate() runs on them", async () => {
    const pki = await createTestPki();
    expect(pki.publicCa.privateKey).toBeInstanceOf(CryptoKey);
    await expect(validate(new Uint8Array(0), { trustList: loadTrustList(pki.trustList) })).rejects.toMatchObject({ code: "INPUT_EMPTY" });
  });
});
