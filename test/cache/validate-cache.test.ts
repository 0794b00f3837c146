import type { CacheTables } from "../../src/cache/validation-cache.js";
import { describe, expect, it } from "vitest";
import { createValidationCache, validate, type Report } from "../../src/index.js";
import { issueCertificate, signCms } from "../../src/testing/index.js";
import { cacheWorld, NOW } from "./fixtures.js";

const verdicts = (r: Report): string[] => r.signatures.map((s) => s.verdict);

describe("validate with a shared ValidationCache", () => {
  it("gives exactly the reports a fresh validation gives, good and bad inputs interleaved", async () => {
    const w = await cacheWorld();
    const sequence = [w.good, w.rogue, w.tamperedSignature, w.good2, w.revoked, w.tamperedContent, w.rogue, w.good, w.revoked, w.good2];
    const shared = createValidationCache({ maxKeys: 4, maxCertificates: 8, maxCrls: 2 });
    for (const cms of sequence) {
      const content = cms === w.tamperedContent ? undefined : w.content;
      const base = { trustList: w.trustList, crls: w.crls, now: NOW, ...(content ? { content } : {}) };
      const cached = await validate(cms, { ...base, cache: shared });
      const fresh = await validate(cms, base);
      expect(cached).toEqual(fresh);
    }
  });

  it("never turns a failure into success: bad signatures stay bad after good ones were cached", async () => {
    const w = await cacheWorld();
    const cache = createValidationCache();
    const run = (cms: Uint8Array) => validate(cms, { trustList: w.trustList, content: w.content, crls: w.crls, now: NOW, cache });
    expect(verdicts(await run(w.good))).toEqual(["SECURE"]);
    expect(verdicts(await run(w.rogue))).not.toContain("SECURE");
    expect(verdicts(await run(w.tamperedSignature))).toEqual(["NOT_SECURE"]);
    expect(verdicts(await run(w.revoked))).toEqual(["NOT_SECURE"]);
    expect(verdicts(await run(w.good))).toEqual(["SECURE"]);
    expect(verdicts(await run(w.rogue))).not.toContain("SECURE");
    expect(verdicts(await run(w.tamperedSignature))).toEqual(["NOT_SECURE"]);
    expect(verdicts(await run(w.revoked))).toEqual(["NOT_SECURE"]);
  });

  it("re-reads a CRL whose buffer the caller changed after it was cached", async () => {
    const w = await cacheWorld();
    const cache = createValidationCache();
    const subCrl = w.crls[0]!.slice();
    const crls = [subCrl, w.crls[1]!];
    const first = await validate(w.good, { trustList: w.trustList, content: w.content, crls, now: NOW, cache });
    expect(verdicts(first)).toEqual(["SECURE"]);
    subCrl[subCrl.length - 1]! ^= 0x01; // break the CRL's signature in place
    const second = await validate(w.good, { trustList: w.trustList, content: w.content, crls, now: NOW, cache });
    expect(verdicts(second)).not.toContain("SECURE");
    const evidence = JSON.stringify(second.signatures[0]!.warnings);
    expect(evidence).toContain("EVIDENCE_REJECTED");
  });

  it("re-reads a CRL changed in place in its middle, which its fingerprint does not cover", async () => {
    const w = await cacheWorld();
    const cache = createValidationCache();
    const subCrl = w.crls[0]!.slice();
    expect(subCrl.length).toBeGreaterThan(64 + 256 + 16); // fingerprints hash 64 octets from the start, 256 from the end
    const crls = [subCrl, w.crls[1]!];
    expect(verdicts(await validate(w.good, { trustList: w.trustList, content: w.content, crls, now: NOW, cache }))).toEqual(["SECURE"]);
    subCrl[70]! ^= 0x01; // inside tbsCertList, outside the hashed ends
    const second = await validate(w.good, { trustList: w.trustList, content: w.content, crls, now: NOW, cache });
    expect(verdicts(second)).not.toContain("SECURE");
  });

  it("reuses decoded CRLs and stays within its bounds", async () => {
    const w = await cacheWorld();
    const cache = createValidationCache({ maxKeys: 2, maxCertificates: 3, maxCrls: 1 });
    for (const cms of [w.good, w.good2, w.revoked]) {
      await validate(cms, { trustList: w.trustList, content: w.content, crls: w.crls, now: NOW, cache });
    }
    const tables = cache as CacheTables;
    expect(tables.crls.size).toBe(1);
    expect(tables.certificates.size).toBeLessThanOrEqual(3);
  });

  it("does not remember a certificate or CRL signature check the verifier failed on: a later validation asks again", async () => {
    const w = await cacheWorld();
    const cache = createValidationCache();
    const subtle = globalThis.crypto.subtle;
    let failing = true;
    const flaky = {
      subtle: new Proxy(subtle, {
        get(target, prop) {
          if (prop === "verify") {
            return (...a: Parameters<SubtleCrypto["verify"]>) =>
              failing && (a[3] as Uint8Array)[0] !== 0x31 ? Promise.reject(new Error("engine busy")) : subtle.verify(...a);
          }
          const v: unknown = Reflect.get(target, prop, target);
          return typeof v === "function" ? (v as (...x: unknown[]) => unknown).bind(target) : v;
        },
      }),
      getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto),
    } as unknown as Crypto;
    const base = { trustList: w.trustList, content: w.content, crls: w.crls, now: NOW, cache, crypto: flaky };
    expect(verdicts(await validate(w.good, base))).not.toContain("SECURE");
    failing = false;
    expect(verdicts(await validate(w.good, base))).toEqual(["SECURE"]);
  });

  it("keeps a certificate signature proven under the default policy from passing under algorithms: strict", async () => {
    const w = await cacheWorld();
    // Certified with SHA-1: accepted with a warning by default, refused under "strict".
    const legacy = await issueCertificate(w.subCa, {
      subject: { commonName: "Cache Signer SHA-1", CCCD: "001085000031" },
      notBefore: "2025-01-01T00:00:00Z",
      notAfter: "2030-01-01T00:00:00Z",
      digest: "SHA-1",
    });
    const cms = await signCms(w.content, legacy, { detached: true, includeChain: true, signingTime: "2025-05-01T08:00:00Z" });
    const cache = createValidationCache();
    const base = { trustList: w.trustList, content: w.content, crls: w.crls, now: NOW, cache };
    expect(verdicts(await validate(cms, base))).toEqual(["SECURE"]);
    expect(verdicts(await validate(cms, { ...base, policy: { algorithms: "strict" } }))).not.toContain("SECURE");
    expect(verdicts(await validate(cms, base))).toEqual(["SECURE"]);
  });
});
