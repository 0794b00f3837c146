/**
 * A path found once is found again for the same inputs without a new search (src/path/found-paths.ts); these tests
 * check that every input the search reads is part of what it is remembered by, and that the parts that depend on time
 * and evidence (revocation of the CAs) are judged anew on every use.
 */
import type { CacheTables } from "../../src/cache/validation-cache.js";
import { describe, expect, it } from "vitest";
import { createKeyCache } from "../../src/cache/key-cache.js";
import { createValidationCache, loadTrustList, validate } from "../../src/index.js";
import { decodeCertificate } from "../../src/model/certificate.js";
import { checkPath } from "../../src/revocation/path-status.js";
import { createCrl, createTestPki, DEFAULT_PKI_SUBJECTS, issueCertificate, revoke, signCms, toPem } from "../../src/testing/index.js";
import { request, trustListOf } from "./helpers.js";

const VALIDITY = { notBefore: "2025-01-01T00:00:00Z", notAfter: "2030-01-01T00:00:00Z" };
const NOW = new Date("2025-06-01T00:00:00Z");

async function governmentWorld() {
  const pki = await createTestPki();
  const signer = await issueCertificate(pki.governmentSubCa, {
    subject: { commonName: "Path Memo Signer", CCCD: "001085000031" },
    crlUrl: "http://crl.example.test/sub.crl",
    ...VALIDITY,
  });
  const content = new TextEncoder().encode("found paths");
  const withChain = await signCms(content, signer, { includeChain: true, signingTime: "2025-05-01T08:00:00Z" });
  const signerOnly = await signCms(content, signer, { includeChain: false, signingTime: "2025-05-01T08:00:00Z" });
  return { pki, signer, content, withChain, signerOnly };
}

/** WebCrypto that counts its `verify` calls. */
function countingCrypto(): { crypto: Crypto; verifies: () => number } {
  const subtle = globalThis.crypto.subtle;
  let n = 0;
  const counted = new Proxy(subtle, {
    get(target, prop) {
      if (prop === "verify") {
        return (...a: Parameters<SubtleCrypto["verify"]>) => {
          n++;
          return subtle.verify(...a);
        };
      }
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === "function" ? (v as (...x: unknown[]) => unknown).bind(target) : v;
    },
  });
  const crypto = { subtle: counted, getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) } as unknown as Crypto;
  return { crypto, verifies: () => n };
}

/** WebCrypto whose `verify` answers `false` for everything. */
function refusingCrypto(): Crypto {
  const subtle = globalThis.crypto.subtle;
  const refusing = new Proxy(subtle, {
    get(target, prop) {
      if (prop === "verify") return () => Promise.resolve(false);
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { subtle: refusing, getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) } as unknown as Crypto;
}

describe("paths found before", () => {
  it("judge the CAs' revocation at each validation's own time, with one shared cache", async () => {
    const w = await governmentWorld();
    // The sub-CA is revoked on 1 March: a signature proven made before then stands; for one proven only by 1 April,
    // nothing shows it was made before the revocation.
    revoke(w.pki.governmentRoot, w.pki.governmentSubCa, { at: "2025-03-01T00:00:00Z", reason: "keyCompromise" });
    const dates = { thisUpdate: "2025-05-25T00:00:00Z", nextUpdate: "2025-06-25T00:00:00Z" };
    const crls = [await createCrl(w.pki.governmentSubCa, dates), await createCrl(w.pki.governmentRoot, dates)];
    const trustList = loadTrustList(w.pki.trustList);
    const cache = createValidationCache();
    const at = async (signingTime: string) =>
      (await validate(w.withChain, { trustList, content: w.content, crls, now: NOW, signingTime: new Date(signingTime), cache }))
        .signatures[0]!;
    const before = await at("2025-02-01T00:00:00Z");
    const after = await at("2025-04-01T00:00:00Z");
    // Made by 30 May at the latest: the CRLs of 25 May cannot tell the sub-CA's status then.
    const late = await at("2025-05-30T00:00:00Z");
    const beforeAgain = await at("2025-02-01T00:00:00Z");
    expect(before.verdict).toBe("SECURE");
    expect(after.verdict).toBe("INDETERMINATE");
    expect(after.conditions.issuerType.code).toBe("CA_REVOKED_NO_POE");
    expect(late.conditions.issuerType.code).toBe("CA_REVOKED_AT_SIGNING"); // the claimed 1 May now stands
    expect(beforeAgain.verdict).toBe("SECURE");
  });

  it("judge whether the CAs' status is known at each validation's own time", async () => {
    const w = await governmentWorld();
    const dates = { thisUpdate: "2025-05-25T00:00:00Z", nextUpdate: "2025-06-25T00:00:00Z" };
    const crls = [await createCrl(w.pki.governmentSubCa, dates), await createCrl(w.pki.governmentRoot, dates)];
    const trustList = loadTrustList(w.pki.trustList);
    const cache = createValidationCache();
    // Validated after the CRLs' nextUpdate: they speak for times up to their thisUpdate only.
    const now = new Date("2025-07-01T00:00:00Z");
    const at = async (signingTime: string) =>
      (await validate(w.withChain, { trustList, content: w.content, crls, now, signingTime: new Date(signingTime), cache }))
        .signatures[0]!;
    expect((await at("2025-05-01T08:00:00Z")).verdict).toBe("SECURE");
    const late = await at("2025-05-30T00:00:00Z");
    expect(late.conditions.issuerType.status).toBe("INDETERMINATE");
    expect((await at("2025-05-01T08:00:00Z")).verdict).toBe("SECURE");
  });

  it("are not reused for another set of candidate certificates", async () => {
    const w = await governmentWorld();
    const trustList = loadTrustList(w.pki.trustList);
    const cache = createValidationCache();
    const options = { trustList, content: w.content, now: NOW, policy: { revocation: "ignore" as const }, cache };
    expect((await validate(w.withChain, options)).signatures[0]!.verdict).toBe("SECURE");
    // The same signing certificate (the same cached object), but the sub-CA's certificate is nowhere to be found.
    const alone = (await validate(w.signerOnly, options)).signatures[0]!;
    expect(alone.verdict).toBe("INDETERMINATE");
    expect(alone.conditions.issuerType.code).toBe("NO_CERTIFICATE_PATH");
  });

  it("are found again for certificates supplied beside the file, which are decoded through the cache too", async () => {
    const w = await governmentWorld();
    const trustList = loadTrustList(w.pki.trustList);
    const { crypto, verifies } = countingCrypto();
    const cache = createValidationCache();
    const options = { trustList, content: w.content, now: NOW, policy: { revocation: "ignore" as const }, cache, crypto };
    const certificates = [w.pki.governmentSubCa.certificate];
    expect((await validate(w.signerOnly, { ...options, certificates })).signatures[0]!.verdict).toBe("SECURE");
    const first = verifies();
    expect(first).toBe(3); // the signature, the signer's certificate, the sub-CA's certificate
    // The embedded signer certificate and the supplied sub-CA certificate, each decoded once into the cache.
    expect((cache as CacheTables).certificates.size).toBe(2);
    // Supplied again as new bytes (DER, then PEM): only the signature itself is verified again.
    const again = [new Uint8Array(w.pki.governmentSubCa.certificate)];
    expect((await validate(w.signerOnly, { ...options, certificates: again })).signatures[0]!.verdict).toBe("SECURE");
    expect(verifies() - first).toBe(1);
    const pem = [toPem(w.pki.governmentSubCa.certificate, "CERTIFICATE")];
    expect((await validate(w.signerOnly, { ...options, certificates: pem })).signatures[0]!.verdict).toBe("SECURE");
    expect(verifies() - first).toBe(2);
    expect((cache as CacheTables).certificates.size).toBe(2);
  });

  it("leave unreadable supplied certificates the same error with a cache as without", async () => {
    const w = await governmentWorld();
    const trustList = loadTrustList(w.pki.trustList);
    const garbage = Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x01, 0xff);
    for (const cache of [undefined, createValidationCache()]) {
      const run = validate(w.signerOnly, { trustList, content: w.content, now: NOW, certificates: [garbage], ...(cache ? { cache } : {}) });
      await expect(run).rejects.toMatchObject({ code: "MALFORMED_CERTIFICATE" });
    }
  });

  it("are not reused under another trust list", async () => {
    const w = await governmentWorld();
    const cache = createValidationCache();
    const options = { content: w.content, now: NOW, policy: { revocation: "ignore" as const }, cache };
    const full = loadTrustList(w.pki.trustList);
    expect((await validate(w.withChain, { ...options, trustList: full })).signatures[0]!.verdict).toBe("SECURE");
    const json = w.pki.trustList;
    const without = loadTrustList({ ...json, providers: json.providers.filter((p) => p.name !== DEFAULT_PKI_SUBJECTS.governmentRoot.commonName) });
    expect(without.anchors.length).toBe(full.anchors.length - 1);
    const report = (await validate(w.withChain, { ...options, trustList: without })).signatures[0]!;
    expect(report.verdict).not.toBe("SECURE");
    expect(report.conditions.issuerType.code).toBe("ISSUER_NOT_RECOGNIZED");
  });

  it("are not reused with another verifier, algorithm policy or profile", async () => {
    const w = await governmentWorld();
    const leaf = decodeCertificate(w.signer.certificate);
    const sub = decodeCertificate(w.pki.governmentSubCa.certificate);
    const root = decodeCertificate(w.pki.governmentRoot.certificate);
    const trustList = trustListOf([root]);
    const keys = createKeyCache();
    const base = request(leaf, [sub], trustList, { env: { crypto: globalThis.crypto, keys } });
    expect((await checkPath(base)).status).toBe("valid");
    // A verifier that refuses every signature is asked itself: the path it judges is not valid.
    const refused = await checkPath({ ...base, env: { crypto: refusingCrypto(), keys: createKeyCache() } });
    expect(refused.status).not.toBe("valid");
    // And the first verifier's path is still found, with the same inputs.
    const again = await checkPath(base);
    expect(again.status).toBe("valid");
    expect(again.status === "valid" && again.path.map((c) => c.subject.key)).toEqual([leaf, sub, root].map((c) => c.subject.key));
    // Other policies and profiles search again, and come to the same valid path here.
    expect((await checkPath({ ...base, algorithms: "strict" })).status).toBe("valid");
    expect((await checkPath({ ...base, profile: "rfc5280-strict" })).status).toBe("valid");
  });

  it("are not reused when the search's budget is smaller", async () => {
    const w = await governmentWorld();
    const leaf = decodeCertificate(w.signer.certificate);
    const sub = decodeCertificate(w.pki.governmentSubCa.certificate);
    const root = decodeCertificate(w.pki.governmentRoot.certificate);
    const base = request(leaf, [sub], trustListOf([root]), { env: { crypto: globalThis.crypto, keys: createKeyCache() } });
    expect((await checkPath(base)).status).toBe("valid");
    const tight = await checkPath({ ...base, budget: { maxDepth: 1, maxCandidates: 10, maxSignatureChecks: 10 } });
    expect(tight.status).toBe("no-path");
  });
});
