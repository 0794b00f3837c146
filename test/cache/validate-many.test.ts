import { describe, expect, it } from "vitest";
import { createValidationCache, Decree130Error, validate, validateMany } from "../../src/index.js";
import { cacheWorld, NOW } from "./fixtures.js";

/** globalThis.crypto with a slowed digest that records how many run at once. */
function gaugedCrypto() {
  let inFlight = 0;
  let peak = 0;
  const subtle = globalThis.crypto.subtle;
  const digest = async (alg: AlgorithmIdentifier, data: BufferSource): Promise<ArrayBuffer> => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    try {
      return await subtle.digest(alg, data);
    } finally {
      inFlight--;
    }
  };
  const wrapped = new Proxy(subtle, {
    get: (t, p) => (p === "digest" ? digest : typeof Reflect.get(t, p) === "function" ? Reflect.get(t, p).bind(t) : Reflect.get(t, p)),
  });
  const crypto = { subtle: wrapped, getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) } as unknown as Crypto;
  return { crypto, peak: () => peak };
}

describe("validateMany", () => {
  it("returns one result per input, in order, equal to validating each alone", async () => {
    const w = await cacheWorld();
    const files = [w.good, w.rogue, w.good2, w.tamperedSignature, w.revoked, w.good];
    const results = await validateMany(
      files.map((input) => ({ input, options: { content: w.content } })),
      { trustList: w.trustList, crls: w.crls, now: NOW, concurrency: 3 },
    );
    expect(results).toHaveLength(files.length);
    for (let i = 0; i < files.length; i++) {
      const alone = await validate(files[i]!, { trustList: w.trustList, content: w.content, crls: w.crls, now: NOW });
      expect(results[i]).toEqual({ ok: true, report: alone });
    }
    expect(results.map((r) => (r.ok ? r.report.signatures[0]!.verdict : "error"))).toEqual([
      "SECURE",
      results[1]!.ok ? results[1]!.report.signatures[0]!.verdict : "error",
      "SECURE",
      "NOT_SECURE",
      "NOT_SECURE",
      "SECURE",
    ]);
    expect(results[1]!.ok && results[1]!.report.signatures[0]!.verdict).not.toBe("SECURE");
  });

  it("keeps at most `concurrency` validations in flight, and does run them concurrently", async () => {
    const w = await cacheWorld();
    const gauge = gaugedCrypto();
    const inputs = Array.from({ length: 12 }, () => ({ input: w.good, options: { content: w.content } }));
    const results = await validateMany(inputs, { trustList: w.trustList, crls: w.crls, now: NOW, concurrency: 4, crypto: gauge.crypto });
    expect(results.every((r) => r.ok && r.report.signatures[0]!.verdict === "SECURE")).toBe(true);
    expect(gauge.peak()).toBeLessThanOrEqual(4);
    expect(gauge.peak()).toBeGreaterThan(1);
  });

  it("reports an unreadable file as that file's error and carries on", async () => {
    const w = await cacheWorld();
    const cache = createValidationCache();
    const results = await validateMany(
      [{ input: w.good, options: { content: w.content } }, { input: new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]) }, { input: w.good2, options: { content: w.content } }],
      { trustList: w.trustList, crls: w.crls, now: NOW, cache },
    );
    expect(results[0]!.ok).toBe(true);
    expect(results[1]!.ok).toBe(false);
    expect(!results[1]!.ok && results[1]!.error).toBeInstanceOf(Decree130Error);
    expect(results[2]!.ok).toBe(true);
  });

  it("refuses a missing trust list and a bad concurrency", async () => {
    const w = await cacheWorld();
    await expect(validateMany([], {} as never)).rejects.toThrow(TypeError);
    for (const concurrency of [0, 1.5, 257, Number.NaN]) {
      await expect(validateMany([], { trustList: w.trustList, concurrency })).rejects.toThrow(TypeError);
    }
    expect(await validateMany([], { trustList: w.trustList })).toEqual([]);
  });
});
