// Each documented limit, enforced at its boundary: at the limit the input is judged, one above it a typed error (or, for
// path building, a `no-path` with "budget exhausted"; for the policy tree, a POLICY_CONSTRAINTS failure) follows.
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, isDecree130Error, loadTrustList, validate, type TrustList, type ValidateOptions } from "../../src/index.js";
import { decodeCertificate } from "../../src/model/certificate.js";
import { checkPath } from "../../src/revocation/path-status.js";
import { DEFAULT_PATH_BUDGET } from "../../src/path/types.js";
import { DEFAULT_MAX_CRL_ENTRIES, decodeCrl } from "../../src/model/crl.js";
import { createKeyCache } from "../../src/cache/key-cache.js";
import { createCrl, createTestPki, issueCertificate, signCms, type TestIdentity, type TestPki } from "../../src/testing/index.js";

const content = new TextEncoder().encode("giới hạn");
const SIGNED_AT = "2025-03-01T10:00:00Z";
let pki: TestPki;
let signer: TestIdentity;
let options: ValidateOptions & { trustList: TrustList };

beforeAll(async () => {
  pki = await createTestPki();
  signer = await issueCertificate(pki.publicCa, { subject: { commonName: "Limits" }, notBefore: "2025-01-01T00:00:00Z", notAfter: "2026-01-01T00:00:00Z" });
  const crl = await createCrl(pki.publicCa, { thisUpdate: "2025-05-31T00:00:00Z", nextUpdate: "2025-06-07T00:00:00Z" });
  options = { trustList: loadTrustList(JSON.stringify(pki.trustList)), crls: [crl], now: new Date("2025-06-01T00:00:00Z") };
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "report";
  } catch (err) {
    return isDecree130Error(err) ? err.code : `untyped: ${String(err)}`;
  }
}

describe("validate() limits (DEFAULT_LIMITS)", () => {
  it("documents its defaults", () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxInputBytes: 32 * 1024 * 1024,
      maxCertificates: 200,
      maxSigners: 64,
      maxRevocationObjects: 64,
      maxPathCandidates: 1000,
      maxPathSignatureChecks: 500,
    });
  });

  it("maxInputBytes: at the size judged, one byte less refused", async () => {
    const cms = await signCms(content, signer, { signingTime: SIGNED_AT });
    expect(await codeOf(validate(cms, { ...options, limits: { maxInputBytes: cms.length } }))).toBe("report");
    expect(await codeOf(validate(cms, { ...options, limits: { maxInputBytes: cms.length - 1 } }))).toBe("INPUT_TOO_LARGE");
  });

  it("maxSigners: two signers judged at 2, refused at 1", async () => {
    const cms = await signCms(content, [signer, signer], { signingTime: SIGNED_AT });
    expect(await codeOf(validate(cms, { ...options, limits: { maxSigners: 2 } }))).toBe("report");
    expect(await codeOf(validate(cms, { ...options, limits: { maxSigners: 1 } }))).toBe("LIMIT_EXCEEDED");
  });

  it("maxCertificates: embedded and supplied certificates count together", async () => {
    const cms = await signCms(content, signer, { signingTime: SIGNED_AT });
    const extra = [pki.publicCa.certificate];
    expect(await codeOf(validate(cms, { ...options, certificates: extra, limits: { maxCertificates: 2 } }))).toBe("report");
    expect(await codeOf(validate(cms, { ...options, certificates: extra, limits: { maxCertificates: 1 } }))).toBe("LIMIT_EXCEEDED");
  });

  it("maxRevocationObjects: CRLs and OCSP responses count together", async () => {
    const cms = await signCms(content, signer, { signingTime: SIGNED_AT });
    const crls = [...options.crls!, ...options.crls!];
    expect(await codeOf(validate(cms, { ...options, crls, limits: { maxRevocationObjects: 2 } }))).toBe("report");
    expect(await codeOf(validate(cms, { ...options, crls, limits: { maxRevocationObjects: 1 } }))).toBe("LIMIT_EXCEEDED");
  });
});

describe("CRL size", () => {
  it("DEFAULT_MAX_CRL_ENTRIES is one million; maxEntries is enforced at its boundary", async () => {
    expect(DEFAULT_MAX_CRL_ENTRIES).toBe(1_000_000);
    const entries = Array.from({ length: 3 }, (_, i) => ({ serial: Uint8Array.of(0x10 + i), at: Date.UTC(2025, 0, 1), reason: "superseded" as const }));
    const der = await createCrl(pki.publicCa, { thisUpdate: "2025-05-31T00:00:00Z", nextUpdate: "2025-06-07T00:00:00Z", entries });
    expect(decodeCrl(der, { maxEntries: 3 }).entries.size).toBe(3);
    expect(await codeOf(Promise.resolve().then(() => decodeCrl(der, { maxEntries: 2 })))).toBe("LIMIT_EXCEEDED");
  });
});

describe("path building budget (DEFAULT_PATH_BUDGET)", () => {
  it("documents its defaults", () => {
    expect(DEFAULT_PATH_BUDGET).toEqual({ maxDepth: 10, maxCandidates: 200, maxSignatureChecks: 100 });
  });

  let govSigner: TestIdentity;
  beforeAll(async () => {
    // Under the Government root through its unlisted sub-CA: a path of three certificates.
    govSigner = await issueCertificate(pki.governmentSubCa, { subject: { commonName: "Depth" }, notBefore: "2025-01-01T00:00:00Z", notAfter: "2026-01-01T00:00:00Z" });
  });

  const req = (budget: { maxDepth: number; maxCandidates: number; maxSignatureChecks: number }) => ({
    leaf: decodeCertificate(govSigner.certificate),
    candidates: [decodeCertificate(pki.governmentSubCa.certificate)],
    trustList: options.trustList,
    service: "signing" as const,
    time: Date.UTC(2025, 5, 1),
    now: Date.UTC(2025, 5, 1),
    revocation: null,
    env: { crypto: globalThis.crypto, keys: createKeyCache() },
    algorithms: "default" as const,
    budget,
  });

  it("maxDepth: leaf, CA and root need 3; at 3 valid, at 2 cut", async () => {
    expect((await checkPath(req({ maxDepth: 3, maxCandidates: 10, maxSignatureChecks: 10 }))).status).toBe("valid");
    const cut = await checkPath(req({ maxDepth: 2, maxCandidates: 10, maxSignatureChecks: 10 }));
    expect(cut.status === "no-path" && cut.detail).toContain("budget exhausted");
  });

  it("maxCandidates and maxSignatureChecks: a budget of nothing ends the search as no-path, never valid", async () => {
    const noCandidates = await checkPath(req({ maxDepth: 10, maxCandidates: 0, maxSignatureChecks: 10 }));
    expect(noCandidates.status === "no-path" && noCandidates.detail).toContain("budget exhausted");
    const noChecks = await checkPath(req({ maxDepth: 10, maxCandidates: 10, maxSignatureChecks: 0 }));
    expect(noChecks.status).not.toBe("valid");
  });
});
