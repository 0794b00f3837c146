import { describe, expect, it } from "vitest";
import { createValidationCache, loadTrustList, validate } from "../../src/index.js";
import { createCrl, createTestPki, issueCertificate, signCms } from "../../src/testing/index.js";

const NOW = new Date("2025-06-01T00:00:00Z");
const DATES = { thisUpdate: "2025-05-25T00:00:00Z", nextUpdate: "2025-06-25T00:00:00Z" };

/** WebCrypto that logs which digests and verifies it is asked for, by input length, in order. */
function loggingCrypto(options: { rejectImports?: boolean } = {}) {
  const subtle = globalThis.crypto.subtle;
  const calls: string[] = [];
  const wrapped = {
    importKey: (...a: Parameters<SubtleCrypto["importKey"]>) =>
      options.rejectImports ? Promise.reject(new Error("engine refused the key")) : subtle.importKey(...a),
    verify: (...a: Parameters<SubtleCrypto["verify"]>) => {
      calls.push(`verify ${(a[3] as Uint8Array).byteLength}`);
      return subtle.verify(...a);
    },
    digest: (...a: Parameters<SubtleCrypto["digest"]>) => {
      calls.push(`digest ${(a[1] as Uint8Array).byteLength}`);
      return subtle.digest(...a);
    },
  };
  const crypto = { subtle: wrapped, getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) } as unknown as Crypto;
  return { crypto, calls };
}

async function world(contentBytes: number) {
  const pki = await createTestPki();
  const signer = await issueCertificate(pki.governmentSubCa, {
    subject: { commonName: "Order Signer", CCCD: "001085000010" },
    notBefore: "2025-01-01T00:00:00Z",
    notAfter: "2030-01-01T00:00:00Z",
  });
  const content = new Uint8Array(contentBytes).map((_, i) => i % 251);
  const cms = await signCms(content, signer, { detached: true, includeChain: true, signingTime: "2025-05-01T08:00:00Z" });
  const crls = [await createCrl(pki.governmentSubCa, DATES), await createCrl(pki.governmentRoot, DATES)];
  return { cms, content, crls, trustList: loadTrustList(pki.trustList) };
}

describe("hashing large content", () => {
  it("asks for the signature check before the content's digest, one-off and with a warm cache, and still judges both", async () => {
    const w = await world(128 * 1024);
    const cache = createValidationCache();
    for (const withCache of [false, true, true]) {
      const { crypto, calls } = loggingCrypto();
      const report = await validate(w.cms, { trustList: w.trustList, content: w.content, crls: w.crls, now: NOW, crypto, ...(withCache ? { cache } : {}) });
      expect(report.signatures[0]!.verdict).toBe("SECURE");
      const digestAt = calls.indexOf(`digest ${w.content.length}`);
      const firstVerify = calls.findIndex((c) => c.startsWith("verify "));
      expect(digestAt).toBeGreaterThan(-1);
      expect(firstVerify).toBeGreaterThan(-1);
      expect(firstVerify).toBeLessThan(digestAt);
    }
  });

  it("still finds a changed byte of large content", async () => {
    const w = await world(128 * 1024);
    const changed = new Uint8Array(w.content);
    changed[70_000] ^= 1;
    const report = await validate(w.cms, { trustList: w.trustList, content: changed, crls: w.crls, now: NOW });
    expect(report.signatures[0]!.verdict).toBe("NOT_SECURE");
    expect(report.signatures[0]!.conditions.keyCorrespondence.code).toBe("HASH_MISMATCH");
  });

  it("fails closed when the signer's key cannot be imported, and the content is still hashed", async () => {
    const w = await world(128 * 1024);
    const { crypto, calls } = loggingCrypto({ rejectImports: true });
    const report = await validate(w.cms, { trustList: w.trustList, content: w.content, crls: w.crls, now: NOW, crypto });
    const k = report.signatures[0]!.conditions.keyCorrespondence;
    expect(k.status).not.toBe("PASSED");
    expect(report.signatures[0]!.verdict).not.toBe("SECURE");
    expect(calls).toContain(`digest ${w.content.length}`);
  });
});
